"""Assistants that point the analyst at what matters; offline rules, no textual import."""

from tui.core.assist.models import Piece, QuoteSuggestion
from tui.core.assist.quotes import suggest_quotes

__all__ = ["Piece", "QuoteSuggestion", "suggest_quotes"]
