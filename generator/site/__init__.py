"""Stage 6, publishing the site: MkDocs (``mkdocs build --strict``), made incremental.

``run.py`` is the command ``publish.py`` starts in a child process (so the parent's memory is not
held beside MkDocs'): it loads ``mkdocs.yml``, adds the ``incremental.py`` plugin and builds. When
the previous site carries a manifest (``MANIFEST``) written by the same configuration, theme, templates
and tool version (``fingerprint``), pages whose Markdown did not change are not rendered: their HTML
is linked from the previous site, their search entries are taken from its index, and their links and
anchors are checked from what the manifest recorded when they were last rendered. Everything else
(pages in the navigation, the tags page, changed pages, static files, the search index, the sitemap)
is built as usual, so the result is the site a full build makes (``tests/test_site_incremental.py``).
"""

MANIFEST = ".dossier-build.json"
