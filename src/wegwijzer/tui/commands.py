"""The command palette (Ctrl+P): open a flow, export, the source, the theme — in Dutch.

Textual parses a hit's help text as markup, so help texts here are fixed Dutch
sentences; anything from a flow file only ever appears in the prompt, as Content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


@dataclass(frozen=True)
class PaletteCommand:
    title: Content
    help: str  # fixed text only: the palette renders it as markup
    run: Callable[[], object]


class CommandHost(Protocol):
    def palette_commands(self) -> list[PaletteCommand]: ...


class WegwijzerCommands(Provider):
    def _commands(self) -> list[PaletteCommand]:
        return cast(CommandHost, self.app).palette_commands()

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title.plain)
            if score > 0:
                # Not matcher.highlight(): it parses the title as markup.
                yield Hit(score, command.title, command.run, help=command.help)
