"""The Atom feed ``feed.xml`` (RFC 4287): one entry per build that changed something.

One entry per build rather than per new claim or event: a build is what a reader is told about
("what is new since I last looked?"), a first build of a large corpus would otherwise flood a feed
reader with thousands of entries, and a build's entry can group its changes exactly as the What's
new page does (new sources, new actors, claims newly corroborated...), each linked. Entries are the
builds kept in the history (at most ``changes.HISTORY_LIMIT``), latest first.

Ids are ``urn:uuid:`` values derived (uuid5) from the site's URL or title and the build's number and
date, so they never change once published; timestamps are the build dates (``pipeline.build_time``,
SOURCE_DATE_EPOCH aware). Links are relative to the feed (it sits at the site's root), or absolute
under ``site_url`` when the curation file gives one. XML escaping is Jinja2's autoescape: this
template produces XML, not Markdown, so it has its own environment.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import jinja2
import markupsafe

from ..changes import BuildChanges, Change, ChangeSet
from ..views import changes as change_views
from ..views.fmt import date_text

FEED_GROUP_LIMIT = 20  # items of one group listed in a build's entry (the What's new page has more)
SECTIONS = ("actors", "events", "claims", "sources", "questions")


def _html_as_text(html: str) -> markupsafe.Markup:
    """The HTML of an entry's content, escaped once more: Atom's ``type="html"`` holds HTML as text."""
    return markupsafe.Markup(markupsafe.escape("".join(html)))  # "".join: a plain str, not Markup


def _environment() -> jinja2.Environment:
    from . import TEMPLATES_DIR

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["html_as_text"] = _html_as_text
    return env


def atom_feed(changes: ChangeSet, names: Mapping[str, Mapping[str, str]], *, title: str, site_url: str | None) -> str:
    base = (site_url.rstrip("/") + "/") if site_url else ""
    key = site_url or title

    def url(path: str) -> str:
        return base + path

    def link(c: Change) -> str | None:
        if c.kind in SECTIONS and c.change != "removed" and c.id in names.get(c.kind, {}):
            return url(f"{c.kind}/{c.id}/index.html")
        return None

    def entry_id(b: BuildChanges) -> str:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'dossier:{key}:build:{b.number}:{b.built_at}')}"

    builds = list(changes.builds)
    return _environment().get_template("feed.xml.j2").render(
        title=title,
        feed_id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'dossier:{key}:feed')}",
        updated=_timestamp(builds[0].built_at) if builds else "1970-01-01T00:00:00Z",
        builds=builds,
        base=base,
        url=url,
        link=link,
        entry_id=entry_id,
        stamp=_timestamp,
        groups=lambda b: change_views.groups(b, FEED_GROUP_LIMIT),
        summary=change_views.summary,
        held=change_views.held,
        date=lambda d: date_text(d, "day"),
    )


def _timestamp(day: str) -> str:
    """RFC 3339 date-time of a build date (``2026-12-02`` -> ``2026-12-02T00:00:00Z``)."""
    return day if "T" in day else f"{day}T00:00:00Z"
