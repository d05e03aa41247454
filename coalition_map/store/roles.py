"""The role table: which login has which role, kept by a beheerder, with its own log.

Roles are not part of the exchange files: an import or export of the data
never touches them. Every change is logged in ``role_changes`` (who gave
whom which role, when) and saved against the version the editor started
from, as every record of the store is.

>>> import tempfile, pathlib
>>> from coalition_map.store import open_store
>>> from coalition_map.access import RoleEntry
>>> store = open_store(str(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite"), seed=False)
>>> set_role(store, RoleEntry("Anna@Welzijn.nl", "redacteur"), author="Carla",
...          expected_version=0)
1
>>> {login: (entry.role, version) for login, (entry, version) in role_table(store).items()}
{'anna@welzijn.nl': ('redacteur', 1)}
>>> [(c.author, c.login, c.new_role) for c in role_log(store)]
[('Carla', 'anna@welzijn.nl', 'redacteur')]
>>> store.close()
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from ..access import ROLES, RoleEntry
from .history import StoreError
from .tables import role_changes, roles

MAX_LOGIN = 320  # an e-mail address is at most 320 characters


@dataclass(frozen=True)
class RoleChange:
    at: dt.datetime
    author: str
    login: str
    old_role: str | None
    new_role: str | None
    partner_id: str


def _normalized(entry: RoleEntry) -> RoleEntry:
    login = (entry.login or "").strip().lower()
    if not login or len(login) > MAX_LOGIN:
        raise StoreError("Niet opgeslagen: vul de inlognaam in (e-mailadres of 'sub' van het "
                         f"inlogsysteem, hooguit {MAX_LOGIN} tekens).")
    if entry.role not in ROLES:
        raise StoreError(f"Niet opgeslagen: onbekende rol {entry.role!r}; kies uit "
                         f"{', '.join(ROLES)}.")
    partner_id = (entry.partner_id or "").strip()
    if entry.role == "partner" and not partner_id:
        raise StoreError("Niet opgeslagen: kies bij de rol partner de organisatie waarvoor "
                         f"{login} werkt.")
    if entry.role != "partner":
        partner_id = ""
    return RoleEntry(login, entry.role, partner_id, (entry.name or "").strip())


def role_table(store) -> dict[str, tuple[RoleEntry, int]]:
    """login → (entry, version), in login order."""
    with store._reading() as conn:
        rows = conn.execute(select(roles).order_by(roles.c.login)).mappings().all()
    return {r["login"]: (RoleEntry(r["login"], r["role"], r["partner_id"], r["name"]),
                         r["version"]) for r in rows}


def role_entries(store) -> dict[str, RoleEntry]:
    """login → entry: what :func:`coalition_map.access.actor_from_claims` reads."""
    return {login: entry for login, (entry, _) in role_table(store).items()}


def _log(conn, *, author, login, old, new) -> None:
    conn.execute(insert(role_changes).values(
        at=dt.datetime.now(dt.UTC), author=author, login=login,
        old=None if old is None else json.dumps(dataclasses.asdict(old)),
        new=None if new is None else json.dumps(dataclasses.asdict(new))))


def _check(conn, login: str, expected_version: int):
    row = conn.execute(select(roles).where(roles.c.login == login)).mappings().first()
    version = row["version"] if row else 0
    if version != expected_version:
        raise StoreError(f"Niet opgeslagen: de rol van {login} is intussen gewijzigd. Laad "
                         "de rollen opnieuw en breng je wijziging daarna opnieuw aan.")
    return row


def set_role(store, entry: RoleEntry, *, author: str, expected_version: int) -> int:
    """Create or change one login's role; returns the new version."""
    entry = _normalized(entry)
    with store._writing() as conn:
        row = _check(conn, entry.login, expected_version)
        if row is None:
            conn.execute(insert(roles).values(**dataclasses.asdict(entry), version=1))
            _log(conn, author=author, login=entry.login, old=None, new=entry)
            return 1
        old = RoleEntry(row["login"], row["role"], row["partner_id"], row["name"])
        if old == entry:
            return row["version"]
        conn.execute(update(roles).where(roles.c.login == entry.login)
                     .values(**dataclasses.asdict(entry), version=row["version"] + 1))
        _log(conn, author=author, login=entry.login, old=old, new=entry)
        return row["version"] + 1


def remove_role(store, login: str, *, author: str, expected_version: int) -> None:
    """Take a login's role away (it then reads only, or gets the provider's claim)."""
    login = (login or "").strip().lower()
    with store._writing() as conn:
        row = _check(conn, login, expected_version)
        if row is None:
            raise StoreError(f"{login} staat niet in de rollentabel.")
        conn.execute(delete(roles).where(roles.c.login == login))
        _log(conn, author=author, login=login,
             old=RoleEntry(row["login"], row["role"], row["partner_id"], row["name"]), new=None)


def role_log(store, limit: int | None = 50) -> list[RoleChange]:
    """Who gave whom which role, newest first."""
    query = select(role_changes).order_by(role_changes.c.id.desc())
    if limit:
        query = query.limit(limit)
    with store._reading() as conn:
        rows = conn.execute(query).mappings().all()
    out = []
    for r in rows:
        old = json.loads(r["old"]) if r["old"] else None
        new = json.loads(r["new"]) if r["new"] else None
        out.append(RoleChange(r["at"], r["author"], r["login"],
                              old and old["role"], new and new["role"],
                              (new or old or {}).get("partner_id", "")))
    return out
