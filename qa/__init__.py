"""Answer questions about news articles, with citations that can be checked.

    >>> from qa import ask
    >>> answer = ask("How many employees work at Nissan's Oppama plant?")
    >>> answer.text, answer.citations[0].quote
"""

from qa.citations import Citation
from qa.errors import InvalidQuestionError, QAError
from qa.pipeline import Answer, Pipeline, ask, ask_stream
from qa.settings import Settings

__all__ = ["Answer", "Citation", "InvalidQuestionError", "Pipeline", "QAError", "Settings", "ask", "ask_stream"]
