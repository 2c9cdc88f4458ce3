"""Pick the sentences that answer a question, and decide when nothing does.

Passages come from retrieval; here every sentence in them is scored on its own, because a
citation must support the sentence it is attached to, not merely sit near it. A sentence is
read with the one before it and its article's title, so "It will invest $3.8 billion" can
answer a question that names the company only in the previous sentence.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from qa.chunking import Sentence
from qa.conversation import follow_up_parts
from qa.embedding import english_words
from qa.index import SearchIndex
from qa.retrieval import Hit
from qa.text import (
    MONTH_WORDS,
    NUMBER,
    ORDINALS,
    ROLE,
    STOPWORDS,
    edit_distance_at_most,
    fold,
    names,
    numbers,
    place_forms,
    tokens,
)

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
TIME_REACH = 4  # words either side of a relative time that tie it to what it dates
MONTH_NAMES = "|".join(sorted(month.capitalize() for month in MONTH_WORDS))  # "April|August|...": no month begins another
MONTH = re.compile(rf"\b({MONTH_NAMES})\b")
# A month or a part of a year, with the year: "June 2024", "the first half of 2023", "Q3 2024".
PART_OF_YEAR = re.compile(rf"\b(?:{MONTH_NAMES}|"
                          r"(?:first|second|third|fourth|1st|2nd|3rd|4th) (?:half|quarter)|Q[1-4]|H[12])(?: of)?,? (?:19|20)\d\d\b")
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
EXACT_WHEN = re.compile(r"\b(what|which) (month|day|date)\b|\bon what date\b|\bexact date\b", re.I)
TYPE_PATTERNS = {
    "count": re.compile(r"\d|" + NUMBER_WORDS, re.I),
    "money": re.compile(r"[$€£¥]\s?\d|\d\s*(billion|million|trillion)?\s*(yen|dollars?|usd|euros?)\b|\b\d[\d.,]*\s*(billion|million|trillion)\b", re.I),
    "percent": re.compile(r"\d\s?%|\bpercent\b|\bper cent\b", re.I),
    "reason": re.compile(r"(?:\b|(?=,))(because|due to|amid|owing to|as a result|result of|driven by|"
                         r"in response to|prompted|led to|(?:discouraged|deterred|held back|hampered) by|,\s*(?:thus\s+)?leading (?:[\w’'-]+ ){0,3}?to|"
                         r"resulting in|thanks to|caused|given|factors?|in order to|blam(?:e|es|ed|ing)|"
                         r"to (avoid|reduce|cut|lower|prevent|ensure))\b", re.I),
    # A yes/no question is answered by a sentence that takes a stance: a negation, a doubt, a verdict.
    "judgement": re.compile(r"\b(not|no longer|never|doubts?|into question|questionable|unlikely|uncertain\w*|"
                            r"feasib\w*|jeopard\w*|at risk|little (?:indication|sign|chance|hope|evidence)|falter\w*|struggl\w*|fail\w*|too (limited|small|slow)|"
                            r"insufficient|short of|on track|off track|behind|confirm\w*|verif\w*|den(y|ied))\b", re.I),
    # Month names are matched with their capital: "may" is far more often a verb.
    "time": re.compile(r"\b(19|20)\d\d\b|\b(January|February|March|April|May|June|July|August|September|October|"
                       r"November|December)\b|" + RELATIVE_TIME.pattern),
}
STATED_AMOUNT = re.compile(r"[$€£¥]\s?\d[\d.,]*(?:\s*(?:billion|million|trillion|bn))?(?:\s*(?:usd|dollars?))?|"
                           r"\b\d[\d.,]*(?:\s*(?:billion|million|trillion))?\s*(?:yen|dollars?|usd|euros?)\b", re.I)
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
    r"announce|announced)\b"
)
# The words by which a text gives what someone said: "told Argus", "has not made any public comments".
SPEECH = re.compile(
    r"\b(?:say|says|said|saying|tells?|told|claim(?:s|ed)?|states|stated|comments?|commented|remark(?:s|ed)?|"
    r"mention(?:s|ed)?|reports|reported|according to|announc(?:e|es|ed|ement)|confirm(?:s|ed)?|"
    r"den(?:y|ies|ied)|declined|warn(?:s|ed)?|argu(?:e|es|ed)|explain(?:s|ed)?|acknowledg(?:e|es|ed)|"
    r"admit(?:s|ted)?|shows?|showed|reveal(?:s|ed)?|insist(?:s|ed)?|statement)\b",
    re.I,
)
SPEAKER_AFTER = 4  # words after "according to" or "reports" that may name who speaks
QUESTION_TYPES = (
    ("statement", STATEMENT_ASKED),
    ("kind", re.compile(r"\bwhat (kind|sort|type) of (company|firm|business|organi[sz]ation|group|maker|manufacturer|"
                        r"corporation|enterprise)\b")),
    # "Where did Panasonic place?", "What position does CATL hold?": a rank, said "sixth place".
    ("rank", re.compile(r"^\W*where\b.*\b(place[sd]?|rank(s|ed)?|finish(es|ed)?|stand(s)?|stood)\b(\s+(among|in|on|of)\b.*)?\W*$|"
                        r"\b(what|which) (rank|ranking|position|place|spot)\b|\bhow (did|does|do|is|was)\b.*\brank(ed)?\b")),
    ("place", re.compile(r"^\W*where\b(?!.*\b(place[sd]?|rank(s|ed)?|finish(es|ed)?|stand(s)?|stood)\b(\s+(among|in|on|of)\b.*)?\W*$)|\bin which (\w+ )?(city|state|country|prefecture|region)\b|"
                         r"\bwhich (country|city|town|state|prefecture|region|island)\b|\blocated\b|"
                         # "What state is X in?" asks for a condition as often as for a US state.
                         r"\bwhat (country|city|town|prefecture|region|island)\b")),
    ("entity", re.compile(r"^\W*(?:(?:to|from|for|with|by|of|on)\s+)?(who|whom|whose|which (is|are|was|were)\b|"
                          r"which (compan(y|ies)|firms?|automakers?|carmakers?|makers?|manufacturers?|producers?|countr(y|ies)|city|state|"
                          r"prefecture|plant|research|agency|ministry|partners?|person|executive|organi[sz]ation|"
                          r"association|one|region|island|chinese|japanese|korean|south|battery|two|ev|outlet|"
                          r"publication|newspaper|website|source|brand|suppliers?|subsidiar(y|ies)|unit|division|rivals?|competitors?))\b|"
                          r"\bwhat company\b|\bwhat is the name\b|\b(?:official|full|formal|legal|real|proper|new|former|old)\s+(?:[\w-]+\s+)?name\b|\bknown as\W*$")),
    # "What pay rise did they get?": a raise is told as a percentage ("a pay rise of 6.5%").
    ("percent", re.compile(r"\b(percent|percentage|share|%|proportion)\b|(?<!\bat )\bstake\b|\bhow much of\b.*\bmarket\b|"
                           r"\b(?:pay|wage|salary)\s+(?:rise|raise|increase|hike)s?\b")),
    # "How much has the cost estimate grown?": a change in a sum of money.
    ("money", re.compile(rf"\bhow much\b.*\b(cost|costs|price|prices|budget|spending|investment|funding)\b.*\b({CHANGE_VERBS})")),
    ("count", re.compile(rf"\bhow (much|many|far)\b.*\b({CHANGE_VERBS}|reach|produc\w*|output|capacity)")),
    ("count", re.compile(WHAT_IS + AMOUNT_NOUN.pattern)),
    ("count", re.compile(HOW_LONG)),  # "For how long?": a number of years
    ("count", re.compile(r"\bhow many\b(?!\s+(?:billion|million|trillion|yen|dollars?|euros?)\b)")),  # "How many projects got subsidies?"
    ("money", re.compile(r"\bhow much\b|\b(cost|costs|invest\w*|spend\w*|spent|pay|pays|paid|paying|worth|value|valued|funding|subsid(?!iar)\w*|amount|pledg\w*|allocat\w*|"
                         r"price|budget|money|yen|dollars?)\b")),
    # "How far is Lowmere from Pellingford?": a distance, said "38 kilometres away".
    ("count", re.compile(r"\bhow many\b|\bnumber of\b|\bhow (large|big)\b|\bsize of\b|\bhow far\b(?!\s+(?:behind|ahead|along)\b)")),
    ("time", re.compile(r"\bwhen\b|\b(what|which) (year|month|day|date)\b|\bby when\b|\bdeadline\b|\btimeline\b|"
                        r"\b(start|starting|opening|launch|completion|due|target|release|closing) (date|year)\b")),
    ("reason", re.compile(r"^\W*why\b|\bwhat (caused|causes|led to|leads to|drove|drives|is behind|lies behind|(is|are) holding back|holds? back|"
                          r"prompted|prompts|pushed|pushes|forced|forces|made(?! (?:up|of|from|in|at|by)\b))\b|\breasons?\b|\bblam(e|es|ed|ing)\b|\bhow come\b|"
                          r"\bwhat(?:['’]s| is| are)? (?:discourag|deterr?)\w*")),
    # "What type of batteries ...?": the words a text puts before "batteries" ("lithium iron phosphate"); a
    # question that also asks "from which year" asks for a year first.
    ("variety", re.compile(r"\bwhat (kind|sort|type)s? of [a-z-]+")),
    # "Any sign Japan will win back its place?" is "Is there any sign ...?" said short.
    ("judgement", re.compile(r"^\W*(is|are|was|were|has|have|had|does|do|did|can|could|will|would|should|any)\b")),
)
# A reason is often given without "because", a verdict without "not": these kinds earn a bonus
# but never a penalty, and evidence without one still answers.
SOFT_TYPES = {"reason", "judgement", "kind", "variety", "rank"}
VALUE_TYPES = ("count", "money", "percent", "time")  # answered by a number or a date
PARTITIVE_REACH = 10  # words of the clause a count "N of ..." may be of
VARIETY_WORDS = 4  # words before a thing that may say its kind: "lithium iron phosphate (LFP) batteries"
# What kind of company a name is, as news describes one: "Taiwanese technology leader Foxconn",
# "Foxconn, a Taiwanese electronics maker", "Foxconn is one of the biggest electronics companies".
KIND_NOUNS = (r"(?:company|companies|firm|maker|manufacturer|producer|supplier|giant|leader|group|conglomerate|business|"
              r"corporation|start-?up|automaker|carmaker|brand)")
WH_WORD = re.compile(r"\b(what|which|who|whom|whose|where|when|why|how)\b", re.I)
YEAR = re.compile(r"(19|20)\d\d")
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
SCALE = re.compile(r"\s+(?:thousand|million|billion|trillion)\b", re.I)
# A rank as news gives one: "sixth place", "the top position", "ranked third", "Third and fourth, respectively".
RANK = re.compile(r"\b(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|\d+(?:st|nd|rd|th))\s+"
                  r"(?:place|position|spot)|ranked\s+\w+|"
                  r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?!\s+(?:consecutive|straight|year|time|half|quarter)\b))\b", re.I)
ORDINAL_WORDS = re.compile(r"\b(" + "|".join(ORDINALS) + r")\b", re.I)
MONEY_AFTER = re.compile(r"\s*(?:(?:b|m|tr)illion\s+)?(?:yen|dollars?|usd|euros?)\b", re.I)
DURATIONS = r"years?|months?|weeks?|days?|decades?"
DURATION_AFTER = re.compile(rf"(?:\s*(?:-|–|to|or)\s*[\w.,]+)?\s+(?:{DURATIONS})\b", re.I)  # "two to three years"
DURATION_ASKED = re.compile(rf"\bhow long\b|\b(?:{DURATIONS})\b", re.I)
PERCENT_AFTER = re.compile(r"\s?(?:percent|per cent)\b", re.I)
ASKS_QUANTITY = re.compile(r"\b(produc\w*|output|capacity|manufactur\w*|generat\w*)\b", re.I)  # not "how large is the grant"
ASKS_MONEY = re.compile(r"\b(cost|costs|invest\w*|spend\w*|spent|worth|fund\w*|subsid\w*|price\w*|budget\w*|money|"
                        r"yen|dollars?|pay\w*|paid|financ\w*|amount|sum|afford\w*|expensive|cheap\w*)\b", re.I)
SHARE_OR_SUM_AFTER = re.compile(r"\s?(%|percent\b|per cent\b)|\s*((b|m|tr)illion\s+)?(yen|dollars?|usd|euros?)\b", re.I)
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
# "Nissan's Kitakyushu project": an owner, a name, a thing.
QUALIFIED = re.compile(r"\b([A-Z][\w&.-]*)['’]s\s+([A-Z][\w-]*)\s+([a-z][\w-]+)")
# "the Kitakyushu project": a named thing whose owner the question leaves to the articles.
UNOWNED_THING = re.compile(r"\bthe\s+([A-Z][\w-]*)\s+(plant|factory|facility|project|site|venture)\b")
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
OWNER = re.compile(r"\b([A-Z][\w&.-]*)['’]s\s+\w|\b(?:of|at|for)\s+([A-Z][\w&.-]*)(?=\s*[?.!]?\s*$)")
DESCRIPTION = re.compile(
    r"\bthe\s+(?P<noun>(?:[\w-]+\s+){0,2}?(?:company|automaker|carmaker|firm|maker|manufacturer|producer|supplier|"
    r"plant|factory|facility|site|city|country|prefecture|person|executive|partner|group|business))\s+"
    r"(?P<rel>that|which|who|where|whose|[a-z]+ing)\s+(?P<clause>[^?,;]+)",
    re.I,
)
# "the automaker in talks with Foxconn", "the only Japanese company in the top ten": a party left unnamed.
UNNAMED_PARTY = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,3}?"
    r"(?:company|automaker|carmaker|firm|maker|manufacturer|producer|supplier|partner|group)\b",
    re.I,
)
# "Ivan Espinosa's company": a company described by a person in it.
POSSESSED = re.compile(
    r"\b(?P<owner>(?:[A-Z][\w-]+\s+){1,2}[A-Z][\w-]+)['’]s\s+(?P<noun>company|firm|automaker|carmaker|employer)\b"
)
# "the Taiwan-based electronics maker", "the South Korean battery maker": a company described by
# where it is from, which the articles name ("Taiwanese technology leader Foxconn").
ORIGIN = re.compile(
    r"\bthe\s+(?:(?P<origin>(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+(?:ese|an|ish|i))|(?P<base>[A-Z][a-z]+)-based)\s+"
    r"(?P<noun>(?:[a-z][\w-]*\s+){0,2}?(?:company|automaker|carmaker|firm|maker|manufacturer|producer|supplier|"
    r"group|giant|leader|business))\b"
)
# Where a description that opens the question ends: "The carmaker planning X | is building ...".
MAIN_VERB = re.compile(r"\s(?:is|are|was|were|has|have|had|will|would|did|does|do|can|could)\s", re.I)
ANSWER_HEAD = re.compile(r"^\W*(?:(?:by|in|at|for|from|to|of|on|with)\s+)?(which|what)\s+(?P<head>(?:[\w-]+\s+){0,2}?[\w-]+?)\s+"
                         r"(?=(is|are|was|were|has|have|had|did|does|do|will|would|can|could|[\w-]+ed)\b)", re.I)
# "When was the article about Oppama published?": answered by the article's dateline, not its text.
PUBLICATION = re.compile(r"\b(publish(ed|ing)?|publication|posted|dated)\b|\bdate of (the|this|that) (article|story|report|piece)\b|"
                         r"\b(article|story|report|piece)['’]?s? date\b|\b(come|came|comes) out\b", re.I)
STORY = re.compile(r"\b(article|story|piece|report|news)\b", re.I)
# The words that ask when: on the way to the article a question is about, they only add noise.
ASKS_WHEN = re.compile(r"\b(what|which) (day|date|month|year)( of the week)?\b|\bwhen\b|\bon what day\b", re.I)
# An amount in a physical unit, as a question states it ("the 150 GWh goal"), and a part asking one.
PHYSICAL_UNITS = r"GWh|MWh|kWh|GW|MW|tonnes|tons"
MEASURED = re.compile(rf"\d[\d.,]*\s?({PHYSICAL_UNITS})\b", re.I)
AMOUNT_ASKED = re.compile(rf"\bhow (?:much|many)\b(?!\s+(?:{PHYSICAL_UNITS})\b)", re.I)
# "..., and when is it due?", "..., and state how much ...", "Describe X: what it was, where it ranked, and ..."
PART_SPLIT = re.compile(r"(?:,?\s+and\s+(?:(?:state|say|tell me|explain|give|describe|name|list|note)\s+)?|[:;]\s+|,\s+(?=[^,]*,?\s+and\s+(?:what|when|where|who|which|how|why)\b))"
                        r"(?=(?:(?:from|in|by|since|until|for|at|to|of|on|with)\s+)?(?:what|when|where|who|which|how|why|is|are|does|did)\b)", re.I)
EVENT_ASKED = re.compile(r"^\W*what\s+(?:happened|happens|will happen|is happening|has happened)\b")
CAUSE_ASKED = re.compile(r"^\W*(?:why|how come)\b")
SET_ASIDE = re.compile(r"^\W*(?:apart from|aside from|besides|other than|except for)\s+[^,?]+,\s*", re.I)
# "According to the Toyota–Nissan investment article, ...", "the piece on Japan's battery slump"
REFERENCE_NOUNS = frozenset({"article", "story", "piece"})  # what a reference calls an article, not which one
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
# "How did CATL's share change between July 2024 and the full year?": what it was at each time.
CHANGE_BETWEEN = re.compile(
    r"^\W*how\s+(?:did|does|do|has|have|had|will|would)\s+(?P<what>.+?)\s+"
    r"(?:change|changed|move|moved|shift|shifted|evolve|evolved|develop|developed|differ)\s+"
    r"between\s+(?P<a>.+?)\s+and\s+(?P<b>[^?.!]+?)\s*[?.!]*\s*$",
    re.I,
)
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
NAME_REACH = 3  # words either side
HOLDER = re.compile(r",?\s+((?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*)")  # "CEO Ivan Espinosa", "CEO, Ivan Espinosa"
# "said Marta Quillan, Oskar's chief executive": the holder named first, the role after a comma.
HOLDER_BEFORE = re.compile(r"\b((?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*),\s+(?:the\s+)?(?:[A-Z][\w’'.&-]*\s+){0,2}?(?:[A-Z][\w&-]*[’']s\s+)?$")
# Whose role it is: "chief executive of the Vellamar Port Authority", "Oskar's CEO", "Nissan CEO".
ROLE_OWNER_AFTER = re.compile(r"\s+(?:of|at)\s+(?:the\s+)?([A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,3})")
ROLE_OWNER_BEFORE = re.compile(r"([A-Z][\w&-]*(?:[’']s)?)\s+$")
WHO = re.compile(r"^\W*(who|whom)\b", re.I)
# A role only in "who" questions: "Japan's sole representative among the top ten" is a company.
REPRESENTATIVE = re.compile(r"\brepresentatives?\b", re.I)
# Weights of the sentence score; chosen on the dev half of the question set.
WEIGHTS = {"dense": 0.45, "overlap": 0.40, "context": 0.15, "type_bonus": 0.05, "reason_bonus": 0.15, "kind_bonus": 0.25,
           "type_penalty": 0.25, "heading": 0.25, "missing_name": 0.30,
           "other_article": 0.20}
# The bonus a soft kind earns: a description of a company is rarer, and surer, than a cause.
SOFT_BONUS = {"reason": "reason_bonus", "kind": "kind_bonus", "variety": "kind_bonus", "rank": "kind_bonus"}
CONTEXT_DISCOUNT = 0.5
CONTEXT_SENTENCES = 2  # earlier sentences a sentence may lean on: "The move underscored ..." names no move
ANAPHORIC_OPENING = re.compile(r"\W*(?:this|these|that|those|such|it|its|they|their)\b", re.I)
# "The facility, which was expected to produce LFP batteries, ...": the thing named one sentence before.
THING_OPENING = re.compile(
    r"\W*the\s+(?:facility|plant|factory|site|project|venture|company|firm|automaker|carmaker)\b", re.I
)
FULL_NAME = re.compile(r"\b(?!The\b)[A-Z][\w&'’-]*(?:\s+(?:of\s+)?[A-Z][\w&'’-]*){1,4}")  # "Ashcombe Regional Health Board"
SHORT_NAME = re.compile(r"\bthe\s+([\w-]+)(?:\s+([\w-]+))?")  # "the health board", "the board"
# "that share", "these plans", or a sentence opening "It"/"Their": words that point back to what came before.
POINTS_BACK = re.compile(
    r"\b(?:this|that|these|those)\s+(?!(?:the|a|an|it|its|they|he|she|we)\b)[a-z]+\b|^\W*(?:it|its|they|their)\b", re.I
)
ANAPHORIC_REACH = 4  # for a sentence that opens by pointing back
# What "The facility, ..." borrows from the sentence that named it: that name or place. Its numbers
# and dates belong to other facts ("X, founded in 2021, ...": not when "the company" opens a plant).
LEANING_TYPES = ("place", "entity")
RARE_NAME_SHARE = 0.15
# A second sentence is sought when the best one leaves this share of the question's weight out,
# and is taken when it holds this share of what was left out.
PROJECT = "project"  # what an article may call any plant, factory or venture it has named
MIN_LEFT_OUT = 0.1
# How much of something, not what: "running fully automated" is answered by "running in automated
# mode", and a sentence saying "fully funded" completes nothing.
DEGREE_WORDS = frozenset("fully completely entirely wholly totally partly partially mostly largely".split())
MIN_GAIN = 0.5
NEIGHBOURS = 2  # sentences either side of the best one, in its article, that may complete it
VERDICT_REACH = 4  # how far after what it judges a verdict may come, within the same section
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
    "supply supplied supplying provide provided providing deliver delivered delivering",
    "avoid avoided avoiding prevent prevented preventing escape escaped escaping avert averted averting",
    "us u.s usa",  # the country, however it is abbreviated
    "spokesperson spokesman spokeswoman representative",
    "cite cited citing reference referenced referencing",  # "reports News.Az, referencing Reuters"
)
SYNONYMS = {word: group.split()[0] for group in SYNONYM_GROUPS for word in group.split()}  # a term found only in the previous sentence or title counts for less


@dataclass(frozen=True)
class Evidence:
    sentence: Sentence
    position: int  # index into SearchIndex.sentences
    score: float
    dense: float
    overlap: float  # IDF-weighted share of the question's terms the sentence (or its context) holds
    typed: bool  # holds the kind of value the question asks for (a number, a year, a name)
    leans_on: int | None = None  # the sentence before, which holds that value for it ("The facility, ...")


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


def _type_words(question: str) -> set[str]:
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
        match = pattern.search(folded)
        if match:
            return name, match.group(0)
    return None


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
    2024?", "What was CATL's share in 2025?"]: a change is told by its value at each time."""
    match = CHANGE_BETWEEN.match(question)
    if match is None or PART_SPLIT.search(match.group("b")):
        return None
    return [f"What was {match.group('what')} in {match.group(side).strip()}?" for side in ("a", "b")]


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


@dataclass(frozen=True)
class Bridge:
    """A question that describes what it asks about: "the CEO of [the automaker that cancelled ...]"."""

    question: str  # the description as a question of its own: "Which automaker cancelled ...?"
    span: tuple[int, int]  # where the description stands in the original question
    head: str  # what kind of thing it describes: "automaker", "factory"
    owner: str = ""  # whose it is, for "Ivan Espinosa's company"
    origin: str = ""  # where it is from, for "the Taiwan-based electronics maker"

    def entity_in(self, text: str, index: SearchIndex | None = None) -> str | None:
        """The name in `text` the description refers to: the one just before its owner ("Nissan's CEO
        Ivan Espinosa"), one followed by its kind of thing ("the factory where ..." -> "Oppama plant"
        -> "Oppama"), else the first name it adds. A company described by its origin is the name
        just after the word for that origin ("Taiwanese technology leader Foxconn")."""
        new = introduced_names(self.question, text, index)
        if self.origin:
            forms = {form for token in tokens(self.origin) for form in place_forms(token)}
            words = re.findall(r"[\w’'.&-]+", text)
            for at, word in enumerate(words):
                if set(tokens(word)) & forms:
                    after = [w.rstrip(".,").removesuffix("’s").removesuffix("'s") for w in words[at + 1 : at + 2 + NAME_REACH]]
                    found = next((w for w in after if w in new and not set(tokens(w)) & forms), None)
                    if found:
                        return found
            return None
        if self.owner:
            just_before = rf"([A-Z][\w&.-]*)(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}{re.escape(self.owner)}"
            before = re.search(just_before, text)
            return before.group(1) if before and before.group(1) in new else None
        kind = concepts(self.head)
        for match in re.finditer(r"([A-Z][\w&.-]*)(?:['’]s)?\s+([\w-]+)", text):
            if match.group(1) in new and concepts(match.group(2)) == kind:
                return match.group(1)
        return new[0] if new else None

    def resolve(self, original: str, entity: str) -> str:
        """The original question with the description replaced by what it describes."""
        start, end = self.span
        return f"{original[:start]}{entity}{original[end:]}"


def bridge(question: str) -> Bridge | None:
    """The description in a two-hop question, or None when the question names what it asks about."""
    match = DESCRIPTION.search(question)
    if match is None:
        owned = POSSESSED.search(question)
        origin = ORIGIN.search(question)
        if owned is None and origin is not None:
            noun = origin.group("noun")
            place = origin.group("origin") or origin.group("base")
            return Bridge(f"Which {origin.group(0)[4:]}?", origin.span(), noun.split()[-1], origin=place)
        if owned is None:
            return None
        owner, noun = owned.group("owner"), owned.group("noun")
        return Bridge(f"Which {noun} is {owner} at?", owned.span(), noun, owner)
    noun, relative, clause = match.group("noun"), match.group("rel").lower(), match.group("clause")
    span = match.span()
    if match.start() == 0:  # the subject: "The carmaker planning X is building a factory where?"
        verb = MAIN_VERB.search(clause)
        if verb is None:
            return None
        clause, span = clause[: verb.start()], (0, match.start("clause") + verb.start())
    elif relative.endswith("ing"):
        return None  # "When is the plant opening in 2027?": a verb, not a description
    link = "" if relative in ("that", "which", "who") else f"{relative} "
    return Bridge(f"Which {noun} {link}{clause.strip()}?", span, noun.split()[-1])


def owners(question: str) -> set[str]:
    """Tokens of the names the question asks about something of: "Toyota's CEO", "the CEO of Toyota"."""
    found = set()
    for match in OWNER.finditer(question):
        name = match.group(1) or match.group(2)
        if names(name):
            found |= set(tokens(name))
    return found


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
    typo of "sale".
    """
    corrected = []
    for term in terms:
        if term in vocabulary or term[0].isdigit() or len(term) < 4:
            corrected.append(term)
            continue
        limit = 1 if len(term) < 7 else 2
        candidates = (w for w in vocabulary if abs(len(w) - len(term)) <= limit and w[:1] == term[:1])
        if term in _english_stems():
            candidates = (w for w in candidates if len(w) >= 4 and (w.startswith(term) or term.startswith(w)))
        corrected.append(next((w for w in sorted(candidates) if edit_distance_at_most(term, w, limit)), term))
    return corrected


@functools.cache
def _english_stems() -> frozenset[str]:
    return frozenset(tokens(" ".join(english_words())))


def unknown_names(question: str, vocabulary: frozenset[str]) -> list[str]:
    """Names in the question that no indexed passage contains, even allowing a typo."""
    unknown = []
    found = names(question)
    first = re.match(r"\W*([\w'’-]+)(?= [a-z])", question)
    if found and first and found[0] == re.sub(r"['’]s$", "", first.group(1)) and WH_WORD.search(question[first.end():]):
        found = found[1:]  # "Pressure from which country ...": a capital that only starts the sentence
    for name in found:
        parts = [p for p in _name_tokens(name) if not p[0].isdigit() and len(p) > 2]
        if parts and not all(_known_place(p, vocabulary) or _spelled_out(p, vocabulary) for p in correct_terms(parts, vocabulary)):
            unknown.append(name)
    return unknown


def _spelled_out(word: str, vocabulary: frozenset[str]) -> bool:
    """A well-known abbreviation whose long form the corpus writes: "MoU" by "memorandum of understanding"."""
    return word in KNOWN_ACRONYMS and set(tokens(KNOWN_ACRONYMS[word])) <= vocabulary


def _name_tokens(name: str) -> list[str]:
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
SPELLED_ROLE = re.compile(r"\b(?:" + "|".join(ROLE_FORMS) + r")\b", re.I)
# "electric vehicle (EV)": the abbreviation in brackets is found first, then up to six words before
# it; a pattern that tried every word of the corpus as the start of a long form took 10 s at 86k sentences.
DEMONYM_END = re.compile(r"(?:ese|ean|ian|an|ish|i)$")
ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z]{1,5})\)")
LONG_FORM = re.compile(r"(?:[\w,’'-]+\s+){1,6}$")
LONG_FORM_REACH = 300  # characters before the bracket in which the long form's six words stand
# "Foxconn, officially known as Hon Hai Precision": one name, its other name after the comma.
ALIAS = re.compile(r",\s+(?:officially|formally|legally|also|better|formerly|previously)\s+(?:known as|called|named)\s+")
ALIAS_NAME = re.compile(r"[A-Z][\w&-]*(?:[ \t]+[A-Z][\w&-]*){0,3}")
NAMING = re.compile(r"\b(?:officially|formally|legally|also|better|formerly|previously)\s+(?:known as|called|named)\b", re.I)


def _role_tokens(role: str) -> list[str]:
    return ROLE_FORMS.get(" ".join(fold(role).split()), tokens(role))


def _definitions(text: str) -> Iterator[tuple[str, list[str], tuple[int, int]]]:
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
    return next((span for short, _, span in _definitions(text) if short.lower() == abbreviation.lower()), None)


def acronyms(text: str) -> dict[str, frozenset[str]]:
    """Each abbreviation the text defines, with the concepts of its long form: "electric vehicle
    (EV)" gives {"ev": {"electric", "vehicle"}}; the long form's initials must spell it."""
    found = {short: frozenset(concepts(long)) for short, long in KNOWN_ACRONYMS.items()}
    for short, long, _ in _definitions(text):
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


class _Stats:
    """Per-index caches: each sentence's token set and each term's inverse document frequency."""

    def __init__(self, index: SearchIndex):
        said = " ".join(s.text for s in index.sentences)
        self.long_forms = acronyms(said)
        self.words = [self.abbreviated(frozenset(concepts(s.text))) for s in index.sentences]
        self.title_words = {i: frozenset(concepts(src.title)) for i, src in index.sources.items()}
        # Words the articles only ever write capitalised ("Subaru", "CATL"), not counting a sentence's
        # first word ("However"): names, however a question writes them.
        lower = set(tokens(" ".join(re.findall(r"(?<![\w.'’-])[a-z][\w'’.-]*", said))))
        inner = " ".join(s.text.split(maxsplit=1)[-1] for s in index.sentences if not s.heading)
        self.name_tokens = frozenset(t for name in names(inner) for t in tokens(name)) - lower
        self.called = _called_by_name(index)
        article_words: dict[str, set[str]] = {}
        for sentence, words in zip(index.sentences, self.words, strict=True):
            article_words.setdefault(sentence.article_id, set()).update(words)
        self.article_words = {article: frozenset(words) for article, words in article_words.items()}
        frequency = Counter(word for words in self.words for word in words)
        self.count = max(len(self.words), 1)
        self.idf = {word: math.log(1 + self.count / n) for word, n in frequency.items()}
        # The parties a title names ("Toyota, Nissan to Invest ..."): whose story each sentence is.
        # Not an abbreviation ("EV") nor a place ("Japan", which the articles also call "Japanese"):
        # a sentence about China may well answer a question about Japan's industry.
        # A party is named in its article's text too, not only in the title ("Home | Policy | ...").
        common_abbreviations = {t for t, long in self.long_forms.items() if not long & self.name_tokens}
        parties = {concept(t) for t in self.name_tokens} - common_abbreviations
        parties = {t for t in parties if not any(form in self.idf for form in place_forms(t) - {t})}
        self.parties = frozenset(parties)
        named_in_text: Counter[tuple[str, str]] = Counter()
        for sentence, words in zip(index.sentences, self.words, strict=True):
            if not sentence.heading:
                named_in_text.update((sentence.article_id, t) for t in words & self.title_words.get(sentence.article_id, frozenset()))
        self.title_names = {
            i: frozenset(t for t in words & parties if named_in_text[i, t] >= 2) for i, words in self.title_words.items()
        }

    def abbreviated(self, words: frozenset[str]) -> frozenset[str]:
        """The words, and the abbreviation of each long form they hold: "electric vehicle" is also "ev"."""
        short = {name for name, long in self.long_forms.items() if long <= words}
        return words | short if short else words

    def long_form(self, name: str) -> frozenset[str]:
        """The concepts of what the name abbreviates ("evs" as well as "ev"); empty when it is none."""
        return self.long_forms.get(name) or self.long_forms.get(name.removesuffix("s"), frozenset())

    def weight(self, term: str) -> float:
        return self.idf.get(term, math.log(1 + self.count))


def prepare(index: SearchIndex) -> None:
    """Build the index's sentence statistics now, so that its first question does not wait for them
    (seconds on a large index: every sentence is tokenized)."""
    _stats(index)


def _stats(index: SearchIndex) -> _Stats:
    stats = index.__dict__.get("_evidence_stats")
    if stats is None:
        stats = index.__dict__["_evidence_stats"] = _Stats(index)
    return stats


def score_sentences(
    question: str, query_vector: np.ndarray, hits: list[Hit], index: SearchIndex, *, wanted: str | None = ""
) -> list[Evidence]:
    """Every sentence of the retrieved passages, scored against the question, best first.

    `wanted` overrides the kind of value the question asks for (by default read from it).
    """
    stats = _stats(index)
    terms = _terms(question, index)
    wanted = question_type(question) if wanted == "" else wanted
    weights = {t: stats.weight(t) for t in terms}
    total_weight = sum(weights.values()) or 1.0
    asked_numbers = numbers(question)
    asked_years = {n for n in asked_numbers if YEAR.fullmatch(n)}
    # "panasonic" in a question typed in lower case (or in capitals) is still a name.
    asked_names = {token for name in names(question) for token in _name_tokens(name)}
    asked_names |= {token for token in tokens(question) if token in stats.name_tokens}
    # A question's first word is capitalised by its place: "Apart from ..." names nothing.
    opening = tokens(" ".join(question.split()[:1]))
    asked_names -= {t for t in opening if t in _english_stems() and t not in stats.name_tokens}
    # A name asked in full ("Hon Hai Precision") is sought as its other name ("Foxconn"), which the
    # sentences that spell it out also hold.
    sought = _shortened(asked_names, stats.long_forms, same=concept)
    asked_concepts = {concept(t) for t in sought}
    # Names most sentences share ("Japan", "EV") say little; rarer ones must appear near the evidence.
    rare = math.log(1 + 1 / RARE_NAME_SHARE)
    rare_names = {n for n in sought if stats.weight(n) > rare}
    # A place named in what the answer is ("In which US state ...") lies around the answer, which
    # seldom repeats it ("in North Carolina"); "Which Japanese company" is still said "Japanese firm".
    head = ANSWER_HEAD.match(question) if wanted == "place" else None
    rare_names -= set(tokens(head.group("head"))) if head else set()
    # "Toyota's CEO" is not answered by Nissan's CEO, however common the name "Toyota" is.
    rare_names |= owners(question)
    # So is a role asked about: "Who is CATL's CEO?" needs a sentence that names a CEO.
    rare_names |= {token for m in ROLE.finditer(question) for token in _role_tokens(m.group(0))}
    # "North American" is said as "North America"; "Japanese" is not said by the common "Japan".
    named = _named_thing(question) if wanted == "entity" else None
    rare_in_order = sorted(rare_names)
    # Parties however common ("Toyota") of which an article names none: nothing there is about them.
    asked_parties = asked_concepts & stats.parties
    rare_forms = [
        {concept(form) for form in place_forms(name) if form == name or stats.weight(form) > rare}
        for name in rare_in_order
    ]  # compared with the sentence's concepts: a "spokesperson" is said "representative"
    # "EV" is also said "electric vehicle", "US" "United States".
    long_forms = [stats.long_form(name) for name in rare_in_order]
    qualified = _qualified(question)
    unowned = {
        token: concept(m.group(2)) for m in UNOWNED_THING.finditer(question)
        for token in tokens(m.group(1))[:1] if token not in qualified
    }
    owner_in = functools.cache(functools.partial(_owner_in, index))
    referenced = referenced_articles(question, index)
    best: dict[int, Evidence] = {}
    for hit in hits:
        for offset, sentence in enumerate(index.chunk_sentences(hit.chunk)):
            position = index.sentence_index(hit.chunk, offset)
            own, article = stats.words[position], sentence.article_id
            context = _context_words(index, stats, position)
            overlap = sum(
                weight * (1.0 if t in own else CONTEXT_DISCOUNT if t in context else 0.0) for t, weight in weights.items()
            ) / total_weight
            dense = float(index.sentence_vectors[position] @ query_vector)
            typed = wanted is not None and _has_new_value(
                sentence.text, wanted, asked_numbers, asked_names, named, question=question
            )
            leans_on = None
            if wanted in LEANING_TYPES and not typed:
                leans_on = _leaned_on(index, position, wanted, asked_numbers, asked_names, named, question)
                typed = leans_on is not None
            score = WEIGHTS["dense"] * dense + WEIGHTS["overlap"] * overlap + WEIGHTS["context"] * hit.dense
            if wanted:
                if wanted in SOFT_TYPES:
                    score += WEIGHTS[SOFT_BONUS.get(wanted, "type_bonus")] if typed else 0.0
                elif leans_on is None:
                    score += WEIGHTS["type_bonus"] if typed else -WEIGHTS["type_penalty"]
                # A value borrowed from the sentence before earns no bonus: a sentence holding its
                # own ("... from LG Energy Solution's facility in Lansing") ranks above it.
            if sentence.heading:
                score -= WEIGHTS["heading"]
            if referenced and article not in referenced:
                score -= WEIGHTS["other_article"]  # "the Oppama story" names the article to answer from
            if any(year not in own and year not in context for year in asked_years) and not _dated_by_article(
                sentence.text, index.sources[article].date, asked_years
            ):
                continue  # "CATL's share in 2023" is not answered by its share in 2024
            named_here = stats.article_words[article]
            if any(
                own.isdisjoint(forms) and context.isdisjoint(forms) and not (long and (long <= own or long <= context))
                and not (name in qualified and _calls_it(qualified[name], own) and name in named_here)
                and not (name in unowned and _calls_it((owner_in(article, name), unowned[name]), own))
                for name, forms, long in zip(rare_in_order, rare_forms, long_forms, strict=True)
            ) or (asked_parties and asked_parties.isdisjoint(named_here)):
                score -= WEIGHTS["missing_name"]
            # Of the parties a title names, a sentence naming only another one is not about the one
            # asked: "Nissan intends to invest $1 billion" under "Toyota, Nissan to Invest ..." says
            # nothing of what Toyota invests, however near Toyota is named.
            parties = stats.title_names.get(article, frozenset())
            other_party = parties & asked_concepts and (parties & own) - asked_concepts and not parties & asked_concepts & own
            # A sentence that points back ("By 2025 that share had slipped") is about the party the
            # sentence before it names.
            if other_party and not (
                POINTS_BACK.search(sentence.text) and parties & asked_concepts & _leaned_words(index, stats, position)
            ):
                continue
            if position not in best or best[position].score < score:
                best[position] = Evidence(sentence, position, score, dense, overlap, typed, leans_on)
    return sorted(best.values(), key=lambda e: (-e.score, e.position))


def _dated_by_article(text: str, date: str | None, years: set[str]) -> bool:
    """A month the text names without a year is of its article's year: "entered service in August", in
    an article dated 2026-09-16, answers "by August 2026"."""
    if not date or MONTH.search(text) is None:
        return False
    return not any(YEAR.fullmatch(n) for n in numbers(text)) and years == {date[:4]}


def referenced_articles(question: str, index: SearchIndex) -> frozenset[str]:
    """The articles the question names as such ("the Oppama story", "the Nissan–Foxconn article");
    empty unless every one it names is told apart from the others by its words."""
    stats = _stats(index)
    found: set[str] = set()
    for reference in ARTICLE_REFERENCE.finditer(fold(question)):
        words = set(concepts(reference.group(0))) - REFERENCE_NOUNS
        total = sum(stats.weight(w) for w in words)
        scores = {article: sum(stats.weight(w) for w in words if w in said) for article, said in stats.article_words.items()}
        top = max(scores.values(), default=0.0)
        best = [article for article, score in scores.items() if score == top]
        if not words or len(best) != 1 or top < total / 2:
            return frozenset()  # "the article", or words every article shares: no telling which
        found.add(best[0])
    return frozenset(found)


def _leaned_on(
    index: SearchIndex,
    position: int,
    wanted: str,
    asked_numbers: set[str],
    asked_names: set[str],
    named: str | None,
    question: str,
) -> int | None:
    """The sentence just before, in the same article, when this one opens by pointing at a thing
    it named ("The facility, which was expected to produce LFP batteries, ...") and it holds the
    name or place asked for ("Where would the LFP batteries have been made?": "... in Kitakyushu")."""
    sentence = index.sentences[position]
    if position == 0 or not THING_OPENING.match(sentence.text):
        return None
    before = index.sentences[position - 1]
    if before.article_id != sentence.article_id or before.heading:
        return None
    holds = _has_new_value(before.text, wanted, asked_numbers, asked_names, named, question=question)
    return position - 1 if holds else None


def _qualified(question: str) -> dict[str, tuple[str, str]]:
    """Names the question uses to say which of an owner's things it means, with the owner and the
    thing: "Nissan's Kitakyushu plant" -> {"kitakyushu": ("nissan", "plant")}. An article that
    names Kitakyushu may go on to call it just "Nissan's plant", or "Nissan's project"."""
    found = {}
    for match in QUALIFIED.finditer(question):
        owner, name, thing = (tokens(match.group(i)) for i in (1, 2, 3))
        if owner and name and thing:
            found[name[0]] = (concept(owner[0]), concept(thing[0]))
    return found


def _owner_in(index: SearchIndex, article: str, name: str) -> str:
    """The party an article names last before it first names a thing: "Nissan" for Kitakyushu in
    "Nissan's decision to cancel its planned EV battery plant in Kitakyushu"; "" when none."""
    stats = _stats(index)
    for sentence in index.sentences:
        said = sentence.text.lower().find(name) if sentence.article_id == article else -1
        if said >= 0:
            before = [concept(token) for token in tokens(sentence.text[:said])]
            return next((token for token in reversed(before) if token in stats.parties), "")
    return ""


def _calls_it(owner_thing: tuple[str, str], words: frozenset[str]) -> bool:
    """The words name the owner and its thing, or call the thing a project, as news calls a plant
    or a venture once it has named it."""
    owner, thing = owner_thing
    return owner in words and (thing in words or PROJECT in words)


def _terms(question: str, index: SearchIndex) -> set[str]:
    """The question's concepts; a long form asked ("chief executive") as its abbreviation ("ceo"),
    which sentences that spell it out also hold."""
    question = NAMING.sub(" ", question)  # "the firm formally called Hon Hai": the words only name it
    return _shortened({concept(t) for t in correct_terms(tokens(question), index.vocabulary)}, _stats(index).long_forms)


def _shortened(terms: set[str], long_forms: dict[str, frozenset[str]], same: Callable[[str], str] = str) -> set[str]:
    """The terms with each long form they hold in full ("hon hai precision", "chief executive")
    replaced by its short form ("foxconn", "ceo"); `same` gives a term's concept."""
    for short, long in long_forms.items():
        if len(long) > 1 and long <= {same(t) for t in terms}:
            terms = {t for t in terms if same(t) not in long} | {short}
    return terms


@dataclass(frozen=True)
class Gap:
    """What the best sentence leaves out of a question."""

    first: Evidence
    weights: dict[str, float]  # left-out terms (synonyms merged) and their weights
    words: list[str]  # the question's words for them, with what the answer is ("two carmakers"): a query
    needs_soft: bool  # a why (or yes/no) question whose best sentence gives no cause (or verdict)
    also: tuple[Evidence, ...] = ()  # the runners-up cited beside the best sentence


@dataclass(frozen=True)
class Complement:
    evidence: Evidence
    bridged: bool  # it answers about a name the first sentence introduced: it is the answer, the first the link


def gap(question: str, first: Evidence, index: SearchIndex, *, also: tuple[Evidence, ...] = ()) -> Gap | None:
    """What `first` (with the runners-up `also` cited beside it) leaves out of the question,
    when that is enough to seek another sentence."""
    stats = _stats(index)
    terms = _terms(question, index)
    head = ANSWER_HEAD.match(question)  # "Which two carmakers ...": what the answer is, not what it says
    head_terms = _terms(head.group("head"), index) if head else set()
    wanted = question_type(question)
    if first.typed and wanted not in (None, *SOFT_TYPES):
        head_terms |= {concept(t) for t in _type_words(question)}  # "By what percentage …" is answered by "15%"
    seen = frozenset().union(*(stats.words[e.position] | _context_words(index, stats, e.position) for e in (first, *also)))
    weights = {t: stats.weight(t) for t in terms - head_terms - DEGREE_WORDS if t not in seen}
    needs_soft = wanted in SOFT_TYPES and not first.typed
    if sum(weights.values()) < MIN_LEFT_OUT * (sum(stats.weight(t) for t in terms - head_terms) or 1.0) and not needs_soft:
        return None
    words = [w for w in tokens(question) if concept(w) in weights or concept(w) in head_terms]
    return Gap(first, weights, words, needs_soft, also)


def complement(question: str, found: Gap, candidates: list[Evidence], index: SearchIndex, *, floor: float) -> Complement | None:
    """A sentence holding what the best one leaves out of the question, or None.

    "Why did Nissan pull out of the Kitakyushu plant?" is answered by the sentence after the one
    that names the plant; "Which carmakers teamed up with the only Japanese firm in the top ten?"
    by a sentence about the firm the best one names. A candidate must sit next to the best
    sentence, share a name it introduced, or score `floor` on its own.
    """
    stats = _stats(index)
    first, left_weight = found.first, sum(found.weights.values())
    wanted = question_type(question)
    introduced = {t for name in introduced_names(question, first.sentence.text, index) for t in tokens(name)}
    asked = name_concepts(question)
    pairs = _pairs(question)
    best: tuple[float, int, float, Complement] | None = None
    for candidate in candidates:
        sentence = candidate.sentence
        if candidate.position == first.position or sentence.heading or _same_content(candidate, first):
            continue
        near = _near(candidate, first)
        bridged = bool(introduced & set(tokens(sentence.text))) and not near
        # Unless the question describes a party the name may be ("the automaker in talks with Foxconn"),
        # a sentence about a name the best one gave still speaks of what the question names: "industry
        # observers agree ... Nissan's departure" says nothing of what Mitsubishi Motors agreed with Foxconn.
        if bridged and asked and not UNNAMED_PARTY.search(question):
            said = stats.words[candidate.position] | _context_words(index, stats, candidate.position)
            bridged = not asked.isdisjoint(said)
        # The cause or verdict may follow a runner-up from another article instead.
        near = near or (found.needs_soft and any(_near(candidate, e) for e in found.also))
        own = stats.words[candidate.position]
        if not near and found.needs_soft and wanted == "judgement" and found.weights and set(found.weights) <= own:
            # "Is the Fukuoka pause temporary?": the sentence saying "temporary" may come a paragraph
            # after the one naming the pause, as long as no heading parts them.
            near = _in_section(candidate, first, index, VERDICT_REACH)
        if not (near or bridged or candidate.score >= floor):
            continue
        if wanted not in (None, *SOFT_TYPES) and bridged and not candidate.typed:
            continue  # a sentence about the linked name must still hold the kind of value asked for
        if not bridged and candidate.typed and wanted in VALUE_TYPES and asked and not _speaks_of(asked, candidate, index):
            # "Around $3.8 billion is what it is anticipated to put in" comes after Toyota's spending
            # but gives Panasonic's: a value is another party's unless the sentence, or one it leans
            # on, names a party the question names. The article's title says nothing of whose it is.
            continue
        gain = sum(w for t, w in found.weights.items() if t in own) / left_weight if left_weight else 0.0
        if found.needs_soft and near and candidate.typed:
            gain = 1.0  # the cause (or verdict) the best sentence does not give
        # Of equal gains, the sentence that says the question's words in its order: "intends to start producing".
        rank = (gain, len(pairs & _pairs(sentence.text)), candidate.score)
        if gain >= MIN_GAIN and (best is None or rank > best[:3]):
            best = (*rank, Complement(candidate, bridged))
    return best[3] if best else None


def _speaks_of(asked: set[str], candidate: Evidence, index: SearchIndex) -> bool:
    """The candidate, or an earlier sentence it leans on, names one of the asked parties or its people."""
    stats = _stats(index)
    said = stats.words[candidate.position] | _leaned_words(index, stats, candidate.position)
    return any(place_forms(token) & said for token in asked)


def _in_section(candidate: Evidence, anchor: Evidence, index: SearchIndex, reach: int) -> bool:
    """Within `reach` sentences of the anchor, in its article, with no heading between them."""
    low, high = sorted((candidate.position, anchor.position))
    return (
        candidate.sentence.article_id == anchor.sentence.article_id
        and high - low <= reach
        and not any(index.sentences[position].heading for position in range(low, high + 1))
    )


def _near(candidate: Evidence, anchor: Evidence) -> bool:
    """Within NEIGHBOURS sentences of the anchor, in its article."""
    same_article = candidate.sentence.article_id == anchor.sentence.article_id
    return same_article and abs(candidate.position - anchor.position) <= NEIGHBOURS


def _pairs(text: str) -> set[tuple[str, str]]:
    """Neighbouring search words, synonyms merged: "intend to start producing" -> (plan, start), (start, produce)."""
    words = concepts(text)
    return set(zip(words, words[1:], strict=False))


def introduced_names(question: str, text: str, index: SearchIndex | None = None) -> list[str]:
    """Names `text` gives that the question does not: what a description refers to, where a second hop starts.

    With the index, a word capitalised only because it opens the sentence ("Major automakers like
    Nissan ...") is not one: the articles write it in lower case elsewhere.
    """
    asked = set(tokens(question))
    found = [name for name in names(text) if not set(tokens(name)) <= asked]
    opens = bool(found) and text.lstrip(" \"“‘'(").startswith(found[0])
    if index is not None and opens and not set(tokens(found[0])) & _stats(index).name_tokens:
        return found[1:]
    return found


def _context_words(index: SearchIndex, stats: _Stats, position: int) -> frozenset[str]:
    """Words of the previous sentence(s) in the same article and of the article's title, and the
    full names of what the sentence calls short.

    A sentence that opens by pointing back ("This setback dealt a blow ...") leans on more of what
    came before: the setback was named three sentences earlier.
    """
    article = index.sentences[position].article_id
    return stats.title_words.get(article, frozenset()) | _leaned_words(index, stats, position) | stats.called[position]


def _called_by_name(index: SearchIndex) -> list[frozenset[str]]:
    """For each sentence, the words of the names it calls by their last word: "a spokesperson for
    the health board" is for the Ashcombe Regional Health Board its article named earlier."""
    called: list[frozenset[str]] = []
    # Last word of a name of two or more words -> the latest such name's words and its concepts.
    named: dict[str, tuple[list[str], frozenset[str]]] = {}
    article = None
    for sentence in index.sentences:
        if sentence.article_id != article:
            named, article = {}, sentence.article_id
        words: set[str] = set()
        # "the health board", "the board"; not "the research states" for the United States.
        for short in SHORT_NAME.finditer(fold(sentence.text)):
            for before, last in ((short.group(1), short.group(2)), (None, short.group(1))):
                name = named.get(last)
                if name and (before is None or before in name[0]):
                    words |= name[1]
        called.append(frozenset(words))
        if not sentence.heading:  # a heading capitalises every word: "Among Global Battery Giants"
            for match in FULL_NAME.finditer(sentence.text):
                said = fold(match.group(0)).split()
                named[said[-1]] = (said, frozenset(concepts(match.group(0))))
    return called


def _leaned_words(index: SearchIndex, stats: _Stats, position: int) -> frozenset[str]:
    """Words of the earlier sentences a sentence leans on, without its article's title: whom "it"
    is, where the title only says what the whole article is about."""
    return frozenset().union(*(stats.words[previous] for previous in _leaned_positions(index, position)))


def _leaned_positions(index: SearchIndex, position: int) -> list[int]:
    """The earlier sentences of its article a sentence may lean on for what it names."""
    sentence = index.sentences[position]
    reach = ANAPHORIC_REACH if ANAPHORIC_OPENING.match(sentence.text) else CONTEXT_SENTENCES
    earlier = range(position - 1, position - 1 - reach, -1)
    return [i for i in earlier if i >= 0 and index.sentences[i].article_id == sentence.article_id]


def context_text(index: SearchIndex, position: int) -> str:
    """The article's title and the sentences before this one that it may lean on: where "the
    company's goal" says whose goal it is."""
    title = index.sources[index.sentences[position].article_id].title
    return " ".join([title, *(index.sentences[i].text for i in reversed(_leaned_positions(index, position)))])


def _named_thing(question: str) -> str | None:
    """What a question wants named: "What is the name of the new EV model that ..." -> "model",
    "Who is the association's representative?" -> "spokesperson" (the concept of "representative")."""
    match = NAME_OF.search(question)
    if match and tokens(match.group("head")):
        return concept(tokens(match.group("head"))[-1])
    role = (ROLE.search(question) or REPRESENTATIVE.search(question)) if WHO.match(question) else None
    return concept(_role_tokens(role.group(0))[-1]) if role and _role_tokens(role.group(0)) else None


def role_holder(text: str, question: str) -> str | None:
    """The person `text` names in the role a who-question asks about: "Nissan's CEO Ivan Espinosa"
    gives "Ivan Espinosa" for "Who is Nissan's CEO?"; None when no name follows the role."""
    named = _named_thing(question) if WHO.match(question) else None
    if named is None:
        return None
    asked = set(tokens(question))
    text = _abbreviated_roles(text)
    for word in re.finditer(r"[\w’'-]+", text):
        if named not in concepts(word.group(0)):
            continue
        if _someone_elses_role(text, word, question):
            continue
        after, before = HOLDER.match(text, word.end()), HOLDER_BEFORE.search(text, 0, word.start())
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
    return SPELLED_ROLE.sub(lambda m: _role_tokens(m.group(0))[0].upper(), text)


def _has_new_value(
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
        words = list(re.finditer(r"[\w’'.&-]+", text))
        at = [
            i for i, word in enumerate(words)
            if named in concepts(word.group(0)) and not _someone_elses_role(text, word, question)
        ]
        near = " ".join(" ".join(w.group(0) for w in words[max(0, i - NAME_REACH) : i + NAME_REACH + 1]) for i in at)
        return bool(_new_names(near, asked_names | {named}))  # the role itself is no holder: "Oskar's CEO said"
    if wanted == "entity":
        return bool(_new_names(text, asked_names))
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
    if wanted in ("count", "money", "percent"):
        if wanted != "percent" and _total_for_rate(text, question):
            return False  # "How much will it cost to run each year?" is not answered by what it costs to build
        if wanted == "count" and _part_of_year_only(text, question):
            return False  # "sold in the whole of 2024" is not answered by June 2024's figure
        if wanted == "percent" and _part_of_year_only(text, question, parts=MONTH_OF_YEAR):
            return False  # "CATL's share in 2024" is not answered by its share "as of July 2024"
        ends = other_ends(text, question)  # "How much does Japan produce now?" is not answered by a goal
        values = [
            m for m in NUMBER.finditer(text)
            if not (wanted == "count" and not_a_count(text, m, question)) and not any(start <= m.start() < end for start, end in ends)
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
    the text gives none per period: "It will cost €480 million" is what it costs to build."""
    return bool(RATE_ASKED.search(question)) and not RATE.search(text)


def _part_of_year_only(text: str, question: str, *, parts: re.Pattern[str] = PART_OF_YEAR) -> bool:
    """The question asks about a whole year and the text gives that year only as a month or a
    part of it ("in June 2024", "the first half of 2023"). A share is asked with `parts` the months
    only: one that went "from the first half of 2023 to the second" does say how it moved in 2023."""
    years = {y for y in numbers(question) if YEAR.fullmatch(y)}
    if not years or re.search(MONTH.pattern, question, re.I) or re.search(PART_OF_YEAR.pattern, question, re.I):
        return False
    whole = numbers(parts.sub(" ", text))
    return any(year in numbers(text) and year not in whole for year in years)


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
        return not any(_people(word) for word in things)
    return not set(concepts(" ".join(things))) & set(concepts(asked.group(0)))


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


def _new_names(text: str, asked_names: set[str]) -> list[str]:
    """Names in `text` that the question did not give, nor gave in another form.

    "Japanese" is Japan's adjective; "EV" in "electric vehicle (EV)" abbreviates a common noun, and
    "JAIA" in "Japan Automobile Importers Association (JAIA)" a name the question gave in full.
    """
    defined = {short: long for short, long, _ in _definitions(text)}
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


def not_a_count(text: str, match: re.Match[str], question: str) -> bool:
    """The number (a `NUMBER` match in `text`) cannot answer the count the question asks for: "How many
    cars were sold?" not by a share, a sum or "3,900 employees"; "How much does Japan produce?" not
    by "$7 billion", unless it also asks about money. "How large is the grant?" may be."""
    if TALLY.search(question) and (share_or_sum(text, match) or counts_other(text, match, question)):
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
    money = match.group(0)[0] in "$€£¥" or bool(MONEY_AFTER.match(text, match.end()))
    return money and not ASKS_MONEY.search(question)


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


def is_percent(text: str, match: re.Match[str]) -> bool:
    """The number (a `NUMBER` match in `text`) is a percentage: "39%", "39 percent"."""
    return match.group(0).endswith("%") or bool(PERCENT_AFTER.match(text, match.end()))


def share_or_sum(text: str, match: re.Match[str]) -> bool:
    """The number (a `NUMBER` match in `text`) is a percentage or an amount of money: "0.7%",
    "$1.5 billion", "350 billion yen"; "2 million cars" is neither."""
    value, after = match.group(0), text[match.end() : match.end() + 24]
    return value.endswith("%") or value[0] in "$€£¥" or bool(SHARE_OR_SUM_AFTER.match(after))


def answer_tokens(text: str, wanted: str | None, question: str) -> set[str]:
    """Tokens of the values in `text` that could answer the question (new numbers or names, or a cause)."""
    asked = set(tokens(question))
    if wanted == "reason":  # "Why was it put on hold?": the cause is whatever the question does not say
        found = set(tokens(text))
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


CHANGE = re.compile(r"\b(cancel\w*|suspen\w*|withdr[ae]w\w*|on hold|halt\w*|scrap\w*|abandon\w*|postpon\w*|"
                    r"delay\w*|slip(s|ped|ping)?|push(ed|es)? back|shelv\w*|revers\w*|back(ed)? out|pull(ed)? out|dropp(ed)?)\b", re.I)
# A plan for the future, not any mention of "plan" ("a restructuring plan revealed").
# "said the work would begin in March": a plan reported ("would aid Nissan" alone is a condition).
PLAN = re.compile(r"\b(will|(?:said|says|announced|told|confirmed)\b[^.;]{0,60}?\bwould|(plans?|planned|intends?|expected|scheduled|aims?|anticipated|slated|set|promised|pledged|committed) to|targets?)\b", re.I)


def find_update(ranked: list[Evidence], chosen: list[Evidence], index: SearchIndex, *, min_overlap: float = 0.2) -> Evidence | None:
    """A sentence from another article saying a plan in the evidence was cancelled, suspended, ...

    Plans in one article are often reversed in a later one; citing both lets the reader see it.
    """
    if not chosen or not PLAN.search(chosen[0].sentence.text):
        return None
    planned_in = chosen[0].sentence.article_id
    subjects = {t for name in names(chosen[0].sentence.text) for t in tokens(name)}
    taken = {e.position for e in chosen}
    updates = [
        c for c in ranked
        if c.sentence.article_id != planned_in and c.position not in taken and c.overlap >= min_overlap
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


def select_evidence(ranked: list[Evidence], *, ratio: float, limit: int = 2) -> list[Evidence]:
    """The best sentence, plus close runners-up from other articles (which may disagree with it).

    A runner-up from the same article adds words, and often a distractor, more than an answer.
    """
    if not ranked:
        return []
    chosen = [ranked[0]]
    for candidate in ranked[1:]:
        if len(chosen) >= limit or candidate.score < ratio * ranked[0].score:
            break
        if candidate.sentence.heading or any(_same_content(candidate, c) for c in chosen):
            continue
        if any(candidate.sentence.article_id == c.sentence.article_id for c in chosen):
            continue
        chosen.append(candidate)
    if len(chosen) == 1 < limit:  # another article's other figure for the same thing is cited, if not as close
        best = ranked[0]
        rival = next((
            c for c in ranked[1:]
            if c.score >= DISAGREEING_SHARE * best.score and not c.sentence.heading
            and c.sentence.article_id != best.sentence.article_id and disagrees(best.sentence.text, c.sentence.text)
        ), None)
        if rival is not None:
            chosen.append(rival)
    return chosen


# "a power rating of 250 MW" against "the 200 MW battery": a number and the unit right after it.
MEASURE = re.compile(r"(?<![\w.])(\d[\d,.]*)\s*(%|[A-Za-z]{1,4}\b)")
DISAGREEING_SHARE = 0.7  # of the best score, for a sentence from another article giving another figure


def disagrees(text: str, other: str) -> bool:
    """`other` names something `text` names and gives, in a unit `text` uses, only other figures."""
    def measures(said: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for match in MEASURE.finditer(said):
            if not YEAR.fullmatch(match.group(1)) and match.group(2).lower() not in STOPWORDS:  # "7 of 17"
                found.setdefault(match.group(2).lower(), set()).update(numbers(match.group(1)))
        return found

    mine, theirs = measures(text), measures(other)
    shared = set(tokens(" ".join(names(text)))) & set(tokens(" ".join(names(other))))
    return bool(shared) and any(mine[unit].isdisjoint(theirs[unit]) for unit in mine.keys() & theirs.keys())


def _same_content(a: Evidence, b: Evidence) -> bool:
    words_a, words_b = set(tokens(a.sentence.text)), set(tokens(b.sentence.text))
    return len(words_a & words_b) >= 0.7 * min(len(words_a), len(words_b))
