"""Id allocation in one place: the app proposes ids, users never invent them.

:func:`propose_id` continues the numbering the existing ids use (their
prefix and width): after ``P01 … P36`` comes ``P37``, after ``A001 … A089``
``A090``. With no numbered ids yet it starts at the kind's default pattern
(:data:`DEFAULTS`). Ids that do not follow a pattern (``eigen``) are left
alone and never reused.

>>> propose_id(["P01", "P02", "P36"], "partners")
'P37'
>>> propose_id(["A001", "A089", "X7"], "offers")
'A090'
>>> propose_id([], "actions")
'ACT-001'
>>> propose_id(["ACT-009", "eigen"], "actions")
'ACT-010'
>>> propose_id(["P9"], "partners")     # a wider number keeps no leading zero
'P10'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

#: Kind -> (prefix, digits) used when no existing id shows the pattern.
DEFAULTS: dict[str, tuple[str, int]] = {
    "partners": ("P", 2),
    "offers": ("A", 3),
    "actions": ("ACT-", 3),
    "decisions": ("B", 3),
}

_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def propose_id(existing: Iterable[str], kind: str) -> str:
    """The next free id of ``kind`` after the ``existing`` ids (see the module)."""
    ids = [str(i) for i in existing]
    taken = set(ids)
    numbered = [(m.group(1), m.group(2)) for m in map(_NUMBERED.match, ids) if m]
    if numbered:
        prefix = Counter(p for p, _ in numbered).most_common(1)[0][0]
        digits = [d for p, d in numbered if p == prefix]
        width = Counter(len(d) for d in digits).most_common(1)[0][0]
        number = max(int(d) for d in digits) + 1
    else:
        prefix, width = DEFAULTS.get(kind, (kind[:1].upper(), 3))
        number = 1
    candidate = f"{prefix}{number:0{width}d}"
    while candidate in taken:
        number += 1
        candidate = f"{prefix}{number:0{width}d}"
    return candidate
