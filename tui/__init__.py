"""newsmark: read news articles side by side and annotate them."""

__version__ = "0.1.0"
