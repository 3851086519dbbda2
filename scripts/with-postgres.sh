#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARG...]
#
# Runs CMD against a throwaway PostgreSQL cluster:
#   - initdb into a fresh temp dir (trust auth, UTF8, C.UTF-8, no fsync),
#   - start it listening only on a unix socket inside that dir (no TCP at all),
#   - create the database "juki", export DATABASE_URL (and PGHOST/PGPORT/PGUSER/PGDATABASE),
#   - run CMD, then ALWAYS stop the cluster and delete the dir; exit with CMD's status.
#
# The superuser is named "postgres" whoever runs this, so the URL is the same for root
# and for ordinary users: postgres://postgres@/juki?host=SOCKDIR&port=PORT
# initdb/postgres refuse to run as root, so as root the server runs as the "postgres"
# system user (created by Debian's postgresql package) through runuser.
#
# Environment: PG_BIN (a directory with initdb/pg_ctl; default: newest
# /usr/lib/postgresql/*/bin), PG_PORT (default 54329; the socket lives in a private
# directory, so the number can never clash with another server), PG_DBNAME (default juki),
# PG_SHARED_BUFFERS (default 128MB, PostgreSQL's own; `make bench` asks for 2GB, as a
# city's server would be tuned, so that a million residents' indexes stay in memory).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARG...]" >&2
    exit 2
fi

find_pg_bin() {
    if [ -n "${PG_BIN:-}" ]; then
        echo "$PG_BIN"
        return
    fi
    local d best="" bestv=0 v
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] || continue
        v=$(basename "$(dirname "$d")")
        v=${v%%.*}
        if [ "$v" -gt "$bestv" ] 2>/dev/null; then
            bestv=$v
            best=$d
        fi
    done
    if [ -z "$best" ] && command -v initdb >/dev/null 2>&1; then
        best=$(dirname "$(command -v initdb)")
    fi
    echo "$best"
}

PG_BIN=$(find_pg_bin)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "with-postgres: PostgreSQL server binaries not found." >&2
    echo "  Install them: apt-get install --no-install-recommends postgresql" >&2
    exit 1
fi
PG_PORT="${PG_PORT:-54329}"
PG_DBNAME="${PG_DBNAME:-juki}"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/juki-pg.XXXXXX")
DATA="$TMP/data"
SOCK="$TMP/sock"
LOG="$TMP/postgres.log"
STARTED=0

if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "with-postgres: running as root needs the 'postgres' system user (apt-get install postgresql)" >&2
        rm -rf -- "$TMP"
        exit 1
    fi
    # The server runs as postgres: it must own the temp dir and reach it.
    chmod 0755 "$TMP"
    chown postgres: "$TMP"
    if ! runuser -u postgres -- test -x "$TMP"; then
        echo "with-postgres: user postgres cannot reach $TMP; set TMPDIR to a traversable directory" >&2
        rm -rf -- "$TMP"
        exit 1
    fi
    as_pg() { (cd "$TMP" && runuser -u postgres -- "$@"); }
else
    as_pg() { (cd "$TMP" && "$@"); }
fi

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ "$STARTED" = 1 ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 ||
            as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf -- "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg mkdir -p "$SOCK"
if ! as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$TMP/initdb.log" 2>&1; then
    echo "with-postgres: initdb failed:" >&2
    cat "$TMP/initdb.log" >&2
    exit 1
fi

STARTED=1
if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-k $SOCK -p $PG_PORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=${PG_SHARED_BUFFERS:-128MB}" \
    start >/dev/null; then
    echo "with-postgres: PostgreSQL did not start:" >&2
    cat "$LOG" >&2 || true
    exit 1
fi

"$PG_BIN/createdb" -h "$SOCK" -p "$PG_PORT" -U postgres "$PG_DBNAME"

export DATABASE_URL="postgres://postgres@/$PG_DBNAME?host=$SOCK&port=$PG_PORT"
export PGHOST="$SOCK" PGPORT="$PG_PORT" PGUSER=postgres PGDATABASE="$PG_DBNAME"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') at $DATABASE_URL" >&2

# Not `exec`: the trap must still stop the cluster afterwards.
set +e
"$@"
status=$?
set -e
exit "$status"
