"""What a question asks: the kind of value, its parts, the options it weighs, the things it names."""

from __future__ import annotations

import re

from qa.conversation import follow_up_parts
from qa.evidence import Evidence
from qa.text import CURRENCY_AFTER, CURRENCY_BEFORE, ROLE, fold, names, tokens
from qa.vocabulary import WH_WORD, concept, role_tokens

STATED_AMOUNT = re.compile(rf"{CURRENCY_BEFORE}\s?\d[\d.,]*(?:\s*(?:billion|million|trillion|bn))?(?:\s*(?:usd|dollars?))?|"
                           rf"\b\d[\d.,]*(?:\s*(?:billion|million|trillion))?\s*{CURRENCY_AFTER}\b", re.I)
# Verbs that ask by how much something moved: "How much will output rise?"; a percentage answers them.
CHANGE_VERBS = r"rise|raise|increase|boost|expand|grow|fall|drop|decline|cut|reduce"
# "For how long?", "How long has CATL led?": a number of years, not a length.
HOW_LONG = r"\bhow long\b(?=\W*(?:\(|$)|\s+(?:has|have|had|did|does|do)\b)"
# "What is Japan's current battery production?": an amount asked by the noun that measures it.
WHAT_IS = r"^\W*what(?:['’]s|\s+is|\s+was|\s+will\s+be)\s[^?]*?"
AMOUNT_NOUN = re.compile(r"\b(production|output|capacity)(?:\s+(?:goal|target))?(?:\s+(?:in|for|by|of|now|today)\b[^?]*)?\W*$", re.I)
# "What did LG Energy Solution say about Toyota?": what a named party said, not what is said of it.
STATEMENT_ASKED = re.compile(
    r"^\W*what\s+(?:did|does|do|has|have|had)\s+"
    r"(?!(?:the|this|that|each|either|both)\s+(?:article|story|report|piece|research|study|data|survey|source)s?\b)"
    r"(?!it\b|they\b)(?P<speaker>\w[^?]*?)\s+"
    r"(?:say|said|tell|told|claim|claimed|state|stated|comment|commented|mention|mentioned|report|reported|"
    r"announce|announced|think|thought|expect|expected|predict|predicted|believe|believed)\b"
)
QUESTION_TYPES = (
    ("statement", STATEMENT_ASKED),
    ("kind", re.compile(r"\bwhat (kind|sort|type) of (company|firm|business|organi[sz]ation|group|maker|manufacturer|"
                        r"corporation|enterprise)\b")),
    # "Where did Panasonic place?", "What position does CATL hold?": a rank, said "sixth place".
    ("rank", re.compile(r"^\W*where\b.*\b(place[sd]?|rank(s|ed)?|finish(es|ed)?|stand(s)?|stood)\b(\s+(among|in|on|of)\b.*)?\W*$|"
                        r"\b(what|which) (rank|ranking|position|place|spot)\b|\bhow (did|does|do|is|was)\b.*\brank(ed)?\b")),
    # "Where will the savings come from?" asks what gives them, not a place (as "Where does Foxconn come from?" does).
    ("place", re.compile(r"^\W*where\b(?!.*\b(place[sd]?|rank(s|ed)?|finish(es|ed)?|stand(s)?|stood)\b(\s+(among|in|on|of)\b.*)?\W*$)"
                         r"(?!.*\b(?:money|funds?|funding|financing|savings|cash|revenue|info|information|data|figures|news|power|"
                         r"energy|electricity|water|supply|supplies)\b.*\b(?:come|comes|came|coming)\s+from\W*$)|\bin which (\w+ )?(city|state|country|prefecture|region)\b|"
                         r"\bwhich (country|city|town|state|prefecture|region|island)\b|\blocated\b|"
                         # "What state is X in?" asks for a condition as often as for a US state.
                         r"\bwhat (country|city|town|prefecture|region|island)\b")),
    # "What job does she have now?": a role, said "chief executive", "president of Nordvang Dairy".
    ("role", re.compile(r"^\W*what\s+(?:new\s+)?(?:job|role|position|post|title)s?\b(?!\s+(?:cuts?|losses)\b)(?!.*\bplay(?:s|ed|ing)?\b)")),
    ("entity", re.compile(r"^\W*(?:(?:to|from|for|with|by|of|on)\s+)?(who|whom|whose|which (is|are|was|were)\b|"
                          r"which (compan(y|ies)|firms?|automakers?|carmakers?|makers?|manufacturers?|producers?|countr(y|ies)|city|state|"
                          r"prefecture|plant|factor(?:y|ies)|facilit(?:y|ies)|research|agency|ministry|partners?|person|executive|organi[sz]ation|"
                          r"association|one|region|island|chinese|japanese|korean|south|battery|two|ev|outlet|"
                          r"publication|newspaper|website|source|brand|suppliers?|subsidiar(y|ies)|unit|division|rivals?|competitors?))\b|"
                          # "Which construction company ...": a party named for what it does.
                          r"\b(?:which|what)\s+(?:(?!(?:the|a|an|its|their|these|those|this|that)\b)[a-z-]+\s+){1,2}?(?:compan(?:y|ies)|firms?|contractors?|builders?|operators?|developers?|plants?|factor(?:y|ies)|facilit(?:y|ies))\b(?=\s+(?:is|are|was|were|has|have|had|will|would|did|does|do)\b)|"
                          r"\bwhat company\b|\bwhat is the name\b|\b(?:official|full|formal|legal|real|proper|new|former|old)\s+(?:[\w-]+\s+)?name\b|\bknown as\W*$")),
    # "What made the project pricier?" asks a cause, whatever money it names.
    ("reason", re.compile(r"^\W*what (caused|causes|made|makes|led to|leads to|drove|drives|prompted|prompts|pushed|pushes|forced|forces|sent|sends)\b"
                          r"(?! (?:up|of|from|in|at|by)\b)")),
    # "What pay rise did they get?": a raise is told as a percentage ("a pay rise of 6.5%").
    # "How much did they offer per share?" asks a price, not a share of something.
    ("percent", re.compile(r"\b(percent|percentage|(?<!\bper )(?<!\beach )share|%|proportion)\b|(?<!\bat )\bstake\b|\bhow much of\b.*\bmarket\b|"
                           r"\b(?:pay|wage|salary)\s+(?:rise|raise|increase|hike)s?\b")),
    # "How much deeper did the piles go?": a difference in a measure, unless it is one of money.
    ("count", re.compile(r"\bhow much (?:deeper|longer|taller|wider|higher|further|farther|bigger|larger|heavier|faster|slower|later|earlier|sooner)\b"
                         r"(?!.*\b(?:cost|costs|price|prices|budget|bill|fares?|pay|paid|spend|spent|worth|money|invest\w*)\b)")),
    # "How much has the cost estimate grown?": a change in a sum of money.
    ("money", re.compile(rf"\bhow much\b.*\b(cost|costs|price|prices|budget|spending|investment|funding)\b.*\b({CHANGE_VERBS})")),
    ("count", re.compile(rf"\bhow (much|many|far)\b.*\b({CHANGE_VERBS}|reach|produc\w*|output|capacity)")),
    ("count", re.compile(WHAT_IS + AMOUNT_NOUN.pattern)),
    ("count", re.compile(HOW_LONG)),  # "For how long?": a number of years
    ("count", re.compile(rf"\bhow many\b(?!\s+(?:billion|million|trillion|{CURRENCY_AFTER})\b)")),  # "How many projects got subsidies?"
    ("money", re.compile(r"\bhow much\b|\b(cost|costs|invest\w*|spend\w*|spent|pay|pays|paid|paying|worth|value|valued|funding|subsid(?!iar)\w*|amount|pledg\w*|allocat\w*|"
                         rf"price|budget|money|{CURRENCY_AFTER})\b")),
    # "How far is Lowmere from Pellingford?": a distance, said "38 kilometres away"; "How long is the
    # bridge?", "bridge length": a length, said "180 metres long".
    ("count", re.compile(r"\bhow many\b|\bnumber of\b|\bhow (large|big)\b|\bsize of\b|\bhow far\b(?!\s+(?:behind|ahead|along)\b)|"
                         r"\bhow (?:long|wide|tall|deep)\b(?!\s+ago\b)|\b(?:length|width|height|depth)\b")),
    ("time", re.compile(r"\bwhen\b|\b(what|which) (year|month|day|date)\b|\bby when\b|\bdeadline\b|\btimeline\b|"
                        # "hallvik delisting date": the date of a doing
                        r"\b(start|[a-z]{3,}ing|launch|completion|due|target|release) (date|year)\b")),
    ("reason", re.compile(r"^\W*why\b|\bwhat (caused|causes|led to|leads to|drove|drives|is behind|lies behind|(is|are) holding back|holds? back|"
                          r"prompted|prompts|pushed|pushes|forced|forces|made(?! (?:up|of|from|in|at|by)\b))\b|\breasons?\b|\bblam(e|es|ed|ing)\b|\bhow come\b|"
                          r"\bwhat(?:['’]s| is| are)? (?:discourag|deterr?)\w*")),
    # "What type of batteries ...?": the words a text puts before "batteries" ("lithium iron phosphate"); a
    # question that also asks "from which year" asks for a year first.
    ("variety", re.compile(r"\bwhat (kind|sort|type)s? of [a-z-]+")),
    # "Any sign Japan will win back its place?" is "Is there any sign ...?" said short.
    ("judgement", re.compile(r"^\W*(is|are|was|were|has|have|had|does|do|did|can|could|will|would|should|any)\b")),
)
OWNER = re.compile(r"\b([A-Z][\w&.-]*)['’]s\s+\w|\b(?:of|at|for)\s+([A-Z][\w&.-]*)(?=\s*[?.!]?\s*$)")
# "When was the article about Oppama published?": answered by the article's dateline, not its text.
PUBLICATION = re.compile(r"\b(publish(ed|ing)?|publication|posted|dated)\b|\bdate of (the|this|that) (article|story|report|piece)\b|"
                         r"\b(article|story|report|piece)['’]?s? date\b|\b(come|came|comes) out\b", re.I)
STORY = re.compile(r"\b(article|story|piece|report|news)\b", re.I)
# An amount in a physical unit, as a question states it ("the 150 GWh goal"), and a part asking one.
PHYSICAL_UNITS = r"GWh|MWh|kWh|GW|MW|tonnes|tons"
MEASURED = re.compile(rf"\d[\d.,]*\s?({PHYSICAL_UNITS})\b", re.I)
AMOUNT_ASKED = re.compile(rf"\bhow (?:much|many)\b(?!\s+(?:{PHYSICAL_UNITS})\b)", re.I)
# "..., and when is it due?", "..., and state how much ...", "Describe X: what it was, where it ranked, and ..."
PART_SPLIT = re.compile(r"(?:,?\s+and\s+(?:(?:state|say|tell me|explain|give|describe|name|list|note)\s+)?|[:;]\s+|,\s+(?=[^,]*,?\s+and\s+(?:what|when|where|who|which|how|why)\b))"
                        r"(?=(?:(?:from|in|by|since|until|for|at|to|of|on|with)\s+)?(?:what|when|where|who|which|how|why|is|are|does|did)\b)", re.I)
# A part that is only its question word asks it of what the part before asks about; that part's
# own question words ("how much deeper", "when") go.
BARE_ASK = re.compile(r"(?:why|when|where|how)", re.I)
ASKED_HOW = re.compile(r"^\W*(?:how\s+(?:much|many|long|far)|what|which|who|whom|whose|when|where|why|how)\s+", re.I)
# A question that opens with another question word asks that; a "when" later in it dates what it
# asks about, unless it starts a part of its own ("..., and when?") or is what is asked about ("say when").
OTHER_ASK = re.compile(r"^\W*(?:(?:to|from|for|with|by|of|on|in|at)\s+)?(?:what|which|who|whom|whose|how|where|why)\b")
CLAUSE_OPENING = re.compile(r"(?:^|[,;:(]|\b(?:and|or|about|say|says|said|tell|told|know|ask|asked))\s*$")
EVENT_ASKED = re.compile(r"^\W*what\s+(?:happened|happens|will happen|is happening|has happened)\b")
CAUSE_ASKED = re.compile(r"^\W*(?:why|how come)\b")
SET_ASIDE = re.compile(r"^\W*(?:apart from|aside from|besides|other than|except for)\s+[^,?]+,\s*", re.I)
ARTICLE_REFERENCE = re.compile(r"\bthe\s+(?:[\w'-]+\s+){0,4}?(?:article|story|piece)\b(?:\s+(?:on|about)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+(?=[,:]))?")
# "Which is due first: A or B?", "Which sum is bigger, A or B?"
CHOICE = re.compile(r"^\W*(?P<ask>(?:which|who|what)\b[^:,?]*?)\s*[:,]\s*(?:either\s+)?(?P<a>[^?]+?),?\s+or\s+(?P<b>[^?]+?)\s*\?*$", re.I)
CHOICE_ASK = re.compile(r"^\W*(?:which|who|what)(?:['’]s\b|(?:\s+(?:one|[\w-]+))?\s+"
                        r"(?:is|are|was|were|has|have|had|did|does|do|will|would)\b)\s*", re.I)
# "..., and by how much?", "..., and what are the two figures?": both options' values answer it.
VALUES_ASKED = re.compile(r",?\s+and\s+(?:by\s+(?:how\s+(?:much|many|far|long)(?:\s+\w+)?|what\s+margin)|what\s+(?:are|were)\s+"
                          r"(?:the\s+)?(?:two\s+|both\s+)?(?:figures|amounts|numbers|sums|costs|values))\s*\?*\s*$", re.I)
WHEN_OPTION = "When is "  # "Which opens first: A or B?" asks "When is A opens?" of each
COMPARATIVE = re.compile(r"\b(?:first|last|earlier|later|sooner|bigger|larger|smaller|higher|lower|greater|more|less|"
                         r"most|least|biggest|largest|smallest|highest|lowest|better|worse)\b", re.I)
# "How does the government's money compare to what the companies spend?", "Compare A with B".
COMPARISON = re.compile(
    r"^\W*(?:how\s+(?:does|do|did|would|will)\s+(?P<a>.+?)\s+compare|compare\s+(?P<a2>.+?))\s+"
    r"(?:to|with|against|versus|vs\.?)\s+(?P<b>[^?.!]+?)\s*[?.!]*\s*$",
    re.I,
)
# "How did CATL's share change between July 2024 and the full year?", "How has ridership changed from
# 2022 to 2025?": what it was at each time.
CHANGE_BETWEEN = re.compile(
    r"^\W*how\s+(?:did|does|do|has|have|had|will|would)\s+(?P<what>.+?)\s+"
    r"(?:change|changed|move|moved|shift|shifted|evolve|evolved|develop|developed|differ)\s+"
    r"(?:(?:between\s+(?P<a>.+?)\s+and|from\s+(?P<since>.+?)\s+to)\s+(?P<b>[^?.!]+?)|since\s+(?P<then>[^?.!]+?))\s*[?.!]*\s*$",
    re.I,
)
# "from 2022 to 2025" spans two times; "from a bridge to a tunnel" two things, each not asked of the past.
TIME_SIDE = re.compile(r"\b(?:(?:19|20)\d\d|last year|this year|now|today)\b", re.I)
NOW = re.compile(r"now|today", re.I)
# "Were A and B due to open in the same year?": asked of each, as when each is due to open.
SAME = re.compile(
    r"^\W*(?P<aux>is|are|was|were|do|does|did|will|would|have|has|had)\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+"
    r"(?P<pred>(?:due|expected|scheduled|set|slated|planned|going|supposed|based|located|headquartered|made|built|"
    r"from|in|at|on|come|comes|coming|open|start|begin)\b.*?)\s*(?:\b(?:in|at|on|by|for)\s+)?the same\s+"
    r"(?P<what>year|month|day|date|time|place|country|city|state|prefecture|region)\s*[?.!]*\s*$",
    re.I,
)
SAME_TIME = {"year", "month", "day", "date", "time"}
POSSESSOR_ONLY = re.compile(r"^\S+['’]s?$")  # "... with BYD's?": BYD's what the first one has
# "Is demand rising or falling?", "Did sales fall in Japan or in the US?": a yes/no question offering two alternatives.
YES_NO = re.compile(r"^\W*(?:is|are|was|were|has|have|had|does|do|did|can|could|will|would|should)\b", re.I)
OR = re.compile(r"\s+or\s+", re.I)
ALTERNATIVE_END = re.compile(r"[,;:?]|$")
NOT_AN_ALTERNATIVE = re.compile(r"^(?:not|no|none|otherwise|so|else|both|neither|either|more|less)\b", re.I)
PARALLEL_WORD = re.compile(r"^(?:in|at|on|to|from|for|by|with|into|since|until|before|after|over|under)$", re.I)
# "What is the name of the new model that ...": the head noun the name must stand next to.
NAME_OF = re.compile(r"\bname of\s+(?P<head>(?:[\w’'-]+\s+){0,4}?[\w-]+)(?=\s+(?:that|which|who|whom|whose|of|for|in|at|to|on|with|by|is|was|will|did|does)\b|\s*[?.]?\s*$)", re.I)
WHO = re.compile(r"^\W*(who|whom)\b", re.I)
# A role only in "who" questions: "Japan's sole representative among the top ten" is a company.
REPRESENTATIVE = re.compile(r"\brepresentatives?\b", re.I)


# "Who runs Nissan?", "who heads nissan", "Who is the head of Nissan?": a company's chief executive,
# which the articles name by that role ("Nissan's CEO Ivan Espinosa"), never by the verb.
LEADER = re.compile(
    r"^\W*who\s+(?:runs|leads|heads|manages|is\s+in\s+charge\s+of|is\s+at\s+the\s+helm\s+of|"
    r"is\s+the\s+(?:head|leader|boss)\s+of)\s+(?P<owner>[^?!]+?)\s*[?!]*\s*$",
    re.I,
)


def role_question(question: str, vocabulary: frozenset[str]) -> str:
    """"Who runs Nissan?" -> "Who is Nissan's CEO?" when the articles name CEOs; any other question,
    and one about a description ("the startup that is building ..."), unchanged."""
    found = LEADER.match(question)
    if not found or "ceo" not in vocabulary or len(found.group("owner").split()) > 4 or WH_WORD.search(found.group("owner")):
        return question
    owner = found.group("owner")
    if owner.endswith(".") and not re.search(r"\b(?:Co|Inc|Corp|Ltd)\.$", owner):
        owner = owner[:-1]  # the sentence's full stop, not "Co."
    return f"Who is {owner}'s CEO?"


def asks_publication_date(question: str) -> bool:
    """"When was the article about Oppama published?", "Oppama article publication date"; not "To which
    publication did ... complain?", which asks for a name."""
    dated = question_type(question) == "time" or "date" in tokens(question)
    said = {fold(m.group(0)) for m in PUBLICATION.finditer(question)}
    if said and all(m.endswith(" out") for m in said):  # "came out" is publication only for a story
        return dated and bool(STORY.search(question))
    return dated and bool(said)


def question_type(question: str) -> str | None:
    """'entity', 'statement', 'percent', 'money', 'count', 'time', 'reason', 'judgement', ... or None:
    the kind of answer wanted."""
    found = _type_match(question)
    return found[0] if found else None


def type_words(question: str) -> set[str]:
    """The words that say what kind of value is asked for: "percentage", "spend", "when"."""
    found = _type_match(question)
    return set(tokens(found[1])) if found else set()


def _type_match(question: str) -> tuple[str, str] | None:
    """The first question type whose pattern the question matches, with the text it matched."""
    follow_up = follow_up_parts(question)
    if follow_up:  # "For how long (Which company leads the market)?" asks how long, not which company
        own, previous = follow_up
        return _type_match(own) or _type_match(previous)
    folded = ARTICLE_REFERENCE.sub(" ", fold(question))  # "the investment article" does not ask for money
    folded = SET_ASIDE.sub("", folded)  # "Apart from Reuters, which outlet ...?" asks "which outlet"
    # An amount the question states is what it refers to, not what it asks: "The carmaker slated for
    # 55.7 billion yen: how big a workforce cut is it planning?" asks for a count.
    folded = STATED_AMOUNT.sub(" ", folded)
    if EVENT_ASKED.match(folded):
        return None  # "What happened to the subsidy?" asks for an event, not for an amount
    cause = CAUSE_ASKED.match(folded)
    if cause and not PART_SPLIT.search(folded):
        return "reason", cause.group(0)  # "Why are firms investing abroad?" asks no sum
    for name, pattern in QUESTION_TYPES:
        match = next((m for m in pattern.finditer(folded) if m.group(0) != "when" or _asks_when(folded, m.start())), None)
        if match:
            return name, match.group(0)
    return None


def _asks_when(folded: str, at: int) -> bool:
    """The "when" at `at` is what the question asks, not the time of what it asks about: "What will
    it be called when it opens?" asks a name, "What job did she hold when the merger was announced?" a job."""
    return OTHER_ASK.match(folded) is None or CLAUSE_OPENING.search(folded, 0, at) is not None


def question_parts(question: str) -> list[str]:
    """"How many work there, and where is it?" -> two questions; one part for most questions.

    A choice between two things ("Which opens first: the Subaru plant or the Lexus plant?") is
    asked about each of them ("the Subaru plant opens", "the Lexus plant opens"), so each gets its
    own evidence.
    """
    choice = _choice(question)
    if choice is not None:
        ask = choice.group("ask")
        asked = COMPARATIVE.sub(" ", CHOICE_ASK.sub("", ask))
        asked = re.sub(r"^\W*(?:which|who|what)\b", " ", asked, flags=re.I)  # "Which happened first": "happened"
        when = WHEN_OPTION if re.search(r"\b(first|earlier|sooner|later|last|earliest|latest)\b", ask, re.I) else ""
        return [" ".join(f"{when}{option} {asked}".split()) + ("?" if when else "") for option in (choice.group("a"), choice.group("b"))]
    alternatives = _alternatives(question)
    if alternatives is not None:
        return alternatives
    compared = _compared(question) or _same(question) or _between(question)
    if compared is not None:
        return compared
    parts = [part.strip(" ,?") for part in PART_SPLIT.split(question) if part.strip(" ,?")]
    for i in range(1, len(parts)):
        if BARE_ASK.fullmatch(parts[i]):  # "... have to go and why": why they had to go deeper
            parts[i] = f"{parts[i]} {ASKED_HOW.sub('', parts[i - 1], count=1)}"
    return [_with_unit(part, question) for part in parts] if len(parts) > 1 else [question]


def _with_unit(part: str, question: str) -> str:
    """"how much does Japan produce now" asked beside "the 150 GWh goal" -> "how much GWh does Japan
    produce now": a part asking an amount keeps the unit the rest of the question measures it in."""
    stated = MEASURED.search(question)
    if stated is None or MEASURED.search(part) or not AMOUNT_ASKED.search(part):
        return part
    return AMOUNT_ASKED.sub(lambda m: f"{m.group(0)} {stated.group(1)}", part, count=1)


def _compared(question: str) -> list[str] | None:
    """"How does CATL's share compare with BYD's?" -> ["CATL's share", "BYD's share"]; None when
    the question compares nothing. Each side is sought on its own, so both are cited."""
    match = COMPARISON.match(question)
    if match is None or PART_SPLIT.search(match.group("b")):
        return None
    first, second = (match.group("a") or match.group("a2")).strip(), match.group("b").strip()
    owned = re.match(r".*?['’]s?\s+(?P<thing>.+)$", first)
    if owned and POSSESSOR_ONLY.match(second):
        second = f"{second} {owned.group('thing')}"  # "BYD's" -> "BYD's share"
    if min(len(tokens(first)), len(tokens(second))) < 2:
        return None  # "with the US" for "EV sales in Japan": too little to seek on its own
    return [first, second]


def _same(question: str) -> list[str] | None:
    """"Were A and B due to open in the same year?" -> ["When were A due to open?", "When were B due
    to open?"]: whether two things share a date or a place is read from each one's own."""
    match = SAME.match(question)
    if match is None:
        return None
    what = match.group("what").lower()
    wh = "When" if what in SAME_TIME else "Which country" if what == "country" else "Where"
    aux, pred = match.group("aux").lower(), match.group("pred").strip()
    return [f"{wh} {aux} {match.group(side).strip()} {pred}?" for side in ("a", "b")]


def _between(question: str) -> list[str] | None:
    """"How did CATL's share change between July 2024 and 2025?" -> ["What was CATL's share in July
    2024?", "What was CATL's share in 2025?"]: a change is told by its value at each time; "since
    2023" runs to now."""
    match = CHANGE_BETWEEN.match(question)
    if match is None or PART_SPLIT.search(match.group("b") or match.group("then")):
        return None
    first, last = match.group("a") or match.group("since") or match.group("then"), match.group("b") or "now"
    if not (match.group("a") or (TIME_SIDE.search(first) and TIME_SIDE.search(last))):
        return None
    what = match.group("what")
    return [
        f"What is {what} {side.strip()}?" if NOW.fullmatch(side.strip()) else f"What was {what} in {side.strip()}?"
        for side in (first, last)
    ]


def _alternatives(question: str) -> list[str] | None:
    """"Is demand rising or falling?" -> ["Is demand rising?", "Is demand falling?"]; None for other questions.

    The second alternative runs from "or" to the next comma or the question mark; the first is the
    span before "or" that parallels it: from the same preposition ("in Japan or in the US"), from
    the same verb form ("producing … or buying …"), or else a name or a word ("Japan or abroad").
    """
    if not YES_NO.match(question) or len(OR.findall(question)) != 1:
        return None
    joint = OR.search(question)
    assert joint is not None
    before, after = question[: joint.start()].split(), question[joint.end() :]
    second = after[: ALTERNATIVE_END.search(after).start()].split()  # type: ignore[union-attr]
    if len(before) < 2 or not second or NOT_AN_ALTERNATIVE.match(second[0]):
        return None
    start = _parallel_start(before, second[0])
    if start is None:  # one word or one name against one word or one name; the rest applies to both
        start = len(before) - len(_unit(before[:0:-1]))  # the question's first word is never an alternative
        second = _unit(second)
    if start < 1:
        return None
    ends = re.match(r"\s*" + r"\s+".join(map(re.escape, second)), after)
    rest = after[ends.end() :].rstrip(" ?") + "?" if ends else "?"
    prefix = " ".join(before[:start])
    return [f"{prefix} {' '.join(before[start:])}{rest}", f"{prefix} {' '.join(second)}{rest}"]


def _parallel_start(before: list[str], first: str) -> int | None:
    """Where the first alternative starts: at the last word like the second alternative's first one."""
    first = first.lower()
    if PARALLEL_WORD.match(first):
        found = [n for n, word in enumerate(before) if word.lower() == first]
    elif len(first) > 4 and first.endswith(("ing", "ed")):
        suffix = "ing" if first.endswith("ing") else "ed"
        found = [n for n, word in enumerate(before) if word.lower().endswith(suffix)]
    else:
        return None
    found = [n for n in found if n]  # the question's first word is its auxiliary
    return found[-1] if found else None


def _unit(words: list[str]) -> list[str]:
    """The leading name ("South Korea") or else the leading word of `words`."""
    if not words[0][:1].isupper():
        return words[:1]
    length = next((n for n, word in enumerate(words) if not word[:1].isupper()), len(words))
    return words[:length]


def untimed_option(part: str) -> str:
    """A choice's option asked without its "When is": "When is A opening?" -> "A opening"."""
    return part.removeprefix(WHEN_OPTION).removesuffix("?") if part.startswith(WHEN_OPTION) else part


def choice_options(question: str) -> tuple[str, str] | None:
    """The two things a choice question weighs: "Which opens first: A or B?" -> (A, B).

    """
    choice = _choice(question)
    return (choice.group("a"), choice.group("b")) if choice else None


def told_apart(ranking: list[Evidence], other: str) -> list[Evidence]:
    """The ranking for one option of a choice with the sentences that also name the other one last:
    "Toyota and Nissan will spend a combined $7 billion" tells neither's spending."""
    named = set(tokens(" ".join(names(other)))) or set(tokens(other))
    return sorted(ranking, key=lambda e: bool(named) and named <= set(tokens(e.sentence.text)))


def offers_options(question: str) -> bool:
    """The question weighs two options, and `question_parts` asks about each in full: no part points back."""
    return any(weighs(question) is not None for weighs in (_choice, _alternatives, _compared))


def _choice(question: str) -> re.Match[str] | None:
    """The choice in the question, unless its second option runs on into another ask ("... or B, and when ...?").
    "..., and by how much?" asks nothing more: both options' values answer it."""
    choice = CHOICE.match(VALUES_ASKED.sub("?", question))
    return choice if choice and PART_SPLIT.search(choice.group("b")) is None else None


def owners(question: str) -> set[str]:
    """Tokens of the names the question asks about something of: "Toyota's CEO", "the CEO of Toyota"."""
    found = set()
    for match in OWNER.finditer(question):
        name = match.group(1) or match.group(2)
        if names(name):
            found |= set(tokens(name))
    return found


def named_thing(question: str) -> str | None:
    """What a question wants named: "What is the name of the new EV model that ..." -> "model",
    "Who is the association's representative?" -> "spokesperson" (the concept of "representative")."""
    match = NAME_OF.search(question)
    if match and tokens(match.group("head")):
        return concept(tokens(match.group("head"))[-1])
    role = (ROLE.search(question) or REPRESENTATIVE.search(question)) if WHO.match(question) else None
    return concept(role_tokens(role.group(0))[-1]) if role and role_tokens(role.group(0)) else None
