"""HTML -> PDF with WeasyPrint, offline and deterministic.

- No remote resource, ever: :class:`LocalOnlyFetcher` refuses every URL whose scheme is not
  ``file`` or ``data`` (the HTML is self-contained anyway: inline CSS and SVG, system fonts), and
  records what it refused so that tests can assert nothing was asked for.
- Same input, same bytes: no PDF identifier; the briefing's creation date is the build date from
  the HTML's ``dcterms.created`` meta (``SOURCE_DATE_EPOCH`` upstream), briefs carry none.
- Fonts: DejaVu through fontconfig (Debian's ``fonts-dejavu-core``); ``full_fonts`` off, so only the
  glyphs used are embedded (subsets): a one-page brief is about 25 KB.
"""

from __future__ import annotations

from pathlib import Path

import weasyprint
from weasyprint.urls import URLFetcher

ALLOWED_SCHEMES = ("file", "data")


class LocalOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that only serves ``file:`` and ``data:`` URLs."""

    def __init__(self) -> None:
        super().__init__(timeout=1, allowed_protocols=ALLOWED_SCHEMES, allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme not in ALLOWED_SCHEMES:
            self.refused.append(url)
            raise ValueError(f"refused non-local URL in a PDF: {url[:200]}")
        return super().fetch(url, headers)


PDF_VARIANT = "pdf/ua-1"  # tagged: a structure tree for screen readers; the outline is kept


def write_pdf(html: str, target: Path, *, base_url: Path, fetcher: LocalOnlyFetcher | None = None) -> int:
    """Render ``html`` to ``target`` (written via a temporary file, then renamed); returns pages."""
    fetcher = fetcher or LocalOnlyFetcher()
    doc = weasyprint.HTML(string=html, base_url=base_url.resolve().as_uri() + "/", url_fetcher=fetcher).render()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    doc.write_pdf(tmp, pdf_identifier=False, uncompressed_pdf=False, full_fonts=False, pdf_variant=PDF_VARIANT)
    tmp.replace(target)
    return len(doc.pages)
