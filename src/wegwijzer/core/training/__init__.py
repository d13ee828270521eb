"""Training: exercises, their scoring, a training run and the trainer's summary.
May import ``core.base``, ``core.flows``, ``core.walk``, ``core.records`` (a result is a record).
"""
