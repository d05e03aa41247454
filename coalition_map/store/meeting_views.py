"""Saved meeting views in the database: shared, surviving a reload and a restart.

A *view* is a page of the app with the settings of its filters (and so the
chosen wijk): ``{"title": ..., "page": "pages/netwerk.py", "settings": {...}}``.
The coordinator's sequence is stored under a name (one shared sequence,
:data:`DEFAULT_NAME`) with a version: a save names the version it started
from and is refused with a Dutch message when someone else saved in between
(the same optimistic locking as the records). One function per action
(:func:`load`, :func:`save`), so the service layer can take them over.

>>> from coalition_map.store import open_store
>>> import tempfile, os
>>> store = open_store(os.path.join(tempfile.mkdtemp(), "s.sqlite"), seed=False)
>>> load(store)
([], 0)
>>> save(store, [{"title": "Gaten", "page": "pages/overzicht.py", "settings": {}}],
...      author="Anna", expected_version=0)
1
>>> load(store)[0][0]["title"], load(store)[1]
('Gaten', 1)
>>> save(store, [], author="Bert", expected_version=0)
Traceback (most recent call last):
...
coalition_map.store.history.StoreError: De weergaven voor de vergadering zijn intussen gewijzigd door Anna. Uw volgorde is niet opgeslagen; laad de weergaven opnieuw.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import insert, select, update

from .history import StoreError
from .tables import meeting_views

DEFAULT_NAME = "vergadering"

#: Keys a view keeps; settings must be JSON (widget values of the page's filters).
VIEW_KEYS = ("title", "page", "settings")


def _clean(views) -> list[dict]:
    out = []
    for v in views:
        item = {k: v.get(k) for k in VIEW_KEYS}
        item["title"] = str(item["title"] or "Weergave")[:200]
        item["settings"] = json.loads(json.dumps(item["settings"] or {}, default=_json_value))
        out.append(item)
    return out


def _json_value(value):
    if isinstance(value, (set, tuple)):
        return list(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def load(store, name: str = DEFAULT_NAME) -> tuple[list[dict], int]:
    """The stored views and their version (``([], 0)`` when none were saved)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(meeting_views.c.views, meeting_views.c.version)
                           .where(meeting_views.c.name == name)).first()
    if row is None:
        return [], 0
    try:
        views = json.loads(row.views)
    except ValueError:
        views = []
    return [v for v in views if isinstance(v, dict) and v.get("page")], int(row.version)


def last_author(store, name: str = DEFAULT_NAME) -> tuple[str, dt.datetime] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(meeting_views.c.author, meeting_views.c.saved_at)
                           .where(meeting_views.c.name == name)).first()
    return (row.author, row.saved_at) if row else None


def save(store, views, *, author: str, expected_version: int,
         name: str = DEFAULT_NAME) -> int:
    """Store the sequence; returns the new version. Refused (StoreError, Dutch) when
    the stored version is not ``expected_version`` or the database is read-only."""
    if getattr(store, "read_only", False):
        raise StoreError("De database is alleen-lezen: de weergaven zijn niet opgeslagen.")
    data = json.dumps(_clean(views), ensure_ascii=False)
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as conn:
        if expected_version == 0:
            exists = conn.execute(select(meeting_views.c.author)
                                  .where(meeting_views.c.name == name)).first()
            if exists is None:
                conn.execute(insert(meeting_views).values(name=name, views=data, version=1,
                                                          author=author, saved_at=now))
                return 1
            raise _stale(exists.author)
        result = conn.execute(update(meeting_views)
                              .where(meeting_views.c.name == name,
                                     meeting_views.c.version == expected_version)
                              .values(views=data, version=expected_version + 1,
                                      author=author, saved_at=now))
        if result.rowcount != 1:
            who = conn.execute(select(meeting_views.c.author)
                               .where(meeting_views.c.name == name)).scalar()
            raise _stale(who or "iemand anders")
    return expected_version + 1


def _stale(author: str) -> StoreError:
    return StoreError(f"De weergaven voor de vergadering zijn intussen gewijzigd door {author}. "
                      "Uw volgorde is niet opgeslagen; laad de weergaven opnieuw.")
