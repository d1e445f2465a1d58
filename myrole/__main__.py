"""Provides `python -m myrole`."""

from myrole.entry import main

main()
