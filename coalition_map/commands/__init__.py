"""Subcommands of the ``coalition-map`` command line, one module per subject.

Each module listed in :data:`COMMAND_MODULES` has ``register(subparsers)``
that adds its subcommands; each subcommand sets ``func(args) -> int``.
"""

COMMAND_MODULES = (
    "coalition_map.commands.data",      # validate, import, export, docs
    "coalition_map.commands.store",     # init, import, export, backup, history, undo
    "coalition_map.commands.kaart",     # export-kaart, export-plan
    "coalition_map.commands.gaps",      # gaps (gatenanalyse)
    "coalition_map.commands.roles",     # roles (rollentabel van het inloggen)
    "coalition_map.commands.serve",     # serve (the Streamlit app)
)
