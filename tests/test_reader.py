"""Decoding license files whatever they were saved as."""

from __future__ import annotations

import codecs

from licscan.matching.reader import decode_bytes

TEXT = "Licensor grants you a licence — “as is”.\nSecond line.\n"


def test_utf8() -> None:
    out = decode_bytes(TEXT.encode("utf-8"))
    assert out.text == TEXT and out.encoding == "utf-8" and not out.truncated


def test_utf8_with_bom() -> None:
    out = decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert out.text == TEXT and out.encoding == "utf-8-sig"


def test_utf16_with_bom_both_byte_orders() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        out = decode_bytes(bom + TEXT.encode(encoding))
        assert out.text == TEXT and out.encoding == encoding


def test_latin1_falls_back() -> None:
    text = "Licence accordée à l'utilisateur\n"
    out = decode_bytes(text.encode("latin-1"))
    assert out.text == text and out.encoding in ("cp1252", "latin-1")


def test_crlf_and_cr_become_lf() -> None:
    out = decode_bytes(b"a\r\nb\rc\n")
    assert out.text == "a\nb\nc\n"


def test_nul_bytes_mean_binary() -> None:
    out = decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert out.text is None and out.encoding is None


def test_large_file_is_capped_and_says_so() -> None:
    data = ("word " * 1000).encode()
    out = decode_bytes(data, limit=100)
    assert out.truncated and out.size == len(data)
    assert out.text is not None and len(out.text) == 100


def test_cap_in_the_middle_of_a_character_is_not_latin1() -> None:
    data = ("é" * 60).encode("utf-8")
    out = decode_bytes(data, limit=51)
    assert out.encoding == "utf-8" and out.text == "é" * 25
