"""The rules' data: word tables and patterns for date expressions, apart from the functions that use them.

The rules' patterns are matched (mostly ``fullmatch``) against an expression cleaned by
``normalise.clean``: lower case, no abbreviation dots, clock times or possessive. The clean-up, tense
and document patterns look at the text before that.
Month and weekday words (``MONTHS``, ``WEEKDAYS``) come from :mod:`generator.isodate`, the tables every
stage uses.
"""

from __future__ import annotations

import re

from ...isodate import MONTH_PATTERN, WEEKDAY_PATTERN

MONTH_RE = MONTH_PATTERN  # "september|january|...|may|jan|...", lower case, longest first
WEEKDAY_RE = WEEKDAY_PATTERN

# ---------------------------------------------------------------------------------------------
# Words

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a hundred": 100, "one hundred": 100, "a couple of": 2, "a couple": 2,
    "half a": 0.5, "a half": 0.5,
}  # fmt: skip
NUMBER_RE = (
    r"\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|"
    r"six|seven|eight|nine)|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
)
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# first month of each season (winter starts in December of the year it is named after)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
    "month": "month", "months": "month", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade", "quarter": "quarter", "quarters": "quarter", "weekend": "weekend",
    "weekends": "weekend", "century": "century", "centuries": "century",
}  # fmt: skip
UNIT_RE = "|".join(sorted(UNITS, key=len, reverse=True))

# Leading words that do not change the value but may matter for the note.
LEADING = [
    "as early as", "as late as", "no later than", "not before", "not until", "as of", "up to",
    "up until", "prior to", "some time", "sometime", "since", "until", "till", "til", "through",
    "throughout", "from", "during", "before", "after", "by", "on", "in", "at", "of", "for",
    "around", "about", "circa", "between", "to", "over", "within", "beginning", "starting",
    "effective", "already", "as", "late on", "early on", "only", "just", "even", "more than",
    "less than", "fewer than", "at least", "nearly", "almost", "roughly", "approximately",
    "some", "barely", "well over", "just over", "just under", "under",
]  # fmt: skip
# leading word -> the note it gives
NOTE_PREFIXES = {
    "since": "since", "until": "until", "till": "until", "til": "until", "up to": "until",
    "up until": "until", "not until": "not before", "not before": "not before",
    "no later than": "by", "by": "by", "before": "before", "prior to": "before", "after": "after",
    "as early as": "as early as", "as late as": "as late as", "from": "from",
    "beginning": "from", "starting": "from",
}  # fmt: skip
TRAILING = [
    "at the earliest", "at the latest", "or so", "or later", "or earlier", "or more",
    "and beyond", "onwards", "onward", "on", "alone", "itself", "already", "so far", "to date", "at",
]  # fmt: skip
# (words in front of a date, the note they give): "the end of June", "mid-November"
MODIFIERS = [
    ("the end of", "end"), ("the close of", "end"), ("end of", "end"), ("the beginning of", "start"),
    ("the start of", "start"), ("the outset of", "start"), ("start of", "start"),
    ("beginning of", "start"), ("the middle of", "mid"), ("the rest of", "rest"),
    ("the remainder of", "rest"), ("the turn of", "turn"), ("the course of", ""),
    ("the first days of", "start"), ("the last days of", "end"), ("the early part of", "early"),
    ("the latter part of", "late"), ("the later part of", "late"), ("early", "early"),
    ("late", "late"), ("mid-", "mid"), ("mid", "mid"), ("late-", "late"), ("early-", "early"),
    ("the early", "early"), ("the late", "late"), ("the mid-", "mid"), ("the mid", "mid"), ("later", "later"), ("earlier", "earlier"),
    ("sometime", ""), ("the whole of", ""), ("all of", ""), ("all", ""), ("the entire", ""),
    ("the full", ""), ("the whole", ""),
]  # fmt: skip

REFS = {
    # TimeML's non-calendar values; normalise() leaves them unresolved.
    "PRESENT_REF": {
        "now", "right now", "currently", "current", "at present", "presently", "nowadays",
        "these days", "today's", "the present", "present", "at the moment", "the moment",
        "this time", "at this time", "the current period", "this point", "at this point",
        "this stage", "the time being", "yet", "immediately", "still", "any longer",
    },
    "PAST_REF": {
        "recently", "recent", "lately", "the past", "previously", "formerly", "once", "before",
        "earlier", "in the past", "the recent past", "recent years", "recent months",
        "recent weeks", "recent days", "recent times", "years ago", "long ago", "ago",
        "in recent years", "a while ago", "some time ago", "ever", "historically", "former",
        "last", "then", "back then", "the old days", "already",
    },
    "FUTURE_REF": {
        "soon", "the future", "future", "in the future", "eventually", "shortly", "the near future",
        "the coming years", "the coming months", "coming years", "coming months", "the coming weeks",
        "coming weeks", "the coming days", "coming days", "later", "the years ahead", "years ahead",
        "one day", "someday", "some day", "tomorrow's", "the long term", "the long run", "next",
        "upcoming", "forthcoming", "ahead",
    },
}  # fmt: skip

# days from the publication date
RELATIVE_DAYS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "this day": 0, "earlier today": 0, "later today": 0, "today's": 0, "overnight": 0,
    "yesterday": -1, "last night": -1, "last evening": -1, "the day before yesterday": -2,
    "tomorrow": 1, "tomorrow night": 1, "the day after tomorrow": 2,
    "yesterday morning": -1, "yesterday afternoon": -1, "yesterday evening": -1,
    "tomorrow morning": 1, "tomorrow afternoon": 1, "tomorrow evening": 1,
    "earlier yesterday": -1, "later yesterday": -1, "late yesterday": -1,
    "early yesterday": -1, "early today": 0, "late today": 0, "early tomorrow": 1,
}  # fmt: skip
YEAR_END = ("year-end", "year end", "yearend", "the year-end", "the end of the year", "year's end",
            "the year's end", "the full year", "the whole year", "the calendar year")
YEAR_AGO = ("year-ago", "year-earlier", "the year-ago", "the year-earlier", "a year-earlier",
            "a year-ago", "the prior-year", "prior-year")

HOLIDAYS_FIXED = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "new year's day": (1, 1), "new year day": (1, 1), "new year": (1, 1),
    "new years day": (1, 1), "new year's eve": (12, 31), "new years eve": (12, 31),
    "halloween": (10, 31), "valentine's day": (2, 14), "valentine day": (2, 14),
    "may day": (5, 1), "labour day": (5, 1),
}  # fmt: skip
HOLIDAYS_MOVING = ("easter", "easter sunday", "easter monday", "good friday", "easter week",
                   "thanksgiving", "thanksgiving day", "election day")
HOLIDAY_RE = "|".join(re.escape(h) for h in sorted([*HOLIDAYS_FIXED, *HOLIDAYS_MOVING], key=len, reverse=True))

# Spelled-out years ("nineteen ninety-six", "two thousand and five"). Not NUMBERS: a year's words
# differ ("oh five", no "a" or "couple"), and tens, teens and units must be told apart.
SPELLED_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
SPELLED_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
SPELLED_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Tense cues (tense.py)

FUTURE_MODALS = {"will", "shall", "'ll", "wo", "ll"}
OPEN_MODALS = {"would", "could", "might", "may", "must", "should", "can", "ca", "'d"}
FUTURE_GOVERNORS = {
    "plan", "schedule", "due", "expect", "intend", "prepare", "hope", "aim", "slate", "want",
    "promise", "threaten", "vow", "pledge", "propose", "arrange", "invite",
}  # fmt: skip
# Verbs that move something to a later date: the date is ahead even in the past tense
# ("postponed the vote until Tuesday", "extended the offer to Nov. 20").
FORWARD_VERBS = {"postpone", "delay", "defer", "adjourn", "reschedule", "extend", "push", "move"}
FUTURE_ADJ = {"due", "set", "likely", "expected", "poised", "scheduled", "slated", "ready", "eager"}
# Words in front of a date that look ahead to a deadline or a start: read the date as the nearest
# one rather than the past one even in a past-tense sentence ("extended the offer to Nov. 20",
# "payable Dec. 15", "as early as Tuesday").
DEADLINE_CUES = {"by", "until", "till", "through", "effective", "payable", "record", "deadline", "starting",
                 "beginning", "as soon as", "as early as", "no later than", "ahead of", "before"}
PRESENT_AUX = {"is", "are", "'s", "'re", "am"}
FUTURE_WORDS = re.compile(r"\b(?:next|coming|upcoming|tomorrow|from now|hence)\b")

# ---------------------------------------------------------------------------------------------
# Clean-up

# clock times and zones inside a date expression ("June 17, 2013 18:20 GMT", "3:39pm Monday")
CLOCK = re.compile(r"(?:\bat )?(?:\b\d{1,2}:\d{2}(?::\d{2})?(?![.:]?\d)\s*(?:[ap]\.?m\b\.?)?|\b\d{1,2}(?:\.\d{2})?\s*"
                   r"[ap]\.?m\b\.?)(?:\s*(?:gmt|utc|bst|cet|msk|est|edt|pst|pdt)\b)?")
POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")  # "next week's" -> "next week"
# a date in the possessive in front of its noun (on the raw text): "next week's summit", "Monday's vote"
POSSESSIVE_BEFORE_NOUN = re.compile(r"(.+?)['\u2019]s\s+\S")
IN_THE_UNIT = re.compile(r"\b(earlier|later) in the (year|month|week)\b")  # -> "earlier this year"

# Ranges and lists, of which the first part is read
RANGE_MONTH_DAYS = re.compile(rf"(?P<m>{MONTH_RE}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|to|and|through)\s*"
                              rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?P<y>,? \d{{4}})?")  # june 17-18
RANGE_DAYS_MONTH = re.compile(rf"(?P<d1>\d{{1,2}})\s*(?:-|to|and)\s*(?P<d2>\d{{1,2}}) (?P<m>{MONTH_RE})"
                              rf"(?P<y>,? \d{{4}})?")  # 17-18 june
RANGE_NAMES = re.compile(rf"(?P<a>(?:{WEEKDAY_RE}|{MONTH_RE}|\d{{4}})) (?:and|or|to|through|-) "
                         rf"(?P<b>(?:{WEEKDAY_RE}|{MONTH_RE}|\d{{4}}))(?P<rest>(?: \d{{4}})?)")  # monday and tuesday
RANGE_YEARS = re.compile(r"(?:between |from )?(\d{4}) ?(?:-|to|and|through) ?(\d{4})")  # 2011 to 2013

# ---------------------------------------------------------------------------------------------
# Absolute expressions (normalise.py)

YEAR = re.compile(r"(?:(?:the )?(?:fiscal|calendar|financial|model|school|academic)(?: year)? |"
                  r"(?:the )?year )?([1-9]\d{3})(?: fiscal year| financial year| year)?")
YEAR_RANGE = re.compile(r"(?:the )?(?:fiscal |calendar )?(\d{4})(?:-| to |/)(\d{2}|\d{4})")  # fiscal 1990/91
TWO_DIGIT_YEAR = re.compile(r"(?:fiscal |the )?'(\d{2})")
DECADE = re.compile(r"(?:the )?(\d{3})0'?s")  # the 1990s
SHORT_DECADE = re.compile(r"(?:the )?'?(\d)0'?s")  # the '90s
CENTURY = re.compile(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century")
NUMERIC_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")  # 2013-06-17, and 2013-6-7 as written
NUMERIC_MONTH = re.compile(r"(\d{4})-(\d{2})")
US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
EUROPEAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# month names with a day and/or a year, a weekday in front or behind: "Monday, Oct. 26", "17th of June 2013"
MDY = re.compile(
    rf"(?:(?P<wd1>{WEEKDAY_RE}),? )?(?:the )?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m1>{MONTH_RE})"
    rf"|(?P<m2>{MONTH_RE}) (?:the )?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<m3>{MONTH_RE}))"
    rf"(?:(?:,| of|,? in)? (?P<y>\d{{4}}|'\d{{2}}|(?:this|last|next) year))?"
    rf"(?:,? (?P<wd2>{WEEKDAY_RE}))?"
)
MONTH_REL = re.compile(rf"(?P<rel>last|next|this|this past|this coming|past|coming|previous)"
                       rf" (?P<m>{MONTH_RE})(?: (?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?")
DAY_OF_MONTH = re.compile(r"the (\d{1,2})(?:st|nd|rd|th)")  # "the 17th"

# dateparser's input (the last resort): month names or digits, and digits only with a month, a year,
# a slash or a dash ("12", "three 5s" are not dates on their own)
LOOKS_CALENDAR = re.compile(rf"\b(?:{MONTH_RE})\b|\d")
DIGIT = re.compile(r"\d")
CALENDAR_DIGITS = re.compile(rf"\b(?:{MONTH_RE})\b|\d{{4}}|\d/\d|\d-\d")
FOUR_DIGITS = re.compile(r"\b(\d{4})\b")

# ---------------------------------------------------------------------------------------------
# Expressions relative to the publication date (relative.py)

PARTS_OF_DAY = r"(?: (?:morning|afternoon|evening|night|overnight|noon|midday|lunchtime|at dawn))?"
WEEKDAY = re.compile(rf"(?:(?P<rel>last|next|this|this past|this coming|past|coming|previous) )?"
                     rf"(?P<wd>{WEEKDAY_RE}){PARTS_OF_DAY}")
WEEKDAY_OF_WEEK = re.compile(rf"(?P<wd>{WEEKDAY_RE})(?: of)? (?P<rel>last|this|next) week")  # Tuesday next week
AGO = re.compile(rf"(?:about |some |nearly |almost |more than |over |roughly |around |just |"
                 rf"less than |exactly |only )?(?P<n>{NUMBER_RE}|a few|few|several|some|many) "
                 rf"(?P<u>{UNIT_RE}) (?:and a half |or so |or two |or more )?"
                 rf"(?P<dir>ago|earlier|before|later|after|from now|hence|from today|back|"
                 rf"before that|previously|prior|since)")
N_UNITS = re.compile(rf"(?P<n>{NUMBER_RE}) (?P<u>{UNIT_RE})")  # "(in) two weeks"
THIS_UNIT = re.compile(r"(?P<rel>this|last|next|the past|past|the previous|previous|the coming|"
                       r"coming|the next|the current|current|the same|that|the|the last|the latest|"
                       r"the most recent|most recent|latest|the following|following|this past|"
                       r"the prior|prior|the new|a|an|one|the year-ago|the year-earlier|"
                       r"year-ago|year-earlier|the comparable|the year-before|"
                       r"the corresponding|the final|the same \w+)"
                       r"(?P<fiscal> fiscal| calendar| financial)? "
                       r"(?P<u>day|week|weekend|month|year|quarter|period|season|decade|century|"
                       r"half|fortnight|semester|term)")
THIS_N_UNITS = re.compile(r"(?P<rel>this|last|next|the past|past|the coming|coming|the previous|"
                          r"previous|the next|the following|following|this past|the last|the same)"
                          r" (?P<n>" + NUMBER_RE + r"|few|several|couple of) "
                          r"(?P<u>days|weeks|months|years|decades|quarters)")  # "the past five days"
Q_N = re.compile(r"q([1-4])(?: (\d{4}))?")  # q3 2013
QUARTER = re.compile(
    r"(?:the )?(?:(?P<y1>\d{4})(?:'s)? )?(?:(?P<fy>fiscal|calendar) )?"
    r"(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th)[- ](?:(?:fiscal|calendar) )?"
    r"(?P<u>quarter|half|period)"
    r"(?: of (?:(?:the )?(?:fiscal |calendar )?(?:year )?(?P<y2>\d{4})|(?P<rel>this|last|next|the)"
    r"(?: fiscal)? year)| (?P<y3>\d{4}))?"
)
QUARTER_OF_YEAR = re.compile(r"(?P<rel>this|last|next)(?: year)?'s (?P<ord>first|second|third|fourth)"
                             r" (?P<u>quarter|half)")  # "next year's first quarter"
SEASON = re.compile(r"(?:(?P<rel>last|next|this|this past|this coming|past|coming|the|"
                    r"previous|the past|the coming) )?(?P<s>spring|summer|fall|autumn|winter)"
                    r"(?:(?: of)? (?P<y>\d{4}|this year|last year|next year))?")
YEAR_SEASON = re.compile(r"(?P<y>\d{4})(?:'s)? (?P<s>spring|summer|fall|autumn|winter)")  # 2012's summer
HOLIDAY = re.compile(r"(?:(?P<rel>last|next|this|this past|this coming|past|coming) )?(?P<h>" + HOLIDAY_RE +
                     r")(?: (?P<y>\d{4}))?")
THE_YEAR = re.compile(r"^(?:the )?(?:year )")  # in front of a spelled-out year

# Not points in time
DURATION = re.compile(rf"(?:the )?(?:past |last |next |coming |previous |first |final )?"
                      rf"(?:{NUMBER_RE}|few|several|couple of|many)?[- ]?(?:{UNIT_RE})(?: old| long)?")
DURATION_ADJ = re.compile(rf"(?:{NUMBER_RE})[- ](?:day|week|month|year|hour)[- ]?(?:old|long)")  # "two-year-old"
RECURRING = re.compile(r"(?:every|each|once a|twice a|per) (?:day|week|month|year|morning|night|"
                       r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)|daily|weekly|monthly|"
                       r"yearly|annually|annual|nightly|quarterly|biweekly|fortnightly")
RELATIVE_TO_OTHER = re.compile(r"(?:the )?(?:same|next|following|previous|preceding|prior|day before|"
                               r"day after|week before|week after|month before|year before|"
                               r"subsequent) ?(?:day|week|month|year|weekend|morning|night|evening)?")
UNITS_LATER = re.compile(rf"(?:{NUMBER_RE}|a few|several) (?:days|weeks|months|years) "
                         r"(?:later|earlier|before|after|afterwards|previously)")  # "two days later"

# ---------------------------------------------------------------------------------------------
# In the document (spans.py)

AGE = re.compile(r"\b(?:years?|months?)[- ]old\b|\baged?\b|\bage of\b", re.I)
DAY_WORDS = re.compile(rf"\b(?:{WEEKDAY_RE}|today|tonight|yesterday|tomorrow|last night|"
                       r"this (?:morning|afternoon|evening))\b", re.I)  # a TIME entity that names a day
MILITARY_TIME = re.compile(r"(?:at )?[0-2]\d[0-5]\d")
ZONE_AFTER = re.compile(r"\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|PST|PDT|MSK|local time|hrs\b|hours\b|h\b)")
# prepositions in front of a span that change its note or direction
CONTEXT_PREPS = {"since", "until", "till", "by", "before", "after", "from", "in"}
