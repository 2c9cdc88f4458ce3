"""Load article files, strip web boilerplate, and find each article's title and date.

Cleaning never rewrites text: an article is its original text plus the spans (offsets into
that text) of the paragraphs worth keeping, so every quote maps back to the file exactly.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qa.errors import ArticleError
from qa.markup import mask_html, mask_markdown, read_front_matter

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")
SIDECAR = "articles.json"
TITLE_MAX_CHARS = 120  # a found title longer than this is cut at a word
TITLE_MAX_WORDS = 22  # a headline above a byline may run long: "Halvern Cuts Second Phase of ... Slips to 2028"
BYLINE = re.compile(r"(?:by|posted by|written by)\s+[A-Z]", re.I)


@dataclass(frozen=True)
class Article:
    id: str  # the file name, unique within a corpus folder
    title: str
    date: str | None  # ISO yyyy-mm-dd when known
    url: str | None
    text: str  # the original file text, decoded
    visible: str  # same length as `text`, markup blanked to whitespace
    paragraphs: tuple[tuple[int, int], ...]  # kept spans of `visible`, in order
    content_hash: str


# Whole lines that are page furniture, not article text (menus, widgets, edit markers).
UI_LINES = re.compile(
    r"^(top banner|input|changed|advertisement|skip to (main )?content|share( this( article)?)?|"
    r"menu|search|subscribe|sign in|log in|print|email|comments?( \(\d+\))?|related( articles)?|"
    r"read more\W*|close|loading\W*|home|tweet|facebook|twitter|linkedin|whatsapp)$",
    re.IGNORECASE,
)
# A site's menu: "Coastline Daily | News | Business | Sign in", "Menu | Search"; a share bar may open
# with a label ("Share this article: Facebook | X | Email") and show icons in brackets ("[f] [x]").
NAV_SEPARATOR = re.compile(r"\s+[|·•]\s+|\]\s*\[")
NAV_LABEL = re.compile(r"^[^|:]{1,40}:\s*")
# "© 2026 Coastline Media Ltd. All rights reserved. | Privacy | Terms": the page's footer.
COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)\s*\d{4}|copyright\s+(?:©|\(c\)|\d{4}))", re.I)
NAV_ITEM_MAX_WORDS = 3
# A masthead above the headline: "KESSEL CITY HERALD".
MASTHEAD_MAX_WORDS = 4
# Lines that point elsewhere ("Also Read: ..."): links, tags ("Topics: #Ports #Jobs"), advertisements
# ("Sponsored: Compare tariffs") and teasers for other coverage ("LIVE: Flood warnings - latest updates").
LINK_LINES = re.compile(
    r"^(also read|read also|see also|related|read more|recommended|more from|tags|topics|filed under|"
    r"sponsored|advertisement|promoted|paid content|partner content|live|watch|listen|video|podcast)\s*:",
    re.I,
)
COOKIE = re.compile(r"\bcookies?\b", re.I)
# A cookie notice talks to the reader ("We use cookies", "Do you like Cookies?", "Accept all");
# a news sentence about cookie rules does not, and must stay.
COOKIE_CONTEXT = re.compile(r"\b(we|our|us|you|your)\b|^\W*(accept|allow|manage|reject)\b", re.I)
COOKIE_NOTICE_MAX_WORDS = 40
BULLET = re.compile(r"\s*(?:[•·▪◦●■►▶]\s*|[*–—-]\s+)+(?=\S)")
# In Markdown/HTML a paragraph ends at a blank line, and each list item ("- ", "• ") is its own block.
BLANK_LINE_OR_LIST_ITEM = re.compile(r"\n[ \t\r\f\v]*\n\s*|\n(?=[ \t]*(?:[•·▪◦●■►▶]|[*+–—-][ \t]))")
HEADLINE_CASED = 0.8  # share of a headline's longer words that start with a capital
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")

DATE_PARAGRAPHS = 6  # opening paragraphs a publication date is read from
DATELINE_PARAGRAPHS = 12  # and short lines (datelines) as far down as this
DATELINE_MAX_WORDS = 20
MONTHS = (
    "january february march april may june july august september october november december".split()
)
_MONTH = r"(?P<month>" + "|".join(m[:3] + r"[a-z]*\.?" for m in MONTHS) + ")"
DATE_PATTERNS = (
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(19|20)\d\d)\b", re.I),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    # "19.02.2025 | 08:30": with dots the day comes first.
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(19|20)\d\d)\b"),
    # With slashes, only a day past the 12th says which number is the day: "21/11/2024", "11/21/2024";
    # "02/03/2024" is read both ways and left alone.
    re.compile(r"(?<![\d/])(?P<day>1[3-9]|2\d|3[01])/(?P<month>0?[1-9]|1[0-2])/(?P<year>(19|20)\d\d)\b"),
    re.compile(r"(?<![\d/])(?P<month>0?[1-9]|1[0-2])/(?P<day>1[3-9]|2\d|3[01])/(?P<year>(19|20)\d\d)\b"),
)


def load_corpus(corpus_dir: Path, *, uploads_dir: Path | None = None, max_bytes: int = 5_000_000) -> list[Article]:
    """Load every article in `corpus_dir`, then in `uploads_dir` (which may not exist yet).

    Files that cannot be used are skipped with a warning, and so is an upload whose name an
    article of the corpus folder already has: a file name is an article's id.
    """
    if not corpus_dir.is_dir():
        raise ArticleError(f"corpus folder does not exist: {corpus_dir}")
    articles: list[Article] = []
    seen_hashes: dict[str, str] = {}
    for path, overrides in article_files(corpus_dir, uploads_dir):
        try:
            article = load_article(path, overrides=overrides, max_bytes=max_bytes)
        except (ArticleError, OSError) as error:  # OSError: removed or locked since the folder was listed
            log.warning("skipping %s: %s", path.name, error)
            continue
        # Same kept text, whitespace aside: a copy saved with other line ends is still a copy.
        kept = " ".join(" ".join(article.visible[s:e].split()) for s, e in article.paragraphs)
        key = hashlib.sha256(kept.encode()).hexdigest()
        if key in seen_hashes:
            log.warning("skipping %s: same text as %s", path.name, seen_hashes[key])
            continue
        seen_hashes[key] = path.name
        articles.append(article)
    return articles


def article_files(corpus_dir: Path, uploads_dir: Path | None = None) -> Iterator[tuple[Path, dict[str, str]]]:
    """Each article file of the folders, first folder first, with its sidecar overrides; a name
    already taken by an earlier folder is skipped with a warning."""
    taken: set[str] = set()
    for folder in (corpus_dir, uploads_dir):
        if folder is None or not folder.is_dir():
            continue
        sidecar = _read_sidecar(folder / SIDECAR)
        for path in article_paths(folder):
            if path.name in taken:
                log.warning("skipping %s: %s already has an article of that name", path, corpus_dir)
                continue
            taken.add(path.name)
            yield path, sidecar.get(path.name, {})


def article_paths(folder: Path) -> list[Path]:
    """The article files directly in `folder` (not its sub-folders), by name."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())


def load_article(path: Path, *, overrides: dict[str, str] | None = None, max_bytes: int = 5_000_000) -> Article:
    """Read, clean and describe one article file. Raises ArticleError when it is unusable."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ArticleError(f"file is {size:,} bytes, over the {max_bytes:,} byte limit")
    text = decode(path.read_bytes(), name=path.name)
    suffix = path.suffix.lower()
    meta = dict(read_front_matter(text)) if suffix == ".md" else {}
    if suffix in (".html", ".htm"):
        visible, meta = mask_html(text)
    elif suffix == ".md":
        visible = mask_markdown(text)
    else:
        visible = text
    meta.update(overrides or {})
    found = clean(visible, blank_line_paragraphs=suffix != ".txt")
    paragraphs = [p for p in found if not _is_byline(visible[p[0] : p[1]])]
    if not paragraphs:
        raise ArticleError("no article text left after cleaning")
    title = meta.get("title") or find_title(visible, found) or path.stem
    date = normalize_date(meta["date"]) if meta.get("date") else find_date(visible, found)
    return Article(
        id=path.name,
        title=" ".join(title.split()),
        date=date,
        url=meta.get("url"),
        text=text,
        visible=visible,
        paragraphs=tuple(paragraphs),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    )


def decode(data: bytes, *, name: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 (with or without BOM), else Windows-1252."""
    if not data.strip():
        raise ArticleError("file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:  # odd length or a broken surrogate: truncated or not text
            raise ArticleError(f"file starts like UTF-16 text but does not decode ({error.reason})") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise ArticleError("file looks binary (contains NUL bytes), not text")
        log.warning("%s has no byte order mark; read it as UTF-16 (its NUL bytes say so)", name)
        return text
    codec = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        # Byte by byte: valid UTF-8 stays UTF-8 (a scraped page with one stray byte keeps its ’ and –),
        # and each byte UTF-8 rejects is read as Windows-1252, which covers plain Latin-1 files too.
        text = data.decode(codec, errors=CP1252_FALLBACK)
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
        if controls > len(text) * 0.01 or text.count("\ufffd") > len(text) * 0.01:
            raise ArticleError("file is not UTF-8 text and does not look like any text encoding") from None
        log.warning("%s is not UTF-8 throughout; read the other bytes as Windows-1252/Latin-1", name)
        return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: Latin letters leave every other byte NUL. None if not that."""
    if len(data) % 2:
        return None
    for zeros, codec in ((data[1::2], "utf-16-le"), (data[0::2], "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
            return text if controls <= len(text) * 0.01 else None  # zeros in both halves: binary
    return None


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


CP1252_FALLBACK = "qa-cp1252-fallback"
codecs.register_error(CP1252_FALLBACK, _cp1252_fallback)


def clean(visible: str, *, blank_line_paragraphs: bool = False) -> list[tuple[int, int]]:
    """Spans of the paragraphs worth keeping, boilerplate and duplicates removed."""
    visible = re.sub(r"\r(?!\n)", "\n", visible)  # old Mac line ends; same length, so spans still fit
    blocks = _split_blocks(visible, blank_line_paragraphs)
    # Furniture first: a cookie notice after the "More news" list would hide that list's end.
    blocks = [(s, e) for s, e in blocks if not _is_boilerplate(" ".join(visible[s:e].split()))]
    blocks = _drop_trailing_headline_list(visible, blocks)
    kept: list[tuple[int, int]] = []
    seen: set[str] = set()
    for start, end in blocks:
        key = " ".join(visible[start:end].split()).lower()
        if key in seen:
            continue
        seen.add(key)
        bullet = BULLET.match(visible, start, end)
        kept.append((bullet.end() if bullet else start, end))
    return kept


def _split_blocks(visible: str, blank_line_paragraphs: bool) -> list[tuple[int, int]]:
    separator = BLANK_LINE_OR_LIST_ITEM if blank_line_paragraphs else re.compile(r"\n")
    blocks, start = [], 0
    for match in [*separator.finditer(visible), None]:
        end = match.start() if match else len(visible)
        segment = visible[start:end]
        if segment.strip():
            left = start + len(segment) - len(segment.lstrip())
            blocks.append((left, start + len(segment.rstrip())))
        start = match.end() if match else end
    return blocks


def _is_boilerplate(line: str) -> bool:
    if UI_LINES.match(line) or LINK_LINES.match(line) or COPYRIGHT.match(line) or _is_navigation(line):
        return True
    if not any(ch.isalnum() for ch in line):  # a lone bullet glyph, "* * *", a rule of dashes
        return True
    words = line.split()
    short = len(words) <= COOKIE_NOTICE_MAX_WORDS
    if short and COOKIE.search(line) and (COOKIE_CONTEXT.search(line) or len(words) < 8):
        return True
    half = len(words) // 2
    # "Top Banner Top Banner": a short phrase repeated to fill a layout slot.
    return 2 <= len(words) <= 8 and len(words) % 2 == 0 and words[:half] == words[half:]


def _is_navigation(line: str) -> bool:
    """A menu of short items between bars ("Home | Ports | Jobs"), or of menu words alone ("Menu | Search").
    A byline's bars hold a date ("Metro Desk | Tuesday, 14 March 2023") and stay."""
    items = [item.strip("[] ") for item in NAV_SEPARATOR.split(NAV_LABEL.sub("", line, count=1))]
    if len(items) < 2 or any(pattern.search(line) for pattern in DATE_PATTERNS):
        return False
    if not all(1 <= len(item.split()) <= NAV_ITEM_MAX_WORDS and not SENTENCE_END.search(item) for item in items):
        return False
    return len(items) >= 3 or all(UI_LINES.match(item) for item in items)


def _drop_trailing_headline_list(visible: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop a run of headline-like lines after the last blank-line gap ("More news" lists)."""
    if len(blocks) < 4:
        return blocks
    last_gap = 0
    for index in range(1, len(blocks)):
        if "\n\n" in visible[blocks[index - 1][1] : blocks[index][0]].replace("\r", "").replace(" ", ""):
            last_gap = index
    tail = blocks[last_gap:]
    # Bulleted lines are the article's own list ("Key facts"), not links to other stories, unless
    # each is a headline: capitalised word by word, no sentence ("- Tarnbury Bridge to Close for Six Weeks").
    headline_like = [
        b for b in tail
        if len(visible[b[0] : b[1]].split()) <= 25 and (not BULLET.match(visible, *b) or _headline_cased(visible[b[0] : b[1]]))
    ]
    unpunctuated = [b for b in tail if not SENTENCE_END.search(visible[b[0] : b[1]].rstrip())]
    if last_gap and len(tail) >= 3 and len(headline_like) == len(tail) and len(unpunctuated) >= 0.7 * len(tail):
        return blocks[:last_gap]
    return blocks


def _headline_cased(line: str) -> bool:
    """Written as a headline: no sentence end, and its longer words capitalised."""
    words = [word for word in re.findall(r"[A-Za-z][\w'’-]*", line) if len(word) > 3]
    return bool(words) and not SENTENCE_END.search(line.rstrip()) and sum(w[0].isupper() for w in words) >= HEADLINE_CASED * len(words)


def _is_byline(line: str) -> bool:
    return len(line.split()) <= 14 and ("|" in line or line.lower().startswith("by ")) and find_date(line) is not None


def find_title(visible: str, paragraphs: list[tuple[int, int]]) -> str | None:
    """The headline: the headline-like line just above the byline or dateline, where the page has
    one; else the first headline-like line near the top, a run-on headline+deck line cut at the deck.

    A site's tagline ("The trade paper for digital infrastructure") or breadcrumb ("Home > Business")
    also comes first and looks like a headline; the byline follows the headline itself.
    """
    top = [" ".join(visible[s:e].split()) for s, e in paragraphs[:DATELINE_PARAGRAPHS]]
    byline = next((n for n, line in enumerate(top) if _opens_story(line)), None)
    if byline is not None:
        above = next((line for line in reversed(top[:byline]) if _headline_like(line, TITLE_MAX_WORDS)), None)
        if above is not None:
            return _shorten(above)
    lines = [line for line in top[:6] if not _is_byline(line)]
    if not lines:
        return None
    first = lines[0]
    if len(first.split()) > 16 and not SENTENCE_END.search(first):
        return _shorten(_cut_at_deck(first, visible))
    for line in lines:
        masthead = line.isupper() and len(line.split()) <= MASTHEAD_MAX_WORDS
        if 3 <= len(line.split()) <= 16 and not SENTENCE_END.search(line) and not masthead:
            return line
    return _shorten(first)


def _opens_story(line: str) -> bool:
    """A byline ("By Lyle Petrosian-Hart, Courier Staff Writer") or a dateline ("19.02.2025 | 08:30")."""
    return _is_dateline(line) or (len(line.split()) <= DATELINE_MAX_WORDS and bool(BYLINE.match(line)))


def _is_dateline(line: str) -> bool:
    """A short line that gives a date: "April 11, 2024, 6:12 p.m.", "Posted 2026-03-27 14:05"."""
    return len(line.split()) <= DATELINE_MAX_WORDS and any(pattern.search(line) for pattern in DATE_PATTERNS)


def _headline_like(line: str, most_words: int) -> bool:
    """A line of a few words that ends no sentence and is no menu ("Home | News"), breadcrumb
    ("Home > Sport") or masthead in capitals."""
    masthead = line.isupper() and len(line.split()) <= MASTHEAD_MAX_WORDS
    navigation = "|" in line or " > " in line
    return 3 <= len(line.split()) <= most_words and not SENTENCE_END.search(line) and not masthead and not navigation


def _shorten(line: str, limit: int = TITLE_MAX_CHARS) -> str:
    return line if len(line) <= limit else line[: limit - 3].rsplit(" ", 1)[0] + "…"


def _cut_at_deck(line: str, visible: str) -> str:
    """Cut "Headline Deck text Another deck" where a capitalised word starts a new clause.

    A capitalised word after a lower-case one starts a new headline unless the body also
    capitalises it mid-sentence (then it is a proper noun such as "Japan").
    """
    body = visible.replace(line, " ")
    words = line.split()
    for index in range(3, len(words)):
        word, previous = words[index], words[index - 1]
        if word[:1].isupper() and previous[:1].islower() and not previous.endswith((",", ":")):
            core = re.sub(r"\W+$", "", word)
            if not re.search(r"[a-z,] " + re.escape(core) + r"\b", body):
                return " ".join(words[:index])
    return line


def find_date(visible: str, paragraphs: list[tuple[int, int]] | None = None) -> str | None:
    """The first full date in the article's opening lines (byline area), as yyyy-mm-dd.

    A page may put a headline, a standfirst, a photo caption and banners before its dateline, so a
    short line a little further down is read too.
    """
    if paragraphs is None:
        head = visible
    else:
        opening = [visible[s:e] for s, e in paragraphs[:DATE_PARAGRAPHS]]
        datelines = [visible[s:e] for s, e in paragraphs[DATE_PARAGRAPHS:DATELINE_PARAGRAPHS]]
        head = "\n".join(opening + [line for line in datelines if len(line.split()) <= DATELINE_MAX_WORDS])
    for pattern in DATE_PATTERNS:
        match = pattern.search(head)
        if match:
            return _iso(match["year"], match["month"], match["day"])
    return None


def date_line(text: str, *, lines: int = 12) -> tuple[int, int] | None:
    """Where the byline or dateline with the article's date stands in its opening lines, or None."""
    for match in itertools.islice(re.finditer(r"[^\n]+", text), lines):
        line = match.group(0)
        if "<" not in line and _is_dateline(line):
            start = match.start() + len(line) - len(line.lstrip())
            return start, match.start() + len(line.rstrip())
    return None


def normalize_date(value: str) -> str | None:
    """Accept yyyy-mm-dd or a written date ("7 July 2025"); None when it is not a date."""
    return find_date(str(value))


def _iso(year: str, month: str, day: str) -> str | None:
    number = int(month) if month.isdigit() else MONTHS.index(next(m for m in MONTHS if m.startswith(month[:3].lower()))) + 1
    if not (1 <= number <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{int(year):04d}-{number:02d}-{int(day):02d}"


def _read_sidecar(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        log.warning("ignoring %s: %s", path.name, error)
        return {}
    if not isinstance(data, dict):
        log.warning("ignoring %s: expected an object mapping file names to metadata", path.name)
        return {}
    return {name: {k: str(v) for k, v in meta.items() if k in ("title", "date", "url")} for name, meta in data.items() if isinstance(meta, dict)}
