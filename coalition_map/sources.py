"""The five source texts by name, so the interface never shows a bare file number.

The code and ``docs/regels.md`` cite a source as ``001 L2393`` (file number and
line); a reader sees :func:`readable`.

>>> readable("001 L2393")
'Machielse e.a., Rotterdamse pilot (r. 2393)'
>>> readable("niet passend (000 L971-973; 002 L1783-1792)")
'niet passend (Coalitie Erbij Rotterdam, typologie (r. 971-973); BVWO/Zet 2012, Maatwerk (r. 1783-1792))'
>>> readable("003")
'Coalitie Erbij 2017, Handreiking'
"""

from __future__ import annotations

import re

#: File number -> short Dutch name (see /work/shared/seeds/README.md and the README).
SOURCES = {
    "000": "Coalitie Erbij Rotterdam, typologie",
    "001": "Machielse e.a., Rotterdamse pilot",
    "002": "BVWO/Zet 2012, Maatwerk",
    "003": "Coalitie Erbij 2017, Handreiking",
    "004": "Brochure herkennen en bespreken",
}

_REF = re.compile(r"\b(00[0-4])(?:\s+L(\d+(?:\s*[-–]\s*\d+)?))?\b")


def name(number: str) -> str:
    return SOURCES.get(number, number)


def readable(text: str) -> str:
    """Every ``NNN Lx-y`` in ``text`` as 'name (r. x-y)'."""
    def sub(m):
        lines = f" (r. {m.group(2).replace(' ', '')})" if m.group(2) else ""
        return SOURCES[m.group(1)] + lines
    return _REF.sub(sub, str(text))


def line_ref(number: str, line) -> str:
    """``name (r. 2393)`` for a source number and a line."""
    return readable(f"{number} L{line}")
