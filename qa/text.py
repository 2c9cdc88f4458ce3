"""Small pure text helpers shared by retrieval and verification: tokens, numbers, names."""

from __future__ import annotations

import functools
import re
import unicodedata

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours also than per via according said says tell me please whats anything something
    much many""".split()
)
# Words that start questions or sentences; capitalised there without being names.
COMMON_CAPITALISED = STOPWORDS | frozenset(
    """what which who whom whose when where why how is are was were do does did can could will would
    should tell list name give explain describe compare summarise summarize state outline identify and or but so
    according in on at for by as if the a an
    this that these those it its there their they yes no ok okay please also then
    one two three four five six seven eight nine ten first second third fourth fifth sixth seventh eighth
    ninth tenth monday tuesday wednesday thursday friday saturday sunday""".split()  # a weekday names no one
)
ROLE = re.compile(r"\b(CEO|chief executive|chairman|chairwoman|chair|president|founder|co-founder|minister|"
                  r"spokesperson|spokesman|spokeswoman|director|governor|mayor|chief|head)s?\b", re.I)
# "$1.5 billion USD", "SKr 112": a unit, written in capitals, not a name.
CURRENCY_CODES = frozenset("usd eur jpy gbp cny rmb krw twd chf cad aud inr sek nok dkk isk skr nkr dkr".split())
# What is written before an amount of money: "$1.5 billion", "US$3 million", "SKr 112", "CHF 40".
CURRENCY_BEFORE = (r"(?:[$€£¥₹₩]|\b(?:US|A|C|NZ|HK|S|R)\$|"
                   r"\b(?:SKr|NKr|DKr|kr|SEK|NOK|DKK|ISK|CHF|USD|EUR|GBP|JPY|CNY|RMB|INR|AUD|CAD)\.?\s?)")
# ... and after one: "150 billion yen", "97 kronor".
CURRENCY_AFTER = (r"(?:yen|dollars?|usd|euros?|kronor|kroner|krona|krone|kr|francs?|yuan|renminbi|rupees?|pesos?|"
                  r"rand|zloty|forints?|lira)")
MONEY_BEFORE = re.compile(CURRENCY_BEFORE + r"$", re.I)
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,'’&-]*[A-Za-z0-9%]|[A-Za-z0-9]")
NUMBER = re.compile(r"(?<![\w.])[$€£¥]?\d+(?:[.,]\d+)*(?:\s?%)?")
MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december".split()
)


def fold(text: str) -> str:
    """Lower-case, strip accents, and use straight apostrophes and hyphens."""
    text = unicodedata.normalize("NFKD", text)
    if not text.isascii():  # only then can it hold accents to strip
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").lower()


def normalize_number(token: str) -> str:
    """'$3,900' -> '3900', '37.6 %' -> '37.6', '2,028.0' -> '2028'."""
    digits = re.sub(r"[^\d.,]", "", token).replace(",", "")
    digits = digits.rstrip(".")
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return digits.lstrip("0") or "0"


def numbers(text: str) -> set[str]:
    """Every number in the text, normalized ("3,900" and "3900" are the same number)."""
    return {normalize_number(match.group(0)) for match in NUMBER.finditer(text)}


ORDINALS = {"third": "three", "fourth": "four", "fifth": "five", "sixth": "six", "seventh": "seven",
            "eighth": "eight", "ninth": "nine", "tenth": "ten", "twelfth": "twelve"}


@functools.cache
def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    if word in ORDINALS:
        return ORDINALS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Search tokens: folded words minus stop words, light plural stemming, numbers normalized."""
    result = []
    for match in WORD.finditer(fold(text)):
        word = match.group(0).strip(".,'-").removesuffix("'s")  # "Japan's" -> "japan", without a stray "s"
        if not word:
            continue
        if word[0].isdigit() or word[0] in "$":
            result.append(normalize_number(word))
        elif word not in STOPWORDS:
            parts = re.split(r"[-']", word) if "-" in word or "'" in word else (word,)
            result.extend(_stem(part) for part in parts if part and part not in STOPWORDS)
    return result


def names(text: str) -> list[str]:
    """Capitalised words that look like names ("Foxconn", "CATL", "Oppama"), possessives dropped.

    A word in an all-caps text is not a name by its case alone, so shouted questions yield none.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) > 0.6 * len(letters):
        return []
    found = []
    for match in re.finditer(r"[A-Z][A-Za-z0-9&.-]*(?:['’]s)?", text):
        word = re.sub(r"['’]s$", "", match.group(0)).rstrip(".-")
        lowered = word.lower()
        common = lowered in COMMON_CAPITALISED or lowered in MONTH_WORDS or lowered in CURRENCY_CODES
        if len(word) > 1 and not common:
            found.append(word)
    return found


DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i", "ish")
# A country news text names by its abbreviation as often as by its name: "a US investment firm" is
# "the American lender".
PLACE_ABBREVIATIONS = (frozenset({"america", "us", "usa"}), frozenset({"britain", "british", "uk"}),
                       frozenset({"europe", "eu"}))


def place_forms(word: str) -> set[str]:
    """A place and the word for its people, either way round: "america" <-> "american", "china" <-> "chinese",
    and "us" <-> "american"."""
    forms = _people_forms(word)
    for group in PLACE_ABBREVIATIONS:
        if not group.isdisjoint(forms):
            forms |= {form for member in group for form in (_people_forms(member) if len(member) > 3 else {member})}
    return forms


def _people_forms(word: str) -> set[str]:
    forms = {word}
    roots = {word, word[:-1]} if word[-1:] in "aeiouy" else {word}
    forms |= {root + ending for root in roots for ending in DEMONYM_ENDINGS}
    for ending in DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            root = word[: -len(ending)]
            forms |= {root} | {root + vowel for vowel in "aeiouy"}
    return forms


def edit_distance_at_most(a: str, b: str, limit: int) -> bool:
    """True when a and b differ by at most `limit` edits (insert, delete, substitute, swap neighbours)."""
    if abs(len(a) - len(b)) > limit:
        return False
    before, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if before is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[-1] <= limit
