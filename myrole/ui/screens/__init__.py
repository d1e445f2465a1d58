"""Provides myrole's full screens."""
