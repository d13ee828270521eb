"""Benchmarks of the wegwijzer against baselines measured in the same run (``make bench``)."""
