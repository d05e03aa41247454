"""Role table subcommands: ``roles list``, ``roles set``, ``roles remove``, ``roles log``.

The command line is run by whoever may reach the database server: it acts as
beheerder (as the other store commands do). In the app only a beheerder edits
the role table. See docs/login.md.
"""

from __future__ import annotations

from ..access import ROLES, RoleEntry
from .store import _author, _author_option, _db_option, _fail


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "roles", help="de rollentabel van het inloggen: tonen, toekennen, intrekken",
        description="Wie welke rol heeft als de app met inloggen draait (docs/login.md). "
                    "Rollen: " + ", ".join(f"{code} ({text})" for code, (_, text) in
                                           ROLES.items()) + ".")
    sub = p.add_subparsers(dest="roles_command", metavar="ACTIE")
    sub.required = True
    q = sub.add_parser("list", help="toon de rollentabel")
    _db_option(q)
    q.set_defaults(func=cmd_list)
    q = sub.add_parser("set", help="geef een inlognaam een rol")
    q.add_argument("login", metavar="INLOGNAAM", help="e-mailadres (of 'sub') van het "
                                                     "inlogsysteem")
    q.add_argument("role", metavar="ROL", choices=list(ROLES), help=" | ".join(ROLES))
    q.add_argument("--partner", metavar="ID", default="",
                   help="bij de rol partner: de id van de organisatie (bijv. P01)")
    q.add_argument("--naam", default="", help="weergavenaam (optioneel)")
    _db_option(q)
    _author_option(q)
    q.set_defaults(func=cmd_set)
    q = sub.add_parser("remove", help="trek de rol van een inlognaam in")
    q.add_argument("login", metavar="INLOGNAAM")
    _db_option(q)
    _author_option(q)
    q.set_defaults(func=cmd_remove)
    q = sub.add_parser("log", help="wie gaf wie welke rol, nieuwste eerst")
    q.add_argument("--limit", type=int, default=50)
    _db_option(q)
    q.set_defaults(func=cmd_log)


def _open(args):
    from ..service import open_service
    return open_service(args.db, seed=False)


def cmd_list(args) -> int:
    store = _open(args)
    try:
        table = store.role_table()
    finally:
        store.close()
    if not table:
        print("De rollentabel is leeg: rollen komen dan alleen uit het inlogsysteem "
              "(anders: kijker).")
    for login, (entry, _version) in table.items():
        extra = f" voor {entry.partner_id}" if entry.partner_id else ""
        print(f"{login}\t{entry.role}{extra}\t{entry.name}".rstrip())
    return 0


def cmd_set(args) -> int:
    from ..errors import ServiceError
    store = _open(args)
    try:
        login = args.login.strip().lower()
        current = store.role_table().get(login)
        store.set_role(RoleEntry(login, args.role, args.partner, args.naam),
                       actor=_author(args), expected_version=current[1] if current else 0)
    except ServiceError as exc:
        return _fail(str(exc))
    finally:
        store.close()
    print(f"{login} heeft nu de rol {args.role}"
          + (f" voor {args.partner}" if args.role == "partner" else "") + ".")
    return 0


def cmd_remove(args) -> int:
    from ..errors import ServiceError
    store = _open(args)
    try:
        login = args.login.strip().lower()
        current = store.role_table().get(login)
        if current is None:
            return _fail(f"{login} staat niet in de rollentabel.")
        store.remove_role(login, actor=_author(args), expected_version=current[1])
    except ServiceError as exc:
        return _fail(str(exc))
    finally:
        store.close()
    print(f"De rol van {login} is ingetrokken.")
    return 0


def cmd_log(args) -> int:
    store = _open(args)
    try:
        for change in store.role_log(args.limit):
            print(f"{change.at:%d-%m-%Y %H:%M} {change.author}: {change.login} "
                  f"{change.old_role or '-'} → {change.new_role or '-'}")
    finally:
        store.close()
    return 0
