"""Bytes of a dump -> text, or a clear reason why not."""

from __future__ import annotations

import codecs

from .errors import Reject

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """Decode a dump's bytes: BOM-marked encodings, UTF-8, then Windows-1252."""
    if not data.strip():
        raise Reject("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise Reject(f"invalid {encoding} text ({error.reason} at byte {error.start})") from None
    if b"\x00" in data[:4096]:
        raise Reject("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise Reject("not valid text in UTF-8 or Windows-1252") from None
