"""One evaluation, rendered many ways: the value every report format is built from.

Why a single value: ``licscan check --format text --output sarif=a.sarif --output junit=b.xml``
must describe the same run in every file. Formats are pure functions of a ``CheckReport`` that
return a string; only the CLI decides where it goes (written atomically).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from licscan.atomic import replace_file
from licscan.errors import UsageError

if TYPE_CHECKING:
    from licscan.model import Verdict
    from licscan.policy.model import Policy


@dataclass(frozen=True)
class Location:
    """Where a model is named in the user's repository (a manifest line, a code reference)."""

    path: str  # relative to the repository root (see ``repo_root``), POSIX separators
    line: int
    column: int = 1
    end_column: int | None = None


@dataclass(frozen=True)
class CheckReport:
    """Everything a report needs: verdicts, the policy, and where each target was named."""

    verdicts: tuple[Verdict, ...]
    policy: Policy
    locations: Mapping[str, Location] = field(default_factory=dict)  # target -> where named
    created: dt.datetime = field(
        default_factory=lambda: dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    fail_on: str = "error"
    durations: Mapping[str, float] = field(default_factory=dict)  # target -> seconds it took
    elapsed: float | None = None  # seconds the whole run took (wall clock)

    @property
    def passed(self) -> bool:
        """True only when there is a verdict and every verdict is ``pass``.

        Stricter than the CLI's default gate (``--fail-on error`` lets ``warn`` through): a
        warning, a failure or a target that could not be evaluated all make this False, and so
        does an empty report, since nothing was judged.
        """
        return bool(self.verdicts) and all(v.status == "pass" for v in self.verdicts)

    def render(self, fmt: str = "text") -> str:
        """This report in one of the CLI's formats (``text``, ``json``, ``sarif``, ...)."""
        from licscan.formats.registry import RENDERERS

        return RENDERERS[format_name(fmt)](self)


Renderer = Callable[[CheckReport], str]


def repo_root(start: Path | None = None) -> Path:
    """The git top level of ``start`` (default: the working directory), else ``start`` itself.

    Why: code scanning resolves result paths against the repository root, whichever subfolder
    licscan ran in. A ``.git`` file (worktrees, submodules) counts like a ``.git`` folder; git
    itself is not run, so a machine without git gets the same answer.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repo_relative(path: Path | str, root: Path | None = None) -> str | None:
    """``path`` (relative to the working directory, or absolute) relative to the repository
    root, with POSIX separators; None when it lies outside the repository."""
    base = root or repo_root()
    try:
        return Path(path).resolve().relative_to(base).as_posix()
    except (ValueError, OSError):
        return None

# The report formats' names, written down once: the CLI's --format and --output choices come
# from here; ``formats/registry.py`` maps each name to its renderer (imported only to render, so
# a run that renders nothing never loads the formats).
FormatName = Literal["text", "json", "markdown", "sarif", "junit", "spdx", "cyclonedx", "html"]
REPORT_FORMATS: tuple[FormatName, ...] = get_args(FormatName)


def format_name(name: str, asked_by: str = "") -> FormatName:
    """``name`` as a format; an unknown one is a usage error that lists them all."""
    for known in REPORT_FORMATS:
        if name == known:
            return known
    raise UsageError(f"{asked_by}'{name}' is not a report format.",
                     hint=f"Use one of: {', '.join(REPORT_FORMATS)}.")


def parse_output(spec: str) -> tuple[FormatName, Path]:
    """``FORMAT=PATH`` from ``--output``: the format to write, and where."""
    name, sep, path = spec.partition("=")
    if not sep or not path:
        raise UsageError(f"--output '{spec}' is not FORMAT=PATH.",
                         hint=f"For example --output sarif=licscan.sarif; formats: "
                         f"{', '.join(REPORT_FORMATS)}.")
    return format_name(name, "--output: "), Path(path)


def write_atomically(path: Path, text: str) -> None:
    """Write a report so readers never see half of it; a failure is a usage error naming it."""
    try:
        replace_file(path, text.encode("utf-8"), private=False)
    except OSError as exc:
        raise UsageError(f"The report {path} could not be written: {exc.strerror}.",
                         hint="Choose a writable path for --output.") from exc
