"""Cleaning rules (generator/ingest/clean.py, layout.py): one small hand-written text per kind of
boilerplate, whitespace normalisation, and the offset properties that everything downstream relies on:

* every removed span is a raw slice: ``raw[start:end] == text``;
* every cleaned character maps to its raw character, or to the character it normalises
  (a space from NBSP/tab/newline, a line break from ``\\r``), or -- HTML only -- to the entity or
  markup it stands for.
"""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest import clean_text
from generator.model import OffsetMap

BODY = (
    "Russian officials said on Tuesday that talks with the opposition would resume next week, "
    "despite fresh fighting in the north of the country and new sanctions from Brussels."
)
BODY2 = (
    "The foreign minister told reporters that Moscow would not accept any plan imposed from outside, "
    "and that the government and the rebels had to sit down at one table to end the violence."
)
BODY3 = (
    "Diplomats in Geneva said a date for the conference had not been set, adding that both sides "
    "still disagreed about who should take part and what the agenda of the meeting should be."
)


def article(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


def check_offsets(raw: str, cleaned, *, markup: bool = False) -> None:
    """The offset properties (module docstring)."""
    for r in cleaned.removed:
        assert raw[r.start:r.end] == r.text
        assert r.reason
    om: OffsetMap = cleaned.offsets
    last = -1
    for i, ch in enumerate(cleaned.text):
        a, b = om.to_raw(i), om.to_raw_end(i + 1)
        assert a >= last or markup, (i, ch)
        last = a
        seg = raw[a:b]
        ok = seg == ch or (ch == " " and len(seg) == 1 and (seg.isspace())) or (ch == "\n" and seg in ("\n", "\r"))
        if markup and not ok:
            ok = html.unescape(seg).replace("\xa0", " ") == ch or (ch in " \n" and ("<" in seg or seg.strip() == "" or html.unescape(seg).isspace()))
        assert ok, (i, repr(ch), repr(seg))
        if not markup:
            assert b == a + 1
            assert om.to_clean(a) == i


def reasons(cleaned) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in cleaned.removed:
        out.setdefault(r.reason, []).append(r.text)
    return out


# ---------------------------------------------------------------------------------------------
# Each kind of boilerplate


def test_donation_appeal_block_and_outlet_self_promotion() -> None:
    raw = article(
        "Support The Daily Planet!",
        "Talks to Resume Next Week",
        BODY, BODY2, BODY3,
        "... we have a small favour to ask. The Daily Planet, an independent news source for 20 years, needs readers.",
        "We need your help to keep reporting from the region for everyone who reads us.",
        "Your support, no matter how small, makes a difference. Please support us today.",
        "Payment methods\nNot ready to support today?\nRemind me later.",
    )
    c = clean_text(raw)
    check_offsets(raw, c)
    assert c.text == article("Talks to Resume Next Week", BODY, BODY2, BODY3).strip()
    assert "donation appeal" in reasons(c)
    assert c.outlet == "The Daily Planet"
    assert c.title == "Talks to Resume Next Week"


@pytest.mark.parametrize(
    "line",
    [
        "Skip to: Content", "Skip to next paragraph", "(Page 3 of 5)", "Read more", "Related articles:",
        "Archived Story", "Editor's Picks", "Home | World | Business | Sport", "Read Comments",
        "View reader comments | Comment on this story", "Sign in to Comment | Need help commenting? Click here",
        "Become a fan! Follow us! Google+ YouTube See our feeds!", "Facebook Twitter WhatsApp Telegram",
        "Get daily or weekly updates delivered to your inbox. Sign up today.", "Subscribe now",
        "Advertisement", "Photo: Jane Doe / Reuters", "Reuters / Maxim Ivanov", "© 2013 The Daily Planet",
        "Most read", "You may also like", "Special Offer",
    ],
)
def test_furniture_lines_are_removed(line: str) -> None:
    raw = article("Talks to Resume Next Week", BODY, line, BODY2)
    c = clean_text(raw)
    check_offsets(raw, c)
    assert line not in c.text
    assert BODY in c.text and BODY2 in c.text


def test_icon_font_garbage() -> None:
    icons = " ".join(f"icon {w}icon" for w in "bookmark camera check chevron close edit file filter flag mail".split())
    raw = article(icons, "Talks to Resume Next Week", BODY)
    c = clean_text(raw)
    assert reasons(c)["icon garbage"] == [icons]
    assert c.text.startswith("Talks to Resume Next Week")


def test_ordinary_paragraphs_are_not_icon_garbage() -> None:
    para = "The the the the the the the the the the the the list goes on without a stop the end"
    c = clean_text(article("A title here", para + " and then some more words here for the rule"))
    assert "icon garbage" not in reasons(c)


def test_promo_bullet_list() -> None:
    raw = article("Talks to Resume Next Week", BODY, BODY2, "  • Weekly digest of world news\n  • Trusted and balanced\n  • Subscribe in print or digital")
    c = clean_text(raw)
    check_offsets(raw, c)
    assert "promo list" in reasons(c)
    assert "Weekly digest" not in c.text


def test_plain_bullet_list_is_kept() -> None:
    raw = article("Talks to Resume Next Week", BODY, "- Russia wants talks\n- The West wants a transition")
    c = clean_text(raw)
    assert "- Russia wants talks\n- The West wants a transition" in c.text


def test_photo_caption_ending_with_photographer() -> None:
    raw = article("Talks to Resume Next Week", "A man rides a bicycle past a damaged building in the city on Monday. Jane Doe", "MOSCOW — " + BODY, BODY2)
    c = clean_text(raw)
    check_offsets(raw, c)
    assert reasons(c)["photo caption"] == ["A man rides a bicycle past a damaged building in the city on Monday. Jane Doe"]
    assert c.text.startswith("Talks to Resume Next Week\n\nMOSCOW — ")


def test_photo_caption_describing_a_picture() -> None:
    raw = article("Talks to Resume Next Week", "Protesters hold a banner reading “No war” outside the embassy.", BODY, BODY2)
    c = clean_text(raw)
    assert "photo caption" in reasons(c)


@pytest.mark.parametrize(
    "lede",
    [
        "Russia holds talks with the Syrian opposition in Moscow as fighting goes on.",
        "The bank said it was holding interest rates at 11 percent for another month.",
        "Users are being warned about a virus that poses as a popular game.",
    ],
)
def test_ledes_are_not_captions(lede: str) -> None:
    c = clean_text(article("Talks to Resume Next Week", lede, BODY, BODY2))
    assert lede in c.text


def test_teaser_stories_after_the_end_of_the_article_are_dropped() -> None:
    raw = article(
        "Talks to Resume Next Week", BODY, BODY2, BODY3,
        "Special Offer",
        "Doing Good",
        "What happens when people help their neighbours? Change...",
        "A runner poses at the start line of a marathon.",
        "The athlete started a relay run across the country to raise money for victims of the attack.",
    )
    c = clean_text(raw)
    check_offsets(raw, c)
    assert c.text == article("Talks to Resume Next Week", BODY, BODY2, BODY3).strip()
    assert "teaser for other stories" in reasons(c)


def test_mid_article_link_does_not_cut_the_article() -> None:
    long1 = BODY + " " + BODY2
    long2 = BODY2 + " " + BODY3
    raw = article("Talks to Resume Next Week", BODY, "Related articles:", long1, long2)
    c = clean_text(raw)
    assert long1 in c.text and long2 in c.text


def test_dateline_and_byline_are_metadata_not_text() -> None:
    raw = article("Talks to Resume Next Week", "Published 3:39pm Monday, June 17, 2013", "By Jane Doe", BODY)
    c = clean_text(raw)
    assert c.published.value == "2013-06-17" and c.published.precision == "day" and c.published.evidence == "dateline"
    assert set(reasons(c)) == {"dateline", "byline"}
    assert c.text == article("Talks to Resume Next Week", BODY).strip()


@pytest.mark.parametrize(
    ("line", "value", "precision"),
    [
        ("10 May, 2013 18:20", "2013-05-10", "day"),
        ("Updated: 2013-06-17T15:39:00Z", "2013-06-17", "day"),
        ("17.06.2013 12:00 MSK", "2013-06-17", "day"),
        ("June 2013", "2013-06", "month"),
    ],
)
def test_dateline_forms(line: str, value: str, precision: str) -> None:
    c = clean_text(article(line, "Talks to Resume Next Week", BODY))
    assert (c.published.value, c.published.precision, c.published.evidence) == (value, precision, "dateline")


def test_date_opening_the_first_paragraph() -> None:
    c = clean_text(article("Talks to Resume Next Week", "Wed 05 Apr 2017 " + BODY))
    assert c.published.value == "2017-04-05"


@pytest.mark.parametrize("line", ["06/07/2013", "Last year in June", "Qtr ended March 27, 1987", "December 1986."])
def test_no_date_is_guessed(line: str) -> None:
    c = clean_text(article("Talks to Resume Next Week", line, BODY))
    assert c.published.value is None and c.published.evidence == "unknown"


def test_weekday_mismatch_is_reported() -> None:
    c = clean_text(article("Talks to Resume Next Week", "Tuesday, June 17, 2013", BODY))
    assert c.published.value == "2013-06-17"
    assert any("Tuesday" in w for w in c.warnings)


def test_agency_credit_at_the_end() -> None:
    c = clean_text(article("Talks to Resume Next Week", BODY, BODY2, "(AP, Reuters)"))
    assert reasons(c)["agency credit"] == ["(AP, Reuters)"]


def test_body_mentioning_subscriptions_and_donations_is_kept() -> None:
    para = (
        "The charity said it had received a donation of 2 million dollars, and that readers who subscribe "
        "to its newsletter would get updates; officials said they would support us in the effort, he said."
    )
    c = clean_text(article("Charity Gets Donation", para, BODY))
    assert para in c.text
    assert not c.removed


def test_outlet_is_not_taken_from_quotes_of_other_outlets() -> None:
    c = clean_text(article("Talks to Resume Next Week", BODY, "A senior official told CNN that talks would go on. He also told RT the same."))
    assert c.outlet is None


# ---------------------------------------------------------------------------------------------
# Whitespace and layout


def test_whitespace_normalisation() -> None:
    raw = "A  headline\twith\u00a0spaces\n\nPu\u200btin said\u2009on\u202fMonday \u00a0 that it\u00adwas fine.   \n"
    c = clean_text(raw)
    check_offsets(raw, c)
    assert c.text == "A headline with spaces\n\nPutin said on Monday that itwas fine."


def test_paragraphs_are_separated_by_exactly_two_newlines() -> None:
    raw = "Title line here\n\n\n\n   \n" + BODY + "\n \t\n\n" + BODY2
    c = clean_text(raw)
    check_offsets(raw, c)
    assert c.text == f"Title line here\n\n{BODY}\n\n{BODY2}"


def test_crlf_and_cr() -> None:
    for nl in ("\r\n", "\r"):
        raw = f"Title line here{nl}{nl}{BODY}{nl}{nl}{BODY2}{nl}"
        c = clean_text(raw)
        check_offsets(raw, c)
        assert c.text == f"Title line here\n\n{BODY}\n\n{BODY2}"
        assert "\r" not in c.text


def test_hard_wrapped_wire_copy_is_unwrapped() -> None:
    raw = (
        "COCOA REVIEW\n\n"
        "Showers continued throughout the week in\n"
        "the cocoa zone, alleviating the drought since early\n"
        "January and improving prospects for the coming crop,\n"
        "although normal humidity levels have not been restored.\n"
        "    The dry period means the crop will be late this year.\n"
    )
    c = clean_text(raw)
    check_offsets(raw, c)
    assert c.text == (
        "COCOA REVIEW\n\nShowers continued throughout the week in the cocoa zone, alleviating the drought since early "
        "January and improving prospects for the coming crop, although normal humidity levels have not been restored.\n"
        "The dry period means the crop will be late this year."
    )


def test_short_lines_keep_their_breaks() -> None:
    raw = "Title line here\n\nFirst line\nSecond line\n"
    assert clean_text(raw).text == "Title line here\n\nFirst line\nSecond line"


def test_title_fallback_is_first_sentence() -> None:
    c = clean_text(BODY + " " + BODY2)
    assert c.title is None  # no headline line; the caller falls back to the first sentence


# ---------------------------------------------------------------------------------------------
# HTML and Markdown


PAGE = """<!DOCTYPE html><html><head><title>Talks resume | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2013-06-17T15:39:00Z">
<script>var x = "<p>not text</p>";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Talks &amp; sanctions</h1>
<figure><img src="a.jpg"><figcaption>A man holds a sign. Jane Doe</figcaption></figure>
<p>MOSCOW &mdash; Vladimir&nbsp;Putin said on Monday that the caf&eacute; talks were &quot;useful&quot; and would go on.</p>
<p>He added:<br>the sides agree &#8212; on some things.</p>
<p>Subscribe to our newsletter today!</p></article>
<footer>&copy; 2013 Daily Planet</footer></body></html>
"""


def test_html_text_metadata_and_offsets() -> None:
    c = clean_text(PAGE, "html")
    check_offsets(PAGE, c, markup=True)
    assert c.text == (
        "Talks & sanctions\n\nMOSCOW — Vladimir Putin said on Monday that the café talks were \"useful\" and would go on.\n\n"
        "He added:\nthe sides agree — on some things."
    )
    assert c.title == "Talks & sanctions"
    assert c.outlet == "Daily Planet"
    assert (c.published.value, c.published.evidence) == ("2013-06-17", "meta")
    got = reasons(c)
    assert {"html <nav>", "photo caption", "subscription promo", "html <footer>"} <= set(got)
    # an entity is atomic: a span ending on it covers the whole entity
    i = c.text.index("&")
    assert PAGE[c.offsets.to_raw(i):c.offsets.to_raw_end(i + 1)] == "&amp;"


def test_html_unclosed_furniture_does_not_swallow_the_page() -> None:
    raw = "<html><body><nav>Home<p>" + BODY + "</p><p>" + BODY2 + "</p></body></html>"
    c = clean_text(raw, "html")
    assert BODY in c.text and BODY2 in c.text


def test_markdown_markup_is_removed() -> None:
    raw = "# Talks *resume*\n\nRussian President **Vladimir Putin** said the\n[talks](http://x.org) go on. ![pic](a.png)\n\n> A quote from `someone`.\n"
    c = clean_text(raw, "markdown")
    check_offsets(raw, c)
    assert c.text == "Talks resume\n\nRussian President Vladimir Putin said the talks go on.\n\nA quote from someone."
    assert c.title == "Talks resume"


# ---------------------------------------------------------------------------------------------
# OffsetMap with replacements (the HTML extension)


def test_offsetmap_replacements() -> None:
    # raw "ab&amp;cd" -> clean "ab&cd"
    om = OffsetMap(((0, 0, 2), (3, 7, 2)), ((2, 1, 2, 5),))
    assert [om.to_raw(i) for i in range(5)] == [0, 1, 2, 7, 8]
    assert om.to_raw_end(3) == 7  # a span ending on "&" covers "&amp;"
    assert [om.to_clean(r) for r in range(9)] == [0, 1, 2, 2, 2, 2, 2, 3, 4]
    plain = OffsetMap(((0, 0, 3), (3, 5, 2)))
    assert [plain.to_raw(i) for i in range(5)] == [0, 1, 2, 5, 6] and plain.to_raw_end(5) == 7


# ---------------------------------------------------------------------------------------------
# Properties

_ALPHABET = st.sampled_from(
    list("abcXYZ .,!?\"'—-:;()0123456789\n\n\n\r\t") + ["\u00a0", "\u200b", "\u2009", "\u00ad", "\ufeff", "é", "Ж", "\x0c", "\x85", "\u2028"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=400))
def test_any_text_cleans_with_valid_offsets(raw: str) -> None:
    c = clean_text(raw)
    check_offsets(raw, c)
    assert "\r" not in c.text
    assert "\n\n\n" not in c.text and c.text == c.text.strip()


_WORDS = st.sampled_from(
    ["Putin said", " talks ", "Skip to: Content", "Read more", "Support The Daily Planet!", "icon fb icon tw",
     "June 17, 2013", "we have a small favor to ask", "Subscribe now", "(AP)", BODY, "• Subscribe in print"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORDS, st.sampled_from(["\n", "\n\n", " ", "\r\n\r\n", "\n \n"])), max_size=25))
def test_boilerplate_mixtures_keep_offsets(parts: list[tuple[str, str]]) -> None:
    raw = "".join(a + b for a, b in parts)
    check_offsets(raw, clean_text(raw))


_HTML_BITS = st.sampled_from(
    ["<p>", "</p>", "<br>", "<br/>", "&amp;", "&nbsp;", "&#233;", "&#x41;", "&bogus;", "<b>", "</b>", "<div>", "</div>",
     "<script>var a='<p>';</script>", "<nav>menu</nav>", "<nav>", "<article>", "</article>", "<h1>", "</h1>", "text ",
     "Putin said", " ", "\n", "<", ">", "&", "<!-- c -->", "<td>", "</td>", "<tr>", BODY]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HTML_BITS, max_size=40))
def test_any_html_cleans_with_valid_offsets(bits: list[str]) -> None:
    raw = "".join(bits)
    c = clean_text(raw, "html")
    check_offsets(raw, c, markup=True)
