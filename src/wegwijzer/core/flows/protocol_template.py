"""The empty file ``wegwijzer protocol init`` writes: every silent topic, explained in Dutch.

Values are written by tomli-w, so whatever an organisation's name holds, the file
stays valid TOML and the name stays one string.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import tomli_w

from wegwijzer.core.base.text import clean

_HEAD = """\
# Eigen protocol voor de wegwijzer
#
# De wegwijzer rust op één bron: de antwoorden van 25 mei 2020 op Kamervragen over
# 'Meisjes in de gevarenzone'. Over een aantal onderwerpen zegt die bron niets; de
# stappen zeggen dan "volg het protocol van uw eigen organisatie". In dit bestand
# schrijft uw organisatie dat protocol op, per onderwerp. De wegwijzer toont het bij
# die stappen in een eigen kader, met de kop "Eigen protocol van … — niet uit de bron",
# en nooit tussen de tekst of de acties van de bron.
#
# Zo werkt het:
# - Vul hieronder de naam van uw organisatie in, de datum van vaststelling, de datum
#   waarop het protocol opnieuw bekeken wordt, en wie het bijhoudt (een rol, geen naam).
# - Schrijf per onderwerp in 'text' kort wat een medewerker doet. Een onderwerp met een
#   lege 'text' wordt niet getoond.
# - Contactregels zijn optioneel: een omschrijving ('label') en een waarde ('value'),
#   allebei gewone tekst. Niets wordt aanklikbaar en de wegwijzer belt of opent niets.
# - Verwijzingen naar de bron ('cites') kunnen hier niet: dit is geen bron.
# - Controleer het bestand met: wegwijzer protocol check BESTAND
#
# Een ingevuld onderwerp ziet er bijvoorbeeld zo uit (met uw eigen gegevens op de
# plaats van wat tussen < > staat):
#
#   [entries.direct-gevaar]
#   text = "Bel direct de bereikbaarheidsdienst van <afdeling>; meld het daarna aan <rol>."
#   contacts = [
#     { label = "Bereikbaarheidsdienst", value = "<telefoonnummer>" },
#   ]
#
# Meer uitleg: docs/protocol.md.

schema = 1
"""

_TOPIC = """
# ── Onderwerp '{topic}'
# Hierover zegt de bron niets: {label}.
# Wat doet een medewerker van uw organisatie dan?
[entries.{topic}]
text = ""
"""


def a_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def template_text(
    topics: Mapping[str, str],
    *,
    today: dt.date,
    organisation: str = "",
    maintainer: str = "",
) -> str:
    """The commented template with every topic in ``topics`` (id -> label), all empty."""
    header = {
        "organisation": clean(organisation, limit=120).strip(),
        "adopted": today,
        "review_by": a_year_later(today),
        "maintainer": clean(maintainer, limit=120).strip(),
    }
    fields = tomli_w.dumps(header).splitlines()
    comments = {
        "organisation": "  # de naam van uw organisatie of team",
        "adopted": "  # de datum waarop het protocol is vastgesteld (jjjj-mm-dd)",
        "review_by": "  # uiterlijk dan wordt het opnieuw bekeken; daarna waarschuwt de wegwijzer",
        "maintainer": "  # wie het bijhoudt: een rol, geen naam (bijv. aandachtsfunctionaris)",
    }
    lines = [line + comments.get(line.split(" ", 1)[0], "") for line in fields]
    parts = [_HEAD, "\n".join(lines), "\n"]
    for topic, label in topics.items():
        parts.append(_TOPIC.format(topic=topic, label=clean(label)))
    return "".join(parts)
