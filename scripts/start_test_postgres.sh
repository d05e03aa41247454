#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the store tests and print its URL.
#
#   url="$(bash scripts/start_test_postgres.sh /tmp/pgtest)"
#   export COALITION_MAP_TEST_PG="$url"      # postgresql://postgres@127.0.0.1:PORT/postgres
#   ... run the tests ...
#   bash scripts/stop_test_postgres.sh /tmp/pgtest
#
# Uses the PostgreSQL binaries on PATH or Debian's /usr/lib/postgresql/*/bin
# (apt-get install postgresql). The server listens on 127.0.0.1 only, at a free
# port, with trust authentication for the local user "postgres"; its data,
# socket and log live in the given folder. PostgreSQL refuses to run as root,
# so as root the server runs as the system user "postgres".
# Only the URL goes to stdout; everything else to stderr. Exit 1 on failure.
set -euo pipefail

dir="${1:?usage: start_test_postgres.sh DATADIR}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

bindir=""
if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
  bindir="$(dirname "$(command -v pg_ctl)")"
else
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/initdb" ]; then
      bindir="$candidate"
      break
    fi
  done
fi
if [ -z "$bindir" ]; then
  echo "start_test_postgres: no initdb/pg_ctl found (apt-get install postgresql)" >&2
  exit 1
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

run() {
  # Run a command as the server's user: postgres when we are root.
  if [ "$(id -u)" = "0" ]; then
    if command -v runuser >/dev/null 2>&1; then
      (cd "$dir" && runuser -u postgres -- "$@")
    else
      (cd "$dir" && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
    fi
  else
    (cd "$dir" && "$@")
  fi
}

if [ "$(id -u)" = "0" ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "start_test_postgres: running as root but there is no user 'postgres'" >&2
    exit 1
  fi
  chown -R postgres "$dir"
fi

if [ ! -f "$dir/data/PG_VERSION" ]; then
  run "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
      --no-locale >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
fi

run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >&2 || { cat "$dir/postgres.log" >&2; exit 1; }

echo "$port" >"$dir/port"
echo "$bindir" >"$dir/bindir"
echo "postgresql://postgres@127.0.0.1:$port/postgres"
