"""The corpus's words: concepts and synonyms, spelling fixes, names the articles never use, abbreviations."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from qa.embedding import english_words
from qa.text import edit_distance_at_most, fold, names, place_forms, tokens

WH_WORD = re.compile(r"\b(what|which|who|whom|whose|where|when|why|how)\b", re.I)
# Words news articles use for the same thing: a question may say "workforce" where the text
# says "employees". Scoring compares the first word of each group; tokens stay as written.
SYNONYM_GROUPS = (
    "increase increased increasing rise rose risen rising raise raised raising grow grew grown growing growth "
    "boost boosted expand expanded expanding expansion",
    "decrease decreased decreasing fall fell fallen falling drop dropped decline declined declining reduce reduced "
    "reduction shrink shrank shrinking lower lowered lowering",
    "employee worker staff workforce personnel headcount job",
    "withdraw withdrew withdrawn withdrawal pull exit exited",
    "allow allowed allowing permit permitted permitting let letting enable enabling",
    "help helped helping aid aided assist assisted benefit",
    "plant factory facility site",
    "cancel cancelled canceled cancelling cancellation scrap scrapped abandon abandoned axe axed",
    "suspend suspended suspension pause paused halt halted freeze froze frozen shelve shelved",
    "consecutive straight row running",
    "automaker carmaker",
    "start started starting begin began begun beginning launch launched commence",
    "invest invested investing investment spend spending spent",
    "pledge pledged pledging allocate allocated allocating allocation earmark earmarked earmarking",
    "talk talking talked negotiate negotiating negotiation discuss discussing discussion",
    "goal target aim objective",
    "plan plans planned planning intend intends intended intending",
    "produce produced producing production manufacture manufactured manufacturing output",
    "build built building construct constructed constructing construction",
    "operate operates operated operating run runs ran",  # "to be built and operated by" answers "who would run"
    "lead leads leader leaders",  # "the industry leader" answers "which company leads"; not "leading to"
    "firm company corporation",
    "confirm confirmed confirming verify verified verifying",
    "partner partnered partnering partnership team teamed ally allied alliance collaborate collaborated collaboration",
    "official officially formal formally",
    "say said saying comment commented commenting remark remarked",
    "show showed shown showing reveal revealed revealing underscore underscored highlight highlighted illustrate "
    "illustrated indicate indicated indication sign signs signal signalled signaled demonstrate demonstrated announce announced "
    "announcing announcement unveil unveiled unveiling",
    "view viewed regard regarded see",
    "regain regained regaining recover recovered recovering",
    "buy bought buying purchase purchased purchasing procure procured procuring",
    "decide decided deciding decision opt opted opting choose chose chosen choosing choice",
    "home domestic domestically homegrown",  # "making batteries at home" is "domestic production"
    "agreement deal pact accord",
    "loan lender lend lent lending borrow borrowed borrowing",  # "the lender put up" what "a loan of" gives
    "council municipality municipal",  # "how much is the municipality putting in" is "the city council"
    "strike walkout stoppage",
    "promise promised promises guarantee guaranteed guarantees assurance assurances vow vowed",  # "what promise did they get"
    "supply supplied supplying provide provided providing deliver delivered delivering",
    "avoid avoided avoiding prevent prevented preventing escape escaped escaping avert averted averting",
    "us u.s usa",  # the country, however it is abbreviated
    "spokesperson spokesman spokeswoman representative",
    "chair chairman chairwoman chairperson",  # "Who chairs the board?" is answered by "Board chairman ..."
    "center centre", "liter litre", "meter metre", "fiber fibre", "theater theatre",  # American and British spellings
    "cite cited citing reference referenced referencing",  # "reports News.Az, referencing Reuters"
)
SYNONYMS = {word: group.split()[0] for group in SYNONYM_GROUPS for word in group.split()}  # a term found only in the previous sentence or title counts for less


def concept(token: str) -> str:
    """The word a token's synonym group is compared by: "workforce" -> "employee"."""
    return SYNONYMS.get(token, token)


def name_concepts(text: str) -> set[str]:
    """The concepts of the names a text gives: "Nissan's CEO" -> {"nissan", "ceo"}."""
    return {concept(token) for name in names(text) for token in tokens(name)}


def concepts(text: str) -> list[str]:
    """Search tokens with synonyms merged: "workforce" and "employees" both become "employee"."""
    return [concept(token) for token in tokens(text)]


def place_names_used(terms: list[str], vocabulary: frozenset[str]) -> list[str]:
    """How the articles name a place the question names another way: "taiwan" -> "taiwanese" when
    they only write "Taiwanese" (and the other way round)."""
    return [form for term in terms if term not in vocabulary for form in sorted(place_forms(term)) if form in vocabulary]


def correct_terms(terms: list[str], vocabulary: frozenset[str]) -> list[str]:
    """Replace words the corpus never uses by its closest word ("emploees" -> "employee").

    A real English word only loses or gains an ending ("imported" -> "import"): "sole" is not a
    typo of "sale". A word whose synonym the corpus uses is no typo at all: "lender" is not "leader"
    where the text says "loan".
    """
    corrected = []
    for term in terms:
        if term in vocabulary or term[0].isdigit() or len(term) < 4 or concept(term) in vocabulary:
            corrected.append(term)
            continue
        limit = 1 if len(term) < 7 else 2
        candidates = (w for w in vocabulary if abs(len(w) - len(term)) <= limit and w[:1] == term[:1])
        if term in english_stems():
            candidates = (w for w in candidates if len(w) >= 4 and (w.startswith(term) or term.startswith(w)))
        corrected.append(next((w for w in sorted(candidates) if edit_distance_at_most(term, w, limit)), term))
    return corrected


@functools.cache
def english_stems() -> frozenset[str]:
    return frozenset(tokens(" ".join(english_words())))


def unknown_names(question: str, vocabulary: frozenset[str]) -> list[str]:
    """Names in the question that no indexed passage contains, even allowing a typo."""
    unknown = []
    found = names(question)
    first = re.match(r"\W*([\w'’-]+)(?= [a-z])", question)
    if found and first and found[0] == re.sub(r"['’]s$", "", first.group(1)) and WH_WORD.search(question[first.end():]):
        found = found[1:]  # "Pressure from which country ...": a capital that only starts the sentence
    for name in found:
        parts = [p for p in tokens_of_name(name) if not p[0].isdigit() and len(p) > 2]
        if parts and not all(_known_place(p, vocabulary) or _spelled_out(p, vocabulary) for p in correct_terms(parts, vocabulary)):
            unknown.append(name)
    return unknown


def _spelled_out(word: str, vocabulary: frozenset[str]) -> bool:
    """A well-known abbreviation whose long form the corpus writes: "MoU" by "memorandum of understanding"."""
    return word in KNOWN_ACRONYMS and set(tokens(KNOWN_ACRONYMS[word])) <= vocabulary


def tokens_of_name(name: str) -> list[str]:
    """Tokens of a name's capitalised parts: "Taiwan-based" -> ["taiwan"]."""
    return tokens(" ".join(part for part in re.split(r"[-–]", name) if part[:1].isupper()))


def _known_place(word: str, vocabulary: frozenset[str]) -> bool:
    """The word, or the people of that place, is in the corpus: "taiwan" by "taiwanese", "china" by "chinese"."""
    return not place_forms(word).isdisjoint(vocabulary)


# Abbreviations news text uses without defining them.
KNOWN_ACRONYMS = {"us": "united states", "uk": "united kingdom", "eu": "european union", "uae": "united arab emirates",
                  "ceo": "chief executive", "cfo": "chief financial", "coo": "chief operating", "cto": "chief technology",
                  "mou": "memorandum of understanding"}
# How a role asked about is sought: "chief executive" as "CEO" (which is also found spelled out).
ROLE_FORMS = {"chief executive": ["ceo"], "chief executives": ["ceo"]}
ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z]{1,5})\)")
LONG_FORM = re.compile(r"(?:[\w,’'-]+\s+){1,6}$")
LONG_FORM_REACH = 300  # characters before the bracket in which the long form's six words stand
# "Foxconn, officially known as Hon Hai Precision": one name, its other name after the comma.
ALIAS = re.compile(r",\s+(?:officially|formally|legally|also|better|formerly|previously)\s+(?:known as|called|named)\s+")
ALIAS_NAME = re.compile(r"[A-Z][\w&-]*(?:[ \t]+[A-Z][\w&-]*){0,3}")


def role_tokens(role: str) -> list[str]:
    return ROLE_FORMS.get(" ".join(fold(role).split()), tokens(role))


def definitions(text: str) -> Iterator[tuple[str, list[str], tuple[int, int]]]:
    """Each abbreviation the text defines, with the words of its long form, whose initials spell
    it, and the span from the long form to the bracket: "Ministry of Economy, Trade and Industry
    (METI)" gives ("METI", ["Ministry", "Economy,", …], (start, end))."""
    for match in ABBREVIATION.finditer(text):
        long = LONG_FORM.search(text, max(0, match.start() - LONG_FORM_REACH), match.start())
        if long is None:
            continue
        short = match.group(1)
        words = [(w.group(0), long.start() + w.start()) for w in re.finditer(r"\S+", long.group(0))
                 if w.group(0).lower() not in {"of", "and", "for", "the", "&"}]
        tail = words[-len(short) :]
        if len(tail) == len(short) and "".join(w[0] for w, _ in tail).lower() == short.lower():
            yield short, [w for w, _ in tail], (tail[0][1], match.end())


# "What does METI stand for?", "the full name of METI", "What is JAIA short for?"
ASKS_MEANING = re.compile(
    r"\bwhat\s+(?:does|do|did)\s+(?:the\s+)?(?:abbreviation\s+|acronym\s+)?[\"“']?(?P<a>[A-Za-z][A-Za-z&]{1,7})[\"”']?\s+(?:stand\s+for\b|mean\W*$)|"
    r"\b(?:full|long)\s+(?:name|form)\s+(?:of|for)\s+(?:the\s+)?(?P<b>[A-Za-z][A-Za-z&]{1,7})\b|"
    r"\b(?P<c>[A-Za-z][A-Za-z&]{1,7})\s+(?:is\s+|'s\s+)?short\s+for\b",
    re.I,
)


def asked_abbreviation(question: str) -> str | None:
    """The abbreviation whose long form the question asks for: "What does METI stand for?" -> "METI"."""
    match = ASKS_MEANING.search(question)
    return next((group for group in match.groups() if group), None) if match else None


def definition(abbreviation: str, text: str) -> tuple[int, int] | None:
    """Where `text` spells the abbreviation out: the span of "Ministry of Economy, Trade and Industry (METI)"."""
    return next((span for short, _, span in definitions(text) if short.lower() == abbreviation.lower()), None)


def acronyms(text: str) -> dict[str, frozenset[str]]:
    """Each abbreviation the text defines, with the concepts of its long form: "electric vehicle
    (EV)" gives {"ev": {"electric", "vehicle"}}; the long form's initials must spell it."""
    found = {short: frozenset(concepts(long)) for short, long in KNOWN_ACRONYMS.items()}
    for short, long, _ in definitions(text):
        found.setdefault(tokens(short)[0], frozenset(concepts(" ".join(long))))
    for match in ALIAS.finditer(text):  # "Foxconn, officially known as Hon Hai Precision"
        before = re.search(r"(?<![\w.])((?:[A-Z][\w&-]*[ \t]+){0,3}[A-Z][\w&-]*)$", text[max(0, match.start() - 80) : match.start()])
        after = ALIAS_NAME.match(text, match.end())  # no slice: the text is the whole corpus
        if before is None or after is None:
            continue
        one, other = sorted([before.group(1).rstrip("."), after.group(0).rstrip(".")], key=lambda name: len(name.split()))
        if len(one.split()) == 1 and tokens(one) and len(tokens(other)) > 1:
            found.setdefault(tokens(one)[0], frozenset(concepts(other)))
    return found
