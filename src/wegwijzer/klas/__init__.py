"""The classroom server: exercises in trainees' browsers, results with the trainer.

A front beside ``tui/``: it may import the core and the TUI, never line mode or the commands.
"""
