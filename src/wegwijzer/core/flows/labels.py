"""Rules a flow's labels and paths must meet so that a person, and a record, can tell them apart.

Labels: an option label or checklist status may not be blank, may hold no line break,
and may not equal another of the same step once invisible characters are removed and
look-alike letters folded ("Ja", "Jа" with a Cyrillic а, "Ja" with a zero-width joiner).

Paths: what a record of any walk can hold (``core.base.limits``): at most ``ACTIONS_MAX``
different actions in the whole flow (so in any outcome), and no path longer than
``PATH_MAX`` steps.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from collections.abc import Mapping

from wegwijzer.core.base.limits import ACTIONS_MAX, PATH_MAX
from wegwijzer.core.base.problems import Problem
from wegwijzer.core.base.text import is_default_ignorable
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, Flow, MultiStep, OutcomeStep

# Letters of other scripts that look like Latin ones in common terminal fonts.
_CONFUSABLE = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ё": "e", "ї": "i",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ζ": "z", "η": "n", "μ": "u",
    # Latin look-alikes
    "ı": "i", "ȷ": "j", "ɑ": "a", "ɡ": "g", "ℓ": "l", "ǀ": "l",
}  # fmt: skip


class _Folding(dict[int, "str | int | None"]):
    """``str.translate``'s table for labels: invisible characters removed, look-alikes
    folded, any other character kept. Filled as characters come: a table with every
    invisible character (4,200) cost a tenth of opening a flow (docs/performance.md)."""

    def __missing__(self, code: int) -> int | None:
        found = None if is_default_ignorable(code) else code
        self[code] = found
        return found


_FOLD = _Folding({ord(letter): latin for letter, latin in _CONFUSABLE.items()})


def label_key(label: str) -> str:
    """What a reader sees of ``label``: compatibility forms, case, look-alikes, spacing folded."""
    if label.isascii():  # nothing to fold but case and spacing (most labels: fast)
        return " ".join(label.casefold().split())
    text = unicodedata.normalize("NFKC", label).translate(_FOLD)
    text = unicodedata.normalize("NFKC", text.casefold()).translate(_FOLD)
    # Combining marks that are invisible on their own are not; accents stay distinct.
    return " ".join(text.split())


def label_problems(
    labels: list[str], name: str, step_id: str, field: str, noun: str = "keuze"
) -> list[Problem]:
    """Blank, multi-line and look-alike labels of one step; ``field`` has a ``{}`` for the index."""
    problems = []
    seen: dict[str, int] = {}
    for index, label in enumerate(labels):
        where = field.format(index)
        key = label_key(label)
        if "\n" in label:
            problems.append(Problem(name, step_id, where, "mag maar één regel zijn"))
        if not key:
            problems.append(Problem(name, step_id, where, f"{noun} is leeg of onzichtbaar"))
        elif key in seen:
            first = labels[seen[key]]
            same = first.strip().casefold() == label.strip().casefold()
            detail = (
                ""
                if same
                else f" (als nummer {seen[key] + 1}, op onzichtbare of gelijkende tekens na)"
            )
            problems.append(Problem(name, step_id, where, f"{noun} komt twee keer voor{detail}"))
        else:
            seen[key] = index
    return problems


def distinct_actions(flow: Flow) -> int:
    """How many different actions any outcome of ``flow`` could list (an upper bound)."""
    texts: set[str] = set()
    opens_checks = False
    for step in flow.steps.values():
        if isinstance(step, ChoiceStep | MultiStep):
            texts.update(action.text for option in step.options for action in option.actions)
        elif isinstance(step, OutcomeStep):
            texts.update(action.text for action in step.actions)
            opens_checks = opens_checks or step.open_checks
    if opens_checks:
        texts.update(step.action for step in flow.steps.values() if isinstance(step, CheckStep))
    return len(texts)


def longest_path(start: str, forward: Mapping[str, list[str]], reached: set[str]) -> int | None:
    """Steps on the longest path from ``start``, or None when the reached steps hold a loop.

    Linear (Kahn's order over the steps reached from the start). A flow with a loop
    has no longest path; the session refuses to go past ``PATH_MAX`` there.
    """
    incoming = dict.fromkeys(reached, 0)
    for step_id in reached:
        for target in forward[step_id]:
            incoming[target] += 1
    depth = dict.fromkeys(reached, 0)
    depth[start] = 1
    ready = deque(step_id for step_id, count in incoming.items() if count == 0)
    done = 0
    while ready:
        step_id = ready.popleft()
        done += 1
        here = depth[step_id] + 1
        for target in forward[step_id]:
            if here > depth[target]:
                depth[target] = here
            incoming[target] -= 1
            if incoming[target] == 0:
                ready.append(target)
    if done < len(reached):
        return None
    return max(depth.values(), default=0)


def path_length_problems(
    start: str, forward: Mapping[str, list[str]], reached: set[str], name: str
) -> list[Problem]:
    """A problem when a path from ``start`` is longer than a record can hold."""
    longest = longest_path(start, forward, reached)
    if longest is None or longest <= PATH_MAX:
        return []
    message = f"het langste pad telt {longest} stappen; een overzicht kan er {PATH_MAX} bevatten"
    return [Problem(name, "", "steps", message)]


def record_limit_problems(flow: Flow, name: str) -> list[Problem]:
    """Whether the actions of every walk fit a record (``core.base.limits``)."""
    actions = distinct_actions(flow)
    if actions <= ACTIONS_MAX:
        return []
    message = f"{actions} verschillende acties; een overzicht kan er {ACTIONS_MAX} bevatten"
    return [Problem(name, "", "steps", message)]
