"""End to end in headless Debian Chromium (Selenium): ask, read the sources, check a quote, add an article."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_app import LiveApp, start_app, stop_app

pytestmark = [pytest.mark.browser, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]
# The README's picture is refreshed only when asked: QA_SCREENSHOT=docs/screenshot.png make test-browser
SCREENSHOT = os.environ.get("QA_SCREENSHOT")
WAIT = 240  # seconds for an answer on a busy two-core machine; a quiet one answers in a few
FINISHED = "#chat .qa-answer, #chat .qa-abstained, #chat .qa-refusal"
STREAMING = "#chat .qa-pending, #chat .qa-cursor"
# An article that tries to run script and load an image from elsewhere (a closed local port).
HOSTILE_ARTICLE = """---
title: Solar Robotics opens a robot factory in Osaka <script>window.__pwned = 1</script>
date: 2025-08-01
---
# Solar Robotics opens a robot factory in Osaka

Solar Robotics will hire 1,250 workers at its new Osaka factory, the company said on Friday. \
![tracker](http://127.0.0.1:9/pixel.png) <img src="http://127.0.0.1:9/img.png" onerror="window.__pwned = 2">

The factory will build 40,000 warehouse robots a year <script>window.__pwned = 3</script> and start \
production in March 2026.

Chief executive Aiko Tanaka said the company chose Osaka for its port and its engineers.
"""


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# The flags the issue asks for: no GPU, no first-run or background traffic, a fresh profile.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--window-size=1400,1100",
)


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    app = start_app(tmp_path_factory.mktemp("chat-app"))
    yield app
    stop_app(app)


@pytest.fixture
def browser() -> Iterator[object]:
    """A fresh headless Chromium. Outside CI a machine without it skips; in CI that is a failure."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        message = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never fetch a browser or driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class ChatPage:
    """The chat as a person uses it: type, wait, read, click."""

    def __init__(self, driver, url: str):
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver = driver
        self.wait = WebDriverWait(driver, WAIT)
        driver.get(url)
        self.wait.until(lambda d: "I answer from" in self.text("#library"))

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self, css: str) -> str:
        found = self.find(css)
        return found[-1].text if found else ""

    def ask(self, question: str) -> str:
        """Type a question, press Enter, wait until the answer has finished streaming; its text."""
        from selenium.webdriver.common.keys import Keys

        before = len(self.find(FINISHED))
        box = self.find("#question textarea")[0]
        box.send_keys(question)
        box.send_keys(Keys.ENTER)
        self.wait.until(lambda d: len(self.find(FINISHED)) > before and not self.find(STREAMING))
        return self.text("#chat [data-testid='bot']")

    def open_source(self, number: int = 1) -> str:
        """Click a source card; the highlighted span in the article view (which must change)."""
        before = self.text("#article")
        self.find(f'#sources .qa-card[data-source="{number}"]')[0].click()
        self.wait.until(
            lambda d: (
                self.find(f'#article mark.qa-highlight[data-source="{number}"]')
                and self.text("#article") != before
            )
        )
        return self.text("#article mark.qa-highlight")

    def add_article(self, path: Path) -> str:
        """Upload a file through "Add article" and press the button; the message shown."""
        if not any(element.is_displayed() for element in self.find("#add")):
            self.find("#add-article .label-wrap")[0].click()  # the accordion opens
        result = "#added .qa-added, #added .qa-refusal"  # not the progress bar shown meanwhile
        before = self.text(result)
        self.wait.until(lambda d: self.find("#upload input[type=file]"))  # the accordion renders its content
        self.find("#upload input[type=file]")[0].send_keys(str(path))
        self.wait.until(lambda d: path.stem in self.text("#upload"))  # shown as "name", ".md", size
        self.find("#add")[0].click()
        self.wait.until(lambda d: self.text(result) and self.text(result) != before)
        return self.text(result)

    def pwned(self) -> object:
        return self.driver.execute_script("return window.__pwned")

    def requests_to(self, fragment: str) -> list[str]:
        names = self.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        return [name for name in names if fragment in name]


def test_an_answer_with_its_source_highlighted_in_the_article(live_app, browser, tmp_path):
    page = ChatPage(browser, live_app.url)
    library = page.text("#library")
    assert "3 articles" in library and "Nissan Eyes EV Production with Foxconn at Japan Plant" in library
    assert "2025-07-07" in library
    assert "How many employees work at Nissan's Oppama plant?" in page.text("body")  # an example question

    answer = page.ask("How many employees work at Nissan's Oppama plant?")
    assert "3,900" in answer
    assert "Sources" in answer and "Nissan Eyes EV Production with Foxconn at Japan Plant" in answer
    card = page.text('#sources .qa-card[data-source="1"]')
    assert "Nissan Eyes EV Production" in card and "3,900" in card

    highlighted = page.open_source(1)
    assert "approximately 3,900 employees" in highlighted
    assert "Nissan Eyes EV Production" in page.text("#article .qa-article-title")
    status = page.text("#status")
    assert "3 articles" in status and "passages" in status and "model:" in status and "last answer" in status

    mark_top, box_top, box_bottom = browser.execute_script(
        "const m = document.querySelector('#article mark.qa-highlight').getBoundingClientRect();"
        "const b = document.querySelector('#article').getBoundingClientRect();"
        "return [m.top, b.top, b.bottom];"
    )
    assert box_top <= mark_top <= box_bottom, "the highlighted quote was not scrolled into view"
    browser.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.5)
    shot = ROOT / SCREENSHOT if SCREENSHOT else tmp_path / "screenshot.png"
    shot.parent.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(shot))


def test_a_new_user_follows_up_hits_a_gap_and_adds_an_article(live_app, browser, tmp_path):
    page = ChatPage(browser, live_app.url)
    assert "3,900" in page.ask("How many employees work at Nissan's Oppama plant?")

    follow_up = page.ask("Which company could build EVs there?")
    assert "Read as:" in follow_up and "Oppama" in follow_up.split("\n")[0]
    assert "Foxconn" in follow_up

    gap = page.ask("What is Tesla's market share in Japan?")
    assert "don't" in gap and "Closest passages" in gap
    assert page.find("#sources .qa-card")  # the closest passages can be opened too
    assert page.open_source(1)

    hostile_question = '<img src="http://127.0.0.1:9/q.png" onerror="window.__pwned = 4"> What is **this**?'
    asked = page.ask(hostile_question)
    assert hostile_question in page.text("#chat [data-testid='user']") and asked

    upload = tmp_path / "solar-robotics.md"
    upload.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    added = page.add_article(upload)
    assert "Added" in added and "passages indexed" in added
    assert "4 articles" in page.text("#library") and "Solar Robotics" in page.text("#library")
    assert (live_app.uploads_dir / "solar-robotics.md").exists()  # stored apart from the shipped articles
    assert not (live_app.corpus_dir / "solar-robotics.md").exists()

    answer = page.ask("How many workers will Solar Robotics hire in Osaka?")
    assert "1,250" in answer and "Solar Robotics" in page.text("#sources .qa-card")
    assert "1,250 workers" in page.open_source(1)
    assert "<script>window.__pwned = 3</script>" in page.text("#article")  # shown as text

    again = page.add_article(upload)
    assert "Not added" in again and "same text" in again

    assert page.pwned() is None, "script from an article or question ran"
    assert not page.find("#chat img, #sources img, #article img, #library img")
    assert page.requests_to("127.0.0.1:9") == [], "the page loaded something an article pointed to"
