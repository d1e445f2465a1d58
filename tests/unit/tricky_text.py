"""Provides text that every fast path must notice: the characters each one looks for, and plain letters."""

from __future__ import annotations

TRICKY = ("abc dob DOB Date of Birth born on 1 \t\n\r\x0b\x0c\x1c\x85\u2028\u2029\x00\x1b\x7f\x9f"
          "\u200e\u202e\u2066\u061c\ud800#*_`[]<>|~$&;%\\-+=:.)0123456789 \"'{}é’😀")
