"""Civicdesk: a public body's official social media, run by its own rules and the law."""

__version__ = "0.1.0"
