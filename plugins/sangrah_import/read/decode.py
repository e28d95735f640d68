"""Bytes of a dump -> text, or a clear reason why not.

The order follows what a browser does with a saved page, minus guessing:
a byte-order mark wins; then an encoding the document declares (HTML
``<meta charset>``, ``http-equiv``, an XML declaration) when the bytes agree
with it; then UTF-8; then Windows-1252, the encoding of old Windows-made
text (not ISO-8859-1, which would turn curly quotes into control codes).
Text that was once decoded the wrong way and saved again (mojibake,
"àª…àª®") is repaired with ftfy. What is left must look like text, or the
dump is rejected as binary.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy

from .errors import Reject

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of file formats that are never text (a photo saved as .txt, a
# PDF or Word file dropped among the dumps), named in the reject reason.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# WHATWG: these labels mean windows-1252 in every browser.
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819", "ibm819"}
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
# How far into a page a charset declaration is looked for (browsers: 1024
# bytes; saved pages often carry long <head>s, so a little more).
DECLARATION_WINDOW = 8192

# Characters that do not occur in text: C0 controls other than whitespace,
# C1 controls, the replacement character, noncharacters.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
# Share of such characters above which a decoded dump is binary data. Real
# text has none; random bytes decoded as Windows-1252 have about 13%.
MAX_NOT_TEXT_SHARE = 0.005
# Mojibake of UTF-8 read as a single-byte code page is made of Latin-1 and
# Windows-1252 letters; text without any cannot need repair (and skipping
# ftfy on it keeps big Gujarati dumps fast).
_MOJIBAKE_HINT = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html=False, explain=False)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_VISIBLE = re.compile(f"[^\\s{_INVISIBLE}]")


def declared_encoding(data: bytes) -> str | None:
    """The encoding an HTML/XML document names for itself, if Python knows it."""
    match = _DECLARED.search(data[:DECLARATION_WINDOW])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace").strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark, recognised by its zero bytes."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    for encoding, zeros, other in (("utf-16-le", odd_zeros, even_zeros), ("utf-16-be", even_zeros, odd_zeros)):
        if zeros >= 0.2 * half and other <= 0.02 * half:
            try:
                return data[: len(data) - len(data) % 2].decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _raw_decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise Reject(f"invalid {encoding} text ({error.reason} at byte {error.start})") from None
    kind = _binary_kind(data)
    if kind:
        raise Reject(f"binary data ({kind}), not text")
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise Reject("binary data, not text")
        return text
    if declared:
        # The document's own word wins while its bytes agree with it (a page
        # wrongly declared Latin-1 but written in UTF-8 becomes mojibake here,
        # which repair() undoes, as a browser user would see it fixed).
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise Reject("binary data or an unknown encoding (not UTF-8, UTF-16 or Windows-1252)") from None


def repair(text: str) -> str:
    """Mojibake repaired (ftfy), curly quotes and HTML entities left as they are."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    return ftfy.fix_text(text, _FTFY)


def is_blank(text: str) -> bool:
    """Nothing but spaces (of any Unicode kind) and invisible characters."""
    # re's \s is str.isspace(), what strip() removes; one search, not a copy of the text.
    return _VISIBLE.search(text) is None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode a dump's bytes into text; raises :class:`Reject` with the reason.

    ``declared`` is the encoding the document names for itself (HTML pages),
    used when the bytes are valid in it.
    """
    if not data.strip():
        raise Reject("empty file")
    text = repair(_raw_decode(data, declared))
    if is_blank(text):
        raise Reject("empty file (only spaces and invisible characters)")
    sample = text[:65536]
    bad = len(_NOT_TEXT.findall(sample))
    if bad > MAX_NOT_TEXT_SHARE * len(sample):
        raise Reject("binary data, not text")
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))
