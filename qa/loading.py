"""Build a loaded model once, on first use, however many threads ask for it at the same time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Lazy(Generic[T]):
    """`build()` runs on the first `get()`; later calls, from any thread, return what it built.

    If `build()` raises, nothing is kept and the next `get()` tries again.
    """

    def __init__(self, build: Callable[[], T]):
        self._build = build
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        with self._lock:
            if self._value is None:
                self._value = self._build()
        return self._value
