"""Blank out HTML and Markdown markup without moving any character of the text.

Each function returns a string of the same length as its input in which markup is replaced
by spaces (or newlines where a block ends), so offsets into it are offsets into the file.
"""

from __future__ import annotations

import html
import re

BLOCK_TAGS = (
    "p|div|br|li|ul|ol|h[1-6]|section|article|header|footer|nav|aside|blockquote|tr|td|th|table|"
    "figure|figcaption|main|title|pre|hr"
)
# An unclosed script, style or comment (a truncated page) hides everything after it, as in a browser.
HIDDEN = re.compile(
    r"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>|<(script|style|noscript|template)\b.*\Z",
    re.I | re.S,
)
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
BLOCK = re.compile(rf"</?(?:{BLOCK_TAGS})\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]*>")
# Entities that only stand for a space can be blanked without moving anything ("CEO&nbsp;said").
SPACE_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|#160|#x0*a0|#819[4-7]|#8201|#x200[2-9]);", re.I)
META = re.compile(r'<meta\s+[^>]*(?:name|property)=["\'](?P<key>[^"\']+)["\'][^>]*content=["\'](?P<value>[^"\']*)["\']', re.I)
TITLE = re.compile(r"<title[^>]*>(?P<value>.*?)</title>", re.I | re.S)
FRONT_MATTER = re.compile(r"\A---\r?\n(?P<body>.*?)\r?\n---\r?\n", re.S)
MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
MD_LINK_TARGET = re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`)")


def _blank(text: str, pattern: re.Pattern[str], *, newline: bool = False) -> str:
    def fill(match: re.Match[str]) -> str:
        span = match.group(0)
        if newline and len(span) >= 2:
            return "\n\n" + " " * (len(span) - 2)
        return "".join(ch if ch in "\r\n" else " " for ch in span)

    return pattern.sub(fill, text)


def mask_html(text: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page (same length) and its title/date/url metadata."""
    meta: dict[str, str] = {}
    for match in META.finditer(text):
        key = match["key"].lower()
        value = html.unescape(match["value"]).strip()
        if key in ("og:title", "title") and value:
            meta.setdefault("title", value)
        elif key in ("article:published_time", "date", "pubdate", "publish-date") and value:
            meta.setdefault("date", value[:10])
        elif key == "og:url" and value:
            meta.setdefault("url", value)
    title = TITLE.search(text)
    if title and "title" not in meta:
        meta["title"] = html.unescape(TAG.sub(" ", title["value"])).strip()
    visible = _blank(text, HIDDEN, newline=True)
    visible = _blank(visible, COMMENT)
    visible = _blank(visible, BLOCK, newline=True)
    visible = _blank(visible, TAG)
    visible = _blank(visible, SPACE_ENTITY)
    return visible, meta


def mask_markdown(text: str) -> str:
    """Visible text of a Markdown file: front matter, images, link targets and marks blanked."""
    visible = _blank(text, FRONT_MATTER)
    for pattern in (MD_IMAGE, MD_LINK_TARGET, MD_HEADING, MD_EMPHASIS):
        visible = _blank(visible, pattern)
    return visible.replace("[", " ").replace("]", " ")


def read_front_matter(text: str) -> dict[str, str]:
    """`key: value` pairs from a leading `---` block (a YAML subset: flat strings only)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    pairs = {}
    for line in match["body"].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in ("title", "date", "url"):
            pairs[key.strip().lower()] = value.strip().strip("\"'")
    return pairs
