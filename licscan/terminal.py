"""Text that came from strangers must not drive the user's terminal.

Why: model cards and license files are written by anyone; an ANSI escape sequence in a license
name could rewrite the screen or hide a failure. Everything untrusted passes through here on its
way to a terminal or a log line.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_for_terminal(text: str) -> str:
    """Replace control characters (ESC included) and bidi overrides with visible escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
