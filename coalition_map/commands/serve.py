"""``coalition-map serve``: start the Streamlit app (datasette-style).

Works the same from a checkout and from an installed wheel: the app's files
are found by :func:`coalition_map.paths.app_dir`. The store is ``--db``,
``COALITION_MAP_DB`` or the default file in the user's data directory
(:func:`coalition_map.paths.default_db_path`); it is opened (migrated, and
the first time filled with the example data) by the app itself.
"""

from __future__ import annotations

import os
import subprocess
import sys

from .. import paths


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve", help="start de app in de browser",
        description="Start de Coalitiekaart (Streamlit). Zonder --db gebruikt de app "
                    f"{paths.DB_ENV} of het bestand {paths.default_db_path()}; een nieuwe "
                    "database wordt gevuld met de voorbeeldcoalitie.")
    p.add_argument("--db", metavar="URL|PAD", default=None,
                   help="database: pad naar een SQLite-bestand of een URL zoals "
                        "postgresql://gebruiker@server/coalitie")
    p.add_argument("--port", type=int, default=8501, help="poort (standaard 8501)")
    p.add_argument("--host", default="localhost",
                   help="adres om op te luisteren (standaard localhost; 0.0.0.0 voor het "
                        "hele netwerk)")
    p.add_argument("--secrets", metavar="BESTAND", default=None,
                   help="secrets.toml met [auth] voor inloggen (docs/login.md); standaard "
                        "~/.streamlit/secrets.toml")
    p.add_argument("--allow-open", action="store_true",
                   help="sta toe dat de app zonder inloggen op een netwerkadres luistert "
                        "(iedereen die haar bereikt, kan dan alles wijzigen)")
    p.set_defaults(func=cmd_serve)


def _secrets_files(given: str | None) -> list:
    """The secrets files Streamlit will read: the given one, or the user's default."""
    from pathlib import Path
    if given:
        return [Path(given).expanduser().resolve()]
    return [Path.home() / ".streamlit" / "secrets.toml"]


def _login_configured(files) -> bool:
    import tomllib

    from ..deployment import login_configured
    merged: dict = {}
    for file in files:
        try:
            merged.update(tomllib.loads(file.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return login_configured(merged)


def streamlit_command(port: int, host: str) -> list[str]:
    """The command line that runs the app with this Python (see :func:`cmd_serve`).

    >>> streamlit_command(8611, "localhost")[-4:]
    ['--server.port', '8611', '--server.address', 'localhost']
    """
    return [sys.executable, "-m", "streamlit", "run",
            str(paths.app_dir() / "streamlit_app.py"),
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.port", str(port), "--server.address", host]


def cmd_serve(args) -> int:
    if not 0 < args.port < 65536:
        print(f"Poort {args.port} bestaat niet: kies een getal van 1 tot en met 65535.",
              file=sys.stderr)
        return 2
    env = dict(os.environ)
    try:
        # A relative path is made absolute here: the app runs in its own folder.
        env[paths.DB_ENV] = paths.db_url(args.db)
    except paths.DatabaseUrlError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from ..deployment import ALLOW_OPEN_ENV, open_bind_refusal
    files = _secrets_files(args.secrets)
    if args.secrets and not files[0].is_file():
        print(f"Het secrets-bestand {files[0]} bestaat niet.", file=sys.stderr)
        return 2
    refusal = open_bind_refusal(args.host, login=_login_configured(files),
                                allow_open=args.allow_open)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    if args.allow_open:
        env[ALLOW_OPEN_ENV] = "1"
    print(f"Coalitiekaart op http://{args.host}:{args.port}  (database: "
          f"{paths.mask_secrets(env[paths.DB_ENV])}; stoppen met Ctrl+C)", flush=True)
    command = streamlit_command(args.port, args.host)
    if args.secrets:
        command += ["--secrets.files", str(files[0])]
    # In the app's folder: Streamlit reads .streamlit/config.toml (theme, upload limit) there.
    if os.name == "posix":      # become the server: one process to stop, signals reach it
        os.chdir(paths.app_dir())
        os.execve(sys.executable, command, env)
    try:
        return subprocess.call(command, cwd=paths.app_dir(), env=env)
    except KeyboardInterrupt:
        return 0
