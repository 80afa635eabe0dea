"""Suggestions: quotes, claims and contradictions found by rules, offline."""
