"""User text made safe for what Streamlit renders as Markdown: :func:`md`,
:func:`md_message`, :func:`md_frame`."""

from __future__ import annotations

import re


def md(text) -> str:
    r"""User text made safe for st.markdown (markdown and HTML characters escaped).

    Use it for every piece of user text (names, titles, notes, file names,
    values in messages) that goes into an element Streamlit renders as
    Markdown: ``st.markdown``, ``st.caption``, ``st.info``/``warning``/
    ``error``/``success``, headers, expander, button and widget labels, radio
    options and the cells of ``st.table``. Otherwise a name such as
    ``![](http://…)`` loads an outside image on the screen.

    Streamlit also turns a bare address in text into a link (``http://…``,
    ``www.…``, ``naam@domein``), after the escapes are read; an invisible
    word joiner (U+2060) inside ``://``, ``www.`` and before ``@`` keeps an
    address in a name plain text.

    >>> md("![x](http://e.example) *b*")
    '\\!\\[x\\]\\(http\u2060\\://e\\.example\\) \\*b\\*'
    """
    text = "".join("\\" + ch if ch in MD_SPECIAL else ch for ch in str(text))
    return _LINKISH.sub(_join, text)


def _join(m) -> str:
    word, mark = m.group(1), m.group(2)
    if mark == "\\@" or (mark == "\\:" and word.lower() in ("http", "https", "ftp", "mailto")) \
            or (mark == "\\." and word.lower() == "www"):
        return word + WORD_JOINER + mark
    return m.group(0)


#: Characters :func:`md` escapes with a backslash.
MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:@&"
WORD_JOINER = "\u2060"
_LINKISH = re.compile(r"(?i)(\bhttps?|\bftp|\bmailto|\bwww|[\w+-])(\\:|\\\.|\\@)")


def md_message(text) -> str:
    r"""A multi-line Dutch message with user text in it (a StoreError, say), escaped
    line by line; its ``- `` list lines stay a list.

    >>> md_message("Niet opgeslagen:\n- Naam: ![x](http://e/x.png)")
    'Niet opgeslagen\\:\n- Naam\\: \\!\\[x\\]\\(http\u2060\\://e/x\\.png\\)'
    """
    return "\n".join("- " + md(line[2:]) if line.startswith("- ") else md(line)
                     for line in str(text).split("\n"))


def md_frame(frame):
    """A copy of a DataFrame for ``st.table`` (which renders Markdown in its cells):
    text cells, index and column labels escaped with :func:`md`."""
    import pandas as pd

    def esc(value):
        return md(value) if isinstance(value, str) else value
    out = frame.copy()
    out.index = out.index.map(esc)
    out.index.name = esc(frame.index.name) if frame.index.name else frame.index.name
    out.columns = [esc(c) for c in frame.columns]
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(esc)
    return out
