"""Lazy: built once, on first use, however many threads ask at once; a failed build is retried."""

from __future__ import annotations

import threading
import time

import pytest

from qa.loading import Lazy


def test_many_threads_asking_at_once_get_one_build() -> None:
    builds = []

    def build() -> object:
        time.sleep(0.05)  # long enough for every thread to be waiting
        builds.append(object())
        return builds[-1]

    lazy = Lazy(build)
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(lazy.get())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and results == builds * 8


def test_nothing_is_built_until_asked_and_a_failed_build_is_tried_again() -> None:
    attempts = []

    def build() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("weights not readable yet")
        return "model"

    lazy = Lazy(build)
    assert attempts == []
    with pytest.raises(OSError, match="weights not readable"):
        lazy.get()
    assert lazy.get() == "model" and lazy.get() == "model" and len(attempts) == 2
