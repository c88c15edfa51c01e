"""Stage 6, publish: the whole new site -- MkDocs' pages *and* the PDFs -- is built in a staging folder,
then swapped in as ``site/`` in one step, so at every instant ``site/`` is a complete site: the previous
one or the new one, never a mix.

- **Staging** ``.site-stage-*`` is made *inside the target's parent* (``site/``'s own folder), so it is
  on the same file system and the swap is a rename, never a copy (staging beside ``docs/`` failed with
  ``EXDEV`` when ``docs/`` was a mount of its own).
- **Swap**: ``renameat2(RENAME_EXCHANGE)`` (Linux >= 3.15, through ``ctypes``) exchanges the two
  folders atomically; the old site then sits under the staging name and is removed. Where the call is
  missing or the file system refuses it (``EINVAL``/``ENOSYS``/``EOPNOTSUPP``), two renames:
  ``site -> .site-old-*``, then ``stage -> site``. Between those two renames there is no ``site/``
  (microseconds, but a kill can land there); the next build's :func:`recover` renames the old site back
  before doing anything else. ``DOSSIER_SWAP=rename`` forces the fallback (tests).
- **Leftovers** of killed or failed builds (``.site-stage-*``, ``.site-old-*``, the older ``.site-tmp-*``)
  are removed by :func:`recover` at the next start, under the build lock (``generator/lock.py``), so a
  concurrent build's staging is never touched.
- **Modes**: folders 0755, files 0644 whatever the umask (``mkdtemp`` makes 0700, which a web server
  running as another user answers with 403).
- A failed MkDocs build raises ``DossierError`` and leaves ``site/`` as it was.

MkDocs runs as a subprocess of the same interpreter (``python -m mkdocs``): the generator does not depend
on MkDocs internals, so moving to another static-site engine stays cheap.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import DossierError
from .faults import checkpoint

DIR_MODE = 0o755
FILE_MODE = 0o644
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


def _prefixes(site: Path) -> tuple[str, str, str]:
    return f".{site.name}-stage-", f".{site.name}-old-", f".{site.name}-tmp-"


def recover(site: Path, log: Callable[[str], None] = print) -> None:
    """Undo what an interrupted build left: restore ``site/`` if a kill fell between the two renames of
    the fallback swap, then remove staging and old folders. Call with the build lock held."""
    site = Path(os.path.abspath(site))
    parent = site.parent
    if not parent.is_dir():
        return
    stage_p, old_p, tmp_p = _prefixes(site)
    olds = sorted((p for p in parent.iterdir() if p.name.startswith(old_p)), key=lambda p: p.stat().st_mtime)
    if not os.path.lexists(site) and olds:
        os.rename(olds[-1], site)
        log(f"restored {site.name}/ from {olds[-1].name} (a build was stopped between its two renames)")
        olds = olds[:-1]
    for p in [*olds, *(p for p in parent.iterdir() if p.name.startswith((stage_p, tmp_p)))]:
        shutil.rmtree(p, ignore_errors=True)
        log(f"removed {p.name} (left by an interrupted build)")


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False when this system cannot (then nothing was changed)."""
    if os.environ.get("DOSSIER_SWAP") == "rename" or not sys.platform.startswith("linux"):
        return False
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in _NO_EXCHANGE:
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(stage: Path, site: Path) -> None:
    """Make ``stage`` the new ``site`` in one step (see the module docstring); the old site is removed."""
    checkpoint("swap")
    if not os.path.lexists(site):
        os.rename(stage, site)
        return
    if _exchange(stage, site):
        shutil.rmtree(stage, ignore_errors=True)  # now the old site
        return
    stage_p, old_p, _ = _prefixes(site)
    old = site.parent / (old_p + stage.name.removeprefix(stage_p))  # unique: named after the staging folder
    os.rename(site, old)
    checkpoint("between-renames")  # no site/ until the next rename: recover() restores it after a kill here
    os.rename(stage, site)
    shutil.rmtree(old, ignore_errors=True)


def publish_modes(folder: Path) -> None:
    """Folders 0755, files 0644 (links left alone), whatever the umask and ``mkdtemp`` gave."""
    os.chmod(folder, DIR_MODE)
    for top, dirs, files in os.walk(folder):
        for name in dirs:
            p = os.path.join(top, name)
            if not os.path.islink(p):
                os.chmod(p, DIR_MODE)
        for name in files:
            p = os.path.join(top, name)
            st = os.lstat(p)
            if stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) != FILE_MODE:
                os.chmod(p, FILE_MODE)


@contextlib.contextmanager
def staged(site: Path, *, start_from: str | None = None) -> Iterator[Path]:
    """A staging folder for the next ``site/``; swapped in when the block ends without an exception,
    removed otherwise. ``start_from``: ``"copy"`` starts from a copy of the live site (MkDocs
    ``--dirty`` rewrites files in place), ``"link"`` from hard links to it (for writers that replace
    files by rename, as the PDF writer does), None from nothing."""
    site = Path(os.path.abspath(site))
    site.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=site.parent, prefix=_prefixes(site)[0]))
    try:
        if start_from and site.is_dir():
            os.rmdir(stage)
            copy = shutil.copy2 if start_from == "copy" else _link_or_copy
            shutil.copytree(site, stage, symlinks=True, copy_function=copy)
        yield stage
        publish_modes(stage)
        swap_in(stage, site)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def mkdocs_into(config: Path, dest: Path, *, previous: Path | None = None, strict: bool = True, dirty: bool = False) -> dict:
    """The site's pages (and search index) into ``dest``, a staging folder; returns the site stats.

    A full build runs ``generator.site.run`` (MkDocs, reusing unchanged pages of ``previous``, the live
    site, which it only reads); ``dirty`` runs MkDocs' own ``--dirty`` over a copy of the live site.
    Raises ``DossierError`` when either fails: the caller's staging folder is then removed.
    """
    if dirty:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(dest)]
        # MkDocs warns on every dirty build ("A 'dirty' build is being performed"), which strict mode
        # turns into a failure; a dirty build is a quick preview, the full build is the strict check.
        cmd += ["--dirty", "--no-strict"]
    else:
        # generator/site: unchanged pages are reused from the previous site (same output as a full build)
        cmd = [sys.executable, "-m", "generator.site.run", "-f", str(config), "-d", str(dest)]
        cmd += ["--previous", str(previous)] if previous is not None and previous.is_dir() else []
        cmd += [] if strict else ["--no-strict"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        detail = "\n".join(ln for ln in lines if "WARNING" in ln or "ERROR" in ln or "Error" in ln)[-4000:] or "\n".join(lines[-20:])
        raise DossierError(str(config), f"mkdocs build failed; the previous site/ is kept.\n{detail}")
    stats = [ln for ln in proc.stdout.splitlines() if ln.startswith("DOSSIER-SITE ")]
    stats = json.loads(stats[-1].split(" ", 1)[1]) if stats else {}
    if stats.get("search") == "pagefind":  # after MkDocs has exited: its memory is given back first
        from .site.search import index

        try:
            stats.update(index(dest))
        except (OSError, RuntimeError) as exc:
            raise DossierError(str(config), f"search index failed; the previous site/ is kept.\n{exc}") from None
    return stats


def mkdocs_build(config: Path, site: Path, *, strict: bool = True, dirty: bool = False) -> dict:
    """The pages alone, staged and swapped in (the pipeline stages the PDFs with them: :func:`staged`)."""
    site = Path(os.path.abspath(site))
    with staged(site, start_from="copy" if dirty else None) as stage:
        return mkdocs_into(config, stage, previous=site, strict=strict, dirty=dirty)
