"""Shared pytest configuration: the fake Hugging Face Hub is a plugin under tests/fakehub.

Why the environment below: most CLI tests run licscan in this process (tests/helpers.py), and
huggingface_hub fixes a few settings when it is first imported, with no per-call parameter:
telemetry (a side request to the endpoint), Xet, progress bars on stderr and the download and
ETag timeouts. They are set here, before anything imports the client, to what
``tests.fakehub.client_env`` gives a subprocess, so both ways of running see the same client.
"""

import os

os.environ.update({
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_XET": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_ETAG_TIMEOUT": "2",
})
os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", "10")

pytest_plugins = ["tests.fakehub.pytest_plugin"]
