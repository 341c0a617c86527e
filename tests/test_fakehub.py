"""Prove the fake Hub against the real huggingface_hub client (never mocked, never patched).

Why subprocesses: huggingface_hub reads HF_ENDPOINT, HF_HOME and telemetry settings at import
time (hub-facts §1), and an in-process client would send the developer's token and a telemetry
request to the real Hub.  Each client check therefore runs ``python -c`` with ``client_env``;
the script prints one JSON object that the test asserts on.  Fixture repos live in
``tests/fakehub/testdata`` and hold no licence texts, only front matter naming licence ids.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from tests.fakehub import REPO_ROOT, FakeHub, client_env, git_blob_sha1, spawn_hub
from tests.fakehub.pytest_plugin import HUB_FIXTURES, MakeHub

TESTDATA = Path(__file__).parent / "fakehub" / "testdata"
DEMO_SHA = "1" * 40
V1_SHA = "2" * 40

_PRELUDE = '''
import json, os, time
from pathlib import Path
from huggingface_hub import HfApi, hf_hub_download
from huggingface_hub.errors import HfHubHTTPError

api = HfApi()  # endpoint comes from HF_ENDPOINT, which proves the environment is honoured
out = {}

def catch(fn, *args, **kwargs):
    """Call fn and describe the exception it raises (or None)."""
    try:
        fn(*args, **kwargs)
    except Exception as exc:
        resp = getattr(exc, "response", None)
        return {
            "type": type(exc).__name__,
            "mro": [c.__name__ for c in type(exc).__mro__],
            "status": resp.status_code if resp is not None else None,
            "server_message": getattr(exc, "server_message", None),
            "is_http_base": isinstance(exc, HfHubHTTPError.__bases__[0]),
            "cause": type(exc.__cause__).__name__ if exc.__cause__ is not None else None,
        }
    return None
'''


def run_client(env: dict[str, str], body: str, timeout: float = 25) -> dict[str, Any]:
    """Run a client script in a fresh interpreter and return its ``out`` dict."""
    code = _PRELUDE + textwrap.dedent(body) + "\nprint(json.dumps(out, default=str))\n"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def raw_get(hub: FakeHub, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One raw HTTP request, bypassing any client-side URL normalisation."""
    conn = http.client.HTTPConnection("127.0.0.1", hub.port, timeout=5)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


@pytest.fixture
def data_hub(make_hub: MakeHub) -> FakeHub:
    """A fake Hub over this file's own fixture repos."""
    return make_hub(TESTDATA)


@pytest.fixture
def env(data_hub: FakeHub, tmp_path: Path) -> dict[str, str]:
    """Client environment pointed at ``data_hub`` with an isolated HF_HOME."""
    return client_env(data_hub.url, tmp_path)


def statuses(hub: FakeHub, fragment: str) -> list[tuple[str, int | None]]:
    """(method, status) of logged requests whose path contains ``fragment``."""
    return [(r.method, r.status) for r in hub.requests if fragment in r.path]


# ---- metadata ------------------------------------------------------------------------------


def test_model_and_dataset_info(env: dict[str, str]) -> None:
    """Card data, derived tags, gating, sha, siblings, revisions and datasets parse as usual."""
    out = run_client(
        env,
        """
        info = api.model_info("acme/demo")
        out["id"] = info.id
        out["sha"] = info.sha
        out["gated"] = info.gated
        out["card"] = info.card_data.to_dict()
        out["tags"] = info.tags
        out["siblings"] = [s.rfilename for s in info.siblings]
        out["base_models"] = info.base_models
        out["last_modified"] = info.last_modified.isoformat()
        blobs = api.model_info("acme/demo", files_metadata=True)
        out["sizes"] = {s.rfilename: s.size for s in blobs.siblings}
        out["lfs"] = blobs.siblings[-1].lfs.sha256 if blobs.siblings[-1].lfs else None
        out["by_tag"] = api.model_info("acme/demo", revision="v1.0").sha
        out["by_sha"] = api.model_info("acme/demo", revision="2" * 40).sha
        exp = api.model_info("acme/demo", expand=["cardData", "gated"])
        out["expanded_sha"] = exp.sha
        out["expanded_license"] = exp.card_data.license
        gated = api.model_info("acme/gated-model")
        out["gated_model"] = [gated.gated, gated.card_data.get("extra_gated_prompt")]
        merged = api.model_info("acme/merged")
        out["merged_tags"] = merged.tags
        out["merged_card"] = merged.card_data.to_dict()
        out["hostile_card"] = api.model_info("acme/hostile-card").card_data
        ds = api.dataset_info("acme/corpus")
        out["ds"] = [ds.id, ds.card_data.license, ds.tags, [s.rfilename for s in ds.siblings]]
        """,
    )
    assert out["id"] == "acme/demo"
    assert out["sha"] == DEMO_SHA
    assert out["gated"] is False
    assert out["card"]["license"] == "other"
    assert out["card"]["license_name"] == "acme-research"
    assert out["card"]["license_link"] == "LICENSE"
    assert out["tags"] == [
        "transformers",
        "safetensors",
        "dataset:acme/corpus",
        "base_model:acme/base",
        "base_model:finetune:acme/base",
        "license:other",
        "region:us",
    ]
    assert out["siblings"] == [
        "README.md",
        "config.json",
        "docs/notes.txt",
        "docs/sub/deep.txt",
        "model.safetensors",
    ]
    assert out["base_models"] == {"relation": "finetune", "models": [{"id": "acme/base"}]}
    assert out["last_modified"].startswith("2026-04-02T10:00:00")
    assert out["sizes"]["model.safetensors"] == 64
    assert out["lfs"] is not None and len(out["lfs"]) == 64
    assert out["by_tag"] == V1_SHA
    assert out["by_sha"] == V1_SHA
    assert out["expanded_sha"] is None  # with expand the Hub returns only the requested keys
    assert out["expanded_license"] == "other"
    assert out["gated_model"] == ["manual", "Please agree to the terms before downloading."]
    assert "license:apache-2.0" in out["merged_tags"] and "license:mit" in out["merged_tags"]
    assert "base_model:merge:other/thing" in out["merged_tags"]
    assert out["merged_card"]["created"] == "2024-01-02"  # YAML dates become strings
    assert out["hostile_card"] is None
    assert out["ds"] == [
        "acme/corpus",
        ["cc-by-4.0", "odc-by"],
        ["license:cc-by-4.0", "license:odc-by", "region:us"],
        ["README.md", "data.csv"],
    ]


def test_list_repo_files_follows_link_pagination(data_hub: FakeHub, env: dict[str, str]) -> None:
    """Tree pages are chained through ``Link: rel="next"`` and the client follows them all."""
    data_hub.page_size = 2
    out = run_client(
        env,
        """
        out["files"] = api.list_repo_files("acme/demo")
        out["docs"] = sorted(
            (e.path, type(e).__name__) for e in api.list_repo_tree("acme/demo", "docs")
        )
        out["ds_files"] = api.list_repo_files("acme/corpus", repo_type="dataset")
        """,
    )
    assert out["files"] == [
        "README.md",
        "config.json",
        "docs/notes.txt",
        "docs/sub/deep.txt",
        "model.safetensors",
    ]
    assert out["docs"] == [["docs/notes.txt", "RepoFile"], ["docs/sub", "RepoFolder"]]
    assert out["ds_files"] == ["README.md", "data.csv"]
    tree = [r for r in data_hub.requests if r.path == "/api/models/acme/demo/tree/main"]
    assert len(tree) == 4  # 7 entries (5 files, 2 folders) at 2 per page
    assert [("cursor=" in r.query) for r in tree] == [False, True, True, True]


def test_list_models_by_author(data_hub: FakeHub, env: dict[str, str]) -> None:
    """``list_models(author=...)`` pages through Link, hides private repos and renamed stubs."""
    data_hub.page_size = 2
    out = run_client(
        env,
        """
        out["acme"] = [m.id for m in api.list_models(author="acme")]
        out["acme_tagged"] = [m.tags for m in api.list_models(author="acme", search="demo")]
        out["limited"] = [m.id for m in api.list_models(author="acme", limit=1)]
        out["other"] = [m.id for m in api.list_models(author="other", cardData=True)]
        out["card"] = [m.card_data.license for m in api.list_models(author="other", cardData=True)]
        out["with_token"] = [m.id for m in api.list_models(author="acme", token="hf_goodtoken")]
        out["datasets"] = [d.id for d in api.list_datasets(author="acme")]
        """,
    )
    assert out["acme"] == [
        "acme/demo",
        "acme/disabled-model",
        "acme/gated-model",
        "acme/hostile-card",
        "acme/merged",
    ]
    assert out["acme_tagged"][0][-2:] == ["license:other", "region:us"]
    assert out["limited"] == ["acme/demo"]
    assert out["other"] == ["other/thing"]
    assert out["card"] == ["cc-by-4.0"]
    assert "acme/private-model" in out["with_token"]
    assert out["datasets"] == ["acme/corpus"]
    assert any("cursor=" in r.query for r in data_hub.requests if r.path == "/api/models")


# ---- downloads ------------------------------------------------------------------------------


def test_hf_hub_download_lands_in_cache(
    data_hub: FakeHub, env: dict[str, str], tmp_path: Path
) -> None:
    """HEAD then GET, blob named by the git sha1 ETag, snapshot symlink at the commit."""
    out = run_client(
        env,
        """
        path = hf_hub_download("acme/demo", "README.md")
        out["path"] = path
        out["text"] = Path(path).read_text()
        out["again"] = hf_hub_download("acme/demo", "docs/sub/deep.txt")
        out["second"] = hf_hub_download("acme/demo", "README.md")
        ds_path = hf_hub_download("acme/corpus", "data.csv", repo_type="dataset")
        out["ds"] = Path(ds_path).read_text()
        out["cached_pinned"] = hf_hub_download("acme/demo", "README.md", revision="1" * 40)
        """,
    )
    readme = (TESTDATA / "acme/demo/README.md").read_bytes()
    snapshot = tmp_path / "hub" / "models--acme--demo" / "snapshots" / DEMO_SHA
    assert Path(out["path"]) == snapshot / "README.md"
    assert out["text"].encode() == readme
    assert Path(out["again"]) == snapshot / "docs" / "sub" / "deep.txt"
    blob = tmp_path / "hub" / "models--acme--demo" / "blobs" / git_blob_sha1(readme)
    assert blob.read_bytes() == readme
    assert (tmp_path / "hub" / "models--acme--demo" / "refs" / "main").read_text() == DEMO_SHA
    assert out["ds"] == "id,text\n1,hello\n"
    assert out["cached_pinned"] == out["path"]
    # first download HEAD+GET, second HEAD only, commit-pinned cached download: no request
    assert statuses(data_hub, "/acme/demo/resolve/main/README.md") == [
        ("HEAD", 200),
        ("GET", 200),
        ("HEAD", 200),
    ]
    assert not [r for r in data_hub.requests if DEMO_SHA in r.path]


def test_lfs_download_via_cdn_without_authorization(data_hub: FakeHub, env: dict[str, str]) -> None:
    """The 302 to another origin is followed without the token, like the real Hub's CDN."""
    out = run_client(
        env,
        """
        path = hf_hub_download("acme/demo", "model.safetensors", token="hf_goodtoken")
        out["data"] = Path(path).read_bytes().hex()
        out["blob"] = os.path.basename(os.path.realpath(path))
        """,
    )
    assert out["data"] == "00" * 64
    assert len(out["blob"]) == 64  # named by the sha256 from X-Linked-Etag
    head = [r for r in data_hub.requests if r.path.endswith("/model.safetensors")]
    assert [(r.method, r.status) for r in head] == [("HEAD", 302)]
    assert head[0].authorization == "Bearer hf_goodtoken"
    cdn = data_hub.cdn_requests
    assert [(r.method, r.status) for r in cdn] == [("GET", 200)]
    assert cdn[0].authorization is None
    assert cdn[0].path == f"/blob/{out['blob']}"


# ---- errors ---------------------------------------------------------------------------------


def test_error_mapping(data_hub: FakeHub, env: dict[str, str], tmp_path: Path) -> None:
    """Each Hub error code reaches the caller as the matching huggingface_hub exception."""
    out = run_client(
        env,
        """
        out["missing"] = catch(api.model_info, "acme/missing")
        out["missing_tok"] = catch(api.model_info, "acme/missing", token="hf_x")
        out["missing_dl"] = catch(hf_hub_download, "acme/missing", "README.md")
        out["one_segment"] = catch(api.model_info, "gpt2")
        out["rev"] = catch(api.model_info, "acme/demo", revision="v9")
        out["rev_dl"] = catch(hf_hub_download, "acme/demo", "README.md", revision="v9")
        out["rev_tree"] = catch(api.list_repo_files, "acme/demo", revision="v9")
        out["entry"] = catch(hf_hub_download, "acme/demo", "NOPE.md")
        out["disabled"] = catch(api.model_info, "acme/disabled-model")
        out["disabled_dl"] = catch(hf_hub_download, "acme/disabled-model", "README.md")
        out["private"] = catch(api.model_info, "acme/private-model")
        out["private_bad"] = catch(api.model_info, "acme/private-model", token="hf_bad")
        out["private_ok"] = catch(api.model_info, "acme/private-model", token="hf_goodtoken")
        out["exists"] = [api.repo_exists("acme/demo"), api.repo_exists("acme/missing")]
        out["file_exists"] = [
            api.file_exists("acme/demo", "config.json"),
            api.file_exists("acme/demo", "nope.json"),
        ]
        """,
    )
    assert out["missing"]["type"] == "RepositoryNotFoundError"
    assert out["missing"]["status"] == 401
    assert out["missing_tok"]["status"] == 404  # the Hub's answer when a token was sent
    assert out["missing_dl"]["type"] == "RepositoryNotFoundError"
    assert out["one_segment"]["type"] == "RepositoryNotFoundError"
    for key in ("rev", "rev_dl", "rev_tree"):
        assert out[key]["type"] == "RevisionNotFoundError", key
    assert "Invalid rev id: v9" in out["rev"]["server_message"]
    assert out["entry"]["type"] == "RemoteEntryNotFoundError"
    assert "EntryNotFoundError" in out["entry"]["mro"]
    no_exist = tmp_path / "hub" / "models--acme--demo" / ".no_exist" / DEMO_SHA / "NOPE.md"
    assert no_exist.exists()
    assert out["disabled"]["type"] == "DisabledRepoError"
    assert out["disabled"]["status"] == 403
    # hf_hub_download swallows a coded 403 from the HEAD (hub-facts §5 does not list it)
    assert out["disabled_dl"]["type"] == "LocalEntryNotFoundError"
    assert out["disabled_dl"]["cause"] == "DisabledRepoError"
    assert out["private"]["type"] == "RepositoryNotFoundError"
    assert out["private_bad"]["type"] == "RepositoryNotFoundError"
    assert out["private_ok"] is None
    assert out["exists"] == [True, False]
    assert out["file_exists"] == [True, False]


def test_gated_repo(data_hub: FakeHub, env: dict[str, str]) -> None:
    """Gated: metadata open, every resolve needs an approved token (401 / 403 / 200)."""
    out = run_client(
        env,
        """
        repo = "acme/gated-model"
        out["info"] = api.model_info(repo).card_data.license
        out["files"] = api.list_repo_files(repo)
        out["anon"] = catch(hf_hub_download, repo, "README.md")
        out["bad"] = catch(hf_hub_download, repo, "README.md", token="hf_bad")
        out["auth_anon"] = catch(api.auth_check, repo)
        out["auth_good"] = catch(api.auth_check, repo, token="hf_goodtoken")
        out["good"] = Path(hf_hub_download(repo, "README.md", token="hf_goodtoken")).read_text()
        """,
    )
    assert out["info"] == "other"
    assert out["files"] == ["README.md"]
    assert out["anon"]["type"] == "GatedRepoError" and out["anon"]["status"] == 401
    assert out["bad"]["type"] == "GatedRepoError" and out["bad"]["status"] == 403
    assert "not in the authorized list" in out["bad"]["server_message"]
    assert out["auth_anon"]["type"] == "GatedRepoError"
    assert out["auth_good"] is None
    assert out["good"].startswith("---\nlicense: other")
    heads = [r for r in data_hub.requests if r.method == "HEAD"]
    assert [r.authorization for r in heads] == [None, "Bearer hf_bad", "Bearer hf_goodtoken"]


def test_renamed_repo_is_followed(data_hub: FakeHub, env: dict[str, str]) -> None:
    """The old id answers 307 to the new one and the client follows it, as on the Hub."""
    out = run_client(
        env,
        """
        out["id"] = api.model_info("acme/old-name").id
        out["rev"] = api.model_info("acme/old-name", revision="v1.0").sha
        out["text"] = Path(hf_hub_download("acme/old-name", "config.json")).read_text()
        """,
    )
    assert out["id"] == "acme/demo"
    assert out["rev"] == V1_SHA
    assert out["text"].startswith('{"model_type": "demo"')
    assert statuses(data_hub, "/api/models/acme/") == [
        ("GET", 307),
        ("GET", 200),
        ("GET", 307),
        ("GET", 200),
    ]


# ---- faults ---------------------------------------------------------------------------------


def test_fault_429_twice_then_success(data_hub: FakeHub, env: dict[str, str]) -> None:
    """Two 429s with Retry-After: 0 are retried by http_backoff (1 s each), then it works."""
    fault = data_hub.add_fault(r"/tree/", "status", times=2, status=429, retry_after=0)
    out = run_client(
        env,
        """
        t0 = time.monotonic()
        out["files"] = api.list_repo_files("acme/corpus", repo_type="dataset")
        out["elapsed"] = time.monotonic() - t0
        """,
    )
    assert out["files"] == ["README.md", "data.csv"]
    assert out["elapsed"] >= 1.9
    assert fault.hits == 2 and fault.exhausted
    assert statuses(data_hub, "/tree/") == [("GET", 429), ("GET", 429), ("GET", 200)]


def test_fault_status_is_not_retried_by_model_info(data_hub: FakeHub, env: dict[str, str]) -> None:
    """model_info has no retries: a single 503 surfaces at once as HfHubHTTPError."""
    data_hub.add_fault(r"^/api/models/acme/demo$", "status", status=503, error_message="busy")
    out = run_client(env, 'out["err"] = catch(api.model_info, "acme/demo")')
    assert out["err"]["type"] == "HfHubHTTPError"
    assert out["err"]["status"] == 503
    assert out["err"]["server_message"] == "busy"
    assert statuses(data_hub, "/api/models/acme/demo") == [("GET", 503)]


def test_fault_drop_gives_connection_error(data_hub: FakeHub, env: dict[str, str]) -> None:
    """A dropped connection is a raw transport error, not an HfHubHTTPError (hub-facts §5)."""
    data_hub.add_fault(r"^/api/models/acme/demo$", "drop")
    out = run_client(env, 'out["err"] = catch(api.model_info, "acme/demo")')
    assert out["err"]["type"] == "RemoteProtocolError"
    assert out["err"]["is_http_base"] is True
    assert "HfHubHTTPError" not in out["err"]["mro"]
    assert [(r.status, r.fault) for r in data_hub.requests] == [(None, "drop")]


def test_fault_delay_with_client_timeout(data_hub: FakeHub, env: dict[str, str]) -> None:
    """A slow answer beyond the caller's timeout surfaces as a transport timeout."""
    data_hub.add_fault(r"^/api/models/acme/demo$", "delay", seconds=1.0)
    out = run_client(
        env,
        """
        t0 = time.monotonic()
        out["err"] = catch(api.model_info, "acme/demo", timeout=0.3)
        out["elapsed"] = time.monotonic() - t0
        """,
    )
    assert out["err"]["type"] == "ReadTimeout"
    assert out["err"]["is_http_base"] is True
    assert out["elapsed"] < 0.9


def test_fault_drip_is_slow_but_completes(data_hub: FakeHub, env: dict[str, str]) -> None:
    """A dripped body takes longer than the read timeout overall yet succeeds chunk by chunk."""
    data_hub.add_fault(r"^/api/models/acme/demo$", "drip", chunk_size=256, interval=0.15)
    out = run_client(
        env,
        """
        t0 = time.monotonic()
        out["sha"] = api.model_info("acme/demo", timeout=0.4).sha
        out["elapsed"] = time.monotonic() - t0
        """,
    )
    assert out["sha"] == DEMO_SHA
    assert out["elapsed"] > 0.4


def test_fault_truncate(data_hub: FakeHub, env: dict[str, str]) -> None:
    """A short body breaks model_info; a truncated download is retried and then succeeds."""
    data_hub.add_fault(r"^/api/models/acme/demo$", "truncate", keep=10)
    data_hub.add_fault(r"/resolve/main/README\.md$", "truncate", method="GET", times=1, keep=20)
    out = run_client(
        env,
        """
        out["err"] = catch(api.model_info, "acme/demo")
        out["text"] = Path(hf_hub_download("acme/demo", "README.md")).read_text()
        """,
    )
    assert out["err"]["type"] == "RemoteProtocolError"
    assert out["text"].encode() == (TESTDATA / "acme/demo/README.md").read_bytes()
    gets = [r for r in data_hub.requests if r.method == "GET" and "/resolve/" in r.path]
    assert [(r.status, r.fault) for r in gets] == [(200, "truncate"), (200, None)]
    # The client buffers 10 MB chunks, so the partial bytes of a small file are lost and the
    # retry starts over without a Range header (Range resumes only happen for large files).
    assert "range" not in gets[1].headers


def test_range_requests_are_honoured(data_hub: FakeHub) -> None:
    """Resumed downloads of large files send ``Range``; the fake answers 206 like the Hub."""
    conn = http.client.HTTPConnection("127.0.0.1", data_hub.port, timeout=5)
    conn.request("GET", "/acme/demo/resolve/main/config.json", headers={"Range": "bytes=5-"})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    full = (TESTDATA / "acme/demo/config.json").read_bytes()
    assert resp.status == 206
    assert body == full[5:]
    assert resp.getheader("Content-Range") == f"bytes 5-{len(full) - 1}/{len(full)}"


def test_fault_redirect_loop(data_hub: FakeHub, env: dict[str, str]) -> None:
    """An endless redirect ends in the HTTP library's TooManyRedirects."""
    data_hub.add_fault(r"^/api/models/acme/demo$", "redirect_loop")
    out = run_client(env, 'out["err"] = catch(api.model_info, "acme/demo")')
    assert out["err"]["type"] == "TooManyRedirects"
    assert out["err"]["is_http_base"] is True


# ---- server-side behaviour without the client ----------------------------------------------


def test_fault_matching_rules(data_hub: FakeHub) -> None:
    """``after``, ``times``, ``method`` and ``server`` select requests; bad params fail early."""
    fault = data_hub.add_fault(r"^/api/models/acme/demo$", "status", "GET", 1, after=1, status=418)
    codes = [raw_get(data_hub, "/api/models/acme/demo")[0] for _ in range(3)]
    assert codes == [200, 418, 200]
    assert raw_get(data_hub, "/api/models/acme/demo", "HEAD")[0] == 200
    assert fault.hits == 1 and fault.seen == 3
    with pytest.raises(TypeError):
        data_hub.add_fault("x", "delay", secs=1)
    with pytest.raises(ValueError):
        data_hub.add_fault("x", "explode")  # type: ignore[arg-type]
    data_hub.clear_faults()
    assert data_hub.faults == []
    data_hub.add_fault("/blob/", "status", server="cdn", status=503)
    assert raw_get(data_hub, "/api/models/acme/demo")[0] == 200
    status, headers, _ = raw_get(data_hub, "/acme/demo/resolve/main/model.safetensors", "HEAD")
    assert status == 302
    cdn = http.client.HTTPConnection(headers["location"].split("/")[2], timeout=5)
    cdn.request("GET", "/" + headers["location"].split("/", 3)[3])
    assert cdn.getresponse().status == 503
    cdn.close()


def test_latency_and_request_log(data_hub: FakeHub) -> None:
    """Global latency delays every request; the log records method, path, headers and status."""
    data_hub.latency = 0.2
    t0 = time.monotonic()
    raw_get(data_hub, "/api/models/acme/demo?expand=sha")
    assert time.monotonic() - t0 >= 0.2
    record = data_hub.requests[-1]
    assert (record.method, record.path, record.query, record.status) == (
        "GET",
        "/api/models/acme/demo",
        "expand=sha",
        200,
    )
    assert record.target == "/api/models/acme/demo?expand=sha"
    data_hub.reset()
    assert data_hub.latency == 0.0 and data_hub.requests == []


def test_every_response_has_content_length_and_errors_carry_codes(data_hub: FakeHub) -> None:
    """Explicit Content-Length everywhere; Hub errors carry code, message and a JSON body."""
    cases = {
        "/api/models/acme/nope": (401, "RepoNotFound"),
        "/api/models/acme/demo/revision/v9": (404, "RevisionNotFound"),
        "/acme/demo/resolve/main/NOPE": (404, "EntryNotFound"),
        "/acme/gated-model/resolve/main/README.md": (401, "GatedRepo"),
        "/api/models/acme/demo/tree/main/nope": (404, "EntryNotFound"),
    }
    for path, (code, error) in cases.items():
        status, headers, body = raw_get(data_hub, path)
        assert (status, headers.get("x-error-code")) == (code, error), path
        assert headers["content-length"] == str(len(body))
        assert json.loads(body)["error"] == headers["x-error-message"]
    status, headers, _ = raw_get(data_hub, "/acme/demo/resolve/main/NOPE", "HEAD")
    assert headers["x-repo-commit"] == DEMO_SHA
    assert raw_get(data_hub, "/api/agent-harnesses")[0] == 404
    status, headers, _ = raw_get(data_hub, "/acme/demo/resolve/main/config.json", "HEAD")
    assert status == 200
    assert not [h for h in headers if h.startswith("x-xet")]
    tree = json.loads(raw_get(data_hub, "/api/models/acme/demo/tree/main?recursive=true")[2])
    assert all("xetHash" not in item for item in tree)


def test_path_traversal_never_leaves_root(make_hub: MakeHub, tmp_path: Path) -> None:
    """Dot segments, encoded slashes and outward symlinks never expose files outside a repo."""
    root = tmp_path / "root"
    (root / "acme" / "repo").mkdir(parents=True)
    (root / "acme" / "repo" / "ok.txt").write_text("fine\n")
    (root / "acme" / "other").mkdir()
    (root / "acme" / "other" / "hidden.txt").write_text("other repo\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET\n")
    os.symlink(secret, root / "acme" / "repo" / "link.txt")
    os.symlink(tmp_path, root / "acme" / "escape")
    hub = make_hub(root)
    probes = [
        "/acme/repo/resolve/main/../other/hidden.txt",
        "/acme/repo/resolve/main/..%2F..%2Fother%2Fhidden.txt",
        "/acme/repo/resolve/main/%2e%2e/%2e%2e/secret.txt",
        "/acme/repo/resolve/main/link.txt",
        "/acme/repo/resolve/main//etc/passwd",
        "/acme/escape/resolve/main/secret.txt",
        "/acme/..%2F..%2Fsecret.txt/resolve/main/x",
        "/api/models/acme/..%2F../tree/main?recursive=true",
        "/api/models/acme/repo/tree/main/..%2F..?recursive=true",
    ]
    for probe in probes:
        status, _, body = raw_get(hub, probe)
        assert b"SECRET" not in body and b"other repo" not in body, probe
        assert status >= 400, probe
    listing = json.loads(raw_get(hub, "/api/models/acme/repo/tree/main?recursive=true")[2])
    assert [item["path"] for item in listing] == ["ok.txt"]


def test_broken_hub_json_is_a_loud_500(make_hub: MakeHub, tmp_path: Path) -> None:
    """A malformed fixture must fail visibly rather than quietly serve defaults."""
    (tmp_path / "acme" / "bad").mkdir(parents=True)
    (tmp_path / "acme" / "bad" / "_hub.json").write_text("{not json")
    status, _, body = raw_get(make_hub(tmp_path), "/api/models/acme/bad")
    assert status == 500
    assert b"_hub.json" in body


def test_hub_fixture_and_env(hub: FakeHub, hub_env: dict[str, str], tmp_path: Path) -> None:
    """The session hub serves fixtures/hub (maybe empty); hub_env matches hub-facts §9."""
    assert hub.root == HUB_FIXTURES
    assert raw_get(hub, "/api/models/nobody/nothing")[1]["x-error-code"] == "RepoNotFound"
    assert hub_env["HF_ENDPOINT"] == hub.url
    assert hub_env["HF_HOME"] == str(tmp_path)
    assert hub_env["HF_HUB_CACHE"] == str(tmp_path / "hub")
    for name in ("HF_HUB_DISABLE_TELEMETRY", "HF_HUB_DISABLE_XET", "HF_HUB_DISABLE_PROGRESS_BARS"):
        assert hub_env[name] == "1"
    assert hub_env["HF_HUB_ETAG_TIMEOUT"] == "2"
    assert hub.requests[-1].path == "/api/models/nobody/nothing"


def test_client_env_strips_tokens_and_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's token or offline switch must never reach the test client."""
    monkeypatch.setenv("HF_TOKEN", "hf_real")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HUGGINGFACE_CO_STAGING", "1")
    env = client_env("http://127.0.0.1:1", "/tmp/x")
    assert not {"HF_TOKEN", "HF_HUB_OFFLINE", "HUGGINGFACE_CO_STAGING"} & set(env)


def test_main_module_prints_url_and_serves() -> None:
    """``python -m tests.fakehub`` prints exactly its URL and serves until terminated."""
    proc, url = spawn_hub(TESTDATA, latency=0.01)
    try:
        host, port = url.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        conn.request("GET", "/api/models/acme/demo")
        resp = conn.getresponse()
        assert resp.status == 200
        assert json.loads(resp.read())["sha"] == DEMO_SHA
        conn.close()
    finally:
        proc.terminate()
        assert proc.wait(timeout=5) == 0
