"""The base: reading TOML within limits, the one text sanitiser, problems, the clock, atomic writes.
Imports nothing of wegwijzer outside ``core.base``.
"""
