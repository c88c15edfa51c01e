"""Boilerplate rules: which units (lines/paragraphs) of a scraped article are not the article.

Every rule describes general page furniture, never a sentence of a particular article; each removed
unit gets a reason, shown on the source page. The rules, in the order they run:

1. **Line rules** (a unit judged alone; length limits and keyword gates keep a real paragraph that
   merely *mentions* "subscribe" or "donation" from being taken):
   navigation ("Skip to: Content", "(Page 2 of 2)", "Read more", "Archived Story", menu lines of
   ``|``-separated short items...); end markers ("Related articles:", "Editor's Picks", "Special
   Offer", "You may also like"...); comment widgets ("Read Comments", "Sign in to Comment"...);
   social links ("Follow us!", a line of network names); donation appeals -- *strong* cues, one is
   enough ("we have a small favor to ask", "please support us", "Not ready to support today?",
   "Remind me later", "Support The X!"), *weak* cues ("we need your help", "your support") count
   only next to a strong one; subscription promos ("delivered to your inbox", "Sign up today"; a
   "subscribe to the newsletter" only when addressed to the reader); advertisement labels; photo
   credits ("Photo: X", "Reuters / X"); copyright lines; icon-font garbage (no sentence, no comma,
   few digits, one content word -- "icon" -- making up 12 % or more of the words).
2. **Block rules**: a list whose bullet items are short and sell something ("Subscribe in print or
   digital") is a promo list; a short unit in a block where most units were removed shares their
   fate ("payment methods" next to "Not ready to support today?" and "Remind me later."), as does
   a short unit sandwiched between two removals with the same reason.
3. **Header zone** (the first units, before the first body paragraph): a line that is only a date
   ("Published 3:39pm Monday, June 17, 2013") is a dateline, "By Jane Doe" a byline -- both removed,
   the date kept as metadata; the headline is the first short unit left; the unit right after the
   headline is a **photo caption** when it scores 2: ends with a name after a full stop ("... on
   Wednesday. Jane Doe") or holds a credit (2); shows an object or a pose ("hold a sign", "poses
   for", "pictured") (2) or merely a scene verb ("carrying", "walks") (1); is followed by a lede
   opening with a dateline ("BERLIN — ...") (1). Questions and texts over 300 characters are never
   captions. Measured on 3,800 clean articles (BBC, PolNeAR, Reuters): 1 lede taken for a caption.
4. **Tail**: after the first *hard* marker that follows the article body (donation appeal, comment
   widget, end marker, subscription promo, social links, advertisement), the rest is a teaser for
   other stories when it is small (at most half the body before the marker) and made of short
   paragraphs (none over 45 words): it is all removed. A mid-article "Related articles:" followed
   by real paragraphs is therefore not a tail.
5. **Agency credit**: a last line such as "(AP, Reuters)" is a credit, not text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import dateline

DONATION = "donation appeal"
SUBSCRIPTION = "subscription promo"
NAVIGATION = "navigation"
COMMENTS = "comments widget"
SOCIAL = "social links"
ICONS = "icon garbage"
ADVERT = "advertisement"
CAPTION = "photo caption"
CREDIT = "photo credit"
PROMO = "promo list"
DATELINE = "dateline"
REPEATED_HEADLINE = "repeated headline"
BYLINE = "byline"
TEASER = "teaser for other stories"
AGENCY = "agency credit"
COPYRIGHT = "copyright notice"
FOOTER = "page footer"

# Where a site's footer starts when a scraper ran it into the last paragraph ("... the attack. Follow us
# on Instagram. SUBSCRIBE TRT World on Youtube ... Copyright 2018 TRT World ... Privacy Policy").
FOOTER_START = re.compile(
    # calls to action, capitalised as a site writes them (prose may say "readers who subscribe to")
    r"(?-i:\b(?:Follow us on|FOLLOW US|Don'?t miss (?:out|the latest)|Subscribe (?:to|for|now)|SUBSCRIBE|Sign up for our|"
    r"Share (?:this|on) (?:article|Facebook|Twitter)|Download (?:our|the) app|Latest updates|Related (?:News|Articles|"
    r"Stories|Posts|Coverage)|Category News|More (?:from|stories)|Recommended for you|You may also like|Read also)\b)"
    # legal lines, in any case
    r"|\b(?:copyright\s*(?:©\s*)?(?:19|20)\d\d|©\s*(?:19|20)\d\d|all rights reserved|terms of (?:use|service)|"
    r"privacy policy|cookie policy)\b",
    re.I,
)

# Reasons that mark the end of the article body when they follow it.
HARD = frozenset({DONATION, SUBSCRIPTION, COMMENTS, SOCIAL, PROMO, ADVERT, "end marker"})

_I = re.I
HEADER_UNITS = 12  # the header zone: at most this many units before the body starts


def _rx(*alts: str, flags: int = _I) -> re.Pattern:
    return re.compile("|".join(f"(?:{a})" for a in alts), flags)


# -- navigation: whole short lines -------------------------------------------------------------
_NAV = _rx(
    r"^skip (?:to|navigation)\b.{0,40}$",
    r"^\(?page \d+ (?:of|/) \d+\)?$",
    r"^(?:read|see|view|show|load) (?:more|all|full story|the full story|full article|original article)\b.{0,60}$",
    r"^(?:continue reading|click here\b.{0,40}|back to top|top of page|print(?: this)?(?: article| page| story)?|"
    r"e-?mail(?: this)?(?: article| story| page)?|share(?: this)?(?: article| story| page)?(?: on \w+)?:?|tweet|pin it)$",
    r"^(?:more|latest) (?:from|on|in|about) [^.!?]{1,40}:?$",
    r"^(?:archived story|(?:most |latest )?(?:read|popular|viewed|shared|commented)(?: now| today| stories)?|most (?:read|popular|viewed|shared|commented).{0,20}|"
    r"trending(?: now| stories| topics)?|top (?:stories|news|headlines)|latest (?:news|stories|headlines)|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you)?|"
    r"from (?:around )?the web|don'?t miss|what'?s (?:new|hot)|featured(?: stories| articles| content)?|"
    r"(?:also|further) (?:read|see)|see also|more stories|(?:tags?|topics?|filed under|categories|category)\s*:.{0,80})$",
    r"^(?:home|menu|search|log ?in|sign in|log ?out|sign out|register|close|open|next|previous|prev|back)$",
)
_END_MARKER = _rx(
    r"^(?:related|more|other|latest|recommended|similar|further)(?: articles?| stories| content| coverage| links| posts| news| topics| reading| videos?)\s*:?$",
    r"^related\s*:?$",
    r"^(?:editor'?s'? (?:picks?|choice|recommendations?)|special (?:offer|report)s?|(?:our )?partners?|"
    r"(?:in )?other news|elsewhere on .{1,30}|more from .{1,40}|sponsored(?: content| stories| links)?|promoted(?: stories| content)?)$",
)
_COMMENTS = _rx(
    r"\b(?:sign|log) ?in to (?:comment|reply|post)",
    r"\bcomment on this (?:story|article|post)",
    r"^(?:read|view|show|post|leave|add|hide|see) (?:a |your |all |reader |readers'? |the )?comments?\b.{0,60}$",
    r"need help commenting",
    r"^\d+ (?:comments?|replies)$",
    r"^comments?\s*(?:\(\d+\))?:?$",
    r"^(?:join|start) the (?:discussion|conversation)\b.{0,40}$",
)
# -- social ----------------------------------------------------------------------------------
_SOCIAL_PHRASE = _rx(
    r"\bfollow us\b", r"\bbecome a fan\b", r"\blike us on\b", r"\bfind us on\b", r"\bjoin us on\b",
    r"\bconnect with us\b", r"\bsee our feeds\b",
    r"^share (?:on|via) (?:facebook|twitter|whatsapp|telegram|linkedin|email|reddit|vk)\b", r"^share this(?: article| story| page)?:?$",
)
_NETWORK = re.compile(
    r"\b(?:facebook|twitter|google\+|youtube|instagram|linkedin|whatsapp|telegram|vk|vkontakte|"
    r"pinterest|reddit|tumblr|rss|flipboard|tiktok|viber|odnoklassniki|mastodon|threads|x\.com)(?!\w)",
    _I,
)
# -- donation appeals ------------------------------------------------------------------------
_DONATION = _rx(  # strong: one is enough
    r"\bwe have a (?:small |quick )?(?:favou?r|request) to ask\b",
    r"\bplease (?:consider )?(?:support(?:ing)?|donat(?:e|ing) to|contribut(?:e|ing) to|fund(?:ing)?) (?:us|our (?:journalism|work|reporting|newsroom|mission))\b",
    r"^support us\b",
    r"\bsupport us (?:today|now|monthly|financially|by (?:making|becoming|donating|subscribing)|for (?:as little as|just|only))\b",
    r"\bsupport\w*\b[^.!?\"“”]{0,40}\b(?:open, )?independent journalism\b",
    r"\b(?:make|making|give|giving) a (?:one-?(?:time|off) |monthly |recurring |small |tax-deductible )?(?:donation|contribution|gift) (?:today|now|of any size|to support|to us)\b",
    r"^donate\b.{0,40}$",
    r"\bdonate (?:now|today|here|monthly|once)\b",
    r"^not ready to (?:support|donate|give|contribute|subscribe)(?: us)?(?: today| now| yet)?\s*[?.!]?$",
    r"^(?:remind me later|maybe later|not now)\.?$",
    r"\byour support,? no matter how small\b",
    r"\b(?:every|any) (?:contribution|donation),? (?:big or small|however small|no matter how small)",
    r"^(?:become a (?:member|supporter|patron|subscriber)|join us|support (?:independent|quality) journalism)(?: today| now)?\s*[.!]?$",
    r"^(?:payment|donation) (?:methods?|options?)$",
)
_DONATION_WEAK = _rx(  # weak: only next to a strong appeal
    r"\bwe need your (?:help|support)\b",
    r"\byour support\b",
    r"\bindependent journalism\b",
    r"\b(?:support|donat|contribut)\w*\b",
)
# "Support The Moscow Times!" -- outlet self-promotion: a short imperative naming a capitalised name.
SUPPORT_OUTLET = re.compile(
    r"^(?i:please )?(?i:support) (?P<outlet>(?:[Tt]he )?[A-Z][\w'’&.-]*(?:\s+(?:of |the |and |& )?[A-Z][\w'’&.-]*){0,5})\s*[!.]?$"
)
# -- subscription ----------------------------------------------------------------------------
_SUBSCRIPTION = _rx(  # distinctive promo phrases
    r"\b(?:delivered|sent|straight|direct(?:ly)?) to your inbox\b",
    r"\bsign up (?:today|now|here|for free)\b",
    r"^(?:sign up|subscribe)\b.{0,60}$",
    r"\bsubscribe (?:now|today|here)\b",
    r"\bget (?:daily|weekly|the latest)(?: or (?:daily|weekly))? (?:updates|news|headlines)\b",
    r"\b(?:already a subscriber|subscribers? only|log ?in to (?:read|continue)|create a free account|register for free|start (?:your|a) free trial)\b",
    r"\bunlimited (?:digital )?access\b",
)
_SUBSCRIPTION_WEAK = _rx(  # promo only when addressed to the reader ("you", "your") or short
    r"\b(?:sign up|subscribe)\b.{0,40}\b(?:newsletter|podcast|channel|magazine|in print|or digital|updates)\b",
    r"\b(?:get|receive|our|free|daily|weekly) (?:\w+ )?newsletters?\b",
)
_ADVERT = _rx(r"^(?:advertisement|advertising|ad|sponsored|paid (?:post|content)|story continues below(?: advertisement)?)$")
# -- photo credits ---------------------------------------------------------------------------
_AGENCY = r"(?:Reuters|AFP|AP|EPA|Getty Images|Getty|RIA Novosti|Sputnik|TASS|ITAR-TASS|Xinhua|dpa|ANSA|Shutterstock|Alamy|SANA|Anadolu|Bloomberg)"
_CREDIT = re.compile(
    rf"^(?:\(?(?i:photo|image|picture|photograph|video|credit|illustration)s?(?i: credit)?\s*(?::|/|©|(?i:by))\s*.{{1,60}}\)?"
    rf"|[\w .'’-]{{0,40}}\s?/\s?{_AGENCY}(?:\s?/\s?[\w .'’-]{{1,40}})?"
    rf"|{_AGENCY}\s?/\s?[\w .'’-]{{1,40}}|©\s?.{{1,60}})$"
)
_CREDIT_ANYWHERE = re.compile(
    rf"(?:\b(?i:photo|image|picture)s?\s*(?::|/|©|(?i:by))\s|©|\s/\s?{_AGENCY}\b|\b{_AGENCY}\s?/\s|\bGetty Images\b)"
)
_COPYRIGHT_LINE = re.compile(r"^(?:©|\([cC]\)\s*(?:19|20)\d\d|(?i:copyright)\s+(?:©\s*)?(?:19|20)\d\d)|(?i:all rights reserved)\.?$")
# -- structure -------------------------------------------------------------------------------
_BULLET = re.compile(r"^(?:[-*+•·▪◦‣►»]|\d{1,2}[.)])\s")
_PROMO_ITEM = _rx(r"\b(?:subscri\w*|print|digital|newsletter|offer|free|trial|access|download|app|issue|\$\d|price|save|deliver\w*|award-winning)\b")
_MENU_SPLIT = re.compile(r"\s[|·•]\s|\s{2,}")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?:\s|$)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_BYLINE = re.compile(r"^(?i:by|written by|words by|text by|reporting by|story by)\s+[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,6}$")
_AGENCY_LINE = re.compile(rf"^\(\s*{_AGENCY}(?:\s*(?:,|/|and|&)\s*{_AGENCY})*\s*\)$|^(?:—|--|-)\s*{_AGENCY}$")
_PICTURE_STRONG = _rx(  # a picture described: an object shown or a pose
    r"\b(?:hold|holds|holding|carry|carries|carrying|wave|waves|waving|raise|raises|raising) (?:up )?(?:a |the |an? \w+ )?(?:sign|banner|placard|flag|poster|portrait|picture|photo)s?\b",
    r"\b(?:poses|posing) (?:for|with|at|in front of|during|next to|beside)\b",
    r"\b(?:pictured|photographed)\b", r"\bin this (?:file )?(?:photo|picture|image)\b", r"\bfile photo\b",
    r"\b(?:is|are) seen\b", r"\blooks? on\b",
)
_PICTURE_WEAK = _rx(r"\b(?:holding|carrying|walking|walks|standing|stands|sitting|sits|waving|gesturing|gestures|smiles|smiling|arrives|attends)\b")
_TRAILING_NAME = re.compile(r"(?<=[a-z0-9\"”')]{2})[.!?][\"”]?\s+(?:[A-Z][\w'’.-]+\s+){1,2}[A-Z][\w'’-]+\s*$")
_DATELINE_LEDE = re.compile(r"^[A-Z][A-Z .'’-]{2,}(?:,\s*[^—–-]{2,40})?\s*(?:\([\w .]+\)\s*)?[—–-]{1,2}\s")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# Cheap keyword gates: a long paragraph is only searched with a rule's regex when one of its
# keywords occurs (the regexes are alternations that are slow on long texts).
_GATE_DONATION = ("favo", "support", "donat", "contribut", "remind", "later", "not now", "payment", "member",
                  "patron", "journalism", "join us", "gift")
_GATE_SUBSCRIPTION = ("inbox", "sign up", "subscri", "newsletter", "updates", "news", "headlines", "account",
                      "trial", "access", "log in", "login")
_GATE_SOCIAL = ("follow", "fan", "like us", "find us", "join us", "connect", "feeds", "share", "facebook",
                "twitter", "youtube", "instagram", "google", "linkedin", "whatsapp", "telegram", "vk", "rss",
                "pinterest", "reddit", "tumblr", "flipboard", "tiktok", "viber", "mastodon", "threads", "x.com")


def _gate(low: str, keys: tuple[str, ...]) -> bool:
    return any(k in low for k in keys)


def line_reason(text: str) -> str | None:
    """The boilerplate kind of one unit judged alone, or None."""
    n = len(text)
    low = text.lower()
    if n <= 160:
        if _COMMENTS.search(text):
            return COMMENTS
        if _END_MARKER.search(text):
            return "end marker"
        if _NAV.search(text):
            return NAVIGATION
        if _ADVERT.search(text):
            return ADVERT
        if _CREDIT.search(text):
            return CREDIT
        if _COPYRIGHT_LINE.search(text):
            return COPYRIGHT
        m = SUPPORT_OUTLET.match(text)
        if m and not re.search(r"journalism|reporting|media|us\b", m.group("outlet"), _I):
            return DONATION
        if _menu(text):
            return NAVIGATION
    if n <= 300 and _gate(low, _GATE_SOCIAL) and _social(text):
        return SOCIAL
    if n <= 2000 and _gate(low, _GATE_DONATION) and _DONATION.search(text):
        return DONATION
    if n <= 300 and _gate(low, _GATE_SUBSCRIPTION):
        if _SUBSCRIPTION.search(text):
            return SUBSCRIPTION
        if (n <= 100 or re.search(r"\byour?\b", low)) and _SUBSCRIPTION_WEAK.search(text):
            return SUBSCRIPTION
    if 40 <= n <= 20000 and _icon_garbage(text):
        return ICONS
    return None


def _social(text: str) -> bool:
    if _SOCIAL_PHRASE.search(text):
        return True
    nets = len(_NETWORK.findall(text))
    if _SENTENCE_END.search(text) and nets < 3:
        return False
    return nets >= 2 and len(words(text)) <= 4 * nets


def _menu(text: str) -> bool:
    """A menu line: 3+ short items separated by | or bullets, no sentence."""
    items = [i for i in _MENU_SPLIT.split(text) if i.strip()]
    return len(items) >= 3 and all(len(i.split()) <= 4 for i in items) and not _SENTENCE_END.search(text)


_STOPWORDS = frozenset(
    "the and for with that this from are was were has have had not but its his her their our you your "
    "they she him who which will would said says also into than then them there been more over after".split()
)


def _icon_garbage(text: str) -> bool:
    """Icon-font labels scraped as text: many words, no sentence at all, one word repeating.

    E.g. "icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon ...": no full stop,
    no comma, and a content word ("icon", "chevron") making up 12 % or more of the words.
    """
    if _SENTENCE_END.search(text) or text.count(",") > 1 or sum(c.isdigit() for c in text) > 0.02 * len(text):
        return False
    toks = re.findall(r"[a-z]+", text.lower())
    if len(toks) < 12:
        return False
    if text.lower().count("icon") >= 4:
        return True
    counts = Counter(t for t in toks if len(t) >= 3 and t not in _STOPWORDS)
    if not counts:
        return False
    _word, count = counts.most_common(1)[0]
    return count >= 5 and count >= 0.12 * len(toks)


def is_body(text: str) -> bool:
    """Looks like a paragraph of article prose."""
    return len(words(text)) >= 12 and bool(_SENTENCE_END.search(text) or len(words(text)) >= 25)


def is_headline(text: str) -> bool:
    """Short enough for a headline: 2-25 words, at most one sentence."""
    w = words(text)
    return 2 <= len(w) <= 25 and 8 <= len(text) <= 200 and len(_SENTENCE_END.findall(text)) <= 1


@dataclass(frozen=True)
class Classified:
    reasons: tuple[str | None, ...]
    title: int | None  # index of the headline unit, if any
    datelines: tuple[int, ...]  # indexes of the dateline units (removed), in order
    body: int | None  # index of the first body paragraph


def classify(
    texts: Sequence[str], blocks: Sequence[int], tags: Sequence[str] = (), preset: Sequence[str | None] | None = None
) -> Classified:
    """Decide for every unit: None (keep) or the reason it is removed. See the module docstring.

    ``preset`` holds reasons already decided by the format reader (HTML: "outside <article>").
    """
    n = len(texts)
    tags = list(tags) or [""] * n
    reasons: list[str | None] = [
        preset[i] if preset and preset[i] else line_reason(t) for i, t in enumerate(texts)
    ]
    # datelines and bylines: short lines among the first units (before block rules can swallow them)
    datelines: list[int] = []
    for i in range(min(n, HEADER_UNITS)):
        # a line continuing the (kept) line above is not a dateline ("...in\nDecember 1986.")
        continues = i > 0 and blocks[i - 1] == blocks[i] and reasons[i - 1] is None and re.search(r"[a-z,;]$", texts[i - 1])
        if reasons[i] is None and not continues:
            if dateline(texts[i]):
                reasons[i] = DATELINE
                datelines.append(i)
            elif len(texts[i]) <= 80 and _BYLINE.match(texts[i]):
                reasons[i] = BYLINE
    _block_rules(texts, blocks, reasons)

    # 3. header zone: headline, caption, first body paragraph
    title: int | None = None
    body: int | None = None
    seen = 0
    for i in range(n):
        if reasons[i] is not None:
            continue
        seen += 1
        if seen > HEADER_UNITS:
            break
        t = texts[i]
        if title is None and body is None and (tags[i] in ("h1", "title") or is_headline(t)):
            title = i
        elif is_body(t) and not _caption_candidate(texts, reasons, title, i):
            body = i
            break
    if title is not None and body is None:
        body = _next_kept(reasons, title)
    if title is not None:
        j = _next_kept(reasons, title)
        if j is not None and (body is None or j <= body) and _is_caption(texts, reasons, j):
            reasons[j] = CAPTION
            if body == j:
                body = _next_kept(reasons, j)

    # 4. tail
    if body is not None:
        _tail_rule(texts, reasons, body)
    # 5. agency credit as the last kept line
    last = max((i for i in range(n) if reasons[i] is None), default=None)
    if last is not None and last != title and _AGENCY_LINE.match(texts[last].strip()):
        reasons[last] = AGENCY
    final = [r if r != "end marker" else NAVIGATION for r in reasons]
    return Classified(tuple(final), title, tuple(datelines), body)


def _next_kept(reasons: Sequence[str | None], i: int) -> int | None:
    return next((j for j in range(i + 1, len(reasons)) if reasons[j] is None), None)


def _caption_candidate(texts, reasons, title, i) -> bool:
    return title is not None and _next_kept(reasons, title) == i and _is_caption(texts, reasons, i)


def _is_caption(texts: Sequence[str], reasons: Sequence[str | None], j: int) -> bool:
    """A short unit after the headline that describes a picture (see the module docstring)."""
    t = texts[j]
    if len(t) > 300 or len(words(t)) < 4 or t.rstrip().endswith("?"):
        return False
    k = _next_kept(reasons, j)
    if k is None:  # a caption is never the only text
        return False
    score = 0
    if _TRAILING_NAME.search(t) or _CREDIT_ANYWHERE.search(t):
        score += 2
    if _PICTURE_STRONG.search(t):
        score += 2
    elif _PICTURE_WEAK.search(t):
        score += 1
    if _DATELINE_LEDE.match(texts[k]):
        score += 1
    return score >= 2


def _block_rules(texts: Sequence[str], blocks: Sequence[int], reasons: list[str | None]) -> None:
    n = len(texts)
    by_block: dict[int, list[int]] = {}
    for i, b in enumerate(blocks):
        by_block.setdefault(b, []).append(i)
    for idx in by_block.values():
        # promo list: bullet items, short, at least one selling something
        items = [i for i in idx if _BULLET.match(texts[i])]
        if len(items) >= 2 and len(items) == len(idx) and all(len(texts[i]) <= 100 for i in items):
            if any(_PROMO_ITEM.search(texts[i]) for i in items):
                for i in idx:
                    reasons[i] = PROMO
                continue
        if len(idx) >= 2:
            gone = [reasons[i] for i in idx if reasons[i] is not None]
            if len(gone) * 2 >= len(idx) and all(len(words(texts[i])) <= 12 for i in idx if reasons[i] is None):
                for i in idx:
                    if reasons[i] is None:
                        reasons[i] = gone[0]
    # a unit with a weak appeal cue next to a strong appeal is part of it
    changed = True
    while changed:
        changed = False
        for i in range(n):
            if reasons[i] is None and len(texts[i]) <= 2000:
                if ((i > 0 and reasons[i - 1] == DONATION) or (i + 1 < n and reasons[i + 1] == DONATION)) and _DONATION_WEAK.search(texts[i]):
                    reasons[i] = DONATION
                    changed = True
    # a short unit sandwiched between two removals with the same reason
    for i in range(1, n - 1):
        if reasons[i] is None and reasons[i - 1] is not None and reasons[i - 1] == reasons[i + 1]:
            if len(words(texts[i])) <= 6 and not _SENTENCE_END.search(texts[i]):
                reasons[i] = reasons[i - 1]


def _tail_rule(texts: Sequence[str], reasons: list[str | None], body: int) -> None:
    n = len(texts)
    body_chars = 0
    for i in range(body, n):
        r = reasons[i]
        if r is None:
            body_chars += len(texts[i])
            continue
        if r in HARD and body_chars > 0:
            rest = [j for j in range(i + 1, n) if reasons[j] is None]
            rest_chars = sum(len(texts[j]) for j in rest)
            if rest and rest_chars * 2 <= body_chars and max(len(words(texts[j])) for j in rest) <= 45:
                for j in rest:
                    reasons[j] = TEASER
            return
