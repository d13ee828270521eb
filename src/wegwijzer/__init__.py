"""wegwijzer: a terminal guide built on the answers of 25 May 2020 (Meisjes in de gevarenzone)."""

__version__ = "0.1.0"
