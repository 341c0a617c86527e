"""The Python API: the CLI's pipeline for scripts that load models.

Why: models are loaded from Python. A training or serving script should refuse a model before
``from_pretrained`` or ``snapshot_download`` fetches gigabytes of it, with the same verdict
``licscan check`` would give::

    import licscan
    licscan.require_allowed("google/gemma-4-31b", policy="commercial-saas")
    model = AutoModel.from_pretrained("google/gemma-4-31b")

Every function here is a thin door into the engine the CLI uses (``engine.check_targets``,
``policy.loader``, ``matching``) and returns the same values the report formats render: there
is no second pipeline to drift from the first. The engine, the Hub client and the license index
are imported when a function is first called, so ``import licscan`` stays cheap.

Differences from the CLI, on purpose:

- ``policy=None`` is the built-in default policy. A ``licscan.yaml`` in the working directory is
  not consulted: a library call must not change its answer with the directory a script happens
  to run in. Pass ``policy=`` (a path, a preset name or a loaded ``Policy``) to be explicit.
- ``offline=True`` holds for that call only; ``HF_HUB_OFFLINE`` in the environment still turns
  offline mode on for every call, as it does for the CLI.

Examples run from the root of the licscan repository (its test fixtures):

>>> import licscan
>>> report = licscan.check("fixtures/hub/google/gemma-4-31b", policy="permissive-only")
>>> report.passed
True
>>> verdict = report.verdicts[0]
>>> verdict.status, verdict.effective_license
('pass', 'apache-2.0')
>>> [o.text for o in verdict.obligations][:1]
['keep the copyright and license notices (apache-2.0)']
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Union

from licscan.errors import InputFileError, LicenseNotAllowed, PolicyError, UsageError

if TYPE_CHECKING:
    from licscan.formats.report import CheckReport
    from licscan.model import FileReport, Verdict
    from licscan.policy.model import Policy

PolicyLike = Union[str, "os.PathLike[str]", "Policy", None]
Target = Union[str, "os.PathLike[str]"]
FailOn = Literal["error", "warning"]


def identify(path_or_text: str | bytes | os.PathLike[str]) -> FileReport:
    """Which license a file or a text holds: version, confidence, span and what differs.

    A ``Path`` (any ``os.PathLike``) is always a file; a ``str`` naming an existing file is
    read as that file, and any other ``str`` is the text itself; ``bytes`` are decoded as a
    file's bytes would be. Pass a ``Path`` when a typo must not turn a file name into text.

    Raises ``licscan.InputFileError`` when a file cannot be read.

    >>> import licscan
    >>> report = licscan.identify("rules/licenses/apache-2.0.txt")
    >>> report.status, [d.license_id for d in report.detections]
    ('identified', ['apache-2.0'])
    >>> licscan.identify("Some words that are not a license.").status
    'unknown'
    """
    from licscan.matching import identify_bytes, identify_path, identify_text

    if isinstance(path_or_text, bytes):
        return identify_bytes(path_or_text)
    if isinstance(path_or_text, str) and not _is_file(path_or_text):
        return identify_text(path_or_text.replace("\r\n", "\n").replace("\r", "\n"))
    if not isinstance(path_or_text, (str, os.PathLike)):
        raise TypeError(f"identify() takes a path, a text or bytes, not "
                        f"{type(path_or_text).__name__}")
    path = Path(path_or_text)
    report = identify_path(path)
    if report.status == "unreadable":
        raise InputFileError(f"{path} could not be identified: {report.message}.",
                             hint="Check the path and its permissions.")
    return report


def load_policy(path_or_preset: str | os.PathLike[str] | None = None) -> Policy:
    """A validated policy: a bundled preset by name, a policy file, or (None) the default.

    Presets: ``default``, ``permissive-only``, ``commercial-saas``, ``internal-research``. A
    ``str`` equal to a preset name is the preset even if a file of that name exists; pass a
    ``Path`` for the file. Every problem (missing file, unknown key, unknown license id) raises
    ``licscan.PolicyError`` naming the file and line.

    >>> import licscan
    >>> licscan.load_policy("commercial-saas").name
    'commercial-saas'
    >>> licscan.load_policy("examples/corp.yaml").name
    'acme-corp'
    """
    from licscan.policy import loader

    if path_or_preset is None:
        return loader.load_policy(None)
    if isinstance(path_or_preset, str) and path_or_preset in loader.PRESETS:
        return loader.parse_policy(loader.preset_text(path_or_preset),
                                   f"built-in preset '{path_or_preset}'")
    if not isinstance(path_or_preset, (str, os.PathLike)):
        raise TypeError(f"a policy is a path or a preset name, not "
                        f"{type(path_or_preset).__name__}")
    path = Path(path_or_preset)
    if isinstance(path_or_preset, str) and not path.exists() and not path.suffix \
            and len(path.parts) == 1:
        raise PolicyError(f"'{path_or_preset}' is neither a policy preset nor a policy file.",
                          hint=f"Use a preset ({', '.join(loader.PRESETS)}) or the path of a "
                          "policy YAML file.")
    return loader.load_policy(path)


def check(*targets: Target, policy: PolicyLike = None, token: str | None = None,
          revision: str | None = None, offline: bool = False,
          timeout: float | None = None) -> CheckReport:
    """Judge models against a policy: the report ``licscan check`` renders, as a value.

    ``targets`` are written as on the command line: ``org/name`` (a Hub model, optionally
    ``@revision``), ``datasets/org/name``, a Hub URL, or a local folder (a ``Path``, or a
    ``str`` written as a path). ``policy`` is a path, a preset name, a loaded ``Policy`` or
    None for the built-in default (never a ``licscan.yaml`` in the working directory).
    ``token`` defaults to ``HF_TOKEN`` or the saved token; ``offline=True`` reads Hub targets
    only from the local Hugging Face cache, for this call.

    Nothing raises for a target that cannot be read: it gets a verdict with status ``error``
    (and ``report.passed`` is False). A bad policy or a call without targets raises
    ``licscan.PolicyError`` / ``licscan.UsageError``.

    >>> import licscan
    >>> report = licscan.check("fixtures/hub/acme/no-license-model")
    >>> report.passed, report.verdicts[0].status
    (False, 'fail')
    >>> print(report.render("text").splitlines()[0])
    FAIL  fixtures/hub/acme/no-license-model  (no-license-model, commit unknown)
    """
    from licscan.engine import check_targets
    from licscan.formats.report import CheckReport
    from licscan.sources import SourceOptions

    if not targets:
        raise UsageError("check() was given no target to judge.",
                         hint="Pass at least one, e.g. licscan.check('org/name').")
    names = [_target(t) for t in targets]
    loaded = _policy(policy)
    options = SourceOptions(token=token, revision=revision, offline=offline)
    if timeout is not None:
        options = replace(options, timeout=timeout)
    verdicts = check_targets(names, options, loaded)
    return CheckReport(tuple(verdicts), loaded)


def require_allowed(repo_id: Target, policy: PolicyLike = None, *, fail_on: FailOn = "error",
                    token: str | None = None, revision: str | None = None,
                    offline: bool = False, timeout: float | None = None) -> Verdict:
    """The verdict for one model if the policy allows it; else ``licscan.LicenseNotAllowed``.

    One line before ``from_pretrained``: it fails closed. A ``fail`` verdict raises, and so
    does ``error`` (the model, a base it derives from, or the Hub could not be read: nothing
    that was not judged is allowed). ``warn`` passes by default, as ``licscan check`` does with
    ``--fail-on error``; ``fail_on="warning"`` refuses it too. The exception carries
    ``.verdict`` and ``.reasons``, and its message lists the reasons.

    The other arguments are those of ``check``.

    >>> import licscan
    >>> licscan.require_allowed("fixtures/hub/google/gemma-4-31b").status
    'pass'
    >>> try:
    ...     licscan.require_allowed("fixtures/hub/acme/no-license-model")
    ... except licscan.LicenseNotAllowed as refused:
    ...     print(refused.verdict.status, [r.rule for r in refused.reasons])
    fail ['LS300']
    """
    if fail_on not in ("error", "warning"):
        raise UsageError(f"fail_on={fail_on!r} is not a gate licscan knows.",
                         hint="Use fail_on='error' (the default) or fail_on='warning'.")
    report = check(repo_id, policy=policy, token=token, revision=revision, offline=offline,
                   timeout=timeout)
    verdict = report.verdicts[0]
    if verdict.status == "pass" or (verdict.status == "warn" and fail_on == "error"):
        return verdict
    raise _refusal(verdict, report.policy.name, fail_on)


def _refusal(verdict: Verdict, policy_name: str, fail_on: str) -> LicenseNotAllowed:
    """The exception for a verdict the gate does not let through, every reason in its text."""
    if verdict.status == "error":
        return LicenseNotAllowed(
            verdict, f"{verdict.target} could not be evaluated, so it is not allowed: "
            f"{verdict.error or 'could not be read'}",
            hint=verdict.hint or "Nothing that was not judged is allowed; fix the cause and "
            "call again.")
    at = " at fail_on='warning'" if fail_on == "warning" and verdict.status == "warn" else ""
    lines = [f"  - {r.rule} {r.name} ({r.severity}): {r.message}"
             for r in verdict.reasons if r.waived_by is None and r.severity != "note"]
    return LicenseNotAllowed(
        verdict, f"{verdict.target} is not allowed by the policy '{policy_name}' "
        f"({verdict.status}{at}):\n" + "\n".join(lines),
        hint=f"Run 'licscan check {verdict.target} --evidence' for the full report, or add an "
        "exception for this model to the policy if someone has approved it.")


def _is_file(text: str) -> bool:
    """Whether a string names an existing file; a long text is not a path (no OSError)."""
    if "\n" in text or "\x00" in text or len(text) > 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _target(target: Target) -> str:
    """A target as the engine reads it; a ``Path`` always means a folder, never a repo id."""
    if isinstance(target, str):
        return target
    if isinstance(target, os.PathLike):
        text = os.fspath(target)
        from licscan.sources import is_explicit_path

        return text if is_explicit_path(text) else f"./{text}"
    raise TypeError(f"a target is a repo id or a path, not {type(target).__name__}")


def _policy(policy: PolicyLike) -> Policy:
    from licscan.policy.model import Policy

    return policy if isinstance(policy, Policy) else load_policy(policy)
