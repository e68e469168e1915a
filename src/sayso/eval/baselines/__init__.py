"""Baselines (eval only, not what ingest runs): the trained stance classifier and
the TF-IDF / e5 / hybrid claim matcher evaluated before ``sayso eval`` scored the
shipped code. Reached with ``sayso eval stance --baseline`` and
``sayso eval claim-matching --baseline tfidf|e5|hybrid``; nothing outside
:mod:`sayso.eval` and :mod:`sayso.cli` imports them.
"""
