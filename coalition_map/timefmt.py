"""Times as a Dutch user reads them: Europe/Amsterdam (CET/CEST), ``03-12-2026 14:05``.

The store keeps UTC; every time shown in the app or a Dutch message goes
through :func:`local`. Without the tz database (Windows without ``tzdata``)
the EU rule is applied directly: summer time from the last Sunday of March
01:00 UTC to the last Sunday of October 01:00 UTC.

>>> import datetime as dt
>>> shown(dt.datetime(2026, 12, 3, 4, 30, tzinfo=dt.timezone.utc))
'03-12-2026 05:30'
>>> shown(dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.timezone.utc))
'01-07-2026 14:00'
>>> shown(dt.datetime(2026, 3, 29, 0, 59)), shown(dt.datetime(2026, 3, 29, 1, 0))
('29-03-2026 01:59', '29-03-2026 03:00')
"""

from __future__ import annotations

import datetime as dt

ZONE = "Europe/Amsterdam"


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def _eu_offset(utc: dt.datetime) -> dt.timedelta:
    start = dt.datetime.combine(_last_sunday(utc.year, 3), dt.time(1), dt.UTC)
    end = dt.datetime.combine(_last_sunday(utc.year, 10), dt.time(1), dt.UTC)
    return dt.timedelta(hours=2 if start <= utc < end else 1)


def local(at: dt.datetime) -> dt.datetime:
    """``at`` (aware, or naive meaning UTC) in Europe/Amsterdam."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    try:
        from zoneinfo import ZoneInfo
        return at.astimezone(ZoneInfo(ZONE))
    except Exception:  # noqa: BLE001 - no tz database: the EU rule itself
        utc = at.astimezone(dt.UTC)
        offset = _eu_offset(utc)
        return utc.astimezone(dt.timezone(offset))


def shown(at: dt.datetime | None) -> str:
    """``dd-mm-jjjj uu:mm`` in Amsterdam time ('' for None)."""
    return local(at).strftime("%d-%m-%Y %H:%M") if at is not None else ""
