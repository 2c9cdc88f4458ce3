"""Check the model's reply against the cited quotes: every number, name and word must stand in them.

The small model is never trusted: a reply that says what the quotes do not, gives another kind
of value than the one asked for, or pairs a value with the wrong party is not shown.
"""

from __future__ import annotations

import re
from collections import Counter

from qa.asking import owners
from qa.citations import clause_cuts, unsupported
from qa.counting import SCALE, TALLY, amount_asked, counted_word, counts_other, is_percent, not_a_count
from qa.evidence import YEAR
from qa.text import NUMBER, STOPWORDS, fold, names, normalize_number, numbers, place_forms, tokens
from qa.values import (
    ASKS_BEFORE,
    ASKS_COUNTRY,
    EXACT_WHEN,
    FROM_TO,
    MONTH,
    MONTH_NAMES,
    NEGATION,
    PLACE,
    REPLACED,
    TARGETED,
    TYPE_PATTERNS,
    VALUE_TYPES,
    asks_end,
    places,
)
from qa.vocabulary import KNOWN_ACRONYMS, concept, concepts, name_concepts

REFUSAL = re.compile(
    r"\b(not (mentioned|stated|specified|provided|given|available)|no information|does not (say|mention|specify)|"
    r"doesn't (say|mention)|cannot|can't|unknown|i don't|i do not|not sure|unclear)\b",
    re.I,
)
MAX_REPLY_WORDS = 25
# "…, the new bridge over the River Drane, and.": a reply that stops where its sentence goes on.
# A preposition may end a sentence ("where Toyota will buy batteries from."); a name may too ("SK On.").
BROKEN_OFF = re.compile(r"\b(?:and|or|but|nor|the|a|an|whose|its|their)\W*$")


def check_reply(
    reply: str,
    question: str,
    quotes: list[str],
    wanted: str | None,
    *,
    best: list[str] | None = None,
    contexts: list[str] | None = None,
) -> list[str]:
    """Why the reply cannot be shown; an empty list means it passed every check.

    `best` are the quotes from the article of the best evidence, when the others only stand beside it;
    `contexts`, one for each quote, the title and sentences before it that say what it speaks of.
    """
    if not reply:
        return ["empty reply"]
    return [
        *_form_problems(reply, quotes),
        *_replaced_problems(reply, question, quotes),
        *_kind_problems(reply, question, quotes, wanted),
        *_name_problems(reply, question, quotes, wanted, best),
        *_word_problems(reply, question, quotes, wanted),
        *_pairing_problems(reply, question, quotes, wanted, contexts),
        *_denial_problems(reply, quotes),
        *_echo_problems(reply, question, quotes),
    ]


def _form_problems(reply: str, quotes: list[str]) -> list[str]:
    """Too long, a refusal, or numbers and names the quotes do not hold as the reply gives them."""
    problems = []
    if len(reply.split()) > MAX_REPLY_WORDS:
        problems.append(f"too long ({len(reply.split())} words)")
    if REFUSAL.search(reply):
        problems.append("reply refuses although evidence was found")
    if BROKEN_OFF.search(reply):
        problems.append("the reply breaks off mid-sentence")
    missing = unsupported(reply, quotes)
    if missing:
        problems.append("not in the cited text: " + ", ".join(missing))
    bare = _bare_percents(reply, quotes)
    if bare:  # "39." from "dropped by 39%": a count of nothing
        problems.append("gives without its percent sign what the quotes give as a percentage: " + ", ".join(bare))
    rescaled = _rescaled(reply, quotes)
    if rescaled:  # "approximately $1.00" from "approximately $1 billion"
        problems.append("gives numbers at another scale than the quotes do: " + ", ".join(rescaled))
    return problems


def _replaced_problems(reply: str, question: str, quotes: list[str]) -> list[str]:
    """The reply gives only numbers the quotes give as what another replaced ("11 stops rather than
    12" for "12"), and the question does not ask for the old figure."""
    if ASKS_BEFORE.search(question):
        return []
    given = numbers(reply) - numbers(question)
    old = {n for quote in quotes for match in REPLACED.finditer(quote) for n in numbers(match.group(1))}
    current = numbers(" ".join(REPLACED.sub(" ", quote) for quote in quotes))
    if given and given <= old - current:
        return ["gives the figure the quotes say was replaced: " + ", ".join(sorted(given))]
    return []


def _kind_problems(reply: str, question: str, quotes: list[str], wanted: str | None) -> list[str]:
    """The reply gives no value of the kind the question asks for."""
    problems = []
    if wanted in VALUE_TYPES and not numbers(reply) - numbers(question):
        problems.append(f"the question asks for a {wanted} value and the reply gives none")
    elif wanted == "count" and all(YEAR.fullmatch(m.group(0)) for m in NUMBER.finditer(reply) if numbers(m.group(0)) - numbers(question)):
        problems.append("the question asks for a count and the reply gives only a year")
    elif wanted == "count" and all(not_a_count(reply, m, question) for m in NUMBER.finditer(reply) if numbers(m.group(0)) - numbers(question)):
        # "The current battery production is 250 billion yen": a sum, a share or a headcount is no amount produced
        problems.append("the question asks for a count and the reply gives only values that cannot answer it")
    elif wanted == "time" and EXACT_WHEN.search(question) and not MONTH.search(reply):
        problems.append("the question asks for a month or a day and the reply gives none")
    elif wanted in ("money", "percent") and not TYPE_PATTERNS[wanted].search(reply):
        problems.append(f"the reply gives a bare number where the question asks for {wanted}")
    if wanted is None and re.match(r"^\W*what\b", question, re.I) and _only_places(reply, question, quotes):
        problems.append("gives only where, and the question asks what")  # "Lansing, Michigan." for "What did Toyota buy?"
    if wanted == "kind":  # the model names the wrong company as often as the right one
        problems.append("what kind of company a name is is read from the quote, not the model")
    return problems


def _name_problems(reply: str, question: str, quotes: list[str], wanted: str | None, best: list[str] | None) -> list[str]:
    """A name asked for is missing, or is one the quotes do not give for what the question asks."""
    problems = []
    asked_names = {fold(name) for name in names(question)}
    if wanted in ("entity", "place") and not any(fold(name) not in asked_names for name in names(reply)):
        problems.append("the question asks for a name and the reply gives none that is new")
    misplaced = _misplaced(reply, question, quotes, asked_names) if wanted == "entity" else None
    if misplaced:  # "The company that leads the market is Nissan" from "Nissan will spend ..., as China leads"
        problems.append(f"names {misplaced}, which the quotes do not say what the question asks of")
    aside = _only_aside(reply, asked_names, best) if wanted in ("entity", "place") and best else []
    if aside:  # "Toyota." for "Which Japanese company is the only one in the top ten?", from another article
        problems.append("names what only a quote beside the best evidence gives: " + ", ".join(aside))
    country_asked = bool(ASKS_COUNTRY.search(question))
    elsewhere = _other_country(reply, question, quotes, asked_names) if country_asked else None
    if elsewhere:  # "Japan." for "What country is Foxconn from?" from "... Foxconn ... in Yokosuka, Japan"
        problems.append(f"gives {elsewhere}, which the quotes do not give as the country asked for")
    return problems


def _peoples(quotes: list[str]) -> set[str]:
    """The quoted names in every form: a country is the same fact as its people's word ("South Korean")."""
    quoted_names = [token for name in names(" ".join(quotes)) for token in tokens(name)]
    return {form for token in quoted_names for form in place_forms(token)}


def _word_problems(reply: str, question: str, quotes: list[str], wanted: str | None) -> list[str]:
    """Words, ranks and counts the quotes do not give as the reply does."""
    problems = []
    # A yes/no question states the claim itself: "Is the pause temporary?" is not answered by
    # echoing "temporary", so there only the quotes' words pass.
    quoted = set(concepts(" ".join(quotes if wanted == "judgement" else [question, *quotes])))
    quoted |= _peoples(quotes)
    unquoted = [word for word in dict.fromkeys(concepts(reply)) if word not in quoted]
    if unquoted:  # the small model embroiders ("to reduce its carbon footprint"): only quoted words pass
        problems.append("says what the quotes do not: " + ", ".join(unquoted))
    ranked = _unranked(reply, question, quotes)
    if ranked:  # "The biggest EV battery maker is Panasonic": "biggest" came from the question, not a quote
        problems.append("ranks what the quotes do not rank: " + ", ".join(ranked))
    if any(RESPECTIVELY.search(quote) and numbers(reply) & numbers(quote) for quote in quotes):
        # "Third and fourth, with 12.4% and 4.7%, were LG and SK On, respectively": the small model
        # pairs such lists wrongly, and no check here can tell; the quote itself is shown instead.
        problems.append("takes a value from a 'respectively' list, whose pairing cannot be checked")
    if wanted == "count" and (TALLY.search(question) or amount_asked(question)) and _counts_other_things(reply, question, quotes):
        problems.append("gives a number of other things than the question counts")
    return problems


def _pairing_problems(
    reply: str, question: str, quotes: list[str], wanted: str | None, contexts: list[str] | None
) -> list[str]:
    """Every number and word is quoted, but the reply pairs a value with what the quotes do not."""
    problems = []
    combined = _combined(reply, quotes)
    if combined:  # "15/17" from "close 7 out of its 17 factories and cut its workforce by 15%"
        problems.append("joins numbers the quotes do not join: " + ", ".join(combined))
    dates = _joined_dates(reply, quotes)
    if dates:  # "October 2019" from "opened in 2019" and "In October, the contractor agreed ...": another event's month
        problems.append("joins a month and a year no quote joins: " + ", ".join(dates))
    repeated = _repeated(reply, quotes, question)
    if repeated:  # "The total cost is £150 million, and the grant is £150 million" from "The grant covers £150 million"
        problems.append("gives a value to more things than the quotes do: " + ", ".join(repeated))
    miscounted = _miscounted(reply, quotes)
    if miscounted:  # "3,900 factories" from "3,900 employees": every number and word is quoted, the pairing is not
        problems.append("counts what the quotes do not: " + ", ".join(miscounted))
    other = _other_party(reply, question) if wanted in VALUE_TYPES else None
    if other:  # "The market share of CATL is 16.1%" for "What is BYD's market share?": every word is quoted
        problems.append(f"speaks of {other}, not of what the question names")
    owner = _value_owner(reply, question, quotes) if wanted in VALUE_TYPES else None
    if owner:  # "CATL's share was 16.1%" from "CATL held 37.6% ..., with BYD in second place with 16.1%"
        problems.append(f"gives a value the quotes give for {owner}")
    moved = _wrong_end(reply, question, quotes)
    if moved:  # "120 GWh" for "How much does Japan produce now?" from "would increase from 80 GWh to 120 GWh"
        problems.append(moved)
    unowned = _unowned(reply, question, quotes, contexts) if contexts else None
    if unowned:  # "The target is 80% by 2030" for Nissan's target, from "The company's goal" after "Toyota's ..."
        problems.append(f"gives values the quotes holding them do not give for {unowned}")
    unheld = _unheld(reply, quotes, question)
    if unheld:  # "Panasonic held a 37.6% share" where only "CATL held a dominant 37.6% share" says 37.6%
        problems.append("gives a value to whom no quote holding it names: " + ", ".join(unheld))
    return problems


def _denial_problems(reply: str, quotes: list[str]) -> list[str]:
    """The reply affirms what the quotes deny, or denies what they affirm."""
    problems = []
    denied = [name for name in dict.fromkeys(names(reply)) if _denied(name, quotes) and not _denied(name, [reply])]
    if denied:  # "anchored in the United States, not in Japan" does not support "in Japan"
        problems.append("the quotes say the opposite about: " + ", ".join(denied))
    # Not only names: "The Tessmoor battery is ..., not a power station" from "at the former Tessmoor power station".
    terms = [*names(reply), *(word for word in re.findall(r"\b[a-z][a-z-]{2,}\b", reply) if word not in STOPWORDS)]
    affirmed = [term for term in dict.fromkeys(terms) if any(re.search(rf"\b{re.escape(term)}\b", q) for q in quotes)]
    contradicted = [term for term in affirmed if _denied(term, [reply]) and not _denied(term, quotes)]
    if contradicted:  # "The company is talking to Nissan, not Foxconn" from "Nissan is in talks with Foxconn"
        problems.append("denies what the quotes say about: " + ", ".join(contradicted))
    return problems


def _echo_problems(reply: str, question: str, quotes: list[str]) -> list[str]:
    """The reply repeats a quote, or adds nothing from the evidence to the question's own words."""
    problems = []
    if any(_copies(reply, quote) for quote in quotes):
        problems.append("reply only repeats a quote, which the answer shows anyway")
    evidence_words = set(tokens(" ".join(quotes))) | _peoples(quotes)
    new_words = set(tokens(reply)) - set(tokens(question))
    if not new_words & evidence_words:
        problems.append("reply adds nothing from the evidence")
    return problems


RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# Words that rank the answer among others: a claim of their own, even when the question says them.
SUPERLATIVE = re.compile(r"\b(biggest|largest|smallest|highest|lowest|leading|top|dominant|first|only|sole)\b")
SIZE = {"biggest": "largest", "sole": "only"}
MONTH_YEAR = re.compile(rf"\b({MONTH_NAMES})\.?,?\s+((?:19|20)\d\d)\b")  # "October 2019", "June, 2029"
RATIO = re.compile(r"(?<![\w.])(\d[\d,.]*)\s*(?:/|:|out of)\s*(\d[\d,.]*)(?![\w.])", re.I)
QUOTED_RATIO = r"(?<![\w.]){}\s*(?:/|:|(?:out\s+)?of\s+(?:its\s+|the\s+|their\s+)?){}(?![\d])"
COUNTED_REACH = 3  # words after a number in a quote that may name what it counts ("3,900 full-time employees")


def _only_aside(reply: str, asked_names: set[str], best: list[str]) -> list[str]:
    """Names the reply gives as its answer that the best evidence's quotes do not hold."""
    said = fold(" ".join(best))
    given = [name for name in dict.fromkeys(names(reply)) if fold(name) not in asked_names]
    return [name for name in given if fold(name) not in said]


def _misplaced(reply: str, question: str, quotes: list[str], asked_names: set[str]) -> str | None:
    """A name the reply gives as its answer where what the quotes say of it holds less of what the
    question asks than what they say of someone else: in "Toyota and Nissan will spend $7 billion
    to raise Japan's EV battery production, seeking to reduce reliance on China and South Korea as
    global leaders in the battery market", leading the market is said of China and South Korea.

    What a quote says of a name runs from the clause naming it up to the next clause naming
    someone the question does not: "Panasonic, once a pioneer, was the only Japanese firm ..."."""
    asked = set(concepts(question)) - name_concepts(question)
    said: list[tuple[set[str], int]] = []  # (names, how much of the question) for each stretch
    for quote in quotes:
        cuts = clause_cuts(quote)
        said.append((set(), 0))
        opening = True  # no clause so far names anyone, asked or not
        for clause in (quote[a:b] for a, b in zip(cuts, cuts[1:], strict=False)):
            named = {fold(name) for name in names(clause)}
            new = named - asked_names
            if new and opening:  # what opens the quote naming no one is said of the first name:
                said[-1] = (new, said[-1][1])  # "... from our parent, Aldane Maritime", "As of July 2024, CATL held"
            elif new:
                said.append((new, 0))
            opening = opening and not named
            said[-1] = (said[-1][0], said[-1][1] + len(asked & set(concepts(clause))))
    for name in dict.fromkeys(names(reply)):
        if fold(name) in asked_names:
            continue
        own, other = [], []
        for named, count in said:
            if any(fold(name) in found for found in named):
                own.append(count)
            elif named and not any(found in fold(reply) for found in named):
                other.append(count)
        if own and other and max(other) > max(own):
            return name
    return None


def _combined(reply: str, quotes: list[str]) -> list[str]:
    """Ratios in the reply ("15/17", "7 out of 17") that no quote states as one pair of numbers:
    each number may stand in the quotes and the pairing still be the model's."""
    evidence = " ".join(quotes)
    found = []
    for match in RATIO.finditer(reply):
        part, whole = (re.escape(match.group(n).rstrip(".,")) for n in (1, 2))
        if not re.search(QUOTED_RATIO.format(part, whole), evidence, re.I):
            found.append(match.group(0).rstrip(".,"))
    return found


def _joined_dates(reply: str, quotes: list[str]) -> list[str]:
    """Dates in the reply ("October 2019") whose month and year no one quote gives together: each
    may stand in the quotes, and belong to two events."""
    return [
        match.group(0) for match in MONTH_YEAR.finditer(reply)
        if not any(re.search(rf"\b{match.group(1)}\b", quote) and re.search(rf"\b{match.group(2)}\b", quote) for quote in quotes)
    ]


def _counts_other_things(reply: str, question: str, quotes: list[str]) -> bool:
    """Every number the reply gives counts, where the quotes say it, something the question does not
    ask about: "17" for "How many vehicles ...?" from "7 out of its 17 factories"."""
    given = numbers(reply) - numbers(question)
    found = [(quote, m) for quote in quotes for m in NUMBER.finditer(quote) if numbers(m.group(0)) & given]
    return bool(found) and all(counts_other(quote, m, question) for quote, m in found)


def _repeated(reply: str, quotes: list[str], question: str) -> list[str]:
    """Values the reply states more often than the quotes together do: each time is another thing
    it gives the value to, and the quotes give it to fewer. A value the question states is exempt."""
    asked = numbers(question)
    said = Counter(normalize_number(match.group(0)) for match in NUMBER.finditer(reply))
    quoted = Counter(normalize_number(match.group(0)) for quote in quotes for match in NUMBER.finditer(quote))
    return [value for value, times in said.items() if times > max(quoted[value], 1) and value not in asked]


def _miscounted(reply: str, quotes: list[str]) -> list[str]:
    """Numbers the reply attaches to a thing that no quote counts with that number.

    "3,900 factories" where the quote says "3,900 employees"; years are dates, not counts.
    """
    wrong = []
    for match in NUMBER.finditer(reply):
        value = numbers(match.group(0))
        thing = counted_word(reply, match.end())
        if thing is None or any(YEAR.fullmatch(v) for v in value):
            continue
        near: set[str] = set()
        for quote in quotes:
            for found in NUMBER.finditer(quote):
                if numbers(found.group(0)) == value:
                    after = quote[found.end() :]
                    near |= set(concepts(" ".join(after.split()[:COUNTED_REACH + 1])))
        if near and not set(concepts(thing)) <= near:
            wrong.append(f"{match.group(0)} {thing}")
    return wrong


NEGATED = re.compile(rf"\b(?:{NEGATION}|than)\s+(?:[\w’'-]+\s+){{0,2}}$", re.I)


def _other_party(reply: str, question: str) -> str | None:
    """A name the reply gives, and the question does not, when it gives none of the question's names.

    Places are left out: the articles write "the United States" where a question says "US".
    """
    abbreviated = {word for short, long in KNOWN_ACRONYMS.items() for word in (short, *tokens(long))}
    asked = name_concepts(question) - abbreviated
    asked |= {form for token in asked for form in place_forms(token)}  # "Japanese" for "Japan"
    said_as = {name: {concept(token) for token in tokens(name)} for name in names(reply)}
    given = [name for name, meant in said_as.items() if meant and not meant <= abbreviated]
    if not asked or any(said_as[name] & asked for name in given):
        return None
    said = question.lower()
    return next((name for name in given if name.lower() not in said), None)


def _unheld(reply: str, quotes: list[str], question: str) -> list[str]:
    """The reply's values given to a party (the last name before them in the reply's sentence) that
    no quote giving the value names, where each such quote gives it to a party of its own: "Panasonic
    held 37.6%" from "CATL held a dominant 37.6% share". A quote that names the party but gives it a
    value of its own does not hold this one for it: "BYD's share of CATL was 16.1%" from "CATL held
    37.6% ..., with BYD in second place with 16.1%". Places are no parties.

    A value the reply gives to no name is wrong when every quote gives it to a party that neither
    the question nor the reply names and no quote is about: "The eight-years-running leader had
    16.1%" from the same quote, where 16.1% is BYD's and the quote is about CATL."""
    wrong = []
    firsts = [next((m for m in NUMBER.finditer(quote) if not YEAR.fullmatch(m.group(0))), None) for quote in quotes]
    subjects = {_party_before(quote[: first.start()]) for quote, first in zip(quotes, firsts, strict=True) if first}
    for sentence in re.split(r"(?<=[.;!?])\s+", reply):
        for match in NUMBER.finditer(sentence):
            value = numbers(match.group(0))
            party = _party_before(sentence[: match.start()])
            if any(YEAR.fullmatch(v) for v in value):
                continue
            holding = [(quote, found) for quote in quotes for found in NUMBER.finditer(quote) if numbers(found.group(0)) == value]
            if party is None:
                owners = [_party_before(quote[: found.start()]) for quote, found in holding]
                unnamed = [o for o in owners if o is not None and o not in subjects and not _says(f"{question} {reply}", o)]
                if owners and len(unnamed) == len(owners):
                    wrong.append(f"{unnamed[0]}'s {match.group(0)}")
                continue
            owners = [
                party if _says(quote, party) and not _own_value(quote, party, value) else _party_before(quote[: found.start()])
                for quote, found in holding
            ]
            if owners and all(owner not in (None, party) for owner in owners):
                wrong.append(f"{party} {match.group(0)}")
    return wrong


def _own_value(quote: str, party: str, value: set[str]) -> bool:
    """The quote gives the party another value than this one: the last name before it is the party's."""
    return any(
        numbers(found.group(0)) != value and _party_before(quote[: found.start()]) == party
        for found in NUMBER.finditer(quote)
    )


def _bare_percents(reply: str, quotes: list[str]) -> list[str]:
    """Numbers the reply gives bare that every quote giving them gives as a percentage."""
    def percents(text: str) -> tuple[set[str], set[str]]:
        found = [(numbers(m.group(0)), is_percent(text, m)) for m in NUMBER.finditer(text)]
        return {n for ns, pct in found if pct for n in ns}, {n for ns, pct in found if not pct for n in ns}
    given_as_percent, given_bare = percents(reply)
    quoted_as_percent, quoted_bare = percents(" ".join(quotes))
    return sorted((given_bare - given_as_percent) & quoted_as_percent - quoted_bare)


def _rescaled(reply: str, quotes: list[str]) -> list[str]:
    """Numbers the reply gives with a scale ("billion", or none) that no quote gives them with."""
    def scaled(text: str) -> set[tuple[str, str]]:
        found = set()
        for match in NUMBER.finditer(text):
            scale = SCALE.match(text, match.end())
            found |= {(n, scale.group(0).strip().lower() if scale else "") for n in numbers(match.group(0))}
        return found
    quoted = scaled(" ".join(quotes))
    return sorted(f"{n} {scale}".strip() for n, scale in scaled(reply) - quoted if any(n == q for q, _ in quoted))


def _unranked(reply: str, question: str, quotes: list[str]) -> list[str]:
    """The reply's superlatives ("top", "biggest") that no quote gives, or, when the reply names
    someone new, that no quote naming them gives: "The top maker in 2024 is Panasonic" is not
    backed by "top ten ... Chinese companies" beside "Panasonic ... trailing at sixth place"."""
    asked = {fold(name) for name in names(question)}
    named = [name for name in names(reply) if fold(name) not in asked]
    backing = [quote for quote in quotes if any(_says(quote, name) for name in named)] if named else quotes
    said = {SIZE.get(word, word) for word in re.findall(r"[a-z]+", " ".join(backing).lower())}
    return [word for word in dict.fromkeys(SUPERLATIVE.findall(reply.lower())) if SIZE.get(word, word) not in said]


def _wrong_end(reply: str, question: str, quotes: list[str]) -> str | None:
    """Why the reply gives the wrong end of a change a quote states ("from 80 GWh to 120 GWh"):
    the value it goes to, or a target ("150 GWh by 2030"), where the question asks what it is now,
    or the value it goes from where the question asks what it will be; None when it does neither."""
    given = numbers(reply) - numbers(question)
    asked = asks_end(question)
    for quote in quotes:
        for change in FROM_TO.finditer(quote):
            start, end = numbers(change.group("start")), numbers(change.group("end"))
            if asked == "start" and given & end and not given & start:
                return "gives the value a quote says it will reach, where the question asks what it is now"
            if asked == "end" and given & start and not given & end:
                return "gives the value a quote says it starts from, where the question asks what it will be"
    targets = {value for quote in quotes for target in TARGETED.finditer(quote) for value in numbers(target.group("value"))}
    if asked == "start" and given & targets and not given - targets:
        return "gives only a value a quote sets for a later year, where the question asks what it is now"
    return None


def _unowned(reply: str, question: str, quotes: list[str], contexts: list[str]) -> str | None:
    """The party the question asks about something of ("Nissan's target"), when the reply gives values
    only quotes hold that neither name it nor follow sentences naming it; None otherwise."""
    asked = sorted(owners(question))
    given = numbers(reply) - numbers(question)
    if not asked or not given or any(_says(reply, name) for name in asked):
        return None  # a reply naming the party is checked by whose value it gives
    holders = [f"{context} {quote}" for quote, context in zip(quotes, contexts, strict=True) if numbers(quote) & given]
    if holders and not any(_says(text, name) for text in holders for name in asked):
        return " or ".join(asked)
    return None


def _party_before(text: str) -> str | None:
    """The last name in the text that is not a place: whose the value after it is."""
    where = {name for m in PLACE.finditer(text) for name in names(m.group(1))}
    return next((name for name in reversed(names(text)) if name not in where), None)


def _says(quote: str, name: str) -> bool:
    """The quote names the party, or its country by its people's word."""
    said = {concept(form) for token in tokens(quote) for form in place_forms(token)}
    return bool({concept(token) for token in tokens(name)} & said)


def _value_owner(reply: str, question: str, quotes: list[str]) -> str | None:
    """Another party the quotes give the reply's value to, when the reply gives it to a party the
    question names: in "CATL held 37.6% ..., with BYD in second place with 16.1%", 16.1% is BYD's,
    the name said last before it. Places are no parties ("in Fukuoka Prefecture", "Japanese")."""
    asked = name_concepts(question)
    asked |= {form for token in asked for form in place_forms(token)}
    parties = name_concepts(reply) & asked
    given = numbers(reply) - numbers(question)
    for quote in quotes:
        for match in NUMBER.finditer(quote):
            before = quote[: match.start()]
            others = _said_after(before, parties, asked) if numbers(match.group(0)) & given else []
            if others:
                return others[-1]
    return None


def _said_after(text: str, parties: set[str], asked: set[str]) -> list[str]:
    """The names, neither asked about nor places, that the text says after its last mention of a party."""
    mentions = sorted(
        (m.start(), name) for name in set(names(text)) for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    )
    last = max((at for at, name in mentions if set(concepts(name)) & parties), default=None)
    if last is None:
        return []
    places = {name for m in PLACE.finditer(text) for name in names(m.group(1))}
    return [
        name
        for at, name in mentions
        if at > last and name not in places and fold(name) not in KNOWN_ACRONYMS
        and not set(concepts(name)) & asked
    ]


def _other_country(reply: str, question: str, quotes: list[str], asked_names: set[str]) -> str | None:
    """A new name in the reply that is none of the countries the quotes give as the answer, read as
    the evidence is ("Taiwanese technology leader Foxconn" for the country Foxconn is from; a plant
    "in Yokosuka, Japan" says where it works)."""
    given = {form for quote in quotes for place in places(quote, question) for token in tokens(place)
             for form in place_forms(token)}
    said = [name for name in names(reply) if fold(name) not in asked_names]
    if not given or not said or any(set(tokens(name)) & given for name in said):
        return None
    return said[0]


def _denied(name: str, texts: list[str]) -> bool:
    """Every mention of the name in the texts is negated: "not in Japan", "rather than Japan"."""
    mentions = [(text, match.start()) for text in texts for match in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return bool(mentions) and all(NEGATED.search(text[:start]) for text, start in mentions)


def _only_places(reply: str, question: str, quotes: list[str]) -> bool:
    """The reply says nothing but places the quotes name: "Lansing, Michigan." from "batteries from
    LG Energy Solution's facility in Lansing, Michigan"."""
    said = set(tokens(reply))
    where = {token for quote in quotes for place in places(quote, question) for token in tokens(place)}
    return bool(said) and said <= where


def _copies(reply: str, quote: str) -> bool:
    """Most of the reply's words are the quote's, and it holds most of the quote's words."""
    said, quoted = set(tokens(reply)), set(tokens(quote))
    return bool(said) and len(said & quoted) >= 0.9 * len(said) and len(said & quoted) >= 0.8 * len(quoted)
