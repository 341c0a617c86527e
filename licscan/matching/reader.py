"""Reading license-bearing files as text, whatever they were saved as.

Why here and not in the matcher: LICENSE files arrive as UTF-8, UTF-8 with BOM, UTF-16 from
Windows tools, Latin-1 from old projects, with CRLF; some are binary by mistake; some are huge.
Each of those is a value the report states ("binary, skipped", "read the first 1 MiB"), never a
crash and never a silent guess.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

READ_LIMIT = 1024 * 1024  # bytes; license files are a few kB, model cards rarely over 100 kB


@dataclass(frozen=True)
class DecodedText:
    """A file's text, how it was decoded, and whether it was capped."""

    text: str | None  # None when the bytes are binary
    encoding: str | None
    size: int
    truncated: bool


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes, size: int | None = None, limit: int = READ_LIMIT) -> DecodedText:
    """Decode by BOM, else strict UTF-8, else Latin-1 (CP-1252 where it fits); NULs mean binary."""
    total = len(data) if size is None else size
    truncated = total > limit or len(data) > limit
    data = data[:limit]
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if encoding.startswith(("utf-16", "utf-32")):
                unit = 2 if encoding.startswith("utf-16") else 4
                body = body[: len(body) - len(body) % unit]
            text = body.decode(encoding.replace("-sig", ""), errors="replace")
            return DecodedText(_clean(text), encoding, total, truncated)
    if b"\x00" in data[:8192]:
        wide = _utf16_without_bom(data)
        if wide is None:
            return DecodedText(None, None, total, truncated)
        body = data[: len(data) - len(data) % 2]
        return DecodedText(_clean(body.decode(wide, errors="replace")), wide, total, truncated)
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        if truncated and exc.start >= len(data) - 3:  # the cap cut a character in half
            text = data[: exc.start].decode("utf-8")
            encoding = "utf-8"
        else:
            try:
                text = data.decode("cp1252")
                encoding = "cp1252"
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                encoding = "latin-1"
    return DecodedText(_clean(text), encoding, total, truncated)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL-bearing bytes are really UTF-16 text saved without
    a BOM (Windows tools do), else None (binary).

    Why not call every NUL "binary": a license saved that way would be skipped, and a skipped
    license file is a license nobody read. Text in UTF-16 has the NULs on one side of each
    code unit (the high byte of Latin letters) and decodes to printable characters; binary
    content does neither.
    """
    sample = data[:8192]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    units = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= 0.3 * units and even_nuls <= 0.02 * units:
        encoding = "utf-16-le"
    elif even_nuls >= 0.3 * units and odd_nuls <= 0.02 * units:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    return encoding if printable >= 0.97 * len(text) else None


def _clean(text: str) -> str:
    """Line endings unified: CRLF and lone CR become LF (offsets refer to this text)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
