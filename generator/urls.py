"""Slugs: the stable, safe names used in page URLs (``sources/<slug>/``, ``actors/<slug>/``...).

A slug is lowercase ASCII ``[a-z0-9-]``, never empty, never starts or ends with ``-``, at most
``MAX_SLUG`` characters. It therefore cannot be ``.``/``..``, hold a ``/`` or any shell character, and
is safe as a folder name on every file system, whatever the input (``"../../etc/x"`` -> ``"etc-x"``).

Transliteration: Unicode NFKD folds accented Latin letters to their base (``"Détente"`` ->
``"detente"``); a small table covers what NFKD leaves alone but readers expect spelled out (``ß``,
``æ``, ``ø``, ``ł``...) and Russian/Ukrainian Cyrillic (a dossier about Russia meets ``Путин``), so
``"Путин"`` -> ``"putin"``. Anything else (CJK, Arabic...) is dropped; if nothing is left the slug is
``x-<8 hex>`` from a hash of the text, so it is still unique and deterministic.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection

MAX_SLUG = 80

# Letters NFKD does not decompose, and Cyrillic (BGN/PCGN-like, simplified: no diacritics).
_EXTRA = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    "ŀ": "l", "ħ": "h", "ŧ": "t", "ĸ": "k", "ŋ": "ng", "ſ": "s",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u",
}
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFKD", text.lower()):
        if ch < "\x80":
            out.append(ch)
        elif ch in _EXTRA:
            out.append(_EXTRA[ch])
        # combining marks and anything untransliterable are dropped
    return "".join(out)


def short_hash(text: str, n: int = 8) -> str:
    """A few hex digits of sha1(text): deterministic across runs and machines."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def _truncate(slug: str, limit: int) -> str:
    """Cut at a hyphen when one is reasonably close to the limit, so words stay whole."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    hyphen = cut.rfind("-")
    if hyphen >= limit // 2:
        cut = cut[:hyphen]
    return cut.strip("-")


def slugify(text: str, *, max_length: int = MAX_SLUG) -> str:
    """``text`` as a URL/folder-safe slug: ``[a-z0-9-]``, 1..max_length chars, never empty.

    >>> slugify("Brief Russia-West détente (+video)")
    'brief-russia-west-detente-video'
    >>> slugify("../../etc/x")
    'etc-x'
    """
    text = str(text)
    slug = _NON_SLUG.sub("-", _ascii(text)).strip("-")
    slug = _truncate(slug, max_length)
    if not slug:
        slug = f"x-{short_hash(text)}"
    return slug


def take_id(taken: set[str], base: str, fallback: str | None = None) -> str:
    """The one way resolve stages hand out ids: ``base`` if free, else ``fallback`` (a longer form the
    caller chooses: the kind, a short hash of where it came from), else that (or ``base``) with -2,
    -3... The id is added to ``taken``. The caller fixes the order ids are handed out in, so an id
    does not move when an unrelated item arrives."""
    cid = base
    if cid in taken and fallback is not None:
        cid = fallback
    stem, n = cid, 2
    while cid in taken:
        cid, n = f"{stem}-{n}", n + 1
    taken.add(cid)
    return cid


def unique_slug(base: str, taken: Collection[str], *, key: str | None = None, max_length: int = MAX_SLUG) -> str:
    """``base`` (made a slug if it is not one) unless it is in ``taken``; else ``base-<hash>``.

    The suffix is a short hash of ``key`` (e.g. the file name; default: ``base``), so the same
    thing gets the same slug on every run, whatever order the others were added in. ``taken`` is
    not modified: the caller adds the result. Pathological repeated collisions add ``-2``, ``-3``...
    """
    base = slugify(base, max_length=max_length)
    if base not in taken:
        return base
    suffix = short_hash(key if key is not None else base, 6)
    stem = _truncate(base, max_length - len(suffix) - 1)
    candidate = f"{stem}-{suffix}"
    n = 2
    while candidate in taken:
        tail = f"{suffix}-{n}"
        candidate = f"{_truncate(base, max_length - len(tail) - 1)}-{tail}"
        n += 1
    return candidate
