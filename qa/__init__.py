"""Answer questions about news articles, with citations that can be checked.

    >>> from qa import ask
    >>> answer = ask("How many employees work at Nissan's Oppama plant?")
    >>> answer.text, answer.citations[0].quote
"""

import os

# OpenMP threads (torch, FAISS) spin while they wait by default; on a laptop or server that is busy
# with anything else, spinning threads starve each other (benchmarks/README.md: a warm answer went
# from 27.7 s to 3.6 s at load 4-9 on 2 cores). Set before torch is imported; the user's value wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from qa.citations import Citation  # noqa: E402
from qa.errors import InvalidQuestionError, QAError  # noqa: E402
from qa.pipeline import Answer, Pipeline, ask, ask_stream  # noqa: E402
from qa.settings import Settings  # noqa: E402

__all__ = ["Answer", "Citation", "InvalidQuestionError", "Pipeline", "QAError", "Settings", "ask", "ask_stream"]
