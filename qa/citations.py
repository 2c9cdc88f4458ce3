"""Citations and the checks that keep the small model honest.

A claim is shown only when every number and name in it stands in a cited quote, and a quote
only when it stands, character for character, at its offsets in the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from qa.text import fold, names, numbers, tokens

# An answer shows each quote between these marks, “…” [1]: its own words end where the first opens.
QUOTE_OPEN, QUOTE_CLOSE = "“", "”"


@dataclass(frozen=True)
class Citation:
    number: int  # the [n] marker in the answer text
    article_id: str  # file name in the corpus folder
    title: str
    date: str | None  # yyyy-mm-dd when known
    url: str | None
    quote: str  # the cited sentence(s) as they stand in the article
    start: int  # character offsets of the quote in the original file text
    end: int


def shown(text: str) -> str:
    """How a span of article text is shown: runs of whitespace collapsed."""
    return " ".join(text.split())


def verify_citation(citation: Citation, article_text: str) -> bool:
    """The quote is exactly the article text at the cited offsets."""
    return 0 <= citation.start < citation.end <= len(article_text) and shown(
        article_text[citation.start : citation.end]
    ) == citation.quote


def unsupported(claim: str, quotes: list[str]) -> list[str]:
    """Numbers and names in `claim` that none of the quotes contains (empty when all stand)."""
    evidence = " ".join(quotes)
    folded = fold(evidence)
    missing = sorted(numbers(claim) - numbers(evidence))
    for name in names(claim):
        if fold(name) not in folded:
            missing.append(name)
    return missing


CLAUSE_END = re.compile(r"[,;:—–]\s+|\s+[—–]\s+")  # not "(": "(EV) manufacturing" would start "EV)"
FOCUS_WORDS = 24  # quotes longer than this are cut to the clauses that matter


# A clause that only describes the name before it: cut from that name, it says nothing of whom.
DANGLING = re.compile(
    r"\s*(?:(?:officially|formally|legally|also|better|formerly|previously)\s+(?:known as|called|named)|"
    r"which|who|whose)\b",
    re.I,
)


def _inside_name(text: str, cut: re.Match[str]) -> bool:
    """A comma between capitalised words ("Ministry of Economy, Trade and Industry", "Toyota, Nissan")
    joins a name or a list, and is no clause break."""
    before = text[: cut.start()].split()[-1:] if cut.group(0).startswith(",") else []
    return bool(before) and before[0][:1].isupper() and text[cut.end() : cut.end() + 1].isupper()


# "towards a new road junction, a bus interchange and flood defences": a comma before short items
# that run on to "and" (or "or") joins a list, and is no clause break.
LIST_ITEM = (
    r"(?!(?:which|who|whom|whose|where|when|while|whereas|although|though|but|as|after|before|since|because|if|unless|"
    r"according|including|said|says|with|without)\b)(?:[\w'’-]+\s+){0,4}?[\w'’-]+"
)
LIST_REST = re.compile(rf"(?:{LIST_ITEM},\s+){{0,8}}{LIST_ITEM}\s+(?:and|or)\s")


def clause_cuts(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where the clauses of text[start:end] begin, and its end: "A, with B" -> [0, 3, 9]."""
    end = len(text) if end is None else end
    return [start] + [
        m.end() for m in CLAUSE_END.finditer(text, start, end)
        if not _inside_name(text, m) and not (m.group(0).startswith(",") and LIST_REST.match(text, m.end(), end))
    ] + [end]


def focus_span(
    text: str, start: int, end: int, keep: set[str], needed: set[str], same: Callable[[str], str] = str
) -> tuple[int, int]:
    """The shortest run of clauses of text[start:end] that holds the most of what matters.

    `needed` are tokens (values, names) the answer rests on and `keep` the question's terms;
    `same` maps a token to what it means, so "supply" keeps the clause that says "provide".
    A sentence of at most FOCUS_WORDS words is kept whole. Offsets stay in the original text.
    """
    if len(text[start:end].split()) <= FOCUS_WORDS:
        return start, end
    keep, needed = {same(t) for t in keep}, {same(t) for t in needed}
    cuts = clause_cuts(text, start, end)
    best, best_key = (start, end), None
    for i in range(len(cuts) - 1):
        for j in range(i + 1, len(cuts)):
            words = tokens(text[cuts[i] : cuts[j]])
            if len(words) < 4:
                continue
            found = {same(t) for t in words}
            key = (len(needed & found), len(keep & found), -len(text[cuts[i] : cuts[j]].split()))
            if best_key is None or key > best_key:
                best, best_key = (cuts[i], cuts[j]), key
    left, right = best
    while left > start and DANGLING.match(text, left):  # "officially known as Hon Hai" says not who is
        left = max(cut for cut in cuts if cut < left)
    colon = re.search(r":\s+$", text[left:right])
    if colon and right < end:  # "stepping into a new one:" promises what follows the colon
        right = next(cut for cut in cuts if cut > right)
    while right > left and (text[right - 1].isspace() or text[right - 1] in ",;:—–("):
        right -= 1
    return left, right
