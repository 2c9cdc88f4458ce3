"""The values a sentence holds of the kind asked: times, places, names, role holders, kinds; what an answer must keep."""

from __future__ import annotations

import re

from qa.asking import STATEMENT_ASKED, WHO, named_thing
from qa.citations import clause_cuts
from qa.counting import TALLY, not_a_count
from qa.evidence import YEAR
from qa.text import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    MONTH_WORDS,
    NUMBER,
    ORDINALS,
    ROLE,
    STOPWORDS,
    fold,
    names,
    numbers,
    tokens,
)
from qa.vocabulary import KNOWN_ACRONYMS, ROLE_FORMS, concepts, definitions, name_concepts, role_tokens

# "one of the globe's biggest" counts nothing.
# "one" that ends its phrase stands for a thing, it counts none: "an entirely new one."
NUMBER_WORDS = r"\b(one(?!\s+(?:of|another)\b|\s*[.,;:!?)—]|\s*$)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand)\b"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# A time the reader dates by the article: "earlier this year", "last month", "on Wednesday".
RELATIVE_TIME = re.compile(r"\b(?:(?:earlier|later|early|late) (?:this|last|next) (?:year|month|week)|(?:earlier|later) this (?:year|month|week)|"
                           r"(?:this|last|next) (?:year|month|week)|yesterday|"
                           rf"on (?:{WEEKDAYS}))\b")
PAST = re.compile(r"earlier|early|last|yesterday|on ", re.I)
FUTURE = re.compile(r"\b(will|going to|expected to|due to|set to|plans? to)\b", re.I)
FROM_TO = re.compile(r"\bfrom\s+(?P<start>[$€£¥]?\d[\d.,]*\s?%?)(?:\s+[\w-]+){0,2}?\s+to\s+(?P<end>[$€£¥]?\d[\d.,]*\s?%?)", re.I)
NOW = re.compile(r"\b(?:now|today|currently|current|at present|presently|so far)\b", re.I)
GOAL = re.compile(r"\b(?:target|goal|aim|would|reach|rise to|grow to|increase to)\b", re.I)
# A value set for a later year: "150 GWh annually by 2030", "to 80% by 2030".
TARGETED = re.compile(r"(?<![\w.])(?P<value>[$€£¥]?\d[\d.,]*\s?%?)(?:\s+[\w-]+){0,2}?\s+by\s+(?:the\s+year\s+)?(?:19|20)\d\d\b", re.I)
STEM_LETTERS = 4  # words alike in their first letters are one word here: "opened", "opens", "open"
DESCRIBES = re.compile(r"(?:which|who|whose|where)\b", re.I)  # a clause that describes what the one before names
# A clause that opens on its verb goes on from the sentence's subject, past what stood between.
CONTINUES = re.compile(r"(?:is|are|was|were|will|would|has|have|had|can|could|should|must|may|might)\s", re.I)
SHORT_CLAUSE = 4  # a clause of fewer words ("In 2019,") belongs to the clauses beside it
TIME_REACH = 4  # words either side of a relative time that tie it to what it dates
MONTH_NAMES = "|".join(sorted(month.capitalize() for month in MONTH_WORDS))  # "April|August|...": no month begins another
MONTH = re.compile(rf"\b({MONTH_NAMES})\b")
# A month or a part of a year, with the year: "June 2024", "the first half of 2023", "Q3 2024".
PART_OF_YEAR = re.compile(rf"\b(?:{MONTH_NAMES}|"
                          r"(?:first|second|third|fourth|1st|2nd|3rd|4th) (?:half|quarter)|Q[1-4]|H[12])(?: of)?,? (?:19|20)\d\d\b")
# A question may ask of a part of a year in looser words: "in mid-2024", "early 2025", "the middle of 2024".
ROUGH_PART_OF_YEAR = re.compile(r"\b(?:mid|early|late|middle of|start of|end of|beginning of)[\s-]+(?:19|20)\d\d\b", re.I)
MONTH_OF_YEAR = re.compile(MONTH.pattern + r",? (?:19|20)\d\d\b")  # "July 2024", "July, 2024"
PERIODS = r"year|month|week|day|hour"
PER_PERIOD = r"\b(?:annual(?:ly)?|yearly|monthly|weekly|daily|hourly)\b"
# An amount per period: "150 GWh annually", "120,000-cubic-metre-a-day", "€12 million a year".
RATE = re.compile(rf"(?:\b|-)(?:a|an|per|each|every)[\s-]+(?:{PERIODS}|annum)\b|{PER_PERIOD}|/\s?(?:{PERIODS})\b", re.I)
# Asked per period, but not "a year ago", "in a year", "within a month" (when, not how often).
RATE_ASKED = re.compile(
    rf"(?<!\bin )(?<!\bwithin )(?<!\bfor )\b(?:a|an|per|each|every)\s+(?:{PERIODS})\b(?!\s+(?:ago|earlier|later|before|after|from|on)\b)|{PER_PERIOD}",
    re.I,
)
TOTAL_ASKED = re.compile(r"\b(?:total|overall|in all|altogether)\b", re.I)
# Asked per unit of something other than time: "What price per megawatt-hour ...?", "... per cubic metre".
UNIT_RATE_ASKED = re.compile(rf"\bper\s+(?!(?:{PERIODS}|annum|cent)s?\b)(?P<unit>[a-z][\w-]*)", re.I)
RATE_AFTER = re.compile(rf"\s?(?:(?:million|billion|trillion|bn|m)\b\s*)?(?:{RATE.pattern})", re.I)  # "£6.5 million a year"
EXACT_WHEN = re.compile(r"\b(what|which) (month|day|date)\b|\bon what date\b|\bexact date\b", re.I)
# "due to open in 2027", "due to be finished": "due to" before a verb says when, not why.
SCHEDULED = (r"(?:be|start|open|begin|take|decide|come|arrive|close|finish|complete|end|launch|go|enter|run|"
             r"resume|reopen|expire|receive|hold|meet|vote|report|sign|deliver|return|retire|leave|step|publish|"
             r"announce|get|reach|hire|build|submit|make|appear|sail|conclude|award)\b")
TYPE_PATTERNS = {
    "count": re.compile(r"\d|" + NUMBER_WORDS, re.I),
    "money": re.compile(rf"{CURRENCY_BEFORE}\s?\d|\d\s*(billion|million|trillion)?\s*{CURRENCY_AFTER}\b|\b\d[\d.,]*\s*(billion|million|trillion)\b", re.I),
    "percent": re.compile(r"\d\s?%|\bpercent\b|\bper cent\b", re.I),
    "reason": re.compile(r"(?:\b|(?=,))(because|due to(?!\s+" + SCHEDULED + r")|amid|owing to|as a result|result of|driven by|"
                         r"in response to|prompted|led to|(?:discouraged|deterred|held back|hampered) by|,\s*(?:thus\s+)?leading (?:[\w’'-]+ ){0,3}?to|"
                         r"resulting in|thanks to|caused|given|factors?|in order to|blam(?:e|es|ed|ing)|reflect(?:s|ed|ing)?|"
                         r"to (avoid|reduce|cut|lower|prevent|ensure))\b", re.I),
    # A yes/no question is answered by a sentence that takes a stance: a negation, a doubt, a verdict.
    "judgement": re.compile(r"\b(not|no longer|never|doubts?|into question|questionable|unlikely|uncertain\w*|"
                            r"feasib\w*|jeopard\w*|at risk|little (?:indication|sign|chance|hope|evidence)|falter\w*|struggl\w*|fail\w*|too (limited|small|slow)|"
                            r"insufficient|short of|on track|off track|behind|confirm\w*|verif\w*|den(y|ied))\b", re.I),
    # Month names are matched with their capital: "may" is far more often a verb.
    "time": re.compile(r"\b(19|20)\d\d\b|\b(January|February|March|April|May|June|July|August|September|October|"
                       r"November|December)\b|" + RELATIVE_TIME.pattern),
}
# The words by which a text gives what someone said: "told Argus", "has not made any public comments".
SPEECH = re.compile(
    r"\b(?:say|says|said|saying|tells?|told|claim(?:s|ed)?|states|stated|comments?|commented|remark(?:s|ed)?|"
    r"mention(?:s|ed)?|reports|reported|according to|announc(?:e|es|ed|ement)|confirm(?:s|ed)?|"
    r"den(?:y|ies|ied)|declined|warn(?:s|ed)?|argu(?:e|es|ed)|explain(?:s|ed)?|acknowledg(?:e|es|ed)|"
    r"admit(?:s|ted)?|shows?|showed|reveal(?:s|ed)?|insist(?:s|ed)?|statement)\b",
    re.I,
)
SPEAKER_AFTER = 4  # words after "according to" or "reports" that may name who speaks
# "The route will have 11 stops rather than 12", "280 jobs, down from the 350": the figure a quote says
# was replaced; "How many stops did it first have?" asks for it.
REPLACED = re.compile(r"\b(?:rather than|instead of|down from|up from|in place of)\s+(?:the\s+|an?\s+)?"
                      r"(?:(?:about|around|some|roughly|nearly|almost)\s+)?[$£€¥]?(\d[\d,.]*\d|\d)", re.I)
ASKS_BEFORE = re.compile(r"\b(?:originally|original|initially|at first|first|before|previous|previously|earlier|old|former|used to|from)\b", re.I)
VALUE_TYPES = ("count", "money", "percent", "time")  # answered by a number or a date
VARIETY_WORDS = 4  # words before a thing that may say its kind: "lithium iron phosphate (LFP) batteries"
# What kind of company a name is, as news describes one: "Taiwanese technology leader Foxconn",
# "Foxconn, a Taiwanese electronics maker", "Foxconn is one of the biggest electronics companies".
KIND_NOUNS = (r"(?:company|companies|firm|maker|manufacturer|producer|supplier|giant|leader|group|conglomerate|business|"
              r"corporation|start-?up|automaker|carmaker|brand)")
# A rank as news gives one: "sixth place", "the top position", "ranked third", "Third and fourth, respectively".
RANK = re.compile(r"\b(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|\d+(?:st|nd|rd|th))\s+"
                  r"(?:place|position|spot)|ranked\s+\w+|"
                  r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?!\s+(?:consecutive|straight|year|time|half|quarter)\b))\b", re.I)
ORDINAL_WORDS = re.compile(r"\b(" + "|".join(ORDINALS) + r")\b", re.I)
# "on Kyushu Island", "on the Gulf Coast": "on" before a name says where only for such land.
NOT_A_PLACE = rf"(?:{MONTH_NAMES}|{WEEKDAYS})\b"  # "in March 2026", "on Monday"
PLACE = re.compile(r"\b(?:(?:in|at|near|from|outside)\s+(?:the\s+)?|"
                   r"on\s+(?:the\s+)?(?=(?:[A-Z][\w-]+\s+){1,2}(?:Island|Islands|Peninsula|Coast|Bay)\b))"
                   rf"(?!{NOT_A_PLACE})((?:[A-Z][\w-]+[\s,]*){{1,3}})")
# "redirecting their focus abroad—particularly to the United States" says where to; a question
# asking where something comes from is not answered by it.
DESTINATION = re.compile(rf"\bto\s+(?:the\s+)?(?!{NOT_A_PLACE})((?:[A-Z][\w-]+[\s,]*){{1,3}})")
NEGATION = r"not(?!\s+only\b)|never|no longer|rather than|instead of"  # words that deny what follows them
DENIAL = re.compile(rf"\b(?:{NEGATION})\s*$", re.I)  # "not in Japan": right before a place
ASKS_COUNTRY = re.compile(r"\b(?:what|which)\s+(?:country|nation)\b", re.I)
# Where a company is from, said by its people's word: "Taiwanese technology leader Foxconn".
MAKER_ORIGIN = re.compile(
    r"\b((?:(?:South|North)\s+)?[A-Z][a-z]+(?:ese|ean|ian|an|ish|i))\s+(?:[\w-]+\s+){0,2}?" + KIND_NOUNS
)
ASKS_ORIGIN = re.compile(r"^\W*where\s+(?:is|are|was|were)\s+[^?]+?\s+from\W*$", re.I)  # "Where is Foxconn from?"
ASKS_SOURCE = re.compile(r"\bfrom\W*$|\bfrom where\b|\bwhere\b.*\bfrom\b", re.I)
# "Where is the plant Toyota buys from?": "from" ends a clause about the plant, whose place is asked.
SOURCED_FROM = re.compile(
    r"^\W*where\s+(?:is|are|was|were)\s+[^?]*\s(?:buys?|bought|gets?|got|sources?|sourced|imports?|imported|"
    r"procures?|procured|purchases?|purchased|orders?|ordered|receives?|received|obtains?|obtained)\s+from\W*$",
    re.I,
)
# The words that ask when: on the way to the article a question is about, they only add noise.
ASKS_WHEN = re.compile(r"\b(what|which) (day|date|month|year)( of the week)?\b|\bwhen\b|\bon what day\b", re.I)
NAME_REACH = 3  # words either side
WORD = re.compile(r"[\w’'.&-]+")  # a word as a name's neighbourhood counts it: "Co.", "AT&T", "Hon-Hai"
HOLDER = re.compile(r",?\s+((?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*)")  # "CEO Ivan Espinosa", "CEO, Ivan Espinosa"
# "said Marta Quillan, Oskar's chief executive": the holder named first, the role after a comma.
HOLDER_BEFORE = re.compile(r"\b((?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*),\s+(?:the\s+)?(?:[A-Z][\w’'.&-]*\s+){0,2}?(?:[A-Z][\w&-]*[’']s\s+)?$")
# Whose role it is: "chief executive of the Vellamar Port Authority", "Oskar's CEO", "Nissan CEO".
ROLE_OWNER_AFTER = re.compile(r"\s+(?:of|at)\s+(?:the\s+)?([A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,3})")
ROLE_OWNER_BEFORE = re.compile(r"([A-Z][\w&-]*(?:[’']s)?)\s+$")
# "Dr Imelda Corrigan-Voss, who will be the group's first chief executive": the holder named before
# a relative clause that gives the role.
RELATIVE_HOLDER = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*),\s+who\s+(?:is|was|will be|would be|has been|had been|is to be|became|becomes)\s+"
                             r"(?:[\w’'-]+\s+){0,4}$")
SPELLED_ROLE = re.compile(r"\b(?:" + "|".join(ROLE_FORMS) + r")\b", re.I)
# "electric vehicle (EV)": the abbreviation in brackets is found first, then up to six words before
# it; a pattern that tried every word of the corpus as the start of a long form took 10 s at 86k sentences.
DEMONYM_END = re.compile(r"(?:ese|ean|ian|an|ish|i)$")


def role_holder(text: str, question: str) -> str | None:
    """The person `text` names in the role a who-question asks about: "Nissan's CEO Ivan Espinosa"
    gives "Ivan Espinosa" for "Who is Nissan's CEO?"; None when no name follows the role."""
    named = named_thing(question) if WHO.match(question) else None
    if named is None:
        return None
    asked = set(tokens(question))
    text = _abbreviated_roles(text)
    for word in re.finditer(r"[\w’'-]+", text):
        if named not in concepts(word.group(0)):
            continue
        if _someone_elses_role(text, word, question):
            continue
        after = HOLDER.match(text, word.end())
        before = HOLDER_BEFORE.search(text, 0, word.start()) or RELATIVE_HOLDER.search(text, 0, word.start())
        for holder in (after, before):
            if holder and names(holder.group(1)) == holder.group(1).split() and not set(tokens(holder.group(1))) & asked:
                return holder.group(1)
    return None


def _someone_elses_role(text: str, role: re.Match[str], question: str) -> bool:
    """The text says whose role it is, and the who-question asks about someone else's: "said
    Henrika Solberg-Ames, chief executive of the Vellamar Port Authority" names no chief executive
    of Bracken Quay Terminals. A role whose owner is unsaid ("the company's CEO") may be anyone's."""
    if not (WHO.match(question) and ROLE.search(question)):
        return False  # "the name of the plant at Oppama" is not a role with an owner

    def owner_words(text: str) -> set[str]:
        return {word for word in tokens(" ".join(names(text))) if set(concepts(word)).isdisjoint(concepts(role.group(0)))}

    asked = owner_words(_abbreviated_roles(question))
    after, before = ROLE_OWNER_AFTER.match(text, role.end()), ROLE_OWNER_BEFORE.search(text, 0, role.start())
    owner = owner_words(after.group(1) if after else before.group(1) if before else "")
    return bool(asked and owner) and not owner & asked


def _abbreviated_roles(text: str) -> str:
    """"Oskar's chief executive" as "Oskar's CEO": the form a role asked about is compared by."""
    return SPELLED_ROLE.sub(lambda m: role_tokens(m.group(0))[0].upper(), text)


def has_new_value(
    text: str,
    wanted: str,
    asked_numbers: set[str],
    asked_names: set[str],
    named: str | None = None,
    *,
    question: str = "",
) -> bool:
    """The sentence holds a value of the wanted kind that the question did not already state.

    A tally ("How many cars were sold?") is a number of things: a share or a sum of money is none,
    nor a number of other things ("how many factories": not "3,900 employees"). "Earlier this
    year" answers when, not what month or day.

    When the question asks for the name of a thing, the new name must stand next to that thing:
    "Nissan's CEO Ivan Espinosa" names the CEO; "a new electric vehicle model" names no model.
    """
    if wanted == "entity" and named:
        text = _abbreviated_roles(text)
        words = list(WORD.finditer(text))
        at = [
            i for i, word in enumerate(words)
            if named in concepts(word.group(0)) and not _someone_elses_role(text, word, question)
        ]
        near = _around(words, at)
        relative = (RELATIVE_HOLDER.search(text, 0, words[i].start()) for i in at)
        near = " ".join([near, *(holder.group(1) for holder in relative if holder)])
        return bool(_new_names(near, asked_names | {named}))  # the role itself is no holder: "Oskar's CEO said"
    if wanted == "entity":
        return bool(_new_names(text, asked_names))
    if wanted == "role":  # "What job does she have now?": "has been appointed president of Nordvang Dairy"
        return bool(ROLE.search(text))
    if wanted == "statement":  # the asked speaker stands in a sentence that reports speech
        return _speech_of(text, question) is not None
    if wanted == "kind":
        return company_kind(text, question) is not None
    if wanted == "variety":
        return thing_kind(text, question) is not None
    if wanted == "rank":
        return bool(RANK.search(text))
    if wanted == "place":  # "In which US state ...?" is not answered by "in the United States"
        spelled_out = [KNOWN_ACRONYMS[name] for name in asked_names & KNOWN_ACRONYMS.keys()]
        known = asked_names | set(tokens(" ".join(spelled_out)))
        return any(not set(tokens(found)) <= known for found in places(text, question))
    tally = wanted == "count" and bool(TALLY.search(question))
    if tally and ORDINAL_WORDS.search(text):
        return True  # "for the eighth consecutive year" answers "for how many years"
    if not TYPE_PATTERNS[wanted].search(text):
        return False
    if wanted == "time" and not TYPE_PATTERNS["time"].search(RELATIVE_TIME.sub(" ", text)):
        return relative_time(text, question) is not None  # only "earlier this year" and the like
    if wanted == "time" and EXACT_WHEN.search(question):
        return bool(MONTH.search(text))  # "In which month ...?" is not answered by "2028"
    if wanted == "time" and question and not _dates_asked(text, question):
        return False  # "..., ending a search for a partner that began in January" does not date the plant's first water
    if wanted in ("count", "money", "percent"):
        if wanted != "percent" and _total_for_rate(text, question):
            return False  # "How much will it cost to run each year?" is not answered by what it costs to build
        if part_of_year_only(text, question, wanted):
            return False  # "sold in the whole of 2024" is not answered by June 2024's figure
        ends = other_ends(text, question)  # "How much does Japan produce now?" is not answered by a goal
        # "What is the total cost?" is not answered by what it costs "a year".
        total = bool(TOTAL_ASKED.search(question)) and not RATE_ASKED.search(question)
        values = [
            m for m in NUMBER.finditer(text)
            if not (wanted == "count" and not_a_count(text, m, question)) and not any(start <= m.start() < end for start, end in ends)
            and not (total and RATE_AFTER.match(text, m.end()))
        ]
        found = numbers(" ".join(m.group(0) for m in values))
        if wanted == "count":  # "How many ..." is not answered by a year
            found = {n for n in found if not YEAR.fullmatch(n)}
        spelled = [m for m in re.finditer(NUMBER_WORDS, text, re.I) if not not_a_count(text, m, question)]
        return bool(found - asked_numbers) or (wanted == "count" and bool(spelled))
    return True


def asks_end(question: str) -> str | None:
    """Which end of a change the question asks for: "start" for what a value is now, "end" for what
    it will be; None for both or neither."""
    now, later = bool(NOW.search(question)), bool(FUTURE.search(question) or GOAL.search(question))
    return "start" if now and not later else "end" if later and not now else None


def other_ends(quote: str, question: str) -> list[tuple[int, int]]:
    """Where the quote gives values the question does not ask for: the other end of a change ("from
    80 GWh to 120 GWh"), and, where it asks what a value is now, a target for a later year ("to
    150 GWh annually by 2030")."""
    asked = asks_end(question)
    if asked is None:
        return []
    other = "end" if asked == "start" else "start"
    spans = [change.span(other) for change in FROM_TO.finditer(quote)]
    if asked == "start":
        spans += [target.span("value") for target in TARGETED.finditer(quote)]
    return spans


def _total_for_rate(text: str, question: str) -> bool:
    """The question asks for an amount per period ("How much will it cost to run each year?") and
    the text gives none per period: "It will cost €480 million" is what it costs to build. Nor is a
    price per unit ("per megawatt-hour") given by a sum that is not per anything ("$520 million")."""
    unit = UNIT_RATE_ASKED.search(question)
    # "SKr 112 in cash for each Hallvik share" gives a price per share as "SKr 121 a share" does.
    if unit and not re.search(rf"\b(?:per|a|an|each)\s+(?:[\w-]+\s+)?{re.escape(unit['unit'][:STEM_LETTERS])}|\d\s?/\s?[a-z]", text, re.I):
        return True
    return bool(RATE_ASKED.search(question)) and not RATE.search(text)


def part_of_year_only(text: str, question: str, wanted: str | None) -> bool:
    """The text gives the whole year a tally or a share is asked for only as a part of it: "CATL's
    share in 2024" is not answered by its share "as of July 2024"."""
    if wanted == "count":
        return _part_of_year_only(text, question)
    return wanted == "percent" and _part_of_year_only(text, question, parts=MONTH_OF_YEAR)


def _part_of_year_only(text: str, question: str, *, parts: re.Pattern[str] = PART_OF_YEAR) -> bool:
    """The question asks about a whole year and the text gives that year only as a month or a
    part of it ("in June 2024", "the first half of 2023"). A share is asked with `parts` the months
    only: one that went "from the first half of 2023 to the second" does say how it moved in 2023."""
    years = {y for y in numbers(question) if YEAR.fullmatch(y)}
    if not years or re.search(MONTH.pattern, question, re.I) or re.search(PART_OF_YEAR.pattern, question, re.I) or ROUGH_PART_OF_YEAR.search(question):
        return False
    whole = numbers(parts.sub(" ", text))
    return any(year in numbers(text) and year not in whole for year in years)


def _dates_asked(text: str, question: str) -> bool:
    """A time in the text stands in a clause that shares a word of what the question asks happened
    (by its first letters: "opened" is "open"). A clause of a few words ("In 2019,") is read with
    its neighbours, one that describes a name with the clause that names it, and one that opens on
    its verb with the sentence's subject."""
    asked = set(concepts(ASKS_WHEN.sub(" ", question)))
    # What happened, not to whom: "Construction at Tessmoor is to begin in May 2026" does not say
    # when Tessmoor will be fully running.
    asked = {word[:STEM_LETTERS] for word in (asked - name_concepts(question) or asked)}
    if not asked:
        return True
    cuts = clause_cuts(text)
    for match in TYPE_PATTERNS["time"].finditer(text):
        i = max(n for n in range(len(cuts) - 1) if cuts[n] <= match.start())
        start, end = cuts[i], cuts[i + 1]
        if len(text[start:end].split()) < SHORT_CLAUSE:
            start, end = cuts[max(i - 1, 0)], cuts[min(i + 2, len(cuts) - 1)]
        elif i and DESCRIBES.match(text, start):  # "Tarrick Arena, which opened in 2019": the arena's opening
            start = cuts[i - 1]
        if i and CONTINUES.match(text, cuts[i]):  # "The plant, backed by ..., is expected to open in 2027"
            start = cuts[0]
        if asked & {word[:STEM_LETTERS] for word in concepts(text[start:end])}:
            return True
    return False


def relative_time(text: str, question: str) -> re.Match[str] | None:
    """The time relative to the article's date ("earlier this year") that answers a when-question.

    It must stand beside a word of the question: in "a plan revealed earlier this year, the plant
    faced shutdown", it dates the plan, not the plant's closure. A past time does not answer what
    "will" happen, and none answers which month or day.
    """
    if EXACT_WHEN.search(question):
        return None
    asked = set(concepts(ASKS_WHEN.sub(" ", question)))
    # Who did it is no event: "a plan revealed earlier this year by Nissan's CEO" does not date
    # Nissan's opening of a plant; a place before the time ("in Fukuoka Prefecture earlier") may.
    events = asked - name_concepts(question)
    for match in RELATIVE_TIME.finditer(text):
        if FUTURE.search(question) and PAST.match(match.group(0)):
            continue
        before, after = text[: match.start()].split()[-TIME_REACH:], text[match.end() :].split()[:TIME_REACH]
        if asked & set(concepts(" ".join(before))) or events & set(concepts(" ".join(after))):
            return match
    return None


def _around(words: list[re.Match[str]], at: list[int]) -> str:
    """The words within NAME_REACH of each of the words at `at`, as text."""
    return " ".join(" ".join(w.group(0) for w in words[max(0, i - NAME_REACH) : i + NAME_REACH + 1]) for i in at)


def new_name_beside(text: str, stem: str, asked_names: set[str]) -> bool:
    """A name the question did not give stands within NAME_REACH words of a word starting with `stem`:
    "Thrandle Construction", "the dredging firm Ostrander"."""
    words = list(WORD.finditer(text))
    return bool(_new_names(_around(words, [i for i, word in enumerate(words) if fold(word.group(0)).startswith(stem)]), asked_names))


def _new_names(text: str, asked_names: set[str]) -> list[str]:
    """Names in `text` that the question did not give, nor gave in another form.

    "Japanese" is Japan's adjective; "EV" in "electric vehicle (EV)" abbreviates a common noun, and
    "JAIA" in "Japan Automobile Importers Association (JAIA)" a name the question gave in full.
    """
    defined = {short: long for short, long, _ in definitions(text)}
    found = []
    for name in names(text):
        said = set(tokens(name))
        if said <= asked_names or any(_demonym(token, asked) for token in said for asked in asked_names):
            continue
        long_form = defined.get(name)
        if long_form and (not long_form[-1][:1].isupper() or set(tokens(" ".join(long_form))) <= asked_names):
            continue
        found.append(name)
    return found


def _speech_of(text: str, question: str) -> re.Match[str] | None:
    """The word by which the text reports what the question's speaker said: the speaker stands before
    it, or just after it ("reports News.Az", "according to SNE Research"); "Nikkei reports that ...
    Nissan" is Nikkei's. None when the question asks no statement or the text gives none of its speaker's."""
    asked = STATEMENT_ASKED.match(fold(question))
    speaker = set(tokens(asked.group("speaker"))) - STOPWORDS if asked else set()
    for speech in SPEECH.finditer(text):
        before = {*concepts(text[: speech.start()]), *tokens(text[: speech.start()])}
        after = set(tokens(" ".join(text[speech.end() :].split()[:SPEAKER_AFTER])))
        if not speaker.isdisjoint(before | after):
            return speech
    return None


def _demonym(word: str, name: str) -> bool:
    """"japanese" of "japan", "chinese" of "china", "korean" of "korea"."""
    return len(name) >= 4 and word != name and word.startswith(name[:-1]) and bool(DEMONYM_END.search(word))


def company_kind(text: str, question: str) -> str | None:
    """What kind of company the text says a name the question asks about is: "Taiwanese technology
    leader" (from "... with Taiwanese technology leader Foxconn"), "a Taiwanese electronics maker"
    (from "Foxconn, a Taiwanese electronics maker,"); None when it says no such thing."""
    asked = {fold(word) for word in re.findall(r"[\w&.-]+", question)} - STOPWORDS
    for name in sorted(asked, key=len, reverse=True):
        if len(name) < 3:
            continue
        said = re.escape(name)
        before = re.search(rf"\b{KIND_NOUNS}\s+{said}\b", text, re.I)
        if before:
            words = text[: before.start()].split()[-3:]
            kept: list[str] = []
            for word in reversed(words):
                if fold(word) in STOPWORDS or not re.fullmatch(r"[\w-]+", word):
                    break
                kept.insert(0, word)
            if kept:
                return " ".join([*kept, before.group(0).split()[0]])
        after = re.search(rf"\b{said}(?:['’]s)?,?\s+(?:is\s+|was\s+)?((?:a|an|one of)\s+[^,.;]{{0,60}}?\b{KIND_NOUNS}s?)\b", text, re.I)
        if after:
            return after.group(1)
    return None


def thing_kind(text: str, question: str) -> str | None:
    """The words the text puts before the thing whose kind the question asks ("What type of
    batteries ...?"): "lithium iron phosphate (LFP)" from "... to produce lithium iron phosphate
    (LFP) batteries"; None when the text says fewer than two words the question does not already say."""
    asked = re.search(r"\b(?:kind|sort|type)s? of ((?:[a-z-]+\s*){1,3})", question, re.I)
    if asked is None:
        return None
    words, known = asked.group(1).split(), set(tokens(question))
    found = list(re.finditer(r"[\w-]+", text))
    said = [tokens(match.group(0)) for match in found]
    # The thing may be said in two words: "What kind of power station ...?" is "coal-fired power station".
    for size in range(len(words), 0, -1):
        thing = [tokens(word) for word in words[:size]]
        if not all(thing):
            continue
        for at in range(len(found) - size + 1):
            if said[at : at + size] != thing:
                continue
            after = re.match(r"\s+([\w-]+)", text[found[at + size - 1].end() :])
            if size == 1 and after and tokens(after.group(1)):
                continue  # "battery" in "battery plant" is not the thing, only says which plant
            kept: list[str] = []
            for word in reversed(text[: found[at].start()].split()[-VARIETY_WORDS:]):
                if fold(word) in STOPWORDS or not re.fullmatch(r"[\w-]+|\([A-Z][\w-]*\)", word):
                    break
                kept.insert(0, word)
            if len(set(tokens(" ".join(kept))) - known) >= 2:  # not "EV batteries": what most batteries here are
                return " ".join(kept)
    return None


def places(text: str, question: str) -> list[str]:
    """The places `text` names ("in Lansing, Michigan"), and where things go ("to the United States")
    unless the question asks where something comes from."""
    # "anchored in the United States, not in Japan": a place denied is no answer.
    located = [m for m in PLACE.finditer(text) if not DENIAL.search(text[: m.start()])]
    # "Where is the plant Toyota buys from?" asks where the plant is: its "from" asks no origin or source.
    sourced = bool(SOURCED_FROM.match(question))
    # "What country is LG from?", "Where is Foxconn from?": "South Korean companies LG ...".
    country = not sourced and bool(ASKS_COUNTRY.search(question) or ASKS_ORIGIN.match(question))
    source = not sourced and bool(ASKS_SOURCE.search(question))
    origins = [m.group(1) for m in MAKER_ORIGIN.finditer(text)] if country else []
    if country and source:
        # Where a company is from, not where it works: "Permitting Foxconn to produce ... at Oppama".
        return [m.group(1) for m in located if m.group(0).lower().startswith("from")] + origins
    found = [m.group(1) for m in located] + origins
    return found if source else found + [m.group(1) for m in DESTINATION.finditer(text)]


def answer_tokens(text: str, wanted: str | None, question: str) -> set[str]:
    """Tokens of the values in `text` that could answer the question (new numbers or names, or a cause)."""
    asked = set(tokens(question))
    if wanted == "reason":  # "Why was it put on hold?": the cause is whatever the question does not say
        found = set(tokens(text))
    elif wanted == "role":
        found = {t for m in ROLE.finditer(text) for t in tokens(m.group(0))}
    elif wanted == "statement":  # "Nikkei reports that ...": what was said follows the word that reports it
        speech = _speech_of(text, question)
        found = set(tokens(text[speech.end() :])) if speech else set()
    elif wanted == "entity":
        found = {t for name in names(text) for t in tokens(name)}
    elif wanted == "place":
        found = {t for place in places(text, question) for t in tokens(place)}
    elif wanted in VALUE_TYPES:
        found = numbers(text) | (set(tokens(" ".join(re.findall(NUMBER_WORDS, text, re.I)))) if wanted == "count" else set())
        if wanted == "time":  # "entered service in August" gives a time without a digit
            found |= {token for month in MONTH.findall(text) for token in tokens(month)}
    else:
        found = set()
    return found - asked
