"""Prompt the model with the evidence, and write the answer text.

The model only ever rephrases: when its reply says anything the cited quotes do not hold
(`verification.py`), the answer falls back to the value asked for, taken from a quote, then the quotes.
"""

from __future__ import annotations

import re

from qa.citations import QUOTE_CLOSE, QUOTE_OPEN, Citation, unsupported
from qa.counting import not_a_count
from qa.evidence import YEAR
from qa.generation import Messages
from qa.text import CURRENCY_AFTER, CURRENCY_BEFORE, NUMBER, fold, numbers, tokens
from qa.values import (
    ASKS_BEFORE,
    EXACT_WHEN,
    MONTH,
    MONTH_OF_YEAR,
    RANK,
    REPLACED,
    TYPE_PATTERNS,
    VALUE_TYPES,
    company_kind,
    other_ends,
    relative_time,
    role_holder,
)

SYSTEM = "You answer questions about news articles using only the given text. Reply with one short sentence."
PREFIX = re.compile(r"^\s*(the\s+)?(short\s+)?(answer|response)(\s+to\s+(this|the)\s+question)?(\s+is)?\s*[:\-]?\s*", re.I)
# Evidence that talks to the assistant rather than about the world: never let the model follow it.
INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules?)\b|\b(answer|reply|respond|say)\b.{0,40}"
    r"\b(to|for) (every|all|any) (question|quer)|\byou (must|should) (now )?(answer|reply|say|respond)\b|\bsystem prompt\b",
    re.I,
)


def addresses_assistant(quotes: list[str]) -> bool:
    """True when a quote reads like an instruction to an AI (a prompt injection in an article)."""
    return any(INSTRUCTION.search(quote) for quote in quotes)


def build_prompt(question: str, quotes: list[str]) -> Messages:
    """A short prompt: the evidence sentences, then the question."""
    context = "\n".join(f"- {quote}" for quote in quotes)
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": f"Text:\n{context}\n\nQuestion: {question}\nAnswer in one short sentence."},
    ]


def parse_reply(text: str) -> str:
    """The model's first line without "The answer is:" prefixes, stray markers or quotes."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    line = re.sub(r"^\s*[-*•]\s+", "", line)  # a bullet, copied from the prompt's evidence list
    line = re.sub(r"\[\d+\]", "", PREFIX.sub("", line)).strip().strip("\"“”'")
    return " ".join(line.split())


VALUE = re.compile(
    r"(?:\b(?:approximately|about|around|nearly|almost|over|more than|up to|roughly)\s+)?"
    rf"(?<![\w.])(?:{CURRENCY_BEFORE})?\d+(?:[.,]\d+)*(?:\s?%)?(?:\s+(?:billion|million|trillion|thousand)\b)?(?:\s+([A-Za-z]+))?",
    re.I,
)
SAME_AMOUNT = re.compile(r"\s*(\(|,\s*or\s+|\s+or\s+)\s*(?:approximately|about|around|roughly)?\s*", re.I)
UNITS = {"yen", "dollars", "usd", "euros", "gwh", "mwh", "kwh", "percent"}
# When work on a thing starts, not when the thing itself runs: "Construction is scheduled to begin in May 2026".
WORK_STARTS = re.compile(
    r"\b(?:construction|building|work|demolition|groundwork)\b(?:[^,.;]*?)\b(?:begins?|began|begun|start(?:s|ed)?|commences?|commenced)\b"
    r"|\b(?:begins?|began|start(?:s|ed)?|commences?)\s+(?:construction|building|work)\b|\bbreak(?:s|ing)?\s+ground\b",
    re.I,
)
RUNS_ASKED = re.compile(r"\b(?:open|opens|opened|opening|running|operational|operating|in operation|in service|completed?|"
                        r"completion|finished|ready|online|up and running)\b", re.I)


def direct_value(quote: str, wanted: str | None, question: str) -> str | None:
    """The one value of the asked-for kind that a quote gives ("approximately 3,900 employees").

    Shown first when the model's reply could not be, so the answer still leads with its answer;
    it is the quote's own text, so it needs no checking. None when the quote gives no such
    value, or more than one.
    """
    if wanted == "entity":
        return role_holder(quote, question)  # "Who is Nissan's CEO?": "Ivan Espinosa"
    if wanted == "kind":
        kind = company_kind(quote, question)  # "What kind of company is Foxconn?": "Taiwanese technology leader"
        if kind and not re.match(r"(?i)(a|an|one)\b", kind):
            kind = f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"
        return kind[:1].upper() + kind[1:] if kind else None
    if wanted == "rank":  # "Where did Panasonic place?": "Sixth place"
        ranks = list(dict.fromkeys(m.group(0) for m in RANK.finditer(quote)))
        return ranks[0][:1].upper() + ranks[0][1:] if len(ranks) == 1 else None
    if wanted not in VALUE_TYPES or (wanted == "time" and EXACT_WHEN.search(question)):
        return None  # the values found are numbers and years; "which month" is answered by the quote
    asked_month = MONTH_OF_YEAR.search(question)
    if asked_month and fold(asked_month.group(0)) not in fold(quote):
        return None  # "37.9%", said for 2024, is no answer for "in July 2024"; the quote is shown instead
    asked = numbers(question)
    found: dict[frozenset[str], tuple[int, int]] = {}  # value -> where its phrase stands
    unasked = other_ends(quote, question)
    if not ASKS_BEFORE.search(question):  # "11 stops rather than 12" does not answer with 12
        unasked += [m.span(1) for m in REPLACED.finditer(quote)]
    for match in VALUE.finditer(quote):
        if any(start <= match.start() < end for start, end in unasked):
            continue  # "What does Japan produce now?" is not answered by where "from 80 GWh to 120 GWh" ends
        phrase, unit = match.group(0), (match.group(1) or "")
        currency = re.fullmatch(CURRENCY_AFTER, unit, re.I)
        if unit and not (unit.lower() in UNITS or currency or (wanted == "count" and unit.endswith("s") and len(unit) > 3)):
            phrase = phrase[: match.start(1) - match.start()].rstrip()
        value = frozenset(numbers(phrase))
        if not value or value <= asked:
            continue
        if wanted == "time" and not all(YEAR.fullmatch(v) for v in value):
            continue
        if wanted == "time" and _work_start(quote, match.start(), question):
            continue  # "When will it be up and running?" is not answered by when its construction begins
        if wanted == "count" and any(YEAR.fullmatch(v) for v in value):
            continue  # "how many" is not answered by a year
        if wanted == "count":
            number = NUMBER.search(quote, match.start())
            if number is not None and not_a_count(quote, number, question):
                continue  # nor "How many cars were sold?" by a share, a sum, or "3,900 employees"
        if wanted in ("money", "percent") and not TYPE_PATTERNS[wanted].search(phrase):
            continue
        found.setdefault(value, (match.start(), match.start() + len(phrase)))
    spans = sorted(found.values())
    if len(spans) == 2 and wanted == "money" and SAME_AMOUNT.fullmatch(quote[spans[0][1] : spans[1][0]]):
        end = spans[1][1] + (quote[spans[1][1] :].startswith(")"))
        spans = [(spans[0][0], end)]  # "$7 billion (1 trillion yen)": one amount in two currencies
    if len(spans) != 1:
        return None
    start, end = spans[0]
    month = re.search(rf"(?:{MONTH.pattern})\s+$", quote[:start]) if wanted == "time" else None
    phrase = quote[month.start() if month else start : end]  # "June 2024", not "2024"
    return phrase[0].upper() + phrase[1:]


def _work_start(quote: str, at: int, question: str) -> bool:
    """The time at `at` is when work on a thing begins, in its clause, where the question asks when
    the thing itself runs ("When will the battery be up and running?")."""
    if not RUNS_ASKED.search(question) or WORK_STARTS.search(question):
        return False
    clause = re.split(r"[,;:]|\band\b", quote[:at])[-1]
    return bool(WORK_STARTS.search(clause)) and not RUNS_ASKED.search(clause)


def dated_time(citation: Citation, question: str) -> str | None:
    """"Earlier this year (article dated 2025-07-07)": a time the quote gives relative to its article's
    date; none for a question that asks for the month or the day."""
    match = relative_time(citation.quote, question)
    if match is None or not citation.date:
        return None
    phrase = match.group(0)
    return f"{phrase[0].upper()}{phrase[1:]} (article dated {citation.date})"


def supporting(claim: str, citations: list[Citation]) -> list[Citation]:
    """The citations whose quote holds the claim's numbers and names (best overlap if none do)."""
    holding = [c for c in citations if not unsupported(claim, [c.quote]) and (numbers(claim) or _overlap(claim, c.quote))]
    if holding:
        return holding
    # A claim joining values of several quotes is marked with each quote that holds some of them,
    # so a reader finds where every number came from ("€27 million" in the quote about the strike).
    needed, covering = set(unsupported(claim, [])), []
    holds = {c.number: needed - set(unsupported(claim, [c.quote])) for c in citations}
    while needed:
        most = max(citations, key=lambda c: len(holds[c.number] & needed), default=None)
        if most is None or not holds[most.number] & needed:
            break
        covering.append(most)
        needed -= holds[most.number]
    if covering:
        return sorted(covering, key=lambda c: c.number)
    return [max(citations, key=lambda c: _overlap(claim, c.quote))] if citations else []


def _overlap(claim: str, quote: str) -> int:
    return len(set(tokens(claim)) & set(tokens(quote)))


def markers(citations: list[Citation]) -> str:
    return "".join(f"[{c.number}]" for c in citations)


def quote_text(citation: Citation) -> str:
    """“quote” [n], with … where the quote starts or ends inside a sentence."""
    lead = "" if citation.quote[:1].isupper() or citation.quote[:1].isdigit() or citation.quote[:1] in "$“\"" else "…"
    tail = "" if citation.quote[-1:] in ".!?”\"'’)" else "…"
    return f"{QUOTE_OPEN}{lead}{citation.quote}{tail}{QUOTE_CLOSE} {markers([citation])}"


def compose(reply: str | None, citations: list[Citation]) -> str:
    """The answer text: the checked reply first (when there is one), then each quote as evidence.

    A quote from another article is introduced as such, with its date and whether it is later or
    earlier than the first, so readers see where sources of different dates disagree.
    Its title stands in the sources listed under the answer, not repeated here.
    """
    parts = []
    if reply and re.search(r"\[\d+\]$", reply):
        parts.append(f"{reply}.")  # it cites as it goes: "A: 2027 [1]; B: 2029 [2]"
    elif reply:
        parts.append(f"{reply.rstrip('.')}. {markers(supporting(reply, citations))}")
    # An article is introduced where its quotes begin, once per run of them: "Another article (...)
    # says: “…” [2] “…” [3]", and "The first article says:" when its quotes resume after another's.
    previous = citations[0].article_id if citations else None
    for citation in citations:
        if citation.article_id == previous:
            parts.append(quote_text(citation))
        elif citation.article_id == citations[0].article_id:
            parts.append(f"The first article says: {quote_text(citation)}")
        else:
            parts.append(f"{_introduced(citation, citations[0])} {quote_text(citation)}")
        previous = citation.article_id
    return " ".join(parts)


LEAD_IN = re.compile(r"(?:Another|A later|An earlier) article(?: \([^()]*\))? says: |The first article says: ")


def answer_content(text: str) -> str:
    """An answer without the lead-ins `compose` writes: a follow-up's "it" never means a title."""
    return LEAD_IN.sub("", text)


def _introduced(other: Citation, first: Citation) -> str:
    """"A later article (2026-03-27) says:" or "An earlier article (...) says:", against the first
    article's date where both are dated; "Another article (date) says:" otherwise."""
    if other.date and first.date and other.date != first.date:
        return f"{'A later' if other.date > first.date else 'An earlier'} article ({other.date}) says:"
    return f"Another article ({other.date}) says:" if other.date else "Another article says:"


def abstention(unknown: list[str]) -> str:
    """The honest "the articles don't say" text."""
    if unknown:
        listed = " or ".join(dict.fromkeys(unknown))
        return f"The articles don't mention {listed}, so they can't answer this."
    return "The articles don't say; the closest passages they have are listed with this answer."
