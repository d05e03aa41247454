#!/usr/bin/env bash
# Stop the server started by start_test_postgres.sh DATADIR (the data stays).
set -euo pipefail
dir="${1:?usage: stop_test_postgres.sh DATADIR}"
dir="$(cd "$dir" && pwd)"
bindir="$(cat "$dir/bindir" 2>/dev/null || dirname "$(command -v pg_ctl)")"
if [ "$(id -u)" = "0" ]; then
  (cd "$dir" && runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop) >&2
else
  (cd "$dir" && "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop) >&2
fi
