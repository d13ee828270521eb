"""The pages a trainee's browser gets: the access code form, the terminal, a refusal.

Our own HTML, not textual-serve's stock page: it names no font or file outside this
server (the stock page loads a web font from outside), speaks Dutch and runs no inline
script. Every value put in is escaped; the Content-Security-Policy allows this server
alone.
"""

from __future__ import annotations

from html import escape

# 'self' covers the websocket to this server too (CSP level 3).
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "font-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # "no-referrer" makes a form post say Origin: null
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

FONT = "RobotoMono-VariableFont_wght.ttf"

_STYLE = f"""
@font-face {{
  font-family: "Roboto Mono";
  src: url("/static/fonts/{FONT}") format("truetype");
  font-weight: 100 700;
}}
html, body {{ margin: 0; height: 100%; background: #0c181f; color: #f2f2f2;
  font-family: "Roboto Mono", monospace; }}
main.kaart {{ max-width: 36rem; margin: 10vh auto; padding: 2rem; background: #12232d; }}
h1 {{ font-size: 1.4rem; margin-top: 0; }}
label {{ display: block; margin: 1rem 0 .5rem; }}
input {{ font: inherit; font-size: 1.6rem; letter-spacing: .2em; width: 12ch; padding: .3rem; }}
button, a.knop {{ font: inherit; margin-top: 1rem; padding: .6rem 1.4rem; border: none;
  background: #2f6f9f; color: #fff; cursor: pointer; text-decoration: none;
  display: inline-block; }}
p.fout {{ color: #ffb4a8; font-weight: bold; }}
#terminal {{ position: absolute; inset: 0; }}
.melding {{ display: none; position: absolute; inset: 0; z-index: 10; background: #0c181f; }}
body.-closed .melding {{ display: block; }}
body:not(.-first-byte) .laden {{ display: block; }}
body.-first-byte .laden, body.-closed .laden {{ display: none; }}
"""


def _document(title: str, body: str, *, head: str = "", body_class: str = "") -> str:
    klass = f' class="{escape(body_class)}"' if body_class else ""
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="same-origin">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n{head}</head>\n"
        f"<body{klass}>\n{body}\n</body>\n</html>\n"
    )


def code_page(message: str = "") -> str:
    """The form that asks for the access code; ``message`` says why it asks again."""
    error = f'<p class="fout" role="alert">{escape(message)}</p>' if message else ""
    body = (
        '<main class="kaart">\n<h1>Wegwijzer — oefenen in de klas</h1>\n'
        "<p>Vul de toegangscode in die de trainer laat zien.</p>\n"
        f"{error}\n"
        '<form method="post" action="/toegang">\n'
        '<label for="code">Toegangscode</label>\n'
        '<input id="code" name="code" autocomplete="off" autocapitalize="characters" '
        'spellcheck="false" maxlength="12" required autofocus>\n'
        '<br><button type="submit">Verder</button>\n</form>\n</main>'
    )
    return _document("Wegwijzer — toegangscode", body)


def refusal_page(title: str, message: str) -> str:
    """A page that says why there is no session (the class is full, it has ended)."""
    body = (
        f'<main class="kaart">\n<h1>{escape(title)}</h1>\n<p>{escape(message)}</p>\n'
        '<a class="knop" href="/">Opnieuw proberen</a>\n</main>'
    )
    return _document(f"Wegwijzer — {title}", body)


def terminal_page(websocket_url: str, font_size: int = 16) -> str:
    """The page that runs textual-serve's bundled terminal against ``websocket_url``."""
    head = (
        '<link rel="stylesheet" href="/static/css/xterm.css">\n'
        '<script src="/static/js/textual.js"></script>\n'
    )
    body = (
        '<div class="melding laden"><main class="kaart"><p>Verbinden…</p></main></div>\n'
        '<div class="melding gesloten"><main class="kaart">\n'
        "<h1>Sessie beëindigd</h1>\n"
        "<p>Deze oefensessie is gestopt. Uw afgeronde oefeningen staan bij de trainer.</p>\n"
        '<a class="knop" href="/">Opnieuw beginnen</a>\n</main></div>\n'
        f'<div id="terminal" class="textual-terminal" '
        f'data-session-websocket-url="{escape(websocket_url)}" '
        f'data-font-size="{int(font_size)}"></div>'
    )
    return _document("Wegwijzer — oefenen", body, head=head)
