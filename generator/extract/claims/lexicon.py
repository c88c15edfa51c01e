"""Claim cues as data: the verb lexicon (cue kind and the content each lemma takes) and the word lists
that decide who can speak (role, anonymous, evidence, organisation and relation nouns, titles, nations)."""

from __future__ import annotations

from ..titles import SPEAKER_TITLE_WORDS

# ---------------------------------------------------------------------------------------------
# Lexicon. For each lemma: the cue kind and which content it may take.
#   C = a clause (ccomp) or a quotation;  O = a direct object;  X = an xcomp ("wants X to go",
#   "urged X to go");  P = the preposition(s) whose object is the content ("called for");
#   N = naming: object plus predicate ("called him a liar", "described it as a mistake");
#   Q = a quotation only; L = a long direct object is the content ("says the plan that ... works"
#   parsed as an object); E = evidence verbs, only with a document/poll as subject.

_SAY = "say"
_LEX: dict[str, tuple[str, str, tuple[str, ...]]] = {}


def _add(kind: str, modes: str, lemmas: str, preps: tuple[str, ...] = ()) -> None:
    for lemma in lemmas.split():
        _LEX[lemma] = (kind, modes, preps)


_add(_SAY, "CL", "say add state note explain comment remark reply respond answer write tweet "
     "recall repeat mention observe quip joke conclude insist stress "
     "emphasize emphasise underline maintain assert contend argue claim allege suggest predict "
     "estimate declare testify posit speculate caution complain boast brag concede "
     "acknowledge admit signal indicate hint muse wonder")
_add(_SAY, "Q", "continue")  # "continued to ..." is rarely speech: a quotation only
_add(_SAY, "CO", "reiterate")
_add("tell", "CX", "tell inform assure remind")
_add("ask", "CXO", "ask", ("about", "for"))
_add("announce", "CO", "announce unveil proclaim disclose reveal")
_add("report", "COX", "report")
_add("deny", "CO", "deny reject dismiss dispute")
_add("agree", "C", "agree confirm")
_add("warn", "CX", "warn", ("of", "against", "about"))
_add("promise", "CX", "promise pledge vow vowed threaten")
_add("accuse", "O", "accuse blame criticize criticise condemn slam attack denounce",
     ("of", "for", "over"))
_add("stance", "O", "support back endorse oppose favor favour welcome praise defend applaud "
     "propose demand")
_add("stance", "CXO", "want")
_add("stance", "CX", "hope believe think expect fear doubt")
_add("stance", "OX", "urge")
_add("stance", "PN", "call", ("for", "on"))
_add("describe", "NO", "describe", ("as",))
_add("describe", "N", "label brand dub", ("as",))
_add("stance", "P", "speak", ("against", "out", "about"))
_add("stance", "P", "push", ("for",))
_add(_SAY, "CL", "argue", ("for", "against"))
_add(_SAY, "CO", "recall cite")
_add(_SAY, "P", "point", ("to", "out"))
_add(_SAY, "P", "refer", ("to",))
_add(_SAY, "P", "talk", ("about",))
_add("deny", "X", "decline refuse")
_add("stance", "O", "question express voice")
_add("report", "COE", "show find")

# Words naming roles (the head noun of a role speaker).
_ROLE_NOUNS = set(
    "president minister pm premier chancellor secretary official officials spokesman spokeswoman "
    "spokesperson leader head chief ambassador envoy senator governor candidate nominee diplomat "
    "diplomats source sources aide aides adviser advisor advisers advisors general commander mayor "
    "king queen prince emperor monarch dictator ruler representative congressman congresswoman "
    "lawmaker lawmakers director chairman chairwoman chair negotiator mediator foreign "
    "president-elect strongman".split()
)
_GENERIC_HEADS = {"leader", "head", "chief", "ruler", "strongman"}
_ANON_HEADS = {
    "official", "officials", "source", "sources", "diplomat", "diplomats", "aide", "aides",
    "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "advisers", "advisors",
    "activist", "activists", "expert", "experts", "analyst", "analysts", "witness", "witnesses",
    "resident", "residents", "observer", "observers", "critic", "critics", "lawmaker", "lawmakers",
    "people", "someone", "insider", "insiders", "officer", "officers", "researcher", "researchers",
    "monitor", "monitors", "member", "members", "supporter", "supporters", "opponent", "opponents",
    "rebel", "rebels", "leaders", "voters", "protesters", "demonstrators",
}
# Subjects that make "show"/"find" an attribution ("the poll found", "records show").
_EVIDENCE_HEADS = set(
    "poll polls survey surveys study studies report reports data analysis records record "
    "documents document figures numbers results investigation audit review research memo "
    "filing filings estimate estimates statement letter email emails census count tally "
    "exit model forecast projection projections analyses polling average".split()
)
# "the <noun>" naming an organisation named before ("the Observatory", "the ministry", "the monitor").
_BACK_NOUNS = set(
    "observatory ministry center centre monitor group body organisation organization agency council "
    "committee commission coalition directorate network watchdog outfit charity alliance movement "
    "front army office department authority service".split()
)
# Of those, the ones any organisation may be called: they refer to the one that spoke last.
_GENERIC_ORG_NOUNS = {"monitor", "group", "body", "organisation", "organization", "watchdog", "outfit", "agency"}
# An unnamed description with one of these heads ("a monitoring group said", "the Britain-based group
# added", "a leading rights group") stands for the one organisation that speaks by name in the article;
# a government body (ministry, army...) is never what such a phrase describes.
_DESCRIBED_ORG_NOUNS = _GENERIC_ORG_NOUNS - {"agency"} | {"ngo", "charity", "observatory", "monitors"}
_GOVERNMENT_WORDS = set(
    "ministry army military government forces police office department embassy regime command "
    "council presidency kremlin cabinet parliament authorities".split()
)
# A document named without its owner ("the statement said"): it is the last organisation's that spoke.
_OWNED_DOCUMENTS = {"statement", "bulletin", "report", "communique", "communiqué", "release"}
# Someone named by their relation to an actor: that actor does not speak ("a staunch Assad ally").
_RELATION_NOUNS = {"ally", "allies", "opponent", "opponents", "critic", "critics", "enemy", "enemies", "rival",
                   "rivals", "foe", "foes", "backer", "backers", "detractor", "detractors"}
_ORG_HEADS = set(
    "government ministry office agency department council court party administration police "
    "military army committee commission campaign company firm organization organisation union "
    "regime kremlin embassy parliament congress senate house cabinet coalition alliance group "
    "team network newspaper agency bank board authority authorities opposition white "
    "media press service forces".split()
)
# Title words that may precede a name ("Russian President Vladimir Putin"): extract/titles.py.
_TITLE_WORDS = SPEAKER_TITLE_WORDS
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
_NATION_ALIASES = {
    "u.s.": "us", "us": "us", "american": "us", "america": "us", "united": "us",
    "uk": "uk", "u.k.": "uk", "britain": "uk", "british": "uk", "england": "uk", "english": "uk",
    "french": "fr", "france": "fr", "dutch": "nl", "netherlands": "nl", "swiss": "ch",
    "switzerland": "ch", "chinese": "cn", "china": "cn", "german": "de", "germany": "de",
}
