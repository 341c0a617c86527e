"""Run the fake Hub as a process: ``python -m tests.fakehub --root fixtures/hub``.

Why a separate process: benchmarks and manual runs need a server that lives outside the process
under test.  The only line on stdout is the URL (flushed), so callers can read one line and go;
a human-readable note goes to stderr.  It serves until SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from .server import FakeHub


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, serve, and block until a termination signal arrives."""
    parser = argparse.ArgumentParser(prog="python -m tests.fakehub", description=__doc__)
    parser.add_argument("--root", default="fixtures/hub", help="folder of repos to serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--cdn-port", type=int, default=0, help="port of the fake LFS CDN")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    parser.add_argument("--page-size", type=int, default=1000, help="tree/list page size")
    args = parser.parse_args(argv)

    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    hub = FakeHub(
        args.root,
        host=args.host,
        port=args.port,
        cdn_port=args.cdn_port,
        latency=args.latency,
        page_size=args.page_size,
    )
    with hub:
        print(hub.url, flush=True)
        print(
            f"fakehub: serving {args.root} at {hub.url} (CDN {hub.cdn_url})",
            file=sys.stderr,
            flush=True,
        )
        while not stop.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
