"""Word lists of the event rules: triggers, the words that anchor an event, and the words that say
whether it happened (factuality). Data only; the functions live in ``triggers``, ``arguments`` and
``factuality``."""

from __future__ import annotations

# Trigger nouns (lemma or lower-case form) -> kind.
NOUN_TRIGGERS = {
    "summit": "summit", "talks": "talks", "negotiations": "talks", "negotiation": "talks",
    "meeting": "meeting", "conference": "conference", "visit": "visit", "trip": "visit",
    "veto": "veto", "offensive": "offensive", "shelling": "shelling", "bombardment": "shelling",
    "bombing": "attack", "airstrike": "attack", "air strike": "attack", "attack": "attack",
    "assault": "attack", "raid": "attack", "massacre": "attack", "sanctions": "sanctions",
    "embargo": "sanctions", "vote": "vote", "referendum": "vote", "election": "election",
    "ceasefire": "ceasefire", "cease-fire": "ceasefire", "truce": "ceasefire",
    "agreement": "agreement", "deal": "agreement", "accord": "agreement", "treaty": "agreement",
    "invasion": "offensive", "airstrikes": "attack", "blast": "attack", "explosion": "attack",
    "barrage": "shelling", "siege": "offensive", "counterattack": "offensive",
    "counteroffensive": "offensive", "counter-offensive": "offensive", "incursion": "offensive",
    "evacuation": "evacuation", "air-strike": "attack", "airraid": "attack",
}  # fmt: skip
VERB_TRIGGERS = {
    "meet": "meeting", "visit": "visit", "veto": "veto", "shell": "shelling", "bomb": "attack",
    "attack": "attack", "invade": "offensive", "negotiate": "talks", "block": "veto", "vote": "vote",
    "pound": "attack", "strike": "attack", "besiege": "offensive", "capture": "offensive",
    "seize": "offensive", "recapture": "offensive", "retake": "offensive", "storm": "offensive",
    "evacuate": "evacuation",
}  # fmt: skip

# Nouns that are triggers only with a modifier saying what kind ("air strikes", "a military operation").
MODIFIED_NOUN_TRIGGERS = {
    "strike": ("attack", {"air", "missile", "drone", "rocket", "chemical", "weapons", "aerial", "cruise",
                          "artillery", "military", "airstrike", "russian", "american", "turkish", "israeli",
                          "coalition", "regime", "government", "u.s.", "us", "syrian", "fresh", "new", "similar"}),
    "operation": ("offensive", {"military", "ground", "air", "offensive", "shield", "combat", "counter-terrorism",
                                "counterterrorism", "anti-terror", "euphrates"}),
    "clash": ("offensive", {"armed", "heavy", "fierce", "violent", "deadly"}),
    "clashes": ("offensive", set()),  # the plural on its own is fighting
    "battle": ("offensive", set()),
}  # fmt: skip

# Verbs whose subject must be armed (or whose object a place) for the verb to be an attack/offensive.
ARMED_VERBS = {"pound", "strike", "capture", "seize", "recapture", "retake", "storm", "besiege", "target"}
ARMED_SUBJECTS = {
    "troops", "forces", "army", "soldiers", "rebels", "militants", "fighters", "jets", "warplanes",
    "gunmen", "insurgents", "militia", "militias", "aircraft", "planes", "helicopters", "tanks",
    "police", "jihadists", "bombers", "drones", "artillery", "navy", "military", "terrorists", "regime",
    "opposition", "jihadis", "coalition", "aviation", "airforce", "force", "groups", "group", "extremists",
}  # fmt: skip
VIOLENT_MODIFIERS = {
    "terrorist", "terror", "suicide", "chemical", "air", "rocket", "missile", "military", "bomb",
    "gas", "mortar", "armed", "deadly", "militant", "drone", "insurgent", "rebel", "artillery",
    "gun", "knife", "car", "truck", "grenade", "sniper", "ground", "naval", "nuclear", "bloody",
    "fatal", "lethal", "violent", "coordinated", "jihadist", "islamist", "guerrilla", "police",
    "toxic", "sarin", "poison", "weapons", "aerial", "barrel", "regime", "government",
}  # fmt: skip

# "block" is a veto only when what is blocked is a text put to a vote.
BLOCKABLE = {"resolution", "draft", "measure", "motion", "bill", "proposal", "statement", "text"}
# "agreement"/"deal"... are events only when something happens to them.
AGREEMENT_VERBS = {"sign", "reach", "strike", "conclude", "seal", "broker", "clinch", "agree", "ink", "finalize",
                   "finalise"}
MEET_NON_EVENT_OBJECTS = {"demand", "need", "target", "requirement", "criteria", "condition", "standard",
                          "expectation", "deadline", "goal", "obligation"}
# Verbs that make the trigger noun their own event ("hold talks") and lend subject and date.
SUPPORT_VERBS = {
    "hold", "attend", "host", "have", "impose", "slap", "launch", "stage", "conduct", "carry",
    "open", "convene", "chair", "join", "begin", "start", "resume", "make", "pay", "sign", "reach",
    "strike", "conclude", "seal", "broker", "clinch", "cast", "announce", "approve", "adopt",
    "extend", "tighten", "lift", "ease", "expand", "order", "mount", "unleash", "step", "declare",
    "agree", "use", "wrap", "end", "finish", "complete", "organise", "organize", "arrange", "lead",
    "go", "come", "travel", "arrive", "return", "commit", "perpetrate",
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Factuality: the status of an event mention (happened | planned | hypothetical | negated | prevented)

# A verb governing the trigger that says it was stopped before it happened.
PREVENTING = {"shield", "prevent", "block", "cancel", "foil", "thwart", "avert", "stop", "halt", "scrap",
              "abort", "forestall", "veto", "spare", "protect", "preempt", "pre-empt"}
# ...that it is scheduled or expected (including put off to a later date).
PLANNING = {"plan", "schedule", "postpone", "delay", "defer", "expect", "prepare", "set", "slate",
            "reschedule", "arrange", "organise", "organize", "adjourn"}
# ...the same, but only for an infinitive under them ("agreed to hold talks"; "agreed a truce" happened).
PLANNING_INFINITIVE = PLANNING | {"agree", "intend", "aim", "decide", "go", "suppose"}
# Prepositions of time and circumstance: the clause they hang on says nothing of the event's status
# ("has not changed its stance following his meeting with Assad": the meeting took place).
ADJUNCT_PREPS = {"after", "following", "during", "before", "since", "amid", "despite", "throughout", "until",
                 "till", "like", "unlike", "besides", "beyond"}
# ...that it is wished for, demanded, threatened, proposed or refused: not (yet) an event.
WISHING = {
    "want", "hope", "wish", "seek", "refuse", "decline", "reject", "propose", "suggest",
    "urge", "call", "demand", "consider", "offer", "ask", "press", "favour", "threaten",
    "favor", "oppose", "rule", "avoid", "need", "encourage", "advocate", "warn",
    "insist", "prefer", "envisage", "contemplate", "exhort", "persuade",
    "convince", "implore", "beg", "weigh", "mull", "vow", "pledge", "promise", "fear", "risk",
    "threat", "prospect", "possibility", "calls", "appeal", "demands", "plea", "proposal", "push",
    "readiness", "willingness", "danger", "spectre", "specter", "idea", "option", "request",
}  # fmt: skip
# ...that it did not happen.
FAILING = {"fail", "neglect"}
# Nouns in whose phrase the trigger is planned ("plans for talks", "preparations for the summit").
PLANNING_NOUNS = {"plan", "plans", "preparation", "preparations", "schedule", "date", "agenda", "run-up", "eve",
                  "ahead"}
PLANNED_AMODS = {"planned", "scheduled", "upcoming", "forthcoming", "expected", "proposed", "postponed",
                 "delayed", "next", "future", "coming", "prospective", "impending", "anticipated"}
HYPOTHETICAL_AMODS = {"possible", "potential", "hypothetical", "eventual", "new-style", "unilateral",
                      "likely", "feared", "threatened", "alleged-future"}
PREVENTED_AMODS = {"cancelled", "canceled", "aborted", "foiled", "thwarted", "averted", "failed"}
HYPOTHETICAL_DETS = {"any", "every", "each", "whatever"}
OPEN_MODALS = {"would", "could", "might", "may", "should", "can", "ca", "must", "'d", "ought"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
# Heads of a reported statement after which "would" is the future of the report, not a conditional.
REPORTING = {"say", "agree", "announce", "decide", "confirm", "state", "report", "add", "tell", "promise",
             "pledge", "indicate", "expect", "predict", "vow"}
# Verbs of saying: what they govern is judged on its own ("Trump declared that the attack cannot be
# tolerated but did not say ..." does not deny the attack).
SPEECH = REPORTING | {"claim", "accuse", "declare", "insist", "argue", "write", "note", "explain", "describe",
                      "stress", "allege", "believe", "think", "deny", "admit", "acknowledge", "assert", "warn"}
# When the trigger is the subject, only a verb saying whether it takes place tells its status ("the
# talks did not take place"; not "the attack cannot be tolerated").
HAPPENING_VERBS = {"take", "hold", "happen", "occur", "begin", "start", "go", "proceed", "resume", "open", "convene",
                   "continue", "kick", "materialise", "materialize", "succeed", "end", "conclude", "last"}

# ---------------------------------------------------------------------------------------------
# Arguments

PARTY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "on"}
TARGET_PREPS = {"on", "against", "of"}
WITH_PREPS = {"with", "between", "among", "by", "of", "from"}
PLACE_NOUNS = {"city", "town", "village", "province", "region", "district", "capital", "port", "state",
               "county", "area", "suburb", "neighbourhood", "neighborhood", "island", "enclave", "governorate",
               "countryside", "outskirts", "camp", "stronghold"}
# When the trigger is the subject, only a verb saying that it happens lends its date and place
# ("the summit opens Monday"; not "the conference was agreed this week").
OCCURRENCE_VERBS = {
    "take", "hold", "begin", "start", "open", "end", "conclude", "close", "happen", "occur",
    "resume", "convene", "continue", "last", "run", "be", "go", "kick", "get", "wrap", "break",
    "come", "fall", "hit", "kill", "strike", "target", "leave", "destroy", "pound", "wound", "injure",
    "claim", "damage", "slam", "rock", "shake",
}  # fmt: skip
CASUALTY_VERBS = {"kill", "wound", "injure", "claim", "hit", "destroy", "target", "strike", "leave", "damage"}
# What taking ground takes: "captured the town", "seized control of", not "captured gas masks".
GROUND = PLACE_NOUNS | {"control", "territory", "ground", "base", "position", "positions", "area", "areas", "hill",
                        "hilltop", "hilltops", "hills", "district", "districts", "neighbourhoods", "neighborhoods",
                        "villages", "towns", "road", "highway", "airport", "airbase", "checkpoint", "checkpoints",
                        "front", "stronghold", "city", "border", "crossing", "dam", "bridge", "part", "parts"}
MEETING_KINDS = {"meeting", "talks", "summit", "conference", "visit"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
DATE_LINK_PREPS = {"on", "in", "at", "during", "since", "until", "till", "by", "from", "for", "over", "through",
                   "before", "after", "as", "of", "throughout"}
DATE_LINK_VERBS = {"start", "begin", "end", "schedule", "plan", "set", "due", "slate", "open", "close"}

# Words of a trigger's phrase that make a readable label ("chemical attack", "air strikes").
LABEL_MODIFIERS = VIOLENT_MODIFIERS | {"peace", "security", "emergency", "un", "international", "military",
                                       "ministerial", "bilateral", "trilateral", "presidential", "parliamentary",
                                       "nationwide", "humanitarian", "local", "general", "economic", "arms",
                                       "oil", "cessation", "ground", "intensive", "heavy", "fresh", "renewed"}
