"""The central error handler: user errors exit 2 with a message, bugs exit 3 with a log."""

from __future__ import annotations

from pathlib import Path

import pytest

from licscan import cli
from tests.helpers import run_cli


def test_internal_error_exits_3_with_a_diagnostic_log(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    def broken() -> None:
        raise RuntimeError("simulated bug hf_secret_value_123")

    monkeypatch.setenv("LICSCAN_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("HF_TOKEN", "hf_secret_value_123")
    monkeypatch.setattr("licscan.licenses.load_catalog", broken)
    code = cli.main(["explain", "mit"])
    err = capsys.readouterr().err
    assert code == 3
    assert "internal error" in err and "not a verdict on your models" in err
    logs = list((tmp_path / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    log = logs[0].read_text()
    assert "RuntimeError" in log and "Traceback" in log
    assert "hf_secret_value_123" not in log + err, "tokens never reach a log"


def test_usage_errors_exit_2_without_traceback() -> None:
    for args in (["nope"], ["check"], ["identify"], ["inspect"], ["explain"]):
        run = run_cli(*args)
        assert run.code == 2, (args, run)
        assert "Traceback" not in run.err


def test_version() -> None:
    run = run_cli("--version")
    assert run.code == 0 and "licscan, version 0.1.0" in run.out
