"""Provides myrole's modal dialogs; each returns its result with dismiss()."""
