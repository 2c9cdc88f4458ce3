"""A description in a question ("the automaker that cancelled X") resolved to the name it describes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.completion import introduced_names
from qa.index import SearchIndex
from qa.text import names, place_forms, tokens
from qa.values import NAME_REACH, STEM_LETTERS
from qa.vocabulary import concepts

DESCRIPTION = re.compile(
    r"\bthe\s+(?P<noun>(?:[\w-]+\s+){0,2}?(?:company|automaker|carmaker|firm|maker|manufacturer|producer|supplier|"
    r"plant|factory|facility|site|city|country|prefecture|person|executive|partner|group|business|"
    r"startup|start-up|utility|club|union|lender|agency))\s+"
    r"(?P<rel>that|which|who|where|whose|[a-z]+ing)\s+(?P<clause>[^?,;]+)",
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
AUXILIARY = r"(?:is|are|was|were|has|have|had|will|would|be|been|being|also|now|still)"
# Where a description that opens the question ends: "The carmaker planning X | is building ...".
MAIN_VERB = re.compile(r"\s(?:is|are|was|were|has|have|had|will|would|did|does|do|can|could)\s", re.I)


@dataclass(frozen=True)
class Bridge:
    """A question that describes what it asks about: "the CEO of [the automaker that cancelled ...]"."""

    question: str  # the description as a question of its own: "Which automaker cancelled ...?"
    span: tuple[int, int]  # where the description stands in the original question
    head: str  # what kind of thing it describes: "automaker", "factory"
    owner: str = ""  # whose it is, for "Ivan Espinosa's company"
    origin: str = ""  # where it is from, for "the Taiwan-based electronics maker"
    verb: str = ""  # what the thing described does, for "the startup that is building ...": "building"

    def doer_in(self, text: str) -> str | None:
        """The name in `text` just before the description's verb, when it is new: "Cellvane Storage is
        building" for "the startup that is building the battery"; None when the text has none. The
        verb is known by its first letters: "building" is found as "builds", "built" is not."""
        if len(self.verb) < STEM_LETTERS:
            return None
        pattern = (rf"((?:[A-Z][\w&.-]*\s+){{0,2}}[A-Z][\w&.-]*)(?:['’]s)?\s+(?:{AUXILIARY}\s+){{0,3}}"
                   rf"{re.escape(self.verb[:STEM_LETTERS])}\w*")
        asked = set(tokens(self.question))
        for match in re.finditer(pattern, text):
            found = match.group(1)
            if set(tokens(found)) - asked and names(found):
                return found
        return None

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
    verb = re.match(rf"(?:{AUXILIARY}\s+){{0,3}}([a-z]+)", clause.strip()) if not link else None
    return Bridge(f"Which {noun} {link}{clause.strip()}?", span, noun.split()[-1], verb=verb.group(1) if verb else "")
