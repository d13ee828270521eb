"""Dutch wording that the TUI and line mode both use for training: moments, numbers, scores."""

from __future__ import annotations

MODE_LABELS = {
    "direct": "Direct na elke keuze",
    "achteraf": "Achteraf, in de nabespreking",
}


def number(value: float) -> str:
    """A score the Dutch way: 5, 5,5."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def of_points(points: float, maximum: int) -> str:
    """'2 van 3 punten', '0 van 1 punt'."""
    return f"{number(points)} van {maximum} {'punt' if maximum == 1 else 'punten'}"


def score_text(points: float, maximum: int, percentage: float) -> str:
    return f"{of_points(points, maximum)} ({number(percentage)} %)"
