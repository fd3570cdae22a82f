"""inspector: offline toolkit for supervising future-community projects."""

__version__ = "0.1.0"
