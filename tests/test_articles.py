"""Article loading and cleaning: each boilerplate rule, title and date, sidecar and front matter, offsets."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from qa.articles import (
    Article,
    clean,
    date_line,
    decode,
    find_date,
    find_title,
    load_article,
    load_corpus,
    normalize_date,
)
from qa.errors import ArticleError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# A made-up news page with one instance of every kind of furniture the cleaner should remove.
PAGE = """Top Banner Top Banner
Harbor City Opens New Ferry Terminal

Metro Desk | Tuesday, 14 March 2023

Input
Changed
  • The terminal cost $120 million to build.
  • It will serve 8,000 riders a day.

Harbor City opened its new ferry terminal on Tuesday, officials said.
Also Read: Ten Things To Do In Harbor City This Spring
The mayor said the project finished on time and under budget.
The mayor said the project finished on time and under budget.
Advertisement
Ridership is expected to double by 2030, according to the transit agency.

City Council Approves New Parking Rules
Local Team Wins Regional Championship
Weather Turns Cold This Weekend Across The Region
Stock Markets Slide On Rate Fears

We use cookies to ensure you get the best experience on our website.
Accept cookies
"""


def kept_lines(visible: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> list[str]:
    return [visible[start:end] for start, end in spans]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- cleaning rules, one at a time, on the synthetic page ---------------------------------------


@pytest.fixture
def page_lines() -> list[str]:
    return kept_lines(PAGE, clean(PAGE))


def test_repeated_banner_line_is_removed(page_lines: list[str]) -> None:
    assert not any("Top Banner" in line for line in page_lines)


def test_stray_ui_words_are_removed(page_lines: list[str]) -> None:
    assert "Input" not in page_lines and "Changed" not in page_lines and "Advertisement" not in page_lines


def test_bullet_glyphs_are_cut_off_and_the_item_text_kept(page_lines: list[str]) -> None:
    assert "The terminal cost $120 million to build." in page_lines
    assert "It will serve 8,000 riders a day." in page_lines
    assert not any(line.lstrip().startswith("•") for line in page_lines)


def test_also_read_link_lines_are_removed(page_lines: list[str]) -> None:
    assert not any("Also Read" in line for line in page_lines)


def test_trailing_list_of_unrelated_headlines_is_removed(page_lines: list[str]) -> None:
    assert not any(
        line.startswith(("City Council", "Local Team", "Weather Turns", "Stock Markets"))
        for line in page_lines
    )


def test_a_duplicated_line_is_kept_once(page_lines: list[str]) -> None:
    assert page_lines.count("The mayor said the project finished on time and under budget.") == 1


def test_cookie_notice_is_removed(page_lines: list[str]) -> None:
    assert not any("cookie" in line.lower() for line in page_lines)


def test_the_article_itself_survives_cleaning(page_lines: list[str]) -> None:
    for sentence in (
        "Harbor City Opens New Ferry Terminal",
        "Harbor City opened its new ferry terminal on Tuesday, officials said.",
        "Ridership is expected to double by 2030, according to the transit agency.",
    ):
        assert sentence in page_lines


def test_kept_spans_are_ordered_and_point_into_the_text() -> None:
    spans = clean(PAGE)
    assert spans == sorted(spans)
    assert all(0 <= start < end <= len(PAGE) for start, end in spans)
    assert all(PAGE[start:end] == PAGE[start:end].strip() for start, end in spans)


def test_ui_words_inside_a_sentence_are_not_boilerplate() -> None:
    text = "Input costs rose 5% in May.\nShare prices of the firm fell.\nSearch crews found the ship.\n"
    assert kept_lines(text, clean(text)) == [
        "Input costs rose 5% in May.",
        "Share prices of the firm fell.",
        "Search crews found the ship.",
    ]


def test_a_short_final_section_of_real_sentences_is_kept() -> None:
    body = "\n".join(f"Paragraph {n} of the story says something new." for n in range(5))
    ending = "The company declined to comment.\nShares rose 2% on Monday.\nAnalysts expect more deals.\n"
    text = f"{body}\n\n{ending}"
    assert "Analysts expect more deals." in kept_lines(text, clean(text))


def test_a_final_bulleted_key_facts_list_is_article_text_not_a_headline_list() -> None:
    body = "\n".join(f"Paragraph {n} of the story says something new about the plant." for n in range(5))
    facts = "Key facts\n• The plant opens in 2027\n• It employs 3,900 people\n• It cost $1.5 billion\n"
    lines = kept_lines(body + "\n\n" + facts, clean(body + "\n\n" + facts))
    assert "It employs 3,900 people" in lines and "The plant opens in 2027" in lines


def test_a_final_bulleted_list_of_headlines_is_not_article_text() -> None:
    body = "\n".join(f"Paragraph {n} of the story says something new about the plant." for n in range(5))
    more = (
        "More from Vale Courier\n- Tarnbury Bridge to Close for Six Weeks of Structural Repairs\n"
        "- Stennick Rovers Promoted After 3-1 Win Over Wexholm Athletic\n- Library Marks 150 Years With Map Exhibition\n"
    )
    lines = kept_lines(body + "\n\n" + more, clean(body + "\n\n" + more))
    assert "Paragraph 4 of the story says something new about the plant." in lines
    assert not any("Tarnbury" in line or "More from" in line for line in lines)


def test_a_news_paragraph_about_cookie_rules_is_not_a_cookie_notice() -> None:
    paragraph = (
        "European regulators said the new policy requires websites to ask visitors before storing "
        "tracking cookies, and companies that fail to obtain consent face fines of up to 4% of turnover."
    )
    text = f"Regulators Tighten Rules On Online Tracking\n{paragraph}\n"
    assert paragraph in kept_lines(text, clean(text))


def test_lines_of_only_bullet_glyphs_or_rules_are_dropped() -> None:
    text = "Harbor City Budget Passes\n•\n* * *\n---\nThe council approved the budget on Monday.\n"
    assert kept_lines(text, clean(text)) == [
        "Harbor City Budget Passes",
        "The council approved the budget on Monday.",
    ]


def test_markdown_style_blank_line_paragraphs_keep_each_bullet_item_apart() -> None:
    text = (
        "Key facts:\n\n- The plant cost $1.5 billion\n- It employs 2,000 people\n\nThe plant opened in May.\n"
    )
    lines = kept_lines(text, clean(text, blank_line_paragraphs=True))
    assert "The plant cost $1.5 billion" in lines and "It employs 2,000 people" in lines


def test_old_mac_line_endings_separate_lines_like_newlines() -> None:
    text = "Harbor City Budget Passes\rThe council approved the budget on Monday.\rIt takes effect in July.\r"
    assert kept_lines(text, clean(text)) == [
        "Harbor City Budget Passes",
        "The council approved the budget on Monday.",
        "It takes effect in July.",
    ]


# --- title and date -------------------------------------------------------------------------------


def test_title_and_date_of_the_synthetic_page(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "ferry.txt", PAGE))
    assert article.title == "Harbor City Opens New Ferry Terminal"
    assert article.date == "2023-03-14"
    assert not any("Metro Desk" in line for line in kept_lines(article.visible, article.paragraphs))


def test_a_site_menu_and_masthead_are_not_the_title(tmp_path: Path) -> None:
    page = (
        "HARBOR CITY HERALD\n"
        "Coastline Daily | News | Business | Environment | Sign in\n"
        "Menu | Search\n"
        "Ferry Operator Picked for New Harbor Route\n"
        "Metro Desk | Tuesday, 14 March 2023\n\n"
        "The city chose Bayline Ferries to run the route. Service starts in May.\n"
    )
    article = load_article(write(tmp_path, "menu.txt", page))
    assert article.title == "Ferry Operator Picked for New Harbor Route"
    assert article.date == "2023-03-14"
    lines = kept_lines(article.visible, article.paragraphs)
    assert not any("|" in line and "Sign in" in line for line in lines) and "Menu | Search" not in lines
    # Bars around a headline or in a sentence are no menu.
    assert clean("Ferry fares rise | Harbor News\n") and clean("Fares rose 10% in May | June | July.\n")


def test_an_advert_or_a_teaser_for_other_coverage_is_neither_the_title_nor_text(tmp_path: Path) -> None:
    page = (
        "Coastline Daily | News | Business | Sign in\n"
        "Sponsored: Compare energy tariffs in two minutes\n"
        "LIVE: Harbour storm warnings - latest updates\n"
        "Ferry Operator Picked for New Harbor Route\n\n"
        "The city chose Bayline Ferries to run the route. Live music will mark the first sailing.\n"
    )
    article = load_article(write(tmp_path, "teaser.txt", page))
    assert article.title == "Ferry Operator Picked for New Harbor Route"
    lines = kept_lines(article.visible, article.paragraphs)
    assert not any(line.startswith(("Sponsored", "LIVE")) for line in lines)
    assert any("Live music will mark" in line for line in lines)  # a sentence that opens with the word stays


def test_share_bars_tags_and_the_copyright_footer_are_not_text(tmp_path: Path) -> None:
    page = (
        "Ferry Operator Picked for New Harbor Route\n"
        "The city chose Bayline Ferries to run the route. The first sailing is in May.\n"
        "Share this story: Facebook | X | LinkedIn | Copy link\n"
        "Share: [f] [x] [in] | Print | 12 comments\n"
        "Topics: #Ferries #Harbor #Transport\n"
        "Filed under: Local news, Transport\n"
        "Comments (31)\n"
        "© 2026 Coastline Media Ltd. All rights reserved. | Privacy | Terms\n"
        "Topics for the council's next meeting include the ferry timetable.\n"
    )
    article = load_article(write(tmp_path, "footer.txt", page))
    lines = kept_lines(article.visible, article.paragraphs)
    assert lines == [
        "Ferry Operator Picked for New Harbor Route",
        "The city chose Bayline Ferries to run the route. The first sailing is in May.",
        "Topics for the council's next meeting include the ferry timetable.",  # a sentence, not a label
    ]


def test_a_dateline_below_the_page_furniture_dates_the_article(tmp_path: Path) -> None:
    furniture = "".join(f"Harbor News Section {n}\n" for n in range(1, 6))
    dateline = "By Mara Lind, Transport Reporter | 4 March 2026, 09:30\n"
    body = "The city chose Bayline Ferries to run the route.\n"
    assert load_article(write(tmp_path, "late.txt", furniture + "Ferry Operator Picked\n" + dateline + body)).date == "2026-03-04"
    # Past the opening lines, a date in a long paragraph is the news, not the article's date.
    news = "The council said on 4 March 2026 that the ferry would run every hour from May, with two boats and a crew of twelve on each sailing.\n"
    assert load_article(write(tmp_path, "news.txt", furniture + "Ferry Operator Picked\n" + body + news)).date is None


def test_run_on_headline_is_cut_where_the_deck_starts() -> None:
    line = (
        "Ferry fares rise across the harbor region Commuters face higher costs this year "
        "Officials blame fuel prices and staff shortages"
    )
    text = f"{line}\nThe agency raised fares by 10% on Monday.\n"
    assert find_title(text, clean(text)) == "Ferry fares rise across the harbor region"


def test_title_of_text_without_headline_or_punctuation_stays_short() -> None:
    text = "word " * 3000
    title = find_title(text, clean(text))
    assert title is not None and len(title) <= 120


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Desk | Monday, 07 July 2025", "2025-07-07"),
        ("Posted March 3, 2022 by staff", "2022-03-03"),
        ("Updated: 2024-11-30", "2024-11-30"),
        ("Sept. 9th, 2021", "2021-09-09"),
        ("By a correspondent\n19.02.2025 | 08:30", "2025-02-19"),  # a European dateline, day first
        ("31.13.2025", None),  # no 13th month
        # With slashes a day past the 12th says which number is the day; "02/03/2024" could be either.
        ("Written by M. Brun | Published 21/11/2024 – 09:40", "2024-11-21"),
        ("Posted 11/21/2024", "2024-11-21"),
        ("Posted 02/03/2024", None),
        ("no date in this line", None),
    ],
)
def test_find_date(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


def test_date_line_is_the_opening_line_with_the_date_and_stands_in_the_text() -> None:
    text = "Top Banner\nNissan eyes Oppama\n\n  Review Team | Monday, 07 July 2025  \n\nBody text on 8 July 2025 too.\n"
    start, end = date_line(text) or (0, 0)
    assert text[start:end] == "Review Team | Monday, 07 July 2025"
    assert date_line("Headline\n\nA body with no date at all.\n") is None
    assert date_line("Headline\n" + "Filler line.\n" * 20 + "7 July 2025\n") is None  # not in the opening lines


def test_normalize_date_rejects_what_is_not_a_date() -> None:
    assert normalize_date("7 July 2025") == "2025-07-07"
    assert normalize_date("soon") is None


@pytest.mark.parametrize(
    ("name", "title", "date"),
    [
        ("000_33c6a3bce54667ed.txt", "Nissan Eyes EV Production with Foxconn at Japan Plant", "2025-07-07"),
        ("001_1039260d6b251263.txt", "Toyota, Nissan to Invest $7 Billion in EV Batteries", None),
        (
            "002_0b82c0a571192d8b.txt",
            "China races ahead, casting a shadow over Japan’s battery industry",
            None,
        ),
    ],
)
def test_seed_titles_and_dates(name: str, title: str, date: str | None) -> None:
    article = load_article(SEEDS / name)
    assert (article.title, article.date) == (title, date)


def test_seed_furniture_is_gone_and_the_body_stays() -> None:
    lines = kept_lines(*_visible_and_paragraphs("000_33c6a3bce54667ed.txt"))
    assert not any(
        line in ("Top Banner Top Banner", "Input", "Changed") or "Cookies" in line for line in lines
    )
    assert any(
        line.startswith("The Oppama facility, which has approximately 3,900 employees") for line in lines
    )
    tail = kept_lines(*_visible_and_paragraphs("001_1039260d6b251263.txt"))
    assert not any("Trello" in line or "iRobot" in line for line in tail)


def _visible_and_paragraphs(name: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    article = load_article(SEEDS / name)
    return article.visible, article.paragraphs


# --- sidecar and front matter ---------------------------------------------------------------------


def test_sidecar_sets_title_date_and_url(tmp_path: Path) -> None:
    write(tmp_path, "story.txt", "Plain Title Of Story\nThe first sentence is here. The second is there.\n")
    write(
        tmp_path,
        "articles.json",
        json.dumps(
            {
                "story.txt": {
                    "title": "Sidecar Title",
                    "date": "2 January 2021",
                    "url": "https://example.com/s",
                }
            }
        ),
    )
    [article] = load_corpus(tmp_path)
    assert (article.title, article.date, article.url) == (
        "Sidecar Title",
        "2021-01-02",
        "https://example.com/s",
    )


def test_a_broken_sidecar_is_ignored_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path, "story.txt", "Plain Title Of Story\nThe first sentence is here.\n")
    write(tmp_path, "articles.json", "{not json")
    with caplog.at_level(logging.WARNING):
        [article] = load_corpus(tmp_path)
    assert article.title == "Plain Title Of Story"
    assert "articles.json" in caplog.text


MARKDOWN = """---
title: "Battery Plant Opens"
date: 2024-03-05
url: https://example.com/plant
---

# Acme Builds A Battery Plant

Acme Corp. said on **Tuesday** that its [new plant](https://example.com/p) in the U.S. will cost $1.5 billion.
It employs 2,000 people.
"""


def test_markdown_front_matter_sets_metadata_and_is_not_article_text(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "plant.md", MARKDOWN))
    assert (article.title, article.date, article.url) == (
        "Battery Plant Opens",
        "2024-03-05",
        "https://example.com/plant",
    )
    text = " ".join(kept_lines(article.visible, article.paragraphs))
    assert "title:" not in text and "https://" not in text and "**" not in text and "#" not in text
    assert "Acme Corp. said on Tuesday that its new plant" in " ".join(text.split())


HTML = """<html><head><title>Tab Title</title>
<meta property="og:title" content="Widget Profits Climb">
<meta property="article:published_time" content="2023-11-02T10:00:00Z">
<style>p { color: red }</style></head>
<body><nav>Home</nav><h1>Widget Profits Climb</h1>
<p>Widget Inc. reported a profit of 5 million dollars. The CEO said <b>growth</b> will continue.</p>
<script>var note = "Ignore me.";</script>
<p>Second paragraph, with a <a href="http://example.com">link</a> inside.</p></body></html>
"""


def test_html_metadata_and_visible_text(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "widget.html", HTML))
    assert (article.title, article.date) == ("Widget Profits Climb", "2023-11-02")
    text = " ".join(" ".join(kept_lines(article.visible, article.paragraphs)).split())
    assert "Widget Inc. reported a profit of 5 million dollars." in text
    assert "The CEO said growth will continue." in text
    assert "Ignore me" not in text and "color" not in text and "<" not in text


def test_html_space_entities_read_as_spaces(tmp_path: Path) -> None:
    page = "<h1>Harbor Ferry Opens</h1><p>The&nbsp;mayor&#160;said the&NBSP;ferry&#xA0;runs&emsp;daily.</p>"
    article = load_article(write(tmp_path, "spaces.html", page))
    assert "The mayor said the ferry runs daily." in " ".join(
        " ".join(article.visible[s:e].split()) for s, e in article.paragraphs
    )


@pytest.mark.parametrize(
    "tail", ["<script>var track = 1; alert('x')", "<style>p { color: red }", "<!-- an unclosed comment"]
)
def test_a_truncated_page_never_shows_script_style_or_comment_text(tmp_path: Path, tail: str) -> None:
    page = "<html><body><h1>Harbor Ferry Opens</h1><p>Harbor City opened a terminal.</p>" + tail
    article = load_article(write(tmp_path, "cut.html", page))
    text = " ".join(kept_lines(article.visible, article.paragraphs))
    assert "Harbor City opened a terminal." in text
    assert not any(word in text for word in ("track", "alert", "color", "unclosed", "<"))


@pytest.mark.parametrize(("name", "content"), [("widget.html", HTML), ("plant.md", MARKDOWN)])
def test_markup_masking_keeps_every_visible_character_at_its_offset(
    tmp_path: Path, name: str, content: str
) -> None:
    article = load_article(write(tmp_path, name, content))
    assert len(article.visible) == len(article.text)
    assert all(v == t for v, t in zip(article.visible, article.text, strict=True) if not v.isspace())
    for start, end in article.paragraphs:
        assert article.visible[start:end].strip() == article.visible[start:end]


# --- decoding and skipping ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "Café news. It opened.".encode(),
        b"\xef\xbb\xbf" + "Café news. It opened.".encode(),
        "\ufeffCafé news. It opened.".encode("utf-16-le"),
        "\ufeffCafé news. It opened.".encode("utf-16-be"),
    ],
)
def test_decode_utf8_and_utf16_with_bom(data: bytes) -> None:
    assert decode(data, name="x.txt").lstrip("\ufeff") == "Café news. It opened."


def test_decode_reads_latin1_with_a_warning_naming_the_file(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert decode("Café in São Paulo.".encode("latin-1"), name="old.txt") == "Café in São Paulo."
    assert "old.txt" in caplog.text


def test_decode_keeps_utf8_characters_when_only_a_few_bytes_are_not_utf8(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A scraped UTF-8 page with one stray Windows-1252 byte must not turn every ’ into mojibake."""
    data = "Nissan’s plant in Yokosuka – a “key” site.".encode() + b" Costs rose \x96 sharply."
    with caplog.at_level(logging.WARNING):
        text = decode(data, name="mixed.txt")
    assert text == "Nissan’s plant in Yokosuka – a “key” site. Costs rose – sharply."
    assert "mixed.txt" in caplog.text


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\xff\xfe" + "Half a character.".encode("utf-16-le") + b"A", "UTF-16"),
    ],
)
def test_decode_refuses_unusable_bytes_in_words(data: bytes, words: str) -> None:
    with pytest.raises(ArticleError, match=words):
        decode(data, name="bad.txt")


def test_an_article_that_is_only_a_byline_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no article text"):
        load_article(write(tmp_path, "byline.txt", "By Jane Doe | March 3, 2022\n"))


def test_load_corpus_skips_bad_files_with_a_warning_naming_each(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, "good.txt", "Good Story Title\nThe good story has a sentence.\n")
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "binary.txt", b"\x00\x01\x02\x03binary")
    write(tmp_path, "furniture.txt", "Top Banner Top Banner\nAdvertisement\n")
    write(tmp_path, "notes.csv", "not,an,article\n")
    with caplog.at_level(logging.WARNING):
        articles = load_corpus(tmp_path)
    assert [a.id for a in articles] == ["good.txt"]
    for name in ("empty.txt", "binary.txt", "furniture.txt"):
        assert name in caplog.text
    assert "notes.csv" not in caplog.text


def test_load_corpus_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")


def test_article_is_a_frozen_record_with_a_content_hash(tmp_path: Path) -> None:
    first = load_article(write(tmp_path, "a.txt", "A Title Here\nOne sentence.\n"))
    second = load_article(write(tmp_path, "b.txt", "A Title Here\nOne sentence.\n"))
    assert isinstance(first, Article) and first.content_hash == second.content_hash
    with pytest.raises(AttributeError):
        first.title = "changed"  # type: ignore[misc]


def test_the_title_is_the_headline_above_the_byline_not_the_site_tagline() -> None:
    text = (
        "RACKLINE WEEKLY | News | Markets | Power & Cooling | Policy\n"
        "The trade paper for digital infrastructure\n\n"
        "Home > Business of Sport > Stadiums\n\n"
        "Sallow Ridge: Halvern wins county tax deal as costs climb to $3.9bn\n\n"
        "By Henrike Valstad-Moore, Americas Correspondent\n"
        "19.02.2025 | 08:30\n\n"
        "Halvern Cloudworks has won approval for a property tax deal for its campus.\n"
    )
    assert find_title(text, clean(text)) == "Sallow Ridge: Halvern wins county tax deal as costs climb to $3.9bn"
    # Without a byline the first headline-like line is still taken, as before.
    assert find_title("Ferry fares rise across the harbor region\n\nThe agency raised fares.\n", clean("Ferry fares rise across the harbor region\n\nThe agency raised fares.\n")) == "Ferry fares rise across the harbor region"
