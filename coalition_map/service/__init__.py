"""The one way in: every write the app and the command line make.

Pages and ``coalition_map.ui`` never import :mod:`coalition_map.store`; they
get a :class:`Service` (``ui.state.service()``) and call it. Reads go
through it too (``load_coalition``, ``history``, ...), unchanged from the store.

- every write takes the ``actor`` (today the author's name) and passes
  :func:`~coalition_map.service.auth.authorize` first (the role checks of
  the login issue go there);
- every edit of one record carries the version the form started from
  (``expected_version``); there is no way to switch that check off;
- ids are proposed here (:meth:`Service.propose_id`, :mod:`coalition_map.ids`);
- every refusal is a :class:`ServiceError` with a Dutch message; a conflict is
  its subclass :class:`StaleRecordError` ("intussen gewijzigd door …").

>>> import tempfile, pathlib
>>> from coalition_map.model import Wijk
>>> svc = open_service(str(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite"), seed=False)
>>> svc.save("wijken", Wijk("WK01", "Noord"), actor="Anna", expected_version=0)
1
>>> svc.save("wijken", Wijk("WK01", "Noord-Oost"), actor="Bob",
...          expected_version=0)  # doctest: +ELLIPSIS
Traceback (most recent call last):
coalition_map.store.history.StaleRecordError: Niet opgeslagen: wijk WK01 is intussen ...
>>> svc.propose_id("partners")
'P01'
>>> svc.close()
"""

from __future__ import annotations

from ..errors import NotAllowed, ServiceError
from ..store import (SYSTEM_AUTHOR, ChangeSet, ImportDiff, StaleImportError,
                     StaleRecordError, StoreError, imported_files, imported_kinds)
from ..store.history import ACTION_LABELS
from .auth import ACTIONS, authorize
from .core import Service, open_service

__all__ = ["Service", "open_service", "authorize", "ACTIONS", "ServiceError", "NotAllowed",
           "StaleRecordError", "StaleImportError", "StoreError", "ImportDiff", "ChangeSet",
           "ACTION_LABELS", "SYSTEM_AUTHOR", "imported_files", "imported_kinds"]
