"""The one error type a write can end in: :class:`ServiceError`, with a Dutch message.

It lives at the bottom of the layers, so that the store's refusals
(:class:`~coalition_map.store.StoreError` and its subclasses, such as
``StaleRecordError`` for "intussen gewijzigd door …") *are* service errors:
a page catches ``ServiceError`` and shows ``str(error)``; a refusal that
needs its own handling (a reload button after a conflict) is caught by its
subclass first.

>>> from coalition_map.store import StaleRecordError, StoreError
>>> issubclass(StoreError, ServiceError) and issubclass(StaleRecordError, ServiceError)
True
>>> str(ServiceError("Niet opgeslagen: geen naam."))
'Niet opgeslagen: geen naam.'
"""

from __future__ import annotations


class ServiceError(Exception):
    """A write (or read) the app refuses; ``str(error)`` is a Dutch message for the user.

    ``problems`` holds the validation problems behind it, if any; ``saved``
    what a write of several records saved before it was refused.
    """

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])
        self.saved: list = []


class NotAllowed(ServiceError):
    """The actor may not do this (the role checks of the login issue raise it)."""


class CellError(ValueError):
    """A cell that cannot be converted; ``args[0]`` is the Dutch message.

    Raised by :mod:`coalition_map.validation` and :mod:`coalition_map.safety`
    (a bad website); it lives here so that neither needs the other.
    """
