"""Ten people ask the running chat at once (gradio_client, local app, real models); all get answers.

Latency percentiles are printed (run with -s to see them); nothing here asserts on time.
"""

from __future__ import annotations

import html
import re
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from live_app import start_app, stop_app

pytestmark = pytest.mark.integration

CLIENTS = 10
QUESTION = "How many employees work at Nissan's Oppama plant?"
TIMEOUT = 900  # seconds for the whole burst on a busy two-core machine


def visible(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@pytest.fixture(scope="module")
def live_app(tmp_path_factory):
    app = start_app(tmp_path_factory.mktemp("chat-load"))
    yield app
    stop_app(app)


def test_ten_simultaneous_clients_each_get_their_own_answer(live_app):
    from gradio_client import Client

    warm = Client(live_app.url, verbose=False)
    started = time.perf_counter()
    warm.predict(QUESTION, api_name="/respond")  # the first answer also waits for the models to load
    first = time.perf_counter() - started

    clients = [Client(live_app.url, verbose=False) for _ in range(CLIENTS)]
    go = threading.Barrier(CLIENTS + 1)
    library_seconds: list[float] = []

    def ask(client):
        go.wait()
        began = time.perf_counter()
        chat, *_ = client.predict(QUESTION, api_name="/respond")
        return time.perf_counter() - began, chat

    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = [pool.submit(ask, client) for client in clients]
        go.wait()
        time.sleep(1)  # the burst is queued; a cheap event from another person meanwhile:
        began = time.perf_counter()
        library, _status = warm.predict(api_name="/show_library")
        library_seconds.append(time.perf_counter() - began)
        results = [future.result(timeout=TIMEOUT) for future in futures]

    latencies = [seconds for seconds, _ in results]
    for _, chat in results:
        assert [message["role"] for message in chat] == ["user", "assistant"]  # each session its own chat
        assert "3,900" in visible(chat[-1]["content"][0]["text"])
    assert "I answer from 3 articles" in visible(library)
    print(
        f"\nfirst answer (models loading): {first:.1f} s\n"
        f"{CLIENTS} simultaneous answers: p50 {statistics.median(latencies):.1f} s, "
        f"p90 {percentile(latencies, 0.9):.1f} s, max {max(latencies):.1f} s, min {min(latencies):.1f} s\n"
        f"library shown to another person during the burst in {library_seconds[0]:.2f} s"
    )
