"""Citations and the checks that keep the small model honest.

A claim is shown only when every number and name in it stands in a cited quote, and a quote
only when it stands, character for character, at its offsets in the article.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa.text import fold, names, numbers


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
