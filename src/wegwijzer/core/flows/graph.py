"""A flow as a Mermaid flowchart: one node per step, one edge per choice option.

Pure: no I/O. Every label goes through ``_label``, which replaces each character that
could end a Mermaid string or start markup (quotes, brackets, pipes, ``#``, ``<``,
backticks) by a Mermaid entity code, so text from a flow file can never break the
diagram. Node ids are made up here (``s1``, ``s2``…) because a step id such as
``end`` or one with odd characters would otherwise be read as Mermaid syntax.
"""

from __future__ import annotations

from wegwijzer.core.base.text import clean, normalise_space
from wegwijzer.core.flows.flow import (
    CheckStep,
    ChoiceStep,
    Flow,
    InfoStep,
    MultiStep,
    OutcomeStep,
    Step,
)

NODE_WIDTH = 60
EDGE_WIDTH = 32

# Characters that mean something to Mermaid even inside a quoted label.
_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "[": "#91;",
    "]": "#93;",
    "(": "#40;",
    ")": "#41;",
    "{": "#123;",
    "}": "#125;",
    "|": "#124;",
    "`": "#96;",
    "\\": "#92;",
}
_TABLE = str.maketrans(_ENTITIES)

# Node shape per kind of step: (opening, closing). Outcomes get the stadium shape.
_SHAPES: dict[type[Step], tuple[str, str]] = {
    InfoStep: ('["', '"]'),
    ChoiceStep: ('{{"', '"}}'),
    MultiStep: ('[["', '"]]'),
    CheckStep: ('[/"', '"/]'),
    OutcomeStep: ('(["', '"])'),
}


def shorten(text: str, width: int) -> str:
    """One line, cut at a word boundary to at most ``width`` characters (with "…")."""
    line = normalise_space(clean(text))
    if len(line) <= width:
        return line
    cut = line[: width - 1].rsplit(" ", 1)[0] or line[: width - 1]
    return cut.rstrip(" ,;:.") + "…"


def _label(text: str) -> str:
    return text.translate(_TABLE)


def _node(node_id: str, step_id: str, step: Step) -> str:
    opening, closing = _SHAPES[type(step)]
    label = (
        _label(shorten(step_id, NODE_WIDTH)) + "<br/>" + _label(shorten(step.prompt, NODE_WIDTH))
    )
    return f"    {node_id}{opening}{label}{closing}"


def to_mermaid(flow: Flow) -> str:
    """The flow as a Mermaid ``flowchart TD``, ending in a newline."""
    ids = {step_id: f"s{number}" for number, step_id in enumerate(flow.steps, start=1)}
    lines = ["flowchart TD"]
    for step_id, step in flow.steps.items():
        lines.append(_node(ids[step_id], step_id, step))
    missing: dict[str, str] = {}

    def target(step_id: str) -> str:
        # A target that does not exist (an unchecked flow) still gets a safe node id.
        if step_id in ids:
            return ids[step_id]
        return missing.setdefault(step_id, f"x{len(missing) + 1}")

    edges = []
    for step_id, step in flow.steps.items():
        source = ids[step_id]
        if isinstance(step, ChoiceStep):
            for option in step.options:
                label = _label(shorten(option.label, EDGE_WIDTH))
                edges.append(f'    {source} -->|"{label}"| {target(option.next)}')
        elif isinstance(step, MultiStep | CheckStep | InfoStep):
            edges.append(f"    {source} --> {target(step.next)}")
    for step_id, node_id in missing.items():
        lines.append(f'    {node_id}["{_label(shorten(step_id, NODE_WIDTH))}<br/>ontbreekt"]')
    lines += edges
    outcomes = [ids[s] for s, step in flow.steps.items() if isinstance(step, OutcomeStep)]
    lines.append("    classDef outcome stroke-width:3px")
    if outcomes:
        lines.append(f"    class {','.join(outcomes)} outcome")
    if flow.start in ids:
        lines.append("    classDef start stroke-dasharray:4 2")
        lines.append(f"    class {ids[flow.start]} start")
    return "\n".join(lines) + "\n"
