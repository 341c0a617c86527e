"""The one way licscan replaces a file: write beside it, then rename over it.

Why one writer: reports, lockfiles, the compiled-rules cache, the snapshot cache and the Hub
listing records are all read by someone else (a CI step, a second licscan process, an offline
run) who must never see half a file. A temporary file in the same folder renamed with
``os.replace`` is atomic on POSIX and Windows; a failed write removes its temporary file instead
of leaving ``.tmp`` litter beside the user's files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(path: Path, data: bytes, *, private: bool = True) -> None:
    """Write ``data`` to ``path`` atomically, creating its folder; raises ``OSError``.

    ``private``: the file keeps ``mkstemp``'s owner-only mode, right for caches. A report or a
    lockfile is an ordinary file (``private=False``): the mode a new file gets under the umask.
    """
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if not private:
                os.chmod(tmp, 0o666 & ~_umask())
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
