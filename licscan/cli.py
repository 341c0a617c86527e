"""The ``licscan`` command line: thin wiring from options to the pipeline and a formatter.

Why one error handler around every command (pre-commit's pattern): a known failure exits with a
short message, a hint and its own code (2: could not evaluate); an unexpected one exits 3 and
leaves a diagnostic log whose path it prints; never a traceback for something a user did.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from licscan import __version__
from licscan.defaults import DEFAULT_JOBS, DEFAULT_TIMEOUT
from licscan.errors import (
    EXIT_CANNOT_EVALUATE,
    EXIT_INTERNAL_ERROR,
    InputFileError,
    LicscanError,
    PolicyFailure,
    SourceError,
    UsageError,
)
from licscan.formats.report import (
    REPORT_FORMATS,
    CheckReport,
    FormatName,
    Location,
    parse_output,
    write_atomically,
)
from licscan.terminal import ProgressBar, echo, paint_verdicts, safe_for_terminal, use_colour

if TYPE_CHECKING:
    from licscan.model import Verdict
    from licscan.policy.model import Policy
    from licscan.sources import SourceOptions
    from licscan.sources.snapshot_cache import SnapshotCache

TEXT_OR_JSON = click.option("--format", "fmt", type=click.Choice(["text", "json"]),
                            default="text", show_default=True,
                            help="text for people, json for programs.")


MANIFEST_OPTION = click.option(
    "--manifest", type=click.Path(path_type=Path, dir_okay=False),
    help="A licscan.yaml listing the models (default: ./licscan.yaml when no TARGET).")


@dataclass(frozen=True)
class HubAccess:
    """How the Hub is reached (``--token``, ``--timeout``) and how many repositories at once."""

    token: str | None
    timeout: float
    jobs: int

    def sources(self, revision: str | None = None,
                snapshots: SnapshotCache | None = None) -> SourceOptions:
        from licscan.sources import SourceOptions

        return SourceOptions(token=self.token, timeout=self.timeout, revision=revision,
                             snapshots=snapshots)


HUB_OPTIONS = (
    click.option("--token", help="Hugging Face token (default: HF_TOKEN or the saved token)."),
    click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT,
                 show_default=True, help="Seconds to wait for each Hub request."),
    click.option("--jobs", type=click.IntRange(1, 64), default=DEFAULT_JOBS, show_default=True,
                 help="Repositories read at once."),
)


def hub_options(command: Callable[..., None]) -> Callable[..., None]:
    """``--token``, ``--timeout`` and ``--jobs``, handed to the command as one ``access``."""

    @functools.wraps(command)
    def with_access(*args: Any, token: str | None, timeout: float, jobs: int,
                    **kwargs: Any) -> None:
        command(*args, access=HubAccess(token, timeout, jobs), **kwargs)

    return _with_options(with_access, HUB_OPTIONS)


def _with_options(command: Callable[..., None],
                  options: tuple[Callable[[Callable[..., None]], Callable[..., None]], ...]
                  ) -> Callable[..., None]:
    for option in reversed(options):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="licscan")
def cli() -> None:
    """License compliance for open-weight AI models.

    \b
    licscan identify LICENSE          which license is this text?
    licscan explain llama3.1          what does a license allow and demand?
    licscan licenses --category custom-ai
    """


@cli.command("licenses")
@click.option("--category", help="Only licenses of this category (e.g. permissive, custom-ai).")
@TEXT_OR_JSON
def licenses_command(category: str | None, fmt: str) -> None:
    """List the licenses licscan knows."""
    from licscan.formats.licenses import CATEGORY_WORDS, render_license_list
    from licscan.licenses import load_catalog

    if category is not None and category not in CATEGORY_WORDS:
        raise click.BadParameter(
            f"'{category}' is not a category; use one of: {', '.join(CATEGORY_WORDS)}.",
            param_hint="--category",
        )
    entries = sorted(load_catalog(), key=lambda e: e.id)
    if category:
        entries = [e for e in entries if e.category == category]
    echo(render_license_list(entries, fmt), nl=False)


@cli.command("explain")
@click.argument("license_id")
@TEXT_OR_JSON
def explain_command(license_id: str, fmt: str) -> None:
    """Say what a license allows, demands and forbids, and where its text came from."""
    from licscan.formats.licenses import render_explanation
    from licscan.licenses import load_catalog

    entry = load_catalog().lookup(license_id)
    echo(render_explanation(entry, fmt), nl=False)


@cli.command("identify")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@TEXT_OR_JSON
def identify_command(paths: tuple[Path, ...], fmt: str) -> None:
    """Say which license each file holds: version, confidence, span and what differs.

    Exit 0 when every file was read, 2 when any could not be.
    """
    from licscan.formats.identify import render_identification_json, render_identification_text
    from licscan.matching import identify_path

    reports = [identify_path(path) for path in paths]
    render = render_identification_json if fmt == "json" else render_identification_text
    echo(render(reports), nl=False)
    unreadable = [r.path for r in reports if r.status == "unreadable"]
    if unreadable:
        raise InputFileError(
            f"{len(unreadable)} file(s) could not be read: {', '.join(unreadable)}",
            hint="Check the paths and permissions; the other files were identified above.",
        )


@cli.command("inspect")
@click.argument("targets", nargs=-1)
@click.option("--cache", "from_cache", is_flag=True,
              help="Inspect every repository in the local Hugging Face cache (offline).")
@click.option("--revision", help="Branch, tag or commit to read (default: main).")
@hub_options
@TEXT_OR_JSON
def inspect_command(targets: tuple[str, ...], from_cache: bool, revision: str | None,
                    access: HubAccess, fmt: str) -> None:
    """Show what repositories declare, what their license files are, gating, commit and bases.

    TARGET is a repo id (org/name), datasets/org/name, a Hub URL, or a folder holding a
    downloaded model. No policy is applied: see 'licscan check'.
    """
    from licscan.engine import inspect_snapshot, inspect_targets
    from licscan.formats.inspect import render_inspection_json, render_inspection_text

    if not targets and not from_cache:
        raise UsageError("Nothing to inspect.",
                         hint="Give a repo id, datasets/org/name or a folder, or use --cache.")
    options = access.sources(revision)
    results = inspect_targets(targets, options, jobs=access.jobs)
    if from_cache:
        from licscan.sources.cache import cached_repos

        results += [inspect_snapshot(s.target, s) for s in cached_repos(options.cache_dir)]
    render = render_inspection_json if fmt == "json" else render_inspection_text
    echo(render(results), nl=False)
    failed = [r for r in results if not r.ok]
    if failed:
        raise SourceError(
            f"{len(failed)} of {len(results)} target(s) could not be read: "
            + ", ".join(r.target for r in failed),
            hint=failed[0].hint,
        )


@dataclass(frozen=True)
class CheckSettings:
    """The options every checking command shares."""

    policy_path: Path | None
    fail_on: str
    access: HubAccess
    evidence: bool
    fmt: str
    outputs: tuple[str, ...]
    quiet: bool = False
    no_color: bool = False
    lockfile: Path | None = None  # set: compare with the lock (check --locked)


QUIET_OPTION = click.option(
    "--quiet", "-q", is_flag=True,
    help="Text output: only one verdict line per model and the totals (no reasons, notes or "
    "progress bar); errors still go to standard error.")
NO_COLOR_OPTION = click.option(
    "--no-color", is_flag=True,
    help="No colour in text output (colour is used only on a terminal, and never when the "
    "NO_COLOR environment variable is set).")


def policy_option(default: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``--policy``; every command then applies it by ``applicable_policy``."""
    return click.option("--policy", "policy_path",
                        type=click.Path(path_type=Path, dir_okay=False),
                        help=f"Policy file (default: {default}).")


MANIFEST_POLICY = ("the 'policy:' of the manifest, i.e. ./licscan.yaml or the one given, else "
                   "the built-in policy")


def check_options(command: Callable[..., None]) -> Callable[..., None]:
    """Policy, failing threshold, Hub access and report options, shared by check commands."""
    reporting = _with_options(command, (
        click.option("--evidence", is_flag=True,
                     help="Show every piece of evidence in text output."),
        click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text",
                     show_default=True, help="Report printed on standard output."),
        click.option("--output", "outputs", multiple=True, metavar="FORMAT=PATH",
                     help="Also write a report to a file (repeatable), e.g. "
                     "sarif=licscan.sarif."),
        QUIET_OPTION,
        NO_COLOR_OPTION,
    ))
    return _with_options(hub_options(reporting), (
        policy_option(MANIFEST_POLICY),
        click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error",
                     show_default=True, help="Lowest severity that fails the run (exit 1)."),
    ))


def _settings(opts: dict[str, Any]) -> CheckSettings:
    return CheckSettings(**{k: opts.pop(k) for k in CheckSettings.__dataclass_fields__
                            if k in opts})


@cli.command("check")
@click.argument("targets", nargs=-1)
@MANIFEST_OPTION
@click.option("--revision", help="Branch, tag or commit to check (default: main).")
@click.option("--locked", is_flag=True,
              help="Fail when a model's license, license text or base models changed since "
              "'licscan lock' recorded them.")
@click.option("--lockfile", type=click.Path(path_type=Path, dir_okay=False),
              default="licscan.lock", show_default=True,
              help="The lockfile --locked compares with (written by 'licscan lock').")
@check_options
def check_command(targets: tuple[str, ...], manifest: Path | None, revision: str | None,
                  locked: bool, lockfile: Path, **opts: Any) -> None:
    """Judge models against the organisation's policy: pass, warn or fail, with reasons.

    TARGET is a repo id (org/name, org/name@revision), datasets/org/name, a Hub URL, or a model
    folder. With no TARGET, the models listed in ./licscan.yaml (or --manifest) are checked.
    Exit 0 pass, 1 policy failure, 2 could not evaluate (never a pass), 3 internal error.
    """
    settings = _settings(opts)
    if locked:
        settings = replace(settings, lockfile=lockfile)
    path = manifest_path(manifest)
    if targets:
        policy_path = applicable_policy(settings.policy_path, path)
        _run_check(list(targets), {}, replace(settings, policy_path=policy_path),
                   revision=revision)
    elif path is None and locked:
        from licscan.lock import read_lockfile

        _run_check(sorted(read_lockfile(lockfile)), {}, settings)
    else:
        _check_manifests([required_manifest(path, "check")], settings)


@cli.command("check-manifest")
@click.argument("manifests", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False))
@check_options
def check_manifest_command(manifests: tuple[Path, ...], **opts: Any) -> None:
    """Check the models listed in manifest files (the pre-commit hook's entry point)."""
    _check_manifests(list(manifests), _settings(opts))


def _check_manifests(paths: list[Path], settings: CheckSettings) -> None:
    from licscan.manifest import load_manifest

    manifests = [load_manifest(p) for p in paths]
    groups: dict[Path | None, tuple[list[str], dict[str, Location]]] = {}
    for item in manifests:
        policy = settings.policy_path or item.policy
        targets, locations = groups.setdefault(policy, ([], {}))
        for model in item.models:
            target = model.target
            if target not in locations:
                targets.append(target)
                locations[target] = Location(_relative(item.path), model.line, model.column)
    worst: LicscanError | None = None
    for policy_path, (targets, locations) in groups.items():
        if not targets:
            continue
        try:
            _run_check(targets, locations, replace(settings, policy_path=policy_path))
        except LicscanError as exc:
            if worst is None or exc.exit_code > worst.exit_code:
                worst = exc
    if worst is not None:
        raise worst


@cli.command("scan-code")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--check", "then_check", is_flag=True,
              help="Also check every model found against the policy.")
@check_options
def scan_code_command(paths: tuple[Path, ...], then_check: bool, **opts: Any) -> None:
    """Find model references in source and config files (from_pretrained, pipeline, ...).

    Reports file and line of each; with --check, judges the models found.
    """
    from licscan.references import find_references, render_references

    settings = _settings(opts)
    manifest = manifest_path(None)
    policy_path = applicable_policy(settings.policy_path, manifest)
    settings = replace(settings, policy_path=policy_path)
    own = tuple(p for p in (policy_path, manifest) if p is not None)
    references = find_references(
        list(paths), skip=own,
        on_note=(lambda _message: None) if settings.quiet else _note)
    if not then_check:
        fmt = settings.fmt if settings.fmt in ("text", "json") else "text"
        echo(render_references(references, fmt), nl=False)
        return
    targets: list[str] = []
    locations: dict[str, Location] = {}
    for ref in references:
        if ref.target not in locations:
            targets.append(ref.target)
            locations[ref.target] = Location(_relative(Path(ref.path)), ref.line, ref.column,
                                             ref.end_column)
    if not targets:
        if not settings.quiet:
            echo("No model references found.", err=True)
        return
    _run_check(targets, locations, settings)


def _note(message: str) -> None:
    echo(f"note: {safe_for_terminal(message)}", err=True)


def manifest_path(given: Path | None) -> Path | None:
    """The manifest a command reads: ``--manifest``, else ./licscan.yaml when there is one.

    The one place the working directory is searched, so every command finds the same file.
    """
    if given is not None:
        return given
    from licscan.manifest import find_manifest

    return find_manifest(Path.cwd())


def required_manifest(path: Path | None, verb: str) -> Path:
    """``path`` from ``manifest_path``, where a command given no TARGET cannot do without one."""
    if path is None:
        raise UsageError(f"Nothing to {verb}: no TARGET was given and there is no licscan.yaml "
                         "in this folder.",
                         hint="Give repo ids (org/name), or write a licscan.yaml manifest.")
    return path


def applicable_policy(flag: Path | None, manifest: Path | None) -> Path | None:
    """The one rule for which policy applies: ``--policy``, else the ``policy:`` of the
    manifest (as ``manifest_path`` found it), else None (the built-in policy).

    Why one rule for every command: a gate that judged ``check ORG/MODEL`` by the built-in
    policy beside a licscan.yaml naming a stricter one would pass what the project forbids.
    """
    if flag is not None or manifest is None:
        return flag
    from licscan.manifest import load_manifest

    return load_manifest(manifest).policy


def _relative(path: Path) -> str:
    """Where a model is named, relative to the repository root (reports point there)."""
    from licscan.formats.report import repo_relative

    return repo_relative(path) or path.resolve().as_posix()


def _run_check(targets: list[str], locations: dict[str, Location], settings: CheckSettings,
               revision: str | None = None) -> None:
    from licscan.engine import check_targets
    from licscan.policy.loader import load_policy

    written = [parse_output(spec) for spec in settings.outputs]  # usage errors first
    policy = load_policy(settings.policy_path)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    verdicts = check_targets(targets, settings.access.sources(revision), policy,
                             jobs=settings.access.jobs, timings=timings)
    elapsed = time.perf_counter() - started
    if settings.lockfile is not None:
        from licscan.lock import drift, read_lockfile, with_drift

        locked = {k.lower(): v for k, v in read_lockfile(settings.lockfile).items()}
        verdicts = [
            with_drift(v, drift(v.target, locked.get(v.target.lower()), v.assessment))
            if v.assessment is not None else v
            for v in verdicts
        ]
    report = CheckReport(tuple(verdicts), policy, locations, fail_on=settings.fail_on,
                         durations=timings, elapsed=elapsed)
    _emit(report, settings, written)
    _exit_for(verdicts, policy, settings.fail_on)


def _emit(report: CheckReport, settings: CheckSettings,
          written: list[tuple[FormatName, Path]]) -> None:
    """The stdout report, then every --output file, from the one evaluation."""
    from licscan.formats.check import render_check_text

    if settings.fmt == "text":
        text = render_check_text(report.verdicts, report.policy, evidence=settings.evidence,
                                 quiet=settings.quiet)
        _echo_text(text, settings)
    else:
        echo(report.render(settings.fmt), nl=False)
    _write_outputs(report, written)


def _write_outputs(report: CheckReport, written: list[tuple[FormatName, Path]]) -> None:
    for fmt, path in written:
        write_atomically(path, report.render(fmt))


def _echo_text(text: str, settings: CheckSettings) -> None:
    """Text for people: verdict words coloured on a terminal unless NO_COLOR / --no-color."""
    if use_colour(sys.stdout, settings.no_color):
        text = paint_verdicts(text)
    echo(text, nl=False)


def _exit_for(verdicts: list[Verdict], policy: Policy, fail_on: str) -> None:
    errors = [v for v in verdicts if v.status == "error"]
    if errors:  # exit 2 whatever the policy says: a model that was not judged did not pass
        first = errors[0]
        raise SourceError(
            f"{len(errors)} of {len(verdicts)} model(s) could not be evaluated: "
            + ", ".join(v.target for v in errors)
            + (f" ({first.target}: {first.error})" if first.error else ""),
            hint=first.hint
            or "Nothing was passed that could not be read; fix the cause and run again.",
        )
    threshold = {"error": ("error",), "warning": ("error", "warning")}[fail_on]
    failing = [v for v in verdicts if v.worst() in threshold]
    if failing:
        at = " at --fail-on warning" if fail_on == "warning" else ""
        raise PolicyFailure(f"{len(failing)} of {len(verdicts)} model(s) failed the policy "
                            f"'{policy.name}'{at}: " + ", ".join(v.target for v in failing))


@cli.command("bundle")
@click.argument("targets", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="A new or empty folder to write the bundle into.")
@policy_option("the manifest's policy, else the built-in policy")
@click.option("--allow-failed", is_flag=True,
              help="Write the bundle even for models that failed the policy.")
@hub_options
def bundle_command(targets: tuple[str, ...], out: Path, policy_path: Path | None,
                   allow_failed: bool, access: HubAccess) -> None:
    """Write what a release must ship with the models: NOTICE, licenses/, ATTRIBUTION.md and
    obligations.json, from the same check 'licscan check' runs.

    Refused (nothing written) for a model that could not be evaluated (exit 2) or that failed
    the policy (exit 1) unless --allow-failed.
    """
    from licscan.bundle import build_bundle, write_bundle

    policy, verdicts = _judge(list(targets), applicable_policy(policy_path, manifest_path(None)),
                              access)
    if not allow_failed or any(v.status == "error" for v in verdicts):
        try:
            _exit_for(verdicts, policy, "error")
        except LicscanError as exc:
            raise type(exc)(exc.message + "; no bundle was written",
                            hint=exc.hint or "Fix what the check reports (licscan check), or "
                            "pass --allow-failed to ship the terms of a failing model.") from None
    files = build_bundle(verdicts)
    write_bundle(files, out)
    echo(f"wrote {len(files)} file(s) for {len(verdicts)} model(s) to {out}")


@cli.command("lock")
@click.argument("targets", nargs=-1)
@MANIFEST_OPTION
@click.option("--lockfile", type=click.Path(path_type=Path, dir_okay=False),
              default="licscan.lock", show_default=True,
              help="Where to write the lock (replaced whole, only when every model was read).")
@click.option("--policy", "policy_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Policy the models were approved under, recorded in the lockfile "
              "(default: the manifest's policy, else the built-in one).")
@hub_options
def lock_command(targets: tuple[str, ...], manifest: Path | None, lockfile: Path,
                 policy_path: Path | None, access: HubAccess) -> None:
    """Record, per model, the commit, effective license, license-file hashes and bases.

    'licscan check --locked' then fails when any of them changes upstream (new weights alone
    are fine). Nothing is written when a model cannot be read.
    """
    from licscan.lock import entry_for, write_lockfile

    path = manifest_path(manifest)
    items = list(targets)
    if not items:
        from licscan.manifest import load_manifest

        items = [m.target for m in load_manifest(required_manifest(path, "lock")).models]
    policy_path = applicable_policy(policy_path, path)
    policy, verdicts = _judge(items, policy_path, access)
    # A model whose base could not be read has an assessment but no established license: an
    # approval pinned to it would pin a guess.
    failed = [v for v in verdicts if v.assessment is None or v.status == "error"]
    if failed:
        raise SourceError(f"{len(failed)} model(s) could not be evaluated; {lockfile} was not "
                          "written: " + ", ".join(f"{v.target} ({v.error})" for v in failed),
                          hint=failed[0].hint)
    entries = {v.target: entry_for(v.assessment) for v in verdicts if v.assessment is not None}
    write_lockfile(lockfile, entries, str(policy_path) if policy_path else None)
    for verdict in verdicts:
        a = verdict.assessment
        assert a is not None
        echo(f"locked {verdict.target} at {a.commit or 'unknown commit'}: "
                   f"{a.expression or 'no license established'} ({verdict.status} under "
                   f"'{policy.name}')")
    echo(f"Wrote {lockfile} ({len(entries)} model(s)).")


@cli.command("audit")
@click.argument("targets", nargs=-1)
@click.option("--author", help="Audit every model of this user or organisation on the Hub.")
@click.option("--offline", is_flag=True,
              help="Answer only from licscan's snapshot cache (no network).")
@click.option("--cache-ttl", type=click.FloatRange(min=0), default=None,
              help="Trust cached snapshots younger than this many seconds without asking the "
              "Hub (default: revalidate each repo's commit with one request).")
@check_options
def audit_command(targets: tuple[str, ...], author: str | None, offline: bool,
                  cache_ttl: float | None, **opts: Any) -> None:
    """Check many models at once: an organisation's, or a list, with a summary table.

    Snapshots are cached in the user cache directory and revalidated by commit, so a second
    audit costs one request per unchanged repository (none with --cache-ttl or --offline).
    """
    from licscan.engine import check_targets
    from licscan.licenses.store import cache_dir
    from licscan.policy.loader import load_policy
    from licscan.sources.snapshot_cache import SnapshotCache

    settings = _settings(opts)
    written = [parse_output(spec) for spec in settings.outputs]
    policy = load_policy(applicable_policy(settings.policy_path, manifest_path(None)))
    cache = SnapshotCache(cache_dir() / "snapshots", ttl=cache_ttl, offline=offline)
    items = list(targets)
    if author:
        items += _models_of(author, settings.access, offline)
    if not items:
        raise UsageError("Nothing to audit.", hint="Give --author ORG or repo ids.")
    bar = ProgressBar(len(items)) if sys.stderr.isatty() and not settings.quiet else None
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        verdicts = check_targets(
            items, settings.access.sources(snapshots=cache), policy, jobs=settings.access.jobs,
            timings=timings,
            progress=(lambda v: bar.step(v.status in ("fail", "error"))) if bar else None)
    finally:
        if bar:
            bar.close()
    report = CheckReport(tuple(verdicts), policy, fail_on=settings.fail_on, durations=timings,
                         elapsed=time.perf_counter() - started)
    if settings.fmt == "text" and not settings.quiet:
        from licscan.formats.check import render_summary_table

        _echo_text(render_summary_table(verdicts, policy), settings)
        _write_outputs(report, written)
    else:
        _emit(report, settings, written)
    _exit_for(verdicts, policy, settings.fail_on)


def _judge(targets: list[str], policy_path: Path | None,
           access: HubAccess) -> tuple[Policy, list[Verdict]]:
    """The policy and one verdict per target, for the commands that act on a check."""
    from licscan.engine import check_targets
    from licscan.policy.loader import load_policy

    policy = load_policy(policy_path)
    return policy, check_targets(targets, access.sources(), policy, jobs=access.jobs)


def _models_of(author: str, access: HubAccess, offline: bool) -> list[str]:
    if offline:
        raise UsageError("--author needs the Hub to list the models; it cannot be --offline.",
                         hint="Give the repo ids to audit offline.")
    from licscan.sources.hub import HubSource

    ids = HubSource(token=access.token, timeout=access.timeout).list_models(author)
    if not ids:
        raise UsageError(f"The Hub lists no models for '{author}'.",
                         hint="Check the user or organisation name.")
    return sorted(ids)


@cli.group("policy")
def policy_group() -> None:
    """Write, validate and publish policy files."""


@policy_group.command("validate")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
def policy_validate(path: Path) -> None:
    """Check a policy file against the schema; errors name the line and key."""
    from licscan.policy.loader import load_policy

    policy = load_policy(path)
    echo(f"{path}: valid policy '{policy.name}' ({len(policy.exceptions)} exception(s)).")


@policy_group.command("init")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False),
                default="licscan-policy.yaml")
@click.option("--preset", type=click.Choice(["default", "permissive-only", "commercial-saas",
                                             "internal-research"]),
              default="commercial-saas", show_default=True,
              help="Starting point: the built-in default, permissive licenses only, a "
              "commercial hosted product, or internal research.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def policy_init(path: Path, preset: str, force: bool) -> None:
    """Write a commented starter policy from a preset."""
    from licscan.policy.loader import preset_text

    if path.exists() and not force:
        raise UsageError(f"{path} already exists; licscan will not overwrite it.",
                         hint="Choose another path, or pass --force.")
    header = ("# yaml-language-server: $schema=https://licscan.dev/schemas/policy-1.json\n"
              "# Written by 'licscan policy init'. Validate with 'licscan policy validate'.\n"
              "# The schema ships with licscan: 'licscan policy schema' prints it.\n")
    try:
        path.write_text(header + preset_text(preset), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path} could not be written: {exc.strerror}.",
                         hint="Choose a writable path.") from exc
    echo(f"Wrote {path} from the '{preset}' preset; edit its context to match your use.")


@policy_group.command("schema")
def policy_schema_command() -> None:
    """Print the policy JSON Schema (for editors' autocompletion)."""
    from importlib import resources

    echo(resources.files("licscan.policy").joinpath("schema.json").read_text("utf-8"),
               nl=False)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and turn every outcome into an exit code (0 pass, 1 fail, 2 cannot, 3 bug)."""
    _never_fail_on_encoding()
    try:
        cli.main(args=argv, prog_name="licscan", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.Abort:
        echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return EXIT_CANNOT_EVALUATE if exc.exit_code in (1, 2) else int(exc.exit_code)
    except LicscanError as exc:
        prefix = "" if isinstance(exc, PolicyFailure) else "error: "
        echo(f"{prefix}{safe_for_terminal(exc.message)}", err=True)
        if exc.hint:
            echo(f"hint: {safe_for_terminal(exc.hint)}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        echo("Interrupted.", err=True)
        return 130
    except Exception as exc:
        log = _write_diagnostic_log(exc)
        echo(
            f"internal error: licscan failed unexpectedly ({type(exc).__name__}). "
            "This is a bug in licscan, not a verdict on your models.",
            err=True,
        )
        echo(
            f"A diagnostic log was written to {log}; please attach it to a bug report.", err=True
        )
        return EXIT_INTERNAL_ERROR
    return 0


def _never_fail_on_encoding() -> None:
    """A character the stream cannot encode becomes '?' rather than a crash (exit 3).

    ``echo`` already swaps licscan's own marks for ASCII; this is the net for everything else
    (a model name in another script, click's own messages) on cp1252 or ASCII streams.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            with contextlib.suppress(ValueError, OSError):  # cannot be reconfigured: leave it
                reconfigure(errors="replace")


def _write_diagnostic_log(exc: BaseException) -> Path | str:
    import datetime as _dt  # only on a crash: every other run skips these imports
    import traceback

    from licscan.licenses.store import cache_dir

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    header = f"licscan {__version__} on Python {sys.version.split()[0]}\nargv: {sys.argv!r}\n\n"
    text = header + text
    try:
        folder = cache_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}-{os.getpid()}.log"
        path.write_text(_redact(text), encoding="utf-8")
        return path
    except OSError:
        return "(no writable cache directory; traceback follows)\n" + _redact(text)


def _redact(text: str) -> str:
    """Tokens must never reach a log: replace every token licscan could have seen."""
    secrets = [os.environ.get(n) for n in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")]
    args = sys.argv
    for i, arg in enumerate(args):
        if arg == "--token" and i + 1 < len(args):
            secrets.append(args[i + 1])
        elif arg.startswith("--token="):
            secrets.append(arg.split("=", 1)[1])
    for value in secrets:
        if value:
            text = text.replace(value, "***")
    return text


if __name__ == "__main__":
    raise SystemExit(main())
