"""Turn a follow-up ("And BYD?", "When will that plant open?") into a standalone question."""

from __future__ import annotations

import re
from collections.abc import Iterable

from qa.citations import QUOTE_OPEN
from qa.text import COMMON_CAPITALISED, ROLE, STOPWORDS, fold, names, place_forms, tokens

FOLLOW_UP = re.compile(r"^\s*(?:and|what about|how about|what of|and what about)\s+(?P<subject>.+?)\s*[?.!]*\s*$", re.I)
# "And when does production start?": a whole question, carried on from the last one by its opening word.
CONTINUATION = re.compile(
    r"^\s*(?:and|also|so|then|but)\s*,?\s+(?=(?:what|when|where|who|whom|whose|which|how|why|is|are|was|were|"
    r"does|do|did|can|could|will|would|has|have|had)\b)",
    re.I,
)
# A follow-up that changes when or where, not whom: "And in 2024 as a whole?", "And abroad?".
CIRCUMSTANCE = re.compile(
    r"(?:in|at|on|for|during|by|from|as of|before|after|since|until|abroad|overseas|domestically|locally|"
    r"globally|worldwide|now|today|then|later|earlier|instead)\b",
    re.I,
)
# "What did Toyota buy from LG?": a question asking what was done, whose answer is a thing.
ASKS_FOR_OBJECT = re.compile(r"^\W*what\s+(?:did|does|do|has|have|had)\b", re.I)
# "What is it discussing?", "When did it announce that?": "it" does something, so it is the party.
IT_ACTS = re.compile(
    r"\b(?:did|does|do|will|would|can|could|is|was|has|had|should|might)\s+it\s+"
    r"(?!(?:worth|cost|costs|priced|made|built|delivered|supplied|used|sold|bought|shipped|for|from|in|at|to)\b)[a-z]+",
    re.I,
)
# What was done, pointed at and not named: "do that", "said this".
DEED = re.compile(r"\b(?:do|does|did|doing|done|say|says|said|mean|means|meant)\s+(?:that|this|so)\b", re.I)
ANAPHORA = re.compile(
    r"\b(it|its|it's|they|their|them|he|his|she|her|this|that|these|those|there|the company|the plant|"
    r"the factory|the facility|the firm|the project|the deal|the automaker|the same)\b",
    re.I,
)
PERSONAL = re.compile(r"\b(he|she|him|his|her|hers)\b", re.I)  # points at a person, never at a company
# "at Nissan's Oppama plant": where "there" points.
PLACE_PHRASE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|plant|factory|facility|site))*")
# "Which automaker ...?", "What company ...?": the answer is a name. "What is holding back X?" asks about X.
ASKS_FOR_ENTITY = re.compile(
    r"^\s*(which|who|what(?!\s+(is|are|was|were|did|does|do|could|would|will|has|have|had|can|should|might|may|"
    r"number|amount|share|percentage|kind|sort|type)\b))\b",
    re.I,
)
COMPANIES = {"company", "firm", "automaker", "carmaker"}  # a referring noun that is the named party itself
REGIONS = "country|nation|city|region|prefecture|state|island"  # "that country": a place, named as it is
THINGS = "company|plant|factory|facility|firm|project|deal|automaker|carmaker|partnership|agreement|venture|plan"
# "the automaker in talks with Foxconn", "the plant in Kitakyushu", "the company that ...": a thing the
# question itself says which one it is, so no earlier turn is needed (unlike "the plant in 2025").
DEFINED = r"\s+(?:(?:in|at|of|with|behind|near|from|on)\s+(?:the\s+)?(?:[A-Z]|talks\b)|(?:that|which|who|whose)\b)"
REFERRING_PHRASE = re.compile(
    r"\b(?:that|this|the|its|their)\s+(?P<noun>" + THINGS + r")\b(?!" + DEFINED + r")|\b(?:that|this|the same)\s+(?P<region>" + REGIONS + r")\b|"
    r"\b(?P<pronoun>it|they|them|he|she)\b|"
    r"\b(?P<possessive>its|their|his|her)\b|\b(?P<place>there)\b",
    re.I,
)

ABBREVIATIONS = {"Co.", "Corp.", "Inc.", "Ltd.", "Bros.", "Jr.", "Sr.", "St."}
# "from China", "in Lansing, Michigan"; not "in the EV industry", where the name qualifies a noun.
PLACE_NAME = re.compile(r"\b(?:in|at|near|from|outside)\s+(?:the\s+)?([A-Z][\w-]+)(?!\s+(?!and\b|or\b)[a-z])")
# "Chinese batteries": an adjective, not something "it" can point to.
NATIONALITY = re.compile(r"(?:ese|ian|ean|ican|ish)$")


def standalone_question(question: str, history: list[tuple[str, str]] | None, *, turn: bool = True) -> str:
    """The question with references to earlier turns filled in; unchanged when it stands alone.

    `turn` is False for a later part of one compound question, whose earlier part is answered on
    its own: "…, and how did toyota itself frame it?" does not search with that part again.
    """
    if not history:
        return question
    # The previous question may itself have been a follow-up: resolve it first (last few turns only).
    previous = standalone_question(history[-1][0], history[-4:-1]) if len(history) > 1 else history[-1][0]
    continued = CONTINUATION.match(question)
    if continued:  # its subject, when it names none, is the last question's
        question = question[continued.end() :]
        question = question[:1].upper() + question[1:]
    follow_up = FOLLOW_UP.match(question)
    if follow_up and CIRCUMSTANCE.match(follow_up["subject"]):
        # "And in 2024 as a whole?", "And abroad?": the same question at another time or place.
        return _with_previous(follow_up["subject"], previous)
    if follow_up and len(follow_up["subject"].split()) <= 6:
        return _substitute_subject(previous, follow_up["subject"])
    thing = re.search(r"\bit\b", question, re.I) and not IT_ACTS.search(question) and not DEED.search(question)
    if ASKS_FOR_OBJECT.match(previous) and thing:
        # "What did Toyota buy from LG?" + "How much was it worth?": "it" may be the thing the answer
        # named as well as Toyota, so the earlier question goes along whole instead of a guess.
        return _with_previous(question, previous)
    if ANAPHORA.search(question):
        subject = _referent(previous, history[-1][1], question)
        if subject:
            resolved = _replace_reference(question, subject, previous, history[-1][1])
            if continued and DEED.search(resolved):  # "And why did it do that?": what it did is the last question
                return _with_previous(resolved, previous)
            if resolved != question:
                return resolved
    if _fragment(question) or (continued and not names(question)):
        return _with_previous(question, previous)
    if turn and ANAPHORA.search(question) and not names(question) and len(question.split()) <= SHORT_FOLLOW_UP:
        # "Is that still going ahead?" after "What was Halvern planning to do with the waste heat?":
        # "that" is what the last question asked about, which no name in it stands for.
        return _with_previous(question, previous)
    return question


# A follow-up that is only a phrase: "For how many years?", "By how much exactly?", "In which year?".
PHRASE_OPENING = re.compile(
    r"^\W*(?:out of|for|since|by|in|from|until|till|at|to|with)\s+(?:how|what|which|when|whom)\b", re.I
)
FRAGMENT_WORDS = 5
SHORT_FOLLOW_UP = 6  # words of a follow-up that points back and names nothing: the last question goes along
# Capitalised as a question's first word, yet no name: "Since when?".
FRAGMENT_OPENINGS = STOPWORDS | {"since", "until", "till", "for", "from", "by", "in", "at", "out"}


def _fragment(question: str) -> bool:
    """A follow-up too short to ask anything alone: "Why?", "How many?", "For how many years?"."""
    words = question.split()
    opening = words[0].lower() if words else ""
    if any(name.lower() != opening or opening not in FRAGMENT_OPENINGS for name in names(question)):
        return False
    return len(words) <= 3 or len(words) <= FRAGMENT_WORDS and bool(PHRASE_OPENING.match(question))


# "…, and what has Foxconn said about them?": what "them" points at is the earlier part's topic,
# which that part's evidence already covers; the part asks what its own words ask.
TRAILING_REFERENCE = re.compile(
    r"\s+(?:about|of|on|regarding|over)\s+(?:it|them|this|that|these|those)(?=\W*$)", re.I
)


def later_part(part: str, previous: str, evidence: str) -> str:
    """A later part of a compound question made to stand alone, after `previous` (the part before,
    already standing alone) and `evidence` (the sentence found for it)."""
    dropped = TRAILING_REFERENCE.sub("", part)
    if dropped != part and len(dropped.split()) >= 3 and tokens(dropped) and not ANAPHORA.search(dropped):
        return dropped
    return standalone_question(part, [(previous, evidence)], turn=False)


def resolve_in_context(question: str, statement: str, evidence: str) -> str:
    """A question that points back at a statement asked with it, answered by `evidence`:
    "X says competition comes especially from one country. What share does that country's leader
    hold?" -> "What share does China's leader hold?". Unchanged when it points at nothing.
    """
    if not ANAPHORA.search(question):
        return question
    place = any(match["region"] for match in REFERRING_PHRASE.finditer(question))
    subject = _new_name(evidence, statement, place=place)
    return _replace_reference(question, subject, statement, evidence) if subject else question


def _referent(previous: str, answer: str, question: str = "") -> str | None:
    """What "it" points to: the answer of a which/who question, else the earlier question's subject.

    A pronoun does not point to a name its own question uses: in "What is Foxconn supposed to supply
    them with?", "them" is not Foxconn. Of the names the answer adds, the one nearest the words it
    shares with the earlier question is taken ("Mitsubishi Motors, which is Nissan's junior alliance
    partner").
    """
    own = {name.lower() for name in names(question)}
    # "What is Nissan's CEO's name?" + "What did he announce?": "he" is the CEO the answer names.
    if ASKS_FOR_ENTITY.match(previous) or (PERSONAL.search(question) and ROLE.search(previous)):
        named = _new_name(answer, previous, own)
        if named:
            return named
    # "what kind of company is foxconn": a subject typed in lower case is spelled as the answer spells it
    subject = _main_subject(previous) or _typed_in_lower_case(previous, answer)
    if subject and subject.lower() in own:
        others = [name for name in names(previous) if name.lower() not in own]
        return _main_subject(previous[previous.index(others[0]) :]) if others else None
    if subject and re.search(r"\b(it|its)\b", question, re.I):
        # "Where was Nissan's LFP plant going to be?" + "When should it have opened?": the plant.
        owned = _owned_phrase(previous, subject, THINGS)
        return owned.group(0) if owned else subject
    return subject


def _typed_in_lower_case(previous: str, answer: str) -> str | None:
    """The first name the answer gives that the earlier question typed in lower case: "Foxconn" for
    "what kind of company is foxconn"."""
    asked = set(tokens(previous))
    return next((name for name in names(answer) if tokens(name) and set(tokens(name)) <= asked), None)


def _new_name(answer: str, previous: str, exclude: Iterable[str] = (), *, place: bool = False) -> str | None:
    """The name the answer adds that the earlier text points at: nearest the words they share.

    Not a name in `exclude`, not a nationality adjective, not a place an earlier "Japanese" already
    named; with `place`, a name that stands after "from"/"in"/"at" when there is one ("from China").
    When the answer's own words restate what was asked and name something, that name comes before
    the names in its quotes: "The company building the hub is Carden Builders. [1] “… a hub at
    Marwick General Hospital …”" is about Carden Builders. A bare "Lansing, Michigan." pairs nothing.
    """
    known = set(exclude) | {form for name in names(previous) for form in place_forms(name.lower())}
    fresh = [name for name in names(answer) if name.lower() not in known and not NATIONALITY.search(name)]
    if place:
        places = {match.group(1) for match in PLACE_NAME.finditer(answer)}
        fresh = [name for name in fresh if name in places] or fresh
    if not fresh:
        return None
    lead = answer.split(QUOTE_OPEN, 1)[0]  # a prefix of the answer: where a name starts is the same in both
    in_lead = [name for name in fresh if name in lead] if _asked_words(previous) & set(tokens(lead)) else []
    start = _nearest(in_lead, lead, previous) if in_lead else _nearest(fresh, answer, previous)
    return _main_subject(answer[start:])


def _nearest(candidates: list[str], answer: str, previous: str) -> int:
    """Where in the answer the candidate nearest the earlier question's own words starts."""
    asked = _asked_words(previous)
    words = list(re.finditer(r"\S+", answer))
    echoes = [i for i, word in enumerate(words) if asked & set(tokens(word.group(0)))]
    best: tuple[int, int] | None = None  # (distance, start)
    for name in candidates:  # every mention counts: "Ivan Espinosa. [1] “… Nissan's CEO Ivan Espinosa …”"
        for mention in re.finditer(re.escape(name), answer):
            at = next(i for i, word in enumerate(words) if word.end() > mention.start())
            distance = min((abs(at - i) for i in echoes), default=0)
            if best is None or distance < best[0]:
                best = (distance, mention.start())
    assert best is not None
    start = best[1]
    while (
        (before := re.search(r"([A-Z][\w&.-]*)\s+$", answer[:start]))
        and fold(before.group(1)) not in COMMON_CAPITALISED
        and not ROLE.fullmatch(before.group(1))  # "CEO Ivan Espinosa" is "Ivan Espinosa"
    ):
        start = before.start(1)  # "Motors" is part of "Mitsubishi Motors"
    return start


def _asked_words(previous: str) -> set[str]:
    """The earlier question's own words, not its names; a role is asked about, not named: "Who is
    Nissan's CEO?" is answered next to "CEO"."""
    roles = {token for match in ROLE.finditer(previous) for token in tokens(match.group(0))}
    return set(tokens(previous)) - ({token for name in names(previous) for token in tokens(name)} - roles)


def _main_subject(text: str) -> str | None:
    """The first run of capitalised words that is not a question word: "Nissan", "Toyota Battery".

    A run ends at a possessive, so "Nissan Motor Co.'s CEO" gives "Nissan Motor Co.".
    """
    for match in re.finditer(r"[A-Z][\w&.-]*(?:['’]s)?(?:\s+[A-Z][\w&.-]*(?:['’]s)?)*", text):
        words: list[str] = []
        for word in match.group(0).split():
            if re.sub(r"['’]s$", "", word.lower()) in COMMON_CAPITALISED and not words:  # "Has", "Nissan's"
                continue
            words.append(word)
            if re.search(r"['’]s$", word):
                break
        if words:
            subject = re.sub(r"['’]s$", "", " ".join(words))
            if subject.endswith(".") and subject.split()[-1] not in ABBREVIATIONS and "." not in subject.split()[-1][:-1]:
                subject = subject[:-1]  # "China." ends a sentence; "Co." and "U.S." keep their points
            noun = re.match(r"\s+([a-z]+)", text[match.end() :])
            if NATIONALITY.search(subject) and noun and noun.group(1) not in STOPWORDS:
                return f"the {subject} {noun.group(1)}"  # "the Japanese government", not "Japanese"
            return subject
    return None


# A follow-up made to stand alone: its own words, then the earlier question in parentheses.
FOLLOW_UP_FORM = re.compile(r"^([^()]*\w[^()]*?)\s*\(([^()]+)\)\W*$")


def _with_previous(question: str, previous: str) -> str:
    """The follow-up's own words, then the earlier question in parentheses: "Why (What did Nissan cancel)?"."""
    return f"{question.rstrip('?. ')} ({previous.rstrip('?. ')})?"


def follow_up_parts(question: str) -> tuple[str, str] | None:
    """A question written by `_with_previous`, split back into its own words and the earlier question."""
    match = FOLLOW_UP_FORM.match(question)
    return (match.group(1), match.group(2)) if match else None


def _substitute_subject(previous: str, subject: str) -> str:
    """"What share did CATL hold?" + "And BYD?" -> "What share did BYD hold?"; "When does Nissan's
    LFP plant open?" + "And Toyota's Fukuoka plant?" -> "When does Toyota's Fukuoka plant open?"."""
    old = _main_subject(previous)
    noun = re.search(rf"\s({THINGS})\s*$", subject.strip())
    owned = _owned_phrase(previous, old, noun.group(1)) if old and noun else None
    if owned:  # the new subject names its thing: it stands for the old one's whole phrase
        return previous[: owned.start()] + subject.strip() + previous[owned.end() :]
    if old and old in previous:
        return previous.replace(old, subject.strip(), 1)
    return f"{previous.rstrip('?. ')}: {subject}?"


def _owned_phrase(text: str, owner: str, nouns: str) -> re.Match[str] | None:
    """Where the text names the owner's thing, with up to three words between: "Nissan's LFP plant"."""
    return re.search(rf"{re.escape(owner)}['’]s\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b", text)


def _replace_reference(question: str, subject: str, previous: str = "", answer: str = "") -> str:
    place = PLACE_PHRASE.search(previous)

    def swap(match: re.Match[str]) -> str:
        if re.match(r"(?i)its|their", match.group(0)) and names(question[: match.start()]):
            return match.group(0)  # "Which firm is Nissan talking to about its plant?": its own subject
        if match["noun"] and match["noun"].lower() in COMPANIES and names(subject):
            return subject  # "Where is that company from?" after "Foxconn": Foxconn, not "Foxconn's company"
        if match["noun"]:
            return _named(match["noun"], answer) or _named(match["noun"], previous) or f"{subject}'s {match['noun']}"
        if match["region"]:
            return subject  # "that country's leading maker" -> "China's leading maker"
        if match["possessive"]:
            led = _led_body(question[match.end() :], previous) if PERSONAL.fullmatch(match.group(0)) else None
            return led or f"{subject}'s"
        if match["place"]:
            return place.group(0) if place else f"at {subject}"
        return subject

    return REFERRING_PHRASE.sub(swap, question, count=1)


# What a person's role puts under them: "her members" after "Who is the general secretary of the union?".
LED_NOUN = re.compile(r"\s+(?:members|staff|employees|workers|colleagues|team)\b", re.I)
# "the general secretary of the Vellamar Dockworkers' Union": the body a role is held in.
ROLE_BODY = re.compile(r"^\W*who\b.*?\b(?:of|at)\s+(?P<the>the\s+)?(?P<body>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)", re.I)


def _led_body(rest: str, previous: str) -> str | None:
    """ "her members" are the members of the body the earlier question asked her role in, not hers:
    "Who is the general secretary of the Harbour Union?" + "When did her members strike?" -> "the
    Harbour Union's". None when the noun is no one's to lead or the earlier question names no body."""
    body = ROLE_BODY.match(previous)
    if not LED_NOUN.match(rest) or body is None:
        return None
    return f"{body['the'] or ''}{body['body']}'s"


def _named(noun: str, text: str) -> str | None:
    """How the text names a thing of this kind: "the Oppama plant", "LG Energy Solution's facility"."""
    name = r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*"
    for match in re.finditer(rf"({name})(['’]s)?\s+{noun}\b", text):
        words = [word for word in match.group(1).split() if fold(word) not in COMMON_CAPITALISED]
        if words:
            owner = " ".join(words)
            return f"{owner}'s {noun}" if match.group(2) else f"the {owner} {noun}"
    return None
