"""Provides the Textual user interface; nothing outside this package imports Textual."""
