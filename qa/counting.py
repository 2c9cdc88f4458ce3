"""What a number in a sentence counts or measures: people, things, money, shares, durations."""

from __future__ import annotations

import re

from qa.asking import AMOUNT_NOUN, CHANGE_VERBS, HOW_LONG, WHAT_IS
from qa.text import CURRENCY_AFTER, MONEY_BEFORE, edit_distance_at_most, fold, tokens
from qa.vocabulary import concepts

PARTITIVE_REACH = 10  # words of the clause a count "N of ..." may be of
TALLY = re.compile(rf"\bhow many\b|\bnumber of\b|{HOW_LONG}", re.I)
# What is counted: the asked word, then up to three more before a verb or a preposition.
COUNTED_TAIL = (r"(?:\s+(?!(?:is|are|was|were|do|does|did|will|would|has|have|had|can|could|"
                r"a|an|the|per|in|at|of|for|from|to|on|by|with)\b)[\w-]+){0,3}")
# "how many EV battery plants does ...".
HOW_MANY = re.compile(r"\bhow many\s+([\w-]+)" + COUNTED_TAIL, re.I)
# "how much battery capacity did METI aim for": an amount of something named, not of money.
HOW_MUCH_OF = re.compile(r"\bhow much\s+(?!(?:is|are|was|were|do|does|did|will|would|has|have|had|can|could|should|"
                         r"money|more|less|of|in|to|the|a|an|its|their|it|they)\b)([a-z][\w-]+)" + COUNTED_TAIL, re.I)
# What a count may be of whatever "how many X" asks.
ENERGY_UNITS = frozenset("gwh mwh kwh gw mw".split())  # never a number of people: "about 38 MW at peak"
ANY_THING = frozenset("time times one ones thing things unit units".split()) | ENERGY_UNITS
# "How many people" may count employees or residents, not factories: what people are called.
PEOPLE = frozenset("people person persons staff workforce men women children jobs".split())
PERSON_NOUN = re.compile(r"(?:ees|ers|ors|ists|ians|(?<!m)ents)$")  # not "plants", "shipments"
# What a count is of, told by the verb before it: cut, added, or held.
COUNT_CUES = {
    "cut": re.compile(r"\b(clos(e|es|ed|ing|ure)|cut(s|ting)?|shut\w*|eliminat\w*|reduc\w*|slash\w*|lay(ing)? off|"
                      r"laid off|los(e|es|ing|t)|scrap\w*|shed(s|ding)?|axe[sd]?|axing)\b", re.I),
    "added": re.compile(r"\b(hir(e|es|ed|ing)|creat\w*|add(s|ed|ing)?|recruit\w*)\b", re.I),
    "held": re.compile(r"\b(ha[sd]|have|having|employ(s|ed|ing)?|operat(e|es|ing)|run(s|ning)?|of (its|their|the)|"
                       r"out of|total(s|ling|ing)?|with)\b", re.I),
}
COUNT_CUE_REACH = 4  # words before a number
# Which side of a vote a count is of: "the 14 councillors who opposed the cancellation" voted against.
AGAINST = r"against|opposed|opposing|rejected|voted no"
FOR = r"voted for|in favou?r(?: of)?|supported|supporting|backed|backing|voted yes"
VOTE_ASKED = re.compile(rf"\bvot(?:e|es|ed|ing)\s+(?P<side>against|for)\b|\b(?P<stance>{AGAINST}|{FOR})\b", re.I)
SIDE_AFTER = re.compile(rf"(?:\s+[\w-]+){{0,3}}?\s+(?:who\s+|that\s+)?(?:{AGAINST}|(?P<for>{FOR}))\b", re.I)
# A count of who lives in a place: "whose town of 14,000", "14,000 residents", "a population of 14,000".
RESIDENTS_ASKED = re.compile(r"\b(?:li(?:ve|ves|ved|ving)|population|residents|inhabitants)\b", re.I)
RESIDENTS_BEFORE = re.compile(r"\b(?:town|city|village|borough|county|community|island|country|region|district|"
                              r"municipality|population)\s+of\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+|more than\s+)?$", re.I)
RESIDENTS_AFTER = re.compile(r"(?:\s+(?:thousand|million))?\s+(?:residents|inhabitants|people\s+(?:who\s+)?li(?:ve|ved|ving))\b", re.I)
SCALE = re.compile(r"\s+(?:thousand|million|billion|trillion)\b", re.I)
MONEY_AFTER = re.compile(rf"\s*(?:(?:b|m|tr)illion\s+)?{CURRENCY_AFTER}\b", re.I)
DURATIONS = r"years?|months?|weeks?|days?|decades?"
DURATION_AFTER = re.compile(rf"(?:\s*(?:-|–|to|or)\s*[\w.,]+)?\s+(?:{DURATIONS})\b", re.I)  # "two to three years"
DURATION_ASKED = re.compile(rf"\bhow long\b|\b(?:{DURATIONS})\b", re.I)
# "a 120,000-cubic-metre-a-day plant", "a 450-megawatt plant": a measure joined to its number, of what
# the thing after it makes or holds.
JOINED_MEASURE = re.compile(
    r"-(?:cubic-|square-)?(?:met(?:re|er)|lit(?:re|er)|tonne|ton|(?:kilo|mega|giga)?watt|gallon|barrel|"
    r"kilomet(?:re|er)|mile|hectare|acre)s?\b",
    re.I,
)
PERCENT_AFTER = re.compile(r"\s?(?:percent|per cent)\b", re.I)
ASKS_QUANTITY = re.compile(r"\b(produc\w*|output|capacity|manufactur\w*|generat\w*)\b", re.I)  # not "how large is the grant"
ASKS_MONEY = re.compile(r"\b(cost|costs|invest\w*|spend\w*|spent|worth|fund\w*|subsid\w*|price\w*|budget\w*|money|"
                        r"yen|dollars?|pay\w*|paid|financ\w*|amount|sum|afford\w*|expensive|cheap\w*)\b", re.I)


def _after_number(text: str, end: int) -> str:
    """The text after a number that ends at `end`, past "million"/"billion"."""
    scale = SCALE.match(text, end)
    return text[scale.end() if scale else end :]


def counted_word(text: str, end: int) -> str | None:
    """The word right after a number that ends at `end`, unless a punctuation mark or a stop word
    comes first: "3,900 employees" -> "employees", "3,900 of" -> None."""
    first = re.split(r"[,.;:()?!]", _after_number(text, end))[0].split()[:1]
    return first[0] if first and tokens(first[0]) else None


def counted_things(text: str, end: int, reach: int = 2) -> list[str]:
    """The first words after a number, up to a clause break, that can be counted: "7 out of its 17
    factories" counts factories, "3,900 full-time employees" employees."""
    # Up to a clause break or a preposition: in "voted 31 to 14 on 6 May", 31 counts no month.
    clause = re.split(r"[,.;:()?!]|\b(?:and|or|but|while|which|that|who|to|on|in|at|by|for|from|with)\b",
                      _after_number(text, end), flags=re.I)[0]
    words = [word for word in clause.split() if tokens(word) and not tokens(word)[0][0].isdigit()]
    return words[:reach]


def amount_asked(question: str) -> re.Match[str] | None:
    """Where the question asks an amount of something: "how much battery capacity", "What is Japan's
    current battery production?"; None when it asks no such amount."""
    found = HOW_MUCH_OF.search(question)
    return found or (AMOUNT_NOUN.search(question) if re.match(WHAT_IS, question, re.I) else None)


def counts_other(text: str, match: re.Match[str], question: str) -> bool:
    """The number counts something other than what "how many X" asks about: "how many vehicles" is
    not answered by "7 out of its 17 factories", though the question names a plant elsewhere; nor
    "how many factories does it have" by "closing 7 factories"."""
    said = _counted_as(text, match)
    asked_kind = count_kind(question)
    if said and asked_kind and said != asked_kind:
        return True
    if amount_asked(question) and JOINED_MEASURE.match(text, match.end()):
        return False  # "How much water will the plant produce?": "a 120,000-cubic-metre-a-day plant"
    asked = HOW_MANY.search(question) or amount_asked(question)
    # "six of the world's top ten producers were Chinese companies": a part of what the clause names.
    partitive = re.match(r"\s+(?:out\s+)?of\b", text[match.end() :])
    # "150,000 cubic metres of drinking water": a measure counts what follows its "of".
    measure = re.match(r"\s+(?:[a-z][\w-]*\s+){1,2}of\b", text[match.end() :])
    things = counted_things(text, match.end(), reach=PARTITIVE_REACH if partitive or measure else 2)
    if asked is None or not tokens(asked.group(1)) or not things:
        return False
    if any(edit_distance_at_most(fold(asked.group(1)), fold(word), 2) for word in things):
        return False  # "how many emploees": the asked word, mistyped
    counted = {fold(word) for word in things}
    if counted & ENERGY_UNITS and _people(asked.group(1)):
        return True  # "how many dockworkers" is not answered by "about 38 MW"
    if (counted | {fold(asked.group(1))}) & ANY_THING:
        return False
    if _asks_people(asked.group(1)):  # "how many people work there" is answered by "3,900 employees"
        return not (_residents(text, match) or any(_people(word) for word in things))  # or "whose town of 14,000"
    return not set(concepts(" ".join(things))) & set(concepts(asked.group(0)))


def _residents(text: str, match: re.Match[str]) -> bool:
    """The number is of who lives somewhere: "a town of 14,000", "14,000 residents"."""
    return bool(RESIDENTS_BEFORE.search(text[: match.start()]) or RESIDENTS_AFTER.match(text, match.end()))


def _asks_people(word: str) -> bool:
    """"people", or a word typed one letter off it ("peple", "staf")."""
    word = fold(word)
    return word in PEOPLE or (len(word) > 3 and any(edit_distance_at_most(word, p, 1) for p in PEOPLE if len(p) > 3))


def _people(word: str) -> bool:
    """"employees", "staff", "residents": a word for people."""
    return fold(word) in PEOPLE or bool(PERSON_NOUN.search(fold(word)))


def _counted_as(text: str, match: re.Match[str]) -> str | None:
    """What the verb just before the number says it counts: cut, added, held, or None."""
    return count_kind(" ".join(text[: match.start()].split()[-COUNT_CUE_REACH:]), last=True)


def count_kind(text: str, *, last: bool = False) -> str | None:
    """What a count is of: things cut ("closing 7 factories"), things added ("hiring 500 workers"),
    or what there is ("has 3,900 employees"). In a question a change outranks "have" ("how many
    will it close"); before a number the cue nearest to it decides ("to close 7 out of its 17")."""
    found = [(m.start(), kind) for kind, cue in COUNT_CUES.items() for m in cue.finditer(text)]
    if not found:
        return None
    if last:
        return max(found)[1]
    kinds = {kind for _, kind in found}
    return next((kind for kind in ("cut", "added") if kind in kinds), "held")


def not_a_count(text: str, match: re.Match[str], question: str) -> bool:
    """The number (a `NUMBER` match in `text`) cannot answer the count the question asks for: "How many
    cars were sold?" not by a share, a sum or "3,900 employees"; "How much does Japan produce?" not
    by "$7 billion", unless it also asks about money. "How large is the grant?" may be."""
    if TALLY.search(question) and (
        share_or_sum(text, match) or counts_other(text, match, question)
        # "How many councillors voted for cancelling?" is not answered by the 14 who opposed it
        or _other_side(text, match, question)
        # "How many people live in Brindlecombe?" is not answered by the 300 who packed a hall
        or (RESIDENTS_ASKED.search(question) is not None and not _residents(text, match))
    ):
        return True
    if amount_asked(question) and counts_other(text, match, question):
        return True  # "how much capacity" is not answered by "30 related projects"
    if not ASKS_QUANTITY.search(question):
        return False
    asked = HOW_MANY.search(question)
    said = _counted_as(text, match)
    if asked is None and said and said != count_kind(question):
        return True  # "How much is the plant producing?" is not answered by "to close 7 out of its 17 factories"
    if not (asked and _people(asked.group(1))) and any(_people(word) for word in counted_things(text, match.end())):
        return True  # "How much is the plant producing?" is not answered by "3,900 employees"
    if DURATION_AFTER.match(text, match.end()) and not DURATION_ASKED.search(question):
        return True  # "How much does Japan produce now?" is not answered by "over the next two to three years"
    if is_percent(text, match) and not re.search(rf"\b({CHANGE_VERBS})", question, re.I):
        return True  # "How much does Japan produce now?" is not answered by "raise production by 50%"
    money = is_money(text, match)
    return money and not ASKS_MONEY.search(question)


def _other_side(text: str, match: re.Match[str], question: str) -> bool:
    """The number counts one side of a vote and the question asks for the other."""
    asked = VOTE_ASKED.search(question)
    said = SIDE_AFTER.match(text, match.end())
    if asked is None or said is None:
        return False
    asked_for = not re.fullmatch(AGAINST, asked.group("side") or asked.group("stance"), re.I)
    return asked_for != (said.group("for") is not None)


def is_percent(text: str, match: re.Match[str]) -> bool:
    """The number (a `NUMBER` match in `text`) is a percentage: "39%", "39 percent"."""
    return match.group(0).endswith("%") or bool(PERCENT_AFTER.match(text, match.end()))


def share_or_sum(text: str, match: re.Match[str]) -> bool:
    """The number (a `NUMBER` match in `text`) is a percentage or an amount of money: "0.7%",
    "$1.5 billion", "350 billion yen"; "2 million cars" is neither."""
    return match.group(0).endswith("%") or bool(PERCENT_AFTER.match(text, match.end())) or is_money(text, match)


def is_money(text: str, match: re.Match[str]) -> bool:
    """The number (a `NUMBER` match in `text`) is an amount of money: "$1.5 billion", "SKr 112",
    "350 billion yen", "97 kronor"."""
    return match.group(0)[0] in "$€£¥" or bool(MONEY_BEFORE.search(text[: match.start()]) or MONEY_AFTER.match(text, match.end()))
