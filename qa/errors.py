"""The few exception types the package raises on purpose."""


class QAError(Exception):
    """Base class for errors this package raises deliberately."""


class InvalidQuestionError(QAError, ValueError):
    """The question cannot be answered as given (empty, too long, ...)."""


class ArticleError(QAError):
    """An article file cannot be read or holds no usable text."""


class IndexCorruptError(QAError):
    """The index on disk is unreadable or does not match what is expected."""


class ModelNotFoundError(QAError):
    """A configured model file or folder is missing or incomplete."""


class MissingDependencyError(QAError, ImportError):
    """An optional dependency is needed; the message says how to install it."""
