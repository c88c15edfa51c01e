"""Which files of ``seeds/`` are read, and how: only regular files inside the folder, never through a link.

- ``seeds/passwd.txt -> /etc/passwd`` would publish that file (page, search index, dossier.json), and a
  sidecar linked to another file would quote its lines on the build report. So a symbolic link is never
  followed: :func:`refusal` names it (and anything else that is not a regular file: a folder, a FIFO, a
  socket, a device) with the reason, and :func:`read_regular` opens with ``O_NOFOLLOW | O_NONBLOCK``
  (a link or a FIFO swapped in after the listing is refused too, a FIFO never blocks the build) and
  checks with ``fstat`` that what it opened is a regular file whose resolved path is inside the folder.
- File names are shown through :func:`display_name`: bytes that are not UTF-8 (kept by Python as
  surrogates, which cannot be written to a UTF-8 page or JSON) become ``\\xNN``, control characters
  (a newline in a name) their escape, so a name is always one printable line. Ids come from
  ``urls.slugify`` of the stem, which drops both.

Not covered: a *hard* link to a file outside (the kernel's ``protected_hardlinks``, on by default in
Debian, forbids linking a file one does not own, so it takes the file's owner to make one).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)
REFUSED = "ignored: {what}, not a regular file (only regular files inside seeds/ are read; links are never followed)"


class NotRegular(OSError):
    """What was opened is not a regular file inside the folder; ``reason`` says what it is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def display_name(text: str) -> str:
    """``text`` (a path) as one printable line: undecodable bytes as ``\\xNN``, controls escaped."""
    if text.isprintable():
        return text
    raw = os.fsencode(text) if any("\udc80" <= c <= "\udcff" for c in text) else None
    if raw is not None:
        text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def refusal(mode: int) -> str | None:
    """Why a directory entry with ``lstat`` mode ``mode`` is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _KINDS if test(mode)), "not a file")
    return REFUSED.format(what=what)


def read_regular(path: Path, *, inside: Path | None = None, max_bytes: int | None = None, check_size=None) -> bytes:
    """The bytes of ``path``, a regular file opened without following a link.

    ``inside``: the folder it must resolve into (``NotRegular`` otherwise). ``check_size(size)`` is
    called with the size from ``fstat`` before reading (it raises to refuse); ``max_bytes`` caps
    what is read. Raises ``OSError`` (``NotRegular`` for links, FIFOs and files outside).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == getattr(__import__("errno"), "ELOOP", -1):
            raise NotRegular(REFUSED.format(what="a symbolic link")) from None
        raise
    try:
        st = os.fstat(fd)
        why = refusal(st.st_mode)
        if why:
            raise NotRegular(why)
        if inside is not None:
            real = Path(os.path.realpath(path))
            if not real.is_relative_to(Path(os.path.realpath(inside))):
                raise NotRegular(f"ignored: resolves outside {display_name(inside.name)}/ (to {display_name(str(real))})")
        if check_size is not None:
            check_size(st.st_size)
        limit = st.st_size if max_bytes is None else min(st.st_size, max_bytes)
        chunks = []
        left = limit + 1  # one byte more: a file that grew since fstat is still read whole up to the cap
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if max_bytes is not None and len(data) > max_bytes:
            data = data[:max_bytes]
        return data
    finally:
        os.close(fd)
