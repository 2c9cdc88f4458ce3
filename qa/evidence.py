"""The evidence record, and which scored sentences to cite: the best, another article's figure, a later update."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.chunking import Sentence
from qa.index import SearchIndex
from qa.text import CURRENCY_BEFORE, STOPWORDS, names, numbers, tokens

YEAR = re.compile(r"(19|20)\d\d")


@dataclass(frozen=True)
class Evidence:
    sentence: Sentence
    position: int  # index into SearchIndex.sentences
    score: float
    dense: float
    overlap: float  # IDF-weighted share of the question's terms the sentence (or its context) holds
    typed: bool  # holds the kind of value the question asks for (a number, a year, a name)
    leans_on: int | None = None  # the sentence before, which holds that value for it ("The facility, ...")


CHANGE = re.compile(r"\b(cancel\w*|suspen\w*|withdr[ae]w\w*|on hold|halt\w*|scrap\w*|abandon\w*|postpon\w*|"
                    r"delay\w*|slip(s|ped|ping)?|push(ed|es)? back|shelv\w*|revers\w*|back(ed)? out|pull(ed)? out|dropp(ed)?)\b", re.I)
# A plan for the future, not any mention of "plan" ("a restructuring plan revealed").
# "said the work would begin in March", "Under the proposal, the unit would close": a plan reported
# ("would aid Nissan" alone is a condition).
PLAN = re.compile(r"\b(will|(?:said|says|announced|told|confirmed)\b[^.;]{0,60}?\bwould|under the (?:proposals?|plans?|scheme)\b[^.;]{0,120}?\bwould|(plans?|planned|intends?|expected|scheduled|aims?|anticipated|slated|set|promised|pledged|committed) to|targets?)\b", re.I)


# A short sentence that only announces what the next one spells out: "The grant comes with conditions."
ANNOUNCES = re.compile(
    r"\b(?:conditions|reasons|challenges|problems|risks|terms|requirements|strings|caveats|factors|steps|measures|"
    r"concerns|obstacles|demands|options)\s*[.:]?\W*$|:\W*$",
    re.I,
)
ANNOUNCEMENT_WORDS = 10  # longer sentences say something of their own


def what_follows(item: Evidence, index: SearchIndex) -> Evidence | None:
    """The next sentence of the paragraph, when `item` only announces it; else None."""
    if not _announces(index, item.position):
        return None
    following = index.sentences[item.position + 1]
    return Evidence(following, item.position + 1, item.score, item.dense, item.overlap, item.typed)


def spelled_out(index: SearchIndex, position: int) -> bool:
    """The sentence at `position` spells out what the one before announced: it is quoted whole."""
    return position > 0 and _announces(index, position - 1)


def _announces(index: SearchIndex, position: int) -> bool:
    """The sentence at `position` only announces the next one, which goes on in its paragraph."""
    sentence = index.sentences[position]
    if len(sentence.text.split()) > ANNOUNCEMENT_WORDS or not ANNOUNCES.search(sentence.text) or position + 1 >= len(index.sentences):
        return False
    following = index.sentences[position + 1]
    return (
        following.article_id == sentence.article_id and not following.heading
        and "\n" not in index.sources[sentence.article_id].text[sentence.end : following.start]  # not another paragraph
    )


def find_update(
    ranked: list[Evidence], chosen: list[Evidence], index: SearchIndex, *, min_overlap: float = 0.2, versions: tuple[Evidence, ...] = ()
) -> Evidence | None:
    """A sentence from another article saying a plan in the evidence was cancelled, suspended, ...

    Plans in one article are often reversed in a later one; citing both lets the reader see it.
    An article already cited for its own version of the figure (`versions`: "now expects 240
    jobs") has given its update.
    """
    if not chosen or not PLAN.search(chosen[0].sentence.text):
        return None
    planned_in = chosen[0].sentence.article_id
    subjects = {t for name in names(chosen[0].sentence.text) for t in tokens(name)}
    taken = {e.position for e in chosen}
    revised = {e.sentence.article_id for e in versions if disagrees(chosen[0].sentence.text, e.sentence.text)}
    updates = [
        c for c in ranked
        if c.sentence.article_id not in {planned_in, *revised} and c.position not in taken and c.overlap >= min_overlap
        and not c.sentence.heading and CHANGE.search(c.sentence.text)
    ]
    # The update must name the plan's subject, itself or, when it names no one, in the sentence before
    # it ("The facility ... LFP batteries ... However, the company withdrew from the project.").
    updates = [c for c in updates if subjects & set(tokens(_with_previous(index, c.position) if _names_no_one(c.sentence.text) else c.sentence.text))]
    return max(updates, key=lambda c: c.score, default=None)


def _names_no_one(text: str) -> bool:
    """The sentence names no company, person or place of its own ("However, the company withdrew")."""
    rest = text.split(maxsplit=1)[1:]  # a capital that starts the sentence ("However") is no name
    return not any(len(name) > 3 and not name.isupper() for name in names(" ".join(rest)))


def _with_previous(index: SearchIndex, position: int) -> str:
    sentence = index.sentences[position]
    before = index.sentences[position - 1] if position > 0 else None
    return sentence.text if before is None or before.article_id != sentence.article_id else f"{before.text} {sentence.text}"


def select_evidence(
    ranked: list[Evidence], *, ratio: float, limit: int = 2, figure: bool = False, dated: bool = False
) -> list[Evidence]:
    """The best sentence, plus close runners-up from other articles (which may disagree with it).

    A runner-up from the same article adds words, and often a distractor, more than an answer.
    Other articles' other figures for the same thing are cited too, if not as close; when the
    question asks for a `figure`, one that changed twice is cited in all three versions, and when
    it asks when (`dated`), a year is such a figure.
    """
    if not ranked:
        return []
    chosen = [ranked[0]]
    for candidate in ranked[1:]:
        if len(chosen) >= limit or candidate.score < ratio * ranked[0].score:
            break
        if candidate.sentence.heading or any(same_content(candidate, c) for c in chosen):
            continue
        if any(candidate.sentence.article_id == c.sentence.article_id for c in chosen):
            continue
        chosen.append(candidate)
    if limit == 1 or not all(disagrees(ranked[0].sentence.text, c.sentence.text, dated=dated) for c in chosen[1:]):
        return chosen
    return with_versions(ranked, chosen, most=VERSIONS if figure else limit, figure=figure, dated=dated)


def latest_first(ranked: list[Evidence], index: SearchIndex, *, dated: bool = False, figure: bool = True) -> list[Evidence]:
    """`ranked`, with the latest article's version of the best sentence's figure first: a figure
    asked of now ("What is Hallvik's share of the market now?") is the newest one, if it is close
    enough to the best and of the asked kind. Without `figure`, any later sentence of the asked kind
    is a version ("What job does she have now?": "who became the authority's chief executive")."""
    if not ranked:
        return ranked
    best = ranked[0]

    def date(item: Evidence) -> str:
        return index.sources[item.sentence.article_id].date or ""

    later = [
        e for e in ranked[1:]
        if date(best) and date(e) > date(best) and e.typed and not e.sentence.heading
        and e.score >= DISAGREEING_SHARE * best.score and (not figure or disagrees(best.sentence.text, e.sentence.text, dated=dated))
    ]
    if not later:
        return ranked
    newest = max(later, key=lambda e: (date(e), e.score))
    return [newest, *(e for e in ranked if e is not newest)]


def with_versions(
    ranked: list[Evidence], chosen: list[Evidence], *, most: int, figure: bool, dated: bool = False
) -> list[Evidence]:
    """`chosen` (the best sentence first), with other articles' other figures for the same thing, up
    to `most` sentences in all."""
    chosen, best = list(chosen), ranked[0]
    for candidate in ranked[1:]:
        if len(chosen) >= most:
            break
        if candidate.sentence.heading or any(candidate.sentence.article_id == c.sentence.article_id for c in chosen):
            continue
        # Another version of the best one's figure: close enough and, for a question asking for a
        # figure, holding one; measured in the same two words, it is both further down.
        units = _other_figures(best.sentence.text, candidate.sentence.text, dated=dated)
        close = candidate.score >= DISAGREEING_SHARE * best.score and (candidate.typed or not figure) and bool(units)
        alike = candidate.score >= MEASURED_ALIKE_SHARE * best.score and any(" " in unit for unit in units)
        if (close or alike) and all(disagrees(c.sentence.text, candidate.sentence.text, dated=dated) for c in chosen[1:]):
            chosen.append(candidate)
    return chosen


# "a power rating of 250 MW" against "the 200 MW battery", "a 42,500-seat stadium",
# "350 permanent jobs": a number and the word right after it, and the word after that, which a
# hyphen may join ("a 120,000-cubic-metre-a-day plant" against "150,000 cubic metres a day").
MEASURE = re.compile(r"(?<![\w.])([$£€¥]?)(\d[\d,.]*)(?:\s*-\s*|\s*)(%|[A-Za-z]{1,12}\b)(?:(?:\s+|-)([a-z]{3,12})\b)?")
# Sums of money are not measures of one thing: "$7 billion" and "$1.5 billion" are most often
# spent on different things, whatever names they share.
MONEY_WORDS = frozenset({"thousand", "million", "billion", "trillion", "bn", "yen", "dollar", "euro", "pound", "usd", "yuan", "won"})
YEARS = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?!\w|[.,]\d)")
PERIODS = "year|month|week|day|hour|annum"  # "€12 million a year" is a rate, not a price
# "SKr 119 a share", "SKr 112 in cash for each Hallvik share", "€2.40 per ticket": a price of one unit.
PRICE_PER = re.compile(
    rf"{CURRENCY_BEFORE}(?P<figure>\d[\d,.]*\d|\d)(?:\s+(?:[\w-]+\s+){{0,3}}?|\s+)(?:per|a|an|each)\s+"
    rf"(?:[A-Z][\w-]*\s+)?(?!(?:{PERIODS})s?\b)(?P<unit>[a-z]{{3,12}})\b"
)
DISAGREEING_SHARE = 0.6  # of the best score, for a sentence from another article giving another figure
# A figure measured in the same two words ("20,500 passenger journeys" against "26,000 passenger
# journeys") is of the same thing, named or not, and sought further down.
MEASURED_ALIKE_SHARE = 0.4
VERSIONS = 3  # articles cited for one figure


def disagrees(text: str, other: str, *, dated: bool = False) -> bool:
    """`other` gives a figure `text` does not in a unit `text` uses ("280 permanent jobs, down from
    the 350"), of the same thing: it names something `text` names, or the unit is two words alike;
    with `dated`, a year is such a figure."""
    return bool(_other_figures(text, other, dated=dated))


def _other_figures(text: str, other: str, *, dated: bool = False) -> list[str]:
    """The units in which `other` gives another figure than `text` for the same thing (see disagrees)."""
    def measures(said: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {"year": set(YEARS.findall(said))} if dated else {}
        for match in MEASURE.finditer(said):
            currency, figure, unit, then = match.group(1), match.group(2), match.group(3).lower(), (match.group(4) or "")
            if YEAR.fullmatch(figure) or unit in STOPWORDS:  # "7 of 17"
                continue
            unit = unit.removesuffix("s") if len(unit) > 3 else unit
            if currency or unit in MONEY_WORDS:
                continue
            value = numbers(figure)
            found.setdefault(unit, set()).update(value)
            if then and then not in STOPWORDS:
                found.setdefault(f"{unit} {then.removesuffix('s')}", set()).update(value)
        for match in PRICE_PER.finditer(said):  # prices of one unit are of one thing, as sums are not
            found.setdefault(f"per {match.group('unit').lower().removesuffix('s')}", set()).update(numbers(match.group("figure")))
        return found

    mine, theirs = measures(text), measures(other)
    units = [unit for unit in mine.keys() & theirs.keys() if mine[unit] and theirs[unit] - mine[unit]]
    if set(tokens(" ".join(names(text)))) & set(tokens(" ".join(names(other)))):
        return units
    return [unit for unit in units if " " in unit]



def same_content(a: Evidence, b: Evidence) -> bool:
    words_a, words_b = set(tokens(a.sentence.text)), set(tokens(b.sentence.text))
    return len(words_a & words_b) >= 0.7 * min(len(words_a), len(words_b))
