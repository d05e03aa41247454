"""The :class:`Service`: a store with every write the app and CLI make.

See :mod:`coalition_map.service`. A write here is one small method: check
the actor (:func:`~coalition_map.service.auth.authorize`), check what the
store cannot (a version given, ids proposed), then one store call.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from .. import model
from ..errors import ServiceError
from ..ids import propose_id
from ..store import ChangeSet, ImportDiff, Store, open_store
from ..store import codec
from ..store.history import Change
from .auth import as_record, author_of, authorize


def open_service(db: str | None = None, *, seed_dir=None, seed: bool = True) -> Service:
    """Open the store (``--db``, ``COALITION_MAP_DB`` or the default file) as a service.

    Every problem opening it is a :class:`ServiceError` (a ``StoreError``) in Dutch.
    """
    return Service(open_store(db, seed_dir=seed_dir, seed=seed))


def _require_version(expected_version: Any) -> int:
    """The version a form started from; a write without one is refused (no way around)."""
    if isinstance(expected_version, bool) or not isinstance(expected_version, int) \
            or expected_version < 0:
        raise ServiceError("Niet opgeslagen: het is niet bekend van welke versie u uitging, "
                           "dus kan niet worden gecontroleerd of iemand anders het intussen "
                           "heeft gewijzigd. Laad de gegevens opnieuw en breng uw wijziging "
                           "daarna opnieuw aan.")
    return expected_version


class Service:
    """Reads and writes of one store; see :mod:`coalition_map.service`."""

    def __init__(self, store: Store, *, logins_required: bool = False):
        self._store = store
        #: set by an app with login: then only a logged-in Actor may write
        self.logins_required = logins_required

    def __repr__(self) -> str:
        return f"Service({self._store!r})"

    # --- the store underneath (reads) ------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self._store.read_only)

    @property
    def display_url(self) -> str:
        return self._store.display_url

    @property
    def dialect(self) -> str:
        return self._store.dialect

    @property
    def store(self) -> Store:
        """The store itself, for the command line's backup and tests; the app never uses it."""
        return self._store

    def close(self) -> None:
        self._store.close()

    def data_version(self) -> int:
        return self._store.data_version()

    # --- saved meeting views (store/meeting_views.py) ---------------------------
    def meeting_views(self) -> tuple[list[dict], int]:
        """The shared sequence of meeting views and its version (``([], 0)``: none)."""
        from ..store import meeting_views
        return meeting_views.load(self._store)

    def save_meeting_views(self, views, *, author: str, expected_version: int) -> int:
        """Store the sequence against the version it was read at (Dutch error when stale)."""
        from ..store import meeting_views
        return meeting_views.save(self._store, views, author=author,
                                  expected_version=expected_version)

    def is_empty(self) -> bool:
        return self._store.is_empty()

    def load_coalition(self) -> model.Coalition:
        return self._store.load_coalition()

    def load_plan(self) -> model.Plan:
        return self._store.load_plan()

    def load(self) -> tuple[model.Coalition, model.Plan]:
        return self._store.load()

    def records(self, kind: str) -> list[tuple[Any, int]]:
        return self._store.records(kind)

    def get(self, kind: str, key=None) -> tuple[Any, int]:
        """``(record, version)``; KeyError when it does not exist."""
        return self._store.get(kind, key)

    def versions_of(self, kind: str) -> dict[str, int]:
        """Stored version per record of a kind, keyed by :meth:`key_json`."""
        return {codec.key_json(codec.key_of(kind, obj)): v
                for obj, v in self._store.records(kind)}

    def history(self, kind: str | None = None, key=None, limit: int | None = 50) -> list[Change]:
        return self._store.history(kind, key, limit=limit)

    def latest_changes(self, limit: int = 20) -> list[Change]:
        return self._store.latest_changes(limit)

    def changesets(self, limit: int | None = 20) -> list[ChangeSet]:
        return self._store.changesets(limit)

    def validate_record(self, kind: str, obj) -> list:
        """Problems of one record against the stored data (references, keys)."""
        return self._store.validate_record(kind, obj)

    # --- keys and ids ---------------------------------------------------------------

    @staticmethod
    def key_json(kind: str, key) -> str:
        """A record key (a value, a dict or a model object) as the text keying versions."""
        if dataclasses.is_dataclass(key) and not isinstance(key, type):
            key = codec.key_of(kind, key)
        return codec.key_json(codec.normalize_key(kind, key))

    @staticmethod
    def has_key(kind: str) -> bool:
        """False for the one-row kinds (coalition info, plan choices)."""
        return bool(codec.file_kind(kind).key)

    def propose_id(self, kind: str, taken: Iterable[str] = ()) -> str:
        """The next free id of ``kind`` (``P37``, ``A090``, ``ACT-005``), also not in ``taken``."""
        field = codec.file_kind(kind).key[0]
        existing = [str(getattr(obj, field)) for obj, _v in self._store.records(kind)]
        return propose_id([*existing, *taken], kind)

    # --- who may (coalition_map.access through service.auth) ---------------------------

    def _authorize(self, actor, action: str, record=None, *, kind: str | None = None,
                   current=None) -> None:
        """:func:`~coalition_map.service.auth.authorize`, with the stored record of a
        partner's edit looked up (a partner may not take over another's offer)."""
        if current is None and record is not None and kind and self.has_key(kind) \
                and getattr(actor, "role", None) == "partner":
            current = self._stored(kind, codec.key_of(kind, record))
        authorize(actor, action, record, kind=kind, current=current,
                  logins_required=self.logins_required)

    def _stored(self, kind: str, key):
        """The stored record (None when there is none)."""
        try:
            return self._store.get(kind, key)[0]
        except KeyError:
            return None

    # --- one record -------------------------------------------------------------------

    def save(self, kind: str, obj, *, actor: str, expected_version: int) -> int:
        """Create or update a record against the version the form started from (0: new).

        Returns the new version; ``StaleRecordError`` when someone saved in between.
        """
        self._authorize(actor, "save", obj, kind=kind)
        return self._store.save(kind, obj, author=author_of(actor),
                                expected_version=_require_version(expected_version))

    def deactivate(self, kind: str, key, *, actor: str, expected_version: int) -> int:
        """Set a partner or offer inactive (kept, with history)."""
        self._authorize(actor, "deactivate", self._stored(kind, key), kind=kind)
        return self._store.deactivate(kind, key, author=author_of(actor),
                                      expected_version=_require_version(expected_version))

    def delete(self, kind: str, key, *, actor: str, expected_version: int) -> None:
        """Delete a record nothing refers to."""
        self._authorize(actor, "delete", self._stored(kind, key), kind=kind)
        self._store.delete(kind, key, author=author_of(actor),
                           expected_version=_require_version(expected_version))

    def record_decision(self, decision: model.Decision, *, actor: str,
                        expected_version: int) -> int:
        """Save a decision of the coalition (new: ``expected_version=0``)."""
        self._authorize(actor, "record_decision", decision)
        return self._store.save("decisions", decision, author=author_of(actor),
                                expected_version=_require_version(expected_version))

    # --- imports ------------------------------------------------------------------------

    def preview_import(self, coalition: model.Coalition, plan: model.Plan | None = None, *,
                       kinds=None) -> ImportDiff:
        """What an import would change (nothing written); pass it to :meth:`apply_import`."""
        return self._store.diff(coalition, plan, kinds=kinds)

    def apply_import(self, coalition: model.Coalition, plan: model.Plan | None = None, *,
                     actor: str, based_on: ImportDiff, note: str = "import",
                     remove: bool = False) -> ChangeSet:
        """Apply the previewed import in one changeset; refused when the store changed
        since the preview, or when it removes data and ``remove`` is not confirmed."""
        self._authorize(actor, "import", None)
        if not isinstance(based_on, ImportDiff):
            raise ServiceError("Niet ingelezen: eerst de verschillen bekijken, dan toepassen.")
        return self._store.replace_all(coalition, plan, author=author_of(actor),
                                       based_on=based_on,
                                       note=note, remove=remove)

    def restore_backup(self, folder, coalition: model.Coalition, plan: model.Plan | None, *,
                       actor: str) -> None:
        """Replace everything, history included, by a backup folder (CLI ``import``)."""
        from ..store.backup import restore_backup
        self._authorize(actor, "restore", None)
        restore_backup(self._store, folder, coalition, plan)

    # --- history ------------------------------------------------------------------------

    def undo(self, change_id: int, *, actor: str) -> Change:
        """Undo one change (refused when the record changed after it)."""
        change = self._store.change(change_id)
        self._authorize(actor, "undo", as_record(change.kind, change.old or change.new),
                        kind=change.kind, current=as_record(change.kind, change.new))
        return self._store.undo(change_id, author=author_of(actor))

    def undo_changeset(self, changeset_id: int, *, actor: str) -> ChangeSet:
        """Undo a whole import in one step, or nothing."""
        self._authorize(actor, "undo_changeset", None)
        return self._store.undo_changeset(changeset_id, author=author_of(actor))

    # --- the plan -------------------------------------------------------------------------

    def create_action_for_gap(self, coalition: model.Coalition, wijk: str, profile: str,
                              cell=None, *, actor: str,
                              today: dt.date | None = None) -> model.Action:
        """Create and save the pre-filled action for a gap (one click); returns it.

        Its id is proposed from the stored plan. When another action got that
        number meanwhile the save is refused (``StaleRecordError``), never
        overwritten; the next click gets a fresh number.
        """
        from ..stappenplan import action_for_gap
        self._authorize(actor, "create_action_for_gap", None)
        plan = self._store.load_plan()
        action = action_for_gap(wijk, profile, cell, coalition=coalition, plan=plan,
                                today=today)
        self._store.save("actions", action, author=author_of(actor), expected_version=0)
        return action

    # --- over time (issue 14) -------------------------------------------------------------

    def take_snapshot(self, name: str, *, actor, today: dt.date | None = None) -> dict:
        """Store a peilmoment of the live data (:func:`coalition_map.peilmomenten.take_snapshot`)."""
        from ..store import snapshots
        self._authorize(actor, "take_snapshot", None)
        return snapshots.take_snapshot(self._store, name, author=author_of(actor),
                                          today=today)

    def snapshots(self) -> list:
        from ..store import snapshots
        return snapshots.stored(self._store)

    def load_peilmoment(self, name: str, *, today: dt.date | None = None):
        from ..store import snapshots
        return snapshots.load(self._store, name, today=today)

    def plan_results(self, plan, analysis) -> dict:
        """Per action with a gap: has it closed since the action was made."""
        from ..stappenplan import action_results
        from ..store import snapshots
        return action_results(plan, analysis, snapshots.action_created(self._store),
                              snapshots.load_all(self._store))

    def save_assessment(self, snapshot_name: str, answers: dict, *, actor,
                        expected_version: int) -> int:
        """Keep step 6's self-assessment with a peilmoment (:mod:`coalition_map.verankering`)."""
        from ..store.snapshots import update_snapshot
        from ..verankering import clean_answers
        self._authorize(actor, "save_assessment", None)
        try:
            cleaned = clean_answers(answers)
        except ValueError as exc:
            raise ServiceError("Niet opgeslagen: " + str(exc)) from None
        return update_snapshot(self._store, snapshot_name, {"verankering": cleaned},
                               author=author_of(actor),
                               expected_version=_require_version(expected_version))

    def answer_round(self, round_name: str, respondent: str, answers: Sequence, *, actor,
                     drawn: Sequence) -> object:
        """Store one partner's answers to a relationship round, filled in on the app's form.

        ``answers`` replace that respondent's answers in that round (other partners and
        rounds stay), in one recorded step. ``drawn`` are its answers as the form showed
        them: when they changed meanwhile the save is refused, nothing overwritten.
        A partner answers only for its own organisation (the service checks).
        """
        round_name = (round_name or "").strip()
        if not round_name:
            raise ServiceError("Niet opgeslagen: geef de ronde een naam (bijv. 2026).")
        for answer in answers:
            if answer.round != round_name or answer.respondent != respondent:
                raise ServiceError("Niet opgeslagen: elk antwoord hoort bij deze ronde en "
                                   "deze partner.")
            self._authorize(actor, "answer_round", answer)
        self._authorize(actor, "answer_round",
                        model.RelationshipAnswer(round_name, respondent, respondent))
        coalition = self._store.load_coalition()
        mine = [a for a in coalition.relationships
                if a.round == round_name and a.respondent == respondent]
        if sorted(mine, key=lambda a: a.partner) != sorted(drawn, key=lambda a: a.partner):
            raise ServiceError(
                "Niet opgeslagen: de antwoorden van deze partner in deze ronde zijn intussen "
                "gewijzigd (door iemand anders). Laad de pagina opnieuw en vul ze daarna in.")
        kept = [a for a in coalition.relationships
                if not (a.round == round_name and a.respondent == respondent)]
        merged = dataclasses.replace(coalition, relationships=kept + list(answers))
        preview = self._store.diff(merged, kinds={"relationships"})
        return self._store.replace_all(merged, None, author=author_of(actor), based_on=preview,
                                       remove=True, note=f"relatiemeting ronde {round_name}: "
                                                         f"antwoorden van {respondent}")

    def import_relationship_round(self, filename: str, data: bytes, *, actor,
                                  confirm_removal: bool = False):
        """Read and store a filled-in relationship round (:func:`coalition_map.relaties.import_round`)."""
        from .. import relaties
        self._authorize(actor, "import_relationships", None)
        return relaties.import_round(self._store, filename, data, author=author_of(actor),
                                     confirm_removal=confirm_removal)

    def save_planned_offers(self, offers: Sequence[model.Offer], *,
                            actor: str) -> list[model.Offer]:
        """Save the what-if's planned offers as real offers, each with a proposed id.

        Returns the offers saved. A refusal stops at that offer: the error
        (a :class:`ServiceError`) carries the ones saved before it in ``saved``.
        """
        for planned in offers:
            self._authorize(actor, "save_planned_offers", planned)
        saved: list[model.Offer] = []
        taken: list[str] = []
        for planned in offers:
            offer = dataclasses.replace(planned, id=self.propose_id("offers", taken))
            taken.append(offer.id)
            try:
                self._store.save("offers", offer, author=author_of(actor), expected_version=0)
            except ServiceError as exc:
                exc.saved = saved
                raise
            saved.append(offer)
        return saved

    # --- keeping entries current ("nog steeds juist") ------------------------------------

    def confirm_offer(self, offer_id: str, *, actor, expected_version: int,
                      today: dt.date | None = None) -> int:
        """Stamp an offer "nog steeds juist" today (its partner, a redacteur or beheerder)."""
        offer, _version = self._store.get("offers", offer_id)
        self._authorize(actor, "confirm", offer, kind="offers", current=offer)
        confirmed = dataclasses.replace(offer, confirmed_on=today or dt.date.today())
        return self._store.save("offers", confirmed, author=author_of(actor),
                                expected_version=_require_version(expected_version))

    # --- the role table of the login (docs/login.md) --------------------------------------

    def role_table(self):
        """login → (RoleEntry, version)."""
        from ..store.roles import role_table
        return role_table(self._store)

    def role_entries(self):
        """login → RoleEntry, as :func:`coalition_map.access.actor_from_claims` reads it."""
        from ..store.roles import role_entries
        return role_entries(self._store)

    def role_log(self, limit: int | None = 50):
        from ..store.roles import role_log
        return role_log(self._store, limit)

    def set_role(self, entry, *, actor, expected_version: int) -> int:
        """Give a login a role (beheerder only); a partner's organisation must exist."""
        from ..store.roles import set_role
        self._authorize(actor, "manage_roles", None)
        partners = {p.id for p in self._store.load_coalition().partners}
        if entry.role == "partner" and entry.partner_id not in partners:
            raise ServiceError(f"Niet opgeslagen: partner {entry.partner_id or '(leeg)'} "
                               "bestaat niet; kies de organisatie waarvoor deze persoon werkt.")
        return set_role(self._store, entry, author=author_of(actor),
                        expected_version=_require_version(expected_version))

    def remove_role(self, login: str, *, actor, expected_version: int) -> None:
        from ..store.roles import remove_role
        self._authorize(actor, "manage_roles", None)
        remove_role(self._store, login, author=author_of(actor),
                    expected_version=_require_version(expected_version))
