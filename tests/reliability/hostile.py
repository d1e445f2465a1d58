"""Provides hostile text: markup, terminal control, odd Unicode, huge pastes and SQL-looking text."""

from __future__ import annotations

import re

HOSTILE = {
    "bold_markup": "[bold]looks bold?[/bold] [b]b[/b] [red on white]red[/]",
    "unopened_closers": "closing tags [/] and [/bold] and [/link] with nothing opened",
    "click_action": "[@click=app.quit]click me to quit[/] [@click=app.bell]ring[/]",
    "link_markup": "[link=https://evil.example/steal]a link[/link]",
    "csi": "clear \x1b[2J\x1b[H home, ask \x1b[6n, leave \x1b[?1049l the alt screen",
    "osc52_clipboard": "clipboard \x1b]52;c;aGVsbG8gZnJvbSBteXJvbGU=\x07 and \x1b]52;c;Zm9v\x1b\\ set",
    "osc8_hyperlink": "hyperlink \x1b]8;;https://evil.example/x\x1b\\click\x1b]8;;\x1b\\ here",
    "c1_controls": "C1 \x9b31m red \x9d0;a title\x9c \x85 next line \x90dcs\x9c",
    "nul_and_cr": "before\x00after NUL, then\roverwritten by CR, bell\x07, backspace\x08",
    "emoji_joiners": "👩🏽‍⚕️ nurse, 👨‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 🧑🏿‍🦽 chair",
    "combining_marks": "Zalgo Z̷̢͈̓a̵̛͎l̶g̷o̸ and cafe\u0301 and ﷽",
    "right_to_left": "مرحبا، كيف حالك؟ שלום עולם",
    "bidi_overrides": "invoice \u202egnp.exe\u202c and \u2066isolated\u2069 and \u200fmark",
    "sql_looking": "Robert'); DROP TABLE answers; -- \" OR 1=1; /* */",
}
HUGE = {
    "one_megabyte_line": "a" * 1_000_000,
    "hundred_thousand_lines": "\n".join(f"pasted line {n}" for n in range(100_000)),
}
LONE_SURROGATE = "a broken emoji \ud83d here"

# Textual's own output: SGR colours, cursor moves, and its own OSC 8 links (which carry an id=).
TEXTUAL_SEQUENCES = re.compile(r"\x1b\[[0-9;?]*[mHJKhl]|\x1b\]8;id=[^\x1b]*\x1b\\|\x1b\]8;;\x1b\\")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def leaked(terminal_output: str) -> list[str]:
    """Control, C1 and bidi characters left in terminal output once Textual's own sequences are removed."""
    return UNSAFE.findall(TEXTUAL_SEQUENCES.sub("", terminal_output))
