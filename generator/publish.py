"""Stage 5, publish: ``mkdocs build --strict`` into a fresh folder, then swap it in as ``site/``.

Building into ``site.tmp-*`` and renaming means a failed build leaves the previous ``site/`` intact.
MkDocs runs as a subprocess of the same interpreter (``python -m mkdocs``): the generator does not
depend on MkDocs internals, so moving to another static-site engine stays cheap.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import DossierError


def mkdocs_build(config: Path, site: Path, *, strict: bool = True, dirty: bool = False) -> dict:
    site = site.resolve()
    tmp = Path(tempfile.mkdtemp(dir=site.parent, prefix=f".{site.name}-tmp-"))
    if dirty and site.is_dir():
        # --dirty only rebuilds changed pages: start from the current site.
        shutil.rmtree(tmp)
        shutil.copytree(site, tmp, symlinks=True)
    if dirty:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp)]
        # MkDocs warns on every dirty build ("A 'dirty' build is being performed"), which strict mode
        # turns into a failure; a dirty build is a quick preview, the full build is the strict check.
        cmd += ["--dirty", "--no-strict"]
    else:
        # generator/site: unchanged pages are reused from the previous site (same output as a full build)
        cmd = [sys.executable, "-m", "generator.site.run", "-f", str(config), "-d", str(tmp)]
        cmd += ["--previous", str(site)] if site.is_dir() else []
        cmd += [] if strict else ["--no-strict"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        detail = "\n".join(ln for ln in lines if "WARNING" in ln or "ERROR" in ln or "Error" in ln)[-4000:] or "\n".join(lines[-20:])
        raise DossierError(str(config), f"mkdocs build failed; the previous site/ is kept.\n{detail}")
    stats = [ln for ln in proc.stdout.splitlines() if ln.startswith("DOSSIER-SITE ")]
    stats = json.loads(stats[-1].split(" ", 1)[1]) if stats else {}
    if stats.get("search") == "pagefind":  # after MkDocs has exited: its memory is given back first
        from .site.search import index

        try:
            stats.update(index(tmp))
        except (OSError, RuntimeError) as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise DossierError(str(config), f"search index failed; the previous site/ is kept.\n{exc}") from None
    old = site.parent / f".{site.name}-old"
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    tmp.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return stats
