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
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, cast, get_args

from licscan.atomic import replace_file
from licscan.errors import UsageError

if TYPE_CHECKING:
    from licscan.policy.evaluate import Verdict
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
        return renderer(fmt)(self)


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

# The report formats, written down once: the CLI's --format and --output choices and
# ``CheckReport.render`` all read this table. Each entry is a typed function that imports its
# module only when called, so mypy checks every renderer and a text run never loads spdx-tools.
FormatName = Literal["text", "json", "markdown", "sarif", "junit", "spdx", "cyclonedx", "html"]


def _text(report: CheckReport) -> str:
    from licscan.formats.check import render_check_text

    return render_check_text(report.verdicts, report.policy)


def _json(report: CheckReport) -> str:
    from licscan.formats.check import render_check_json

    return render_check_json(report.verdicts, report.policy)


def _markdown(report: CheckReport) -> str:
    from licscan.formats import markdown

    return markdown.render(report)


def _sarif(report: CheckReport) -> str:
    from licscan.formats import sarif

    return sarif.render(report)


def _junit(report: CheckReport) -> str:
    from licscan.formats import junit

    return junit.render(report)


def _spdx(report: CheckReport) -> str:
    from licscan.formats import spdx

    return spdx.render(report)


def _cyclonedx(report: CheckReport) -> str:
    from licscan.formats import cyclonedx

    return cyclonedx.render(report)


def _html(report: CheckReport) -> str:
    from licscan.formats import html

    return html.render(report)


RENDERERS: Mapping[FormatName, Renderer] = MappingProxyType({
    "text": _text, "json": _json, "markdown": _markdown, "sarif": _sarif, "junit": _junit,
    "spdx": _spdx, "cyclonedx": _cyclonedx, "html": _html,
})
REPORT_FORMATS: tuple[FormatName, ...] = get_args(FormatName)


def renderer(name: str) -> Renderer:
    """The renderer of a format the user named; an unknown name is a usage error listing all."""
    if name not in RENDERERS:
        raise UsageError(f"'{name}' is not a report format.",
                         hint=f"Use one of: {', '.join(REPORT_FORMATS)}.")
    return RENDERERS[cast(FormatName, name)]


def parse_output(spec: str) -> tuple[Renderer, Path]:
    """``FORMAT=PATH`` from ``--output``: the renderer to write with, and where."""
    name, sep, path = spec.partition("=")
    if not sep or not path:
        raise UsageError(f"--output '{spec}' is not FORMAT=PATH.",
                         hint=f"For example --output sarif=licscan.sarif; formats: "
                         f"{', '.join(REPORT_FORMATS)}.")
    if name not in RENDERERS:
        raise UsageError(f"--output: '{name}' is not a report format.",
                         hint=f"Use one of: {', '.join(REPORT_FORMATS)}.")
    return RENDERERS[cast(FormatName, name)], Path(path)


def write_atomically(path: Path, text: str) -> None:
    """Write a report so readers never see half of it; a failure is a usage error naming it."""
    try:
        replace_file(path, text.encode("utf-8"), private=False)
    except OSError as exc:
        raise UsageError(f"The report {path} could not be written: {exc.strerror}.",
                         hint="Choose a writable path for --output.") from exc
