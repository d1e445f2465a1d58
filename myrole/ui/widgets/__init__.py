"""Provides myrole's reusable widgets."""
