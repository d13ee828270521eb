"""Hook for training exercises (flows/oefeningen/*.toml).

The home screen lists what ``find_exercises`` returns and hides the section while the
list is empty; choosing one starts its flow in mode "oefening", which every screen
marks with a plain OEFENING label. The training engineer replaces the body of
``find_exercises`` (and may add scoring through ``build_record(extra=...)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from wegwijzer.core.catalog import Catalog
from wegwijzer.core.check import LoadedFlow


@dataclass(frozen=True)
class Exercise:
    title: str
    summary: str
    loaded: LoadedFlow


def find_exercises(catalog: Catalog) -> list[Exercise]:
    """The exercises to offer on the home screen; none yet."""
    return []
