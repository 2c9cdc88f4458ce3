"""Run build_index in its own process, slowly, so a test can kill it or race it.

    python indexer_process.py CORPUS INDEX MARKER [--slow-embed SECONDS] [--slow-write SECONDS]

Writes MARKER + ".embedding" when embedding starts and MARKER + ".writing" when the new
version's files start to be written, then sleeps as asked at each step, so the parent can
SIGKILL it at a known moment. Prints "done <version>" at the end.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for the fake embedder

from conftest import FakeEmbedder  # noqa: E402

import qa.index  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("index", type=Path)
    parser.add_argument("marker", type=Path)
    parser.add_argument("--slow-embed", type=float, default=0.0)
    parser.add_argument("--slow-write", type=float, default=0.0)
    args = parser.parse_args()

    class SlowEmbedder(FakeEmbedder):
        def embed(self, texts: list[str], **options: object):  # type: ignore[no-untyped-def]
            args.marker.with_suffix(".embedding").touch()
            time.sleep(args.slow_embed)
            return super().embed(texts)

    real_write = qa.index._write

    def slow_write(path: Path, text: str) -> None:
        args.marker.with_suffix(".writing").touch()
        real_write(path, text)
        time.sleep(args.slow_write)

    qa.index._write = slow_write  # type: ignore[assignment]
    qa.index.build_index(args.corpus, args.index, SlowEmbedder())
    print("done", qa.index.current_version(args.index).name, flush=True)  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
