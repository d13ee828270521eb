"""Flows: the source document, the flow model, the checker, the graph, the cache, the catalog.
May import ``core.base``.
"""
