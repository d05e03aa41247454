"""Dutch messages on the page, never a traceback.

:func:`fail` shows a Dutch error and stops the page, :func:`guard` turns an
unexpected exception in a page body into a Dutch message (the traceback goes
to the server log, passwords masked), :func:`say` shows a message holding
user data as plain text, :func:`remember` keeps one across the rerun after a
save.
"""

from __future__ import annotations

import contextlib
import logging

import streamlit as st

from .. import paths
from ..errors import ServiceError
from .escape import md

log = logging.getLogger("coalition_map.ui")
# Messages and tracebacks in the server log never show a database password.
if not any(isinstance(f, paths.MaskSecretsFilter) for f in log.filters):
    log.addFilter(paths.MaskSecretsFilter())


def fail(message: str, details: str | None = None):
    """Show a Dutch error and stop the page (no traceback)."""
    st.error(message)
    if details:
        st.caption(details)
    st.stop()


@contextlib.contextmanager
def guard(what: str = "deze pagina"):
    """Turn an unexpected error in a page body into a Dutch message."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the page must never show a traceback
        log.exception("Fout bij het tonen van %s", what)
        st.error(f"Er ging iets mis bij het tonen van {md(what)}. De gegevens zijn niet "
                 f"gewijzigd. Technische melding: {md(technical(exc))}")


def technical(exc: BaseException) -> str:
    """An exception as one short line for a message: type and text, password masked.
    A :class:`~coalition_map.errors.ServiceError` is Dutch already: only its text."""
    from ..limits import shorten
    if isinstance(exc, ServiceError):
        return paths.mask_secrets(str(exc))
    return paths.mask_secrets(f"{type(exc).__name__}: {shorten(str(exc), 300)}")


def say(level: str, text: str, container=None) -> None:
    """Show a message (``level``: success/info/warning/error) as plain text, lines kept.

    For messages holding user data (names, keys, file names): nothing in
    them is read as markdown.
    """
    getattr(container or st, level)("  \n".join(md(line) for line in str(text).splitlines()))


def remember(prefix: str, level: str, text: str) -> None:
    """Keep a message (``level``: success/info/warning/error) for the next run of
    the page, so that it survives the ``st.rerun()`` after a save."""
    st.session_state.setdefault(prefix + "berichten", []).append((level, text))


def show_remembered(prefix: str) -> None:
    """Show (once) the messages kept with :func:`remember` on the previous run."""
    for level, text in st.session_state.pop(prefix + "berichten", []):
        getattr(st, level)(text)
