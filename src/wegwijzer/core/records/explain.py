"""The words that make a record file explain itself to a person who opens it in an editor.

A Dutch comment block on top (what the file is, the source and its date, how to
read, open and verify it, that it concerns a minor and where it belongs) and the
citations in words beside each list of them. TOML readers skip comments, so none
of this changes what ``verify`` or ``open`` read; it only depends on the record's
data and its source, so the same session still gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.source import Source, cites_label


def _source_line(data: Mapping[str, Any], source: Source | None) -> list[str]:
    if source is None:
        name = clean(str(data.get("source", "")), limit=64).strip()
        return [f"Bron: '{name}' (zie 'wegwijzer sources'); latere wijzigingen staan er niet in."]
    return [
        f"Bron: {clean(source.title).strip()},",
        f"{clean(source.answered_by).strip()}, {source.received_label}.",
        f"Wat na {source.received_label} is veranderd, staat er niet in.",
    ]


def file_header(data: Mapping[str, Any], source: Source | None) -> str:
    """The comment block at the top of a record file, one '# ' line at a time."""
    lines = [
        "Overzicht van een doorlopen stappenplan uit wegwijzer.",
        "Het legt vast welke vragen zijn beantwoord, met de notities, en welke acties",
        "wegwijzer aanbeveelt; bij elke stap en actie staan de antwoorden uit de bron",
        'waarop ze rusten ("4.2" is antwoord 4, alinea 2).',
    ]
    if data.get("mode") == "oefening":
        lines.append("Dit is een oefening, geen echte casus.")
    lines += ["", *_source_line(data, source), ""]
    if data.get("protocol"):
        organisation = clean(str(data["protocol"].get("organisation", "")), limit=120).strip()
        lines += [
            f"Gemaakt met het eigen protocol van {organisation}. Die tekst staat",
            "apart onder [protocol] en [[protocol_entries]]: het komt niet uit de bron.",
            "",
        ]
    lines += [
        "Lezen of printen:     wegwijzer open BESTAND --markdown > overzicht.md",
        "Openen of verder:     wegwijzer open BESTAND",
        "Controleren:          wegwijzer verify BESTAND",
        "",
        "Dit bestand gaat over een minderjarige en bevat gevoelige gegevens. Het hoort",
        "in het zaaksysteem van uw organisatie; niet op het bureaublad, in",
        "een gedeelde map, in een e-mail of op een usb-stick. Verwijder het daarna.",
        "Pas het niet met de hand aan; 'wegwijzer verify' controleert of het nog klopt.",
        "De velden hieronder zijn voor het programma; docs/records.md legt ze uit.",
    ]
    return "".join(f"# {line}".rstrip() + "\n" for line in lines) + "\n"


def citations_comment(citations: list[str]) -> str:
    """'# antwoord 4, alinea 1; antwoord 7' above a list of citations, or '' when it is empty."""
    words = cites_label(citations)
    return f"# {words}\n" if words else ""
