"""Making exported files safe to open.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula (CSV/formula injection). Every CSV and XLSX the product writes
passes its text cells through :func:`neutralize_cell`; the importer passes
them through :func:`restore_cell`, so that an export read back gives the
same data. HTML escaping is left to the template engine and
:func:`html.escape`.

>>> neutralize_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> restore_cell(neutralize_cell("+31 20 123 4567"))
'+31 20 123 4567'
>>> neutralize_cell("gewoon tekst")
'gewoon tekst'
"""

from __future__ import annotations

import re

from .errors import CellError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_cell(value):
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS + ("'",)):
        # A text that already starts with an apostrophe gets one more, so that
        # restore_cell can strip exactly one.
        return "'" + value
    return value


def restore_cell(value):
    """Undo :func:`neutralize_cell` on a cell read from a file."""
    if isinstance(value, str) and value.startswith("'") and len(value) > 1 \
            and value[1] in FORMULA_STARTS + ("'",):
        return value[1:]
    return value


# --- control characters ------------------------------------------------------------

#: Characters that are never data: the C0 controls except tab, line feed and
#: carriage return, DEL, the C1 controls, a stray byte-order mark, the
#: non-characters U+FFFE/U+FFFF and lone surrogates. XML (and so XLSX,
#: GraphML, GEXF) cannot hold most of them, PostgreSQL no NUL, and a
#: coordinator cannot see them. The importer removes them with a warning.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff"
                           "\ud800-\udfff]")

#: What XML 1.0 cannot hold at all (a subset of :data:`CONTROL_CHARS`).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def remove_control_chars(text: str) -> tuple[str, list[str]]:
    """``(text without control characters, the distinct characters removed)``.

    >>> remove_control_chars("P\\x0001\\tnaam\\x1b")
    ('P01\\tnaam', ['\\x00', '\\x1b'])
    """
    found = CONTROL_CHARS.findall(text)
    if not found:
        return text, []
    return CONTROL_CHARS.sub("", text), list(dict.fromkeys(found))


def xml_text(value):
    """A value made safe for an XML-based export (XLSX, GraphML, GEXF): text loses the
    characters XML cannot hold; other values pass unchanged.

    Data that came through the importer has none; this keeps exports of older
    stores (or of data made in code) valid.

    >>> xml_text("a\\x00b\\x1fc"), xml_text(3)
    ('abc', 3)
    """
    if isinstance(value, str) and XML_ILLEGAL.search(value):
        return XML_ILLEGAL.sub("", value)
    return value


# --- website addresses -------------------------------------------------------------

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_BARE_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
                        r"(?::\d{1,5})?(?:[/?#]\S*)?$")


def check_url(text: str) -> str:
    """A website value as the importer accepts it (returned unchanged), else ValueError.

    Accepted: an address starting with ``http://`` or ``https://`` with a
    host, or a bare host such as ``www.bieb.nl`` (exports write it as
    ``https://www.bieb.nl``). Refused: any other scheme (``javascript:``,
    ``data:``, ``vbscript:``, ``file:``, ``mailto:``), spaces or control
    characters inside, and addresses over
    :data:`~coalition_map.limits.MAX_URL_CHARS` characters. The error is a
    :class:`coalition_map.errors.CellError` (a ValueError) with a Dutch
    message.

    >>> check_url("https://bieb.example/open?dag=1"), check_url("www.bieb.example")
    ('https://bieb.example/open?dag=1', 'www.bieb.example')
    >>> check_url("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    coalition_map.errors.CellError: geen webadres: alleen adressen die beginnen met http:// of https:// (of zoals www.voorbeeld.nl) worden bewaard
    """
    from .limits import MAX_URL_CHARS, dutch_int
    text = text.strip()
    if len(text) > MAX_URL_CHARS:
        raise CellError(f"webadres te lang: {dutch_int(len(text))} tekens; de grens is "
                        f"{dutch_int(MAX_URL_CHARS)}")
    if safe_url(text) is None:
        raise CellError("geen webadres: alleen adressen die beginnen met http:// of https:// "
                        "(of zoals www.voorbeeld.nl) worden bewaard")
    return text


def safe_url(value) -> str | None:
    """An ``http(s)`` address for a link or an export, or None.

    ``http://`` and ``https://`` addresses with a host pass as they are; a
    bare host gets ``https://``; anything else (``javascript:``, ``data:``,
    ``vbscript:``, spaces, control characters) gives None.

    >>> safe_url("HTTPS://bieb.example"), safe_url("www.bieb.example/open")
    ('HTTPS://bieb.example', 'https://www.bieb.example/open')
    >>> [safe_url(v) for v in ("javascript:alert(1)", " data:text/html,x", "vbscript:x",
    ...                        "http://", "https://a b.example", "//evil.example")]
    [None, None, None, None, None, None]
    """
    from urllib.parse import urlsplit
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 2_000 or any(ch.isspace() for ch in text) \
            or CONTROL_CHARS.search(text):
        return None
    if _BARE_HOST.match(text):
        return "https://" + text
    match = _SCHEME.match(text)
    if not match or match.group(1).lower() not in ("http", "https"):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return None
    if not host or not text[len(match.group(0)):].startswith("//"):
        return None
    return text
