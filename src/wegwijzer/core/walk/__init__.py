"""The walk: the session engine that moves through a checked flow, answer by answer.
May import ``core.base`` and ``core.flows``.
"""
