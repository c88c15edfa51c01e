"""``python -m generator.site.run -f mkdocs.yml -d SITE_DIR [--previous OLD_SITE] [--no-strict]``

MkDocs' own ``build`` command with the incremental plugin added (``incremental.py``). Started by
``publish.py`` as a child process: the parent, which held the spaCy model and every extraction, keeps
none of MkDocs' memory, and MkDocs none of the parent's. Prints one last line ``DOSSIER-SITE {json}``
with the pages rendered and reused; exit 1 when the build fails (warnings in strict mode included).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generator.site.run")
    ap.add_argument("-f", "--config-file", type=Path, required=True)
    ap.add_argument("-d", "--site-dir", type=Path, required=True)
    ap.add_argument("--previous", type=Path, default=None, help="the previous site (reuse its unchanged pages)")
    ap.add_argument("--no-strict", action="store_true")
    args = ap.parse_args(argv)

    from mkdocs.commands import build as build_module
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    from .fingerprint import fingerprint
    from .incremental import IncrementalPlugin
    from .search import PagefindMarks, engine

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    try:
        cfg = load_config(config_file=str(args.config_file), site_dir=str(args.site_dir.resolve()),
                          **({"strict": False} if args.no_strict else {"strict": True}))
        search = engine(Path(cfg.docs_dir), cfg.extra.get("search_engine", "auto"))
        cfg.extra["search_engine"] = search  # read by overrides/partials/header.html
        if search == "pagefind":
            if "material/search" in cfg.plugins:
                cfg.plugins["material/search"].config.enabled = False
            cfg.plugins["dossier/pagefind"] = PagefindMarks()
        custom = cfg.theme.custom_dir
        plugin = IncrementalPlugin(args.previous, fingerprint(args.config_file, Path(custom) if custom else None, search))
        cfg.plugins["dossier/incremental"] = plugin
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            with plugin.patched(build_module):
                build_module.build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, BuildError, ConfigurationError, ValueError) as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        return 1
    print("DOSSIER-SITE " + json.dumps({**plugin.stats, "search": search}, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
