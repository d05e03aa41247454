"""Alembic environment for the store; run programmatically by ``coalition_map.store``.

The store passes its open connection in ``config.attributes["connection"]``;
without one (plain ``alembic`` on the command line), the URL comes from the
``sqlalchemy.url`` option.
"""

from alembic import context
from sqlalchemy import create_engine


def run_migrations_online() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is set by coalition_map.store.migrate"
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)


def _run(connection) -> None:
    context.configure(connection=connection, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


# Alembic runs this file; importing it elsewhere (a doctest collector) does nothing.
if hasattr(context, "config"):
    run_migrations_online()
