"""Records: the exported overview's format, resume, verify, drafts, export and the privacy scan.
May import ``core.base``, ``core.flows`` and ``core.walk``.
"""
