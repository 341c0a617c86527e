"""Running the real CLI from tests: in this process (the default) or in a subprocess.

Why in-process by default: a fresh ``python -m licscan`` pays the interpreter, the imports and
the index load on every call; hundreds of CLI tests each paying that made the suite take many
minutes. ``run_cli`` calls ``licscan.cli.main(argv)`` here instead, with what a subprocess gives
a program (its own environment, working directory, stdin, stdout and stderr) swapped in for the
call and restored afterwards. licscan reads every Hub setting from the environment at call time
(licscan/sources/hubconfig.py), so ``HF_ENDPOINT`` and friends in ``env`` take effect in-process.

Why ``run_cli_subprocess`` still exists: some things only a real process shows (the installed
console script, pre-commit, signals, the interpreter's own stream encoding, settings
huggingface_hub fixes at import such as ``HF_HUB_DOWNLOAD_TIMEOUT``). Tests that need one say
why at the call.
"""

from __future__ import annotations

import io
import locale
import logging
import os
import signal
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = REPO / ".pytest_cache" / "licscan-cache"


@dataclass(frozen=True)
class Run:
    """What one CLI invocation printed and returned."""

    code: int
    out: str
    err: str


def _environment(env: Mapping[str, str] | None) -> dict[str, str]:
    full_env = dict(os.environ if env is None else env)
    full_env.setdefault("LICSCAN_CACHE_DIR", str(DEFAULT_CACHE))
    return full_env


def run_cli_subprocess(*args: str, env: Mapping[str, str] | None = None,
                       cwd: Path | None = None, timeout: float = 120,
                       stdin: str | None = None) -> Run:
    """Run ``python -m licscan`` in a subprocess, exactly as a user would."""
    proc = subprocess.run(
        [sys.executable, "-m", "licscan", *args],
        capture_output=True, text=True, env=_environment(env), cwd=cwd or REPO, timeout=timeout,
        input=stdin,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


class _TimedOut(BaseException):
    """Raised in the main thread by the alarm; BaseException so the CLI's handler cannot eat it."""


def run_cli(*args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 120, stdin: str | None = None) -> Run:
    """Run ``licscan *args`` in this process, isolated as a subprocess would be.

    Same signature and result as :func:`run_cli_subprocess`: ``env`` replaces the environment
    (default: this process's), ``cwd`` defaults to the repository, ``stdin`` is the input text
    (none: empty), a run over ``timeout`` seconds raises ``subprocess.TimeoutExpired``.
    """
    from licscan.cli import main

    full_env = _environment(env)
    encoding, out_errors = _io_encoding(full_env)
    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=out_errors, write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="backslashreplace",
                           write_through=True)
    given = io.TextIOWrapper(io.BytesIO((stdin or "").encode(encoding)), encoding=encoding)
    argv = [str(REPO / "licscan" / "__main__.py"), *args]
    try:
        with _isolated(full_env, cwd or REPO, argv, given, out, err), _deadline(timeout, args):
            code = main(list(args))
    except SystemExit as exc:  # a stray sys.exit(): what the process would have returned
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Run(code, _text(out, encoding), _text(err, encoding))


def _io_encoding(env: Mapping[str, str]) -> tuple[str, str]:
    """The encoding a child's stdout would get: PYTHONIOENCODING, else the locale's."""
    given = env.get("PYTHONIOENCODING", "")
    name, _, errors = given.partition(":")
    return (name or locale.getpreferredencoding(False) or "utf-8"), (errors or "strict")


def _text(stream: io.TextIOWrapper, encoding: str) -> str:
    stream.flush()
    raw = stream.buffer
    assert isinstance(raw, io.BytesIO)
    # subprocess.run(text=True) decodes with the locale; do the same, never fail the test here.
    return raw.getvalue().decode(locale.getpreferredencoding(False) or "utf-8", errors="replace")


@contextmanager
def _isolated(env: dict[str, str], cwd: Path, argv: list[str], stdin: io.TextIOWrapper,
              out: io.TextIOWrapper, err: io.TextIOWrapper) -> Iterator[None]:
    """Environment, cwd, argv, the three streams, log handlers and warning filters for one run,
    all put back afterwards (also when the run raises)."""
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_argv = sys.argv
    saved_streams = (sys.stdin, sys.stdout, sys.stderr)
    moved = {h: h.stream for h in _stream_handlers()
             if h.stream in (saved_streams[2], sys.__stderr__)}
    os.environ.clear()
    os.environ.update(env)
    try:
        os.chdir(cwd)
        sys.argv = argv
        sys.stdin, sys.stdout, sys.stderr = stdin, out, err
        for handler in moved:  # a library's log line goes where the child's stderr would be
            handler.setStream(err)
        with warnings.catch_warnings():
            _fresh_warning_filters()
            yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        for handler in _stream_handlers():
            if handler in moved:
                handler.setStream(moved[handler])
            elif handler.stream in (out, err):  # created during the run
                handler.setStream(saved_streams[2])
        sys.argv = saved_argv
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def _stream_handlers() -> list[logging.StreamHandler[Any]]:
    loggers: list[Any] = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    found: list[logging.StreamHandler[Any]] = []
    for logger in loggers:
        for handler in getattr(logger, "handlers", ()):
            if type(handler) is logging.StreamHandler:  # not pytest's capture handlers
                found.append(handler)
    return found


def _fresh_warning_filters() -> None:
    """The filters a new interpreter starts with (pytest's would collect warnings instead of
    printing them to stderr, and its once-per-location registry would hide repeats)."""
    warnings.resetwarnings()
    warnings.simplefilter("default")
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning,
                     ResourceWarning):
        warnings.simplefilter("ignore", category)


@contextmanager
def _deadline(timeout: float, args: tuple[str, ...]) -> Iterator[None]:
    """Raise subprocess.TimeoutExpired after ``timeout`` seconds (main thread only: SIGALRM)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal,
                                                                                 "setitimer"):
        yield
        return

    def _alarm(signum: int, frame: FrameType | None) -> None:
        raise _TimedOut()

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    except _TimedOut:
        raise subprocess.TimeoutExpired(["licscan", *args], timeout) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
