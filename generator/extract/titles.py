"""Title words, one list for every stage that reads titles in front of names.

The core is shared; each stage adds what it needs, and the name says which stage:

- ``NAME_TITLE_WORDS`` (extract/actors): words of a title phrase that NER folds into a name
  ("Russian President Vladimir Putin", "analyst John Smith"), so occupations are in it: the phrase
  becomes the mention's title and the name stays clean.
- ``SPEAKER_TITLE_WORDS`` (extract/claims): words that may stand before a speaker's name or make a
  role speaker ("the former acting governor"), including abbreviations written without their dot.
- ``COURTESY_TITLES`` are no office (resolve drops them from roles: "Mr." is not a role);
  ``HONORIFICS`` add the abbreviated ranks, which extract/actors never takes as a role's head.
"""

from __future__ import annotations

COURTESY_TITLES = frozenset("""
    dr dr. mr mr. mrs mrs. ms ms. sir
""".split())
HONORIFICS = COURTESY_TITLES | frozenset("""
    col. gen. prof. rep. rev. sen.
""".split())
_CORE = frozenset("""
    admiral ambassador chairman chairwoman chancellor chief col. colonel commander defence defense
    deputy director dr. envoy foreign gen. general governor interior judge justice king lady leader
    lord mayor minister mr mr. mrs mrs. ms ms. pm premier president president-elect prime prince queen
    rep. representative secretary sen. senator sheikh sir spokesman spokeswoman state vice
    treasurer chancellor-elect mp
""".split())
NAME_TITLE_WORDS = _CORE | frozenset("""
    activist adviser advisor analyst archbishop ayatollah bishop captain cardinal ceo chair
    correspondent dame economist editor elect emir executive expert finance founder head journalist
    lieutenant major marshal mediator negotiator officer official patriarch pope prof. professor rev.
    secretary-general sergeant spokesperson writer
""".split())
SPEAKER_TITLE_WORDS = _CORE | frozenset("""
    acting adm. candidate dr first former gen gov gov. lt. minister-president nominee rep sen speaker
""".split())
