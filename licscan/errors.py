"""One exception base for everything licscan reports to a user, each kind with its exit code.

Why: a compliance gate must keep "the policy failed" (1) apart from "we could not evaluate" (2)
and "licscan itself broke" (3). The CLI maps any ``LicscanError`` to a short message and its
``exit_code``; anything else is an internal error with a diagnostic log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from licscan.model import Verdict

EXIT_PASS = 0
EXIT_POLICY_FAILURE = 1
EXIT_CANNOT_EVALUATE = 2
EXIT_INTERNAL_ERROR = 3


class LicscanError(Exception):
    """A failure the user can act on: ``message`` says what happened, ``hint`` what to do next."""

    exit_code = EXIT_CANNOT_EVALUATE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\nhint: {self.hint}"


class UsageError(LicscanError):
    """The command line asks for something that cannot be done as asked."""


class UnknownLicenseError(LicscanError):
    """An id, alias or expression names no license in the catalog."""


class RulesError(LicscanError):
    """The bundled rules/ data is missing or malformed (a broken install, not a user error)."""

    exit_code = EXIT_INTERNAL_ERROR


class InputFileError(LicscanError):
    """A file given on the command line could not be read."""


class SourceError(LicscanError):
    """A repository could not be read (not found, network, gated under a strict setting...)."""


class PolicyFailure(LicscanError):
    """The policy failed: not an error of licscan's, the verdict the gate exists to give."""

    exit_code = EXIT_POLICY_FAILURE


class PolicyError(LicscanError):
    """A policy file is missing, unparsable or invalid against the schema."""


class LicenseNotAllowed(PolicyFailure):
    """``licscan.require_allowed`` refused a model: the verdict, and every reason, travel with it.

    Why one exception for "failed" and "could not be evaluated": the caller is about to download
    a model, and either way it must not. ``exit_code`` still tells them apart (1 or 2) for a
    script that turns the exception into its own exit status.
    """

    def __init__(self, verdict: Verdict, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.verdict = verdict
        self.reasons = verdict.reasons
        if verdict.status == "error":
            self.exit_code = EXIT_CANNOT_EVALUATE
