"""Bytes -> text: size limit, binary detection, encoding detection. No dependency beyond the stdlib.

Decisions (each a user-visible promise):

* **Size**: files up to ``MAX_BYTES`` (60,000,000 bytes) are read; the spaCy pipeline is configured
  for 60 million characters (``extract/nlp.py``) and every encoding accepted here decodes to at most
  one character per byte, so anything read can be parsed. Files over ``LARGE_BYTES`` (10 MB) are
  read with a warning (parsing them takes minutes). Larger than the limit: ``IngestError`` naming
  the size and the limit.
* **Binary**: NUL bytes (unless the file is UTF-16 with a BOM or a clear UTF-16 byte pattern), a
  known binary signature (PDF, ZIP/DOCX, gzip, PNG, JPEG, GIF...), or more than 5 % control bytes
  other than tab/newline/carriage return/form feed -> ``IngestError("binary file ...")``.
* **UTF-8 first**: if the bytes are valid UTF-8 they are UTF-8 (a BOM is stripped, so offsets count
  from the first character after it). Valid UTF-8 is almost never produced by accident by another
  encoding, so this is safe.
* **Mostly UTF-8**: if most non-ASCII bytes form valid UTF-8 sequences and a few do not (a file
  pasted together from two sources), the valid sequences are read as UTF-8 and each stray byte as
  Windows-1252 (one character per byte), with a warning.
* **Otherwise a legacy 8-bit encoding**, Cyrillic (Windows-1251) or Western (Windows-1252, or
  Latin-1 when the bytes use positions Windows-1252 leaves undefined). The heuristic: in
  Windows-1251 the bytes 0xC0-0xFF are Cyrillic *letters*, so Russian words are runs of several
  high bytes with no ASCII letter inside ("Путин" = 5 high bytes in a row); in Western text accented
  letters are isolated inside ASCII words ("café", "Größe": at most 1-2 high bytes in a row). We
  look at every word (a run of ASCII letters and bytes >= 0xC0); if at least half of the words that
  contain a high byte are made of 3 or more high bytes only, the text is Cyrillic. HTML files that
  declare a charset (``<meta charset=...>``) use it when the bytes are not UTF-8.
  charset-normalizer (installed as a dependency of another package) was tried and rejected: on the
  BBC corpus it read a Latin-1 pound sign as a Japanese code page.
* Every non-UTF-8 decision is returned as a warning, so it shows on the build report.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

MAX_BYTES = 60_000_000
LARGE_BYTES = 10_000_000

_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP/Office document"),
    (b"\x1f\x8b", "gzip"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\xd0\xcf\x11\xe0", "Office document (OLE)"),
    (b"{\\rtf", "RTF document"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"),
    (b"7z\xbc\xaf", "7z"),
)
# C0 controls that plain text uses: tab, LF, VT, FF, CR; ESC is tolerated too (ANSI colours).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_WORD = re.compile(rb"[A-Za-z\xc0-\xff]+")
_HIGH_RUN = re.compile(rb"^[\xc0-\xff]{3,}$")
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # codec name as reported in Article.encoding
    warnings: tuple[str, ...] = ()


class DecodeError(ValueError):
    """Bytes that cannot be an article; the message is the user-facing reason."""


def check_size(size: int) -> str | None:
    """Raise for files over the limit; return a warning for large ones."""
    if size > MAX_BYTES:
        raise DecodeError(f"file too large: {_mb(size)} (the limit is {_mb(MAX_BYTES)})")
    if size > LARGE_BYTES:
        return f"large file ({_mb(size)}): extraction will be slow"
    return None


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def decode_bytes(data: bytes, *, html: bool = False) -> Decoded:
    """Decode an article's bytes, or raise ``DecodeError`` with the reason."""
    warnings = [w] if (w := check_size(len(data))) else []
    if data.startswith(codecs.BOM_UTF8):
        return _finish(data[3:], "utf-8-sig", warnings)
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), codec.split("-le")[0].split("-be")[0], tuple(warnings))
            except UnicodeDecodeError:
                raise DecodeError(f"binary file (starts with a {codec} byte-order mark but is not {codec})") from None
    for sig, what in _SIGNATURES:
        if data.startswith(sig):
            raise DecodeError(f"binary file ({what})")
    if b"\x00" in data:
        codec = _bomless_utf16(data)
        if codec:
            try:
                return Decoded(data.decode(codec), codec, (*warnings, f"decoded as {codec} (no byte-order mark)"))
            except UnicodeDecodeError:
                pass
        raise DecodeError("binary file (contains NUL bytes)")
    controls = len(data) - len(data.translate(None, _CONTROL))
    if controls > 0.05 * len(data):
        raise DecodeError(f"binary file ({controls} control bytes out of {len(data)})")
    return _finish(data, "utf-8", warnings, html=html)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII text has a NUL in every other byte, on one side."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _finish(data: bytes, codec: str, warnings: list[str], *, html: bool = False) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), codec, tuple(warnings))
    except UnicodeDecodeError:
        pass
    valid = len(_UTF8_SEQ.findall(data))
    invalid = _count_invalid_utf8(data)
    if valid >= 3 * invalid:
        text = data.decode("utf-8", errors="cp1252_fallback")
        return Decoded(text, "utf-8", (*warnings, f"{invalid} byte(s) not valid UTF-8, read as Windows-1252"))
    if html:
        m = _HTML_CHARSET.search(data[:4096])
        if m:
            name = m.group(1).decode("ascii", "replace")
            try:
                codec_info = codecs.lookup(name)
                return Decoded(data.decode(codec_info.name, errors="replace"), codec_info.name,
                               (*warnings, f"not UTF-8; decoded as {codec_info.name} (declared in the HTML)"))
            except LookupError:
                pass
    legacy = guess_legacy(data)
    return Decoded(data.decode(legacy), legacy, (*warnings, f"not UTF-8; decoded as {legacy} (guessed)"))


def _count_invalid_utf8(data: bytes) -> int:
    n = 0
    for chunk in _UTF8_SEQ.split(data):
        n += sum(1 for b in chunk if b >= 0x80)
    return n


def guess_legacy(data: bytes) -> str:
    """``cp1251`` (Cyrillic), ``cp1252`` or ``latin-1`` for bytes that are not UTF-8 (see module doc)."""
    high_words = cyrillic_like = 0
    for w in _WORD.findall(data):
        if max(w) >= 0xC0:
            high_words += 1
            if _HIGH_RUN.match(w):
                cyrillic_like += 1
    if high_words and cyrillic_like * 2 >= high_words and 0x98 not in data:  # 0x98: the one byte cp1251 lacks
        return "cp1251"
    if any(b in _CP1252_UNDEFINED for b in set(data)):
        return "latin-1"
    return "cp1252"


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: one undecodable byte -> its Windows-1252 (or Latin-1) character."""
    bad = err.object[err.start:err.start + 1]
    try:
        ch = bad.decode("cp1252")
    except UnicodeDecodeError:
        ch = bad.decode("latin-1")
    return ch, err.start + 1


codecs.register_error("cp1252_fallback", _cp1252_fallback)
