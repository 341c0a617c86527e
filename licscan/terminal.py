"""Writing to the user's terminal: safe, encodable, coloured only where colour belongs.

Why each part:

- Text that came from strangers must not drive the terminal. Model cards and license files are
  written by anyone; an ANSI escape sequence in a license name could rewrite the screen or hide
  a failure, so everything untrusted passes through ``safe_for_terminal``.
- Output must never crash on encoding. Windows gives redirected output cp1252, CI images
  sometimes ASCII; a verdict that dies on ``✗`` exits 3 and says nothing. When a stream cannot
  encode the report, the marks become ASCII (``x``, ``->``, ``` `- ```) and anything else it
  cannot carry becomes ``?``: the words, the verdicts and the exit code stay the same.
- Colour only on a terminal, never with ``NO_COLOR`` (https://no-color.org) or ``--no-color``:
  escape codes in a CI log or a redirected file are noise.
- A message must never land on the progress bar's line: the bar is cleared first.
"""

from __future__ import annotations

import os
import re
import sys
from typing import IO, Any, ClassVar

import click

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Longest first: "└─ " must become "`- ", not "`" + "-".
ASCII_MARKS = (
    ("└─", "`-"), ("├─", "|-"), ("│", "|"), ("✗", "x"), ("✓", "v"), ("→", "->"),
    ("←", "<-"), ("·", "-"), ("—", "-"), ("–", "-"), ("…", "..."), ("•", "*"),
)
VERDICT_COLOURS = {"PASS": "green", "WARN": "yellow", "FAIL": "red", "ERROR": "magenta"}


def safe_for_terminal(text: str) -> str:
    """Replace control characters (ESC included) and bidi overrides with visible escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def encodable(text: str, stream: IO[str] | Any) -> str:
    """``text`` as ``stream`` can carry it: ASCII marks, then ``?``, when its encoding cannot."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    except LookupError:  # an encoding name Python does not know: be conservative
        encoding = "ascii"
    for mark, plain in ASCII_MARKS:
        text = text.replace(mark, plain)
    return text.encode(encoding, errors="replace").decode(encoding)


def use_colour(stream: IO[str] | Any, disabled: bool = False) -> bool:
    """Colour only on a terminal, never when disabled or ``NO_COLOR`` is set and not empty."""
    if disabled or os.environ.get("NO_COLOR", "") != "":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def paint_verdicts(text: str) -> str:
    """Colour the verdict word at the start of each line (PASS green, FAIL red...)."""
    def paint(match: re.Match[str]) -> str:
        word = match.group(1)
        return click.style(word, fg=VERDICT_COLOURS[word], bold=True) + match.group(2)

    return re.sub(r"^(PASS|WARN|FAIL|ERROR)(\s)", paint, text, flags=re.MULTILINE)


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` that clears a progress bar first and never fails on the stream's
    encoding."""
    stream = sys.stderr if err else sys.stdout
    ProgressBar.clear_line()
    click.echo(encodable(text, stream), err=err, nl=nl)


class ProgressBar:
    """A one-line progress bar on stderr, only when stderr is a terminal.

    Why a registry of the bar on screen: a note, a warning or a crash message printed while the
    bar is showing would be glued onto its line; ``echo`` clears the line first.
    """

    active: ClassVar[ProgressBar | None] = None
    WIDTH = 30

    def __init__(self, total: int, stream: IO[str] | Any = None) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.stream = stream if stream is not None else sys.stderr
        self.shown = False

    def step(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        filled = int(self.WIDTH * self.done / max(1, self.total))
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total}  {self.failed} failing")
        self.stream.flush()
        self.shown = True
        ProgressBar.active = self

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def close(self) -> None:
        """Leave the final state on its own line, and stop claiming the line."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
        if ProgressBar.active is self:
            ProgressBar.active = None

    @classmethod
    def clear_line(cls) -> None:
        """Clear the bar on screen, if any, so the next message starts on a clean line; the
        bar is redrawn at its next step."""
        if cls.active is not None:
            cls.active.clear()
