"""One build at a time per project: an exclusive ``fcntl.flock`` on ``.dossier-cache/build.lock``.

Two builds at once used to fail with a raw ``FileNotFoundError`` (each removed the other's staging
folder). Now the second one waits, saying for whom (the holder's pid is written in the lock file), or
with ``--no-wait`` exits at once with :class:`BuildLocked`. The kernel releases a ``flock`` when its
holder dies, so a killed build never leaves a stale lock; the file itself stays (harmless).

A cache folder that cannot be written (read-only CI cache) falls back to locking the project folder
itself (``flock`` on a directory opened read-only), so a build is still exclusive and still runs.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import DossierError
from .faults import checkpoint

LOCK_NAME = "build.lock"


class BuildLocked(DossierError):
    """Another build holds the lock and the caller chose not to wait."""


def _open(folder: Path, fallback: Path) -> tuple[int, bool]:
    """(fd, is_the_lock_file): the lock file in ``folder``, else ``fallback`` opened as a directory."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644), True
    except OSError:
        return os.open(fallback, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC), False


def _holder(fd: int, is_file: bool) -> str:
    if not is_file:
        return "another build"
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        pid = ""
    return f"another build (pid {pid})" if pid.isdigit() else "another build"


@contextlib.contextmanager
def build_lock(folder: Path, *, root: Path, wait: bool = True, log: Callable[[str], None] = print) -> Iterator[None]:
    """Hold the project's build lock for the block; ``root`` is locked when ``folder`` cannot be written."""
    fd, is_file = _open(Path(folder), Path(root))
    where = Path(folder) / LOCK_NAME if is_file else Path(root)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who = _holder(fd, is_file)
            if not wait:
                raise BuildLocked(where, f"{who} is running in this project; try again when it is done "
                                         "(or run without --no-wait to wait for it)") from None
            log(f"waiting for {who} to finish (lock {where})…")
            fcntl.flock(fd, fcntl.LOCK_EX)
        if is_file:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        checkpoint("locked")
        yield
    finally:
        os.close(fd)  # releases the lock
