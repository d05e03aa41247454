"""The app's state for the pages, in one import: ``from coalition_map.ui import state``.

The parts live in modules that each do one thing; this module only gathers
them, so that pages keep writing ``state.coalition()``, ``state.md(...)``:

- :mod:`.data` -- the service (every read and write) and the cached data and analyses;
- :mod:`.messages` -- Dutch messages, never a traceback (``fail``, ``guard``, ``say``);
- :mod:`.escape` -- user text made safe for Markdown (``md``, ``md_message``, ``md_frame``);
- :mod:`.session` -- the author, meeting mode, kept widget values, timings;
- :mod:`.widgets` -- widgets several pages share (``link``, ``mix_choice``).
"""

from __future__ import annotations

from .data import (analysis, coalition, db_key, filtered_graph, fitting, graph, graph_metrics,
                   heatmap, history, kaart, network_html, open_imports, plan, record_choices,
                   records_view, service, suggestion, template, version, versions, what_if,
                   what_if_cells, wijk_map)
from .escape import MD_SPECIAL, WORD_JOINER, md, md_frame, md_message
from .messages import fail, guard, log, remember, say, show_remembered, technical
from .session import (AUTHOR_KEY, MEETING_KEY, TIMINGS_KEY, author, keep_widgets, known_author,
                      meeting_mode, timed)
from .widgets import CUSTOM_MIX, link, mix_choice

__all__ = [
    "AUTHOR_KEY", "CUSTOM_MIX", "MD_SPECIAL", "MEETING_KEY", "TIMINGS_KEY", "WORD_JOINER",
    "analysis", "author", "known_author", "coalition", "db_key", "fail", "filtered_graph",
    "fitting", "graph", "graph_metrics", "guard", "heatmap", "history", "kaart", "keep_widgets",
    "link", "log", "md", "md_frame", "md_message", "meeting_mode", "mix_choice", "network_html",
    "open_imports", "plan", "record_choices", "records_view", "remember", "say", "service",
    "show_remembered", "suggestion", "technical", "template", "timed", "version", "versions",
    "what_if", "what_if_cells", "wijk_map",
]
