#!/usr/bin/env bash
# Usage: scripts/stack.sh      (normally through `make stack`)
#
# The production shape on loopback, without Docker:
#   PostgreSQL  persistent cluster in var/stack/pg, unix socket only (no TCP)
#   Redis       127.0.0.1:$STACK_REDIS_PORT (default 6389), password from var/stack/redis.conf
#   Django      migrate, seed_demo --if-empty (DEBUG only for that command), collectstatic
#               (hashed names under $JUKI_VAR_DIR/staticfiles; gunicorn refuses without them)
#   gunicorn    config.wsgi on 127.0.0.1:$PORT (default 8000), $WEB_CONCURRENCY workers (3)
#   Celery      worker (-c $CELERY_CONCURRENCY, default 2) and beat
# with DJANGO_DEBUG=0, a generated DJANGO_SECRET_KEY kept in var/stack/secret_key, the
# 操作ログ key in var/stack/audit_keys (JUKI_AUDIT_KEY_FILE) and DJANGO_TLS=0 (plain http on
# loopback: no secure cookies, no HSTS, no https redirect). Runs in the foreground; Ctrl-C (or
# SIGTERM) stops everything, PostgreSQL and Redis included. Data stays in var/stack/.
#
# Environment: PORT, WEB_CONCURRENCY, CELERY_CONCURRENCY, STACK_REDIS_PORT, STACK_PG_PORT
# (names the socket file only, default 54329), SEED_RESIDENTS (default 2000),
# JUKI_VAR_DIR (default var/), JUKI_STACK_DIR (default $JUKI_VAR_DIR/stack),
# DJANGO_ALLOWED_HOSTS, PG_BIN, STACK_VENV (default .venv).
# STACK_RESTART=1 restarts gunicorn, the Celery worker or beat when one of them dies, as
# systemd's Restart=always would (bench/fault_drill.py kills them); without it the stack
# stops when any of the three exits. Pid files: $JUKI_STACK_DIR/{gunicorn,celery-worker,
# celerybeat}.pid.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

VENV="${STACK_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
if [ ! -x "$PY" ]; then
    echo "stack: $VENV missing; run 'make stack' (or scripts/venv.sh) first" >&2
    exit 1
fi

export JUKI_VAR_DIR="${JUKI_VAR_DIR:-$ROOT/var}"
STACK_DIR="${JUKI_STACK_DIR:-$JUKI_VAR_DIR/stack}"
PORT="${PORT:-8000}"
WEB_CONCURRENCY="${WEB_CONCURRENCY:-3}"
CELERY_CONCURRENCY="${CELERY_CONCURRENCY:-2}"
REDIS_PORT="${STACK_REDIS_PORT:-6389}"
PG_PORT="${STACK_PG_PORT:-54329}"
SEED_RESIDENTS="${SEED_RESIDENTS:-2000}"
mkdir -p "$STACK_DIR"
STACK_DIR=$(cd "$STACK_DIR" && pwd)

log() { printf '\033[1mstack:\033[0m %s\n' "$*" >&2; }

# ---------------------------------------------------------------- PostgreSQL
find_pg_bin() {
    if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
    local d best="" bestv=0 v
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] || continue
        v=$(basename "$(dirname "$d")"); v=${v%%.*}
        if [ "$v" -gt "$bestv" ] 2>/dev/null; then bestv=$v; best=$d; fi
    done
    echo "$best"
}
PG_BIN=$(find_pg_bin)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "stack: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
fi
PGDATA_DIR="$STACK_DIR/pg"
PG_SOCK="$STACK_DIR/run"
PG_LOG="$STACK_DIR/postgres.log"
# unix socket paths are limited to ~107 bytes; fall back to a short private dir.
if [ "${#PG_SOCK}" -gt 80 ]; then
    PG_SOCK=$(mktemp -d /tmp/juki-stack-sock.XXXXXX)
    SOCK_IS_TMP=1
else
    SOCK_IS_TMP=0
    mkdir -p "$PG_SOCK"
fi

if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "stack: running as root needs the 'postgres' system user (apt-get install postgresql)" >&2
        exit 1
    fi
    # PostgreSQL refuses root: its data and socket dirs belong to the postgres user.
    mkdir -p "$PGDATA_DIR"
    touch "$PG_LOG"
    chown postgres: "$PGDATA_DIR" "$PG_SOCK" "$PG_LOG"
    chmod 0700 "$PGDATA_DIR"
    chmod 0755 "$PG_SOCK"
    if ! runuser -u postgres -- test -x "$PGDATA_DIR"; then
        echo "stack: user postgres cannot reach $PGDATA_DIR (a parent directory is not" >&2
        echo "       world-searchable); set JUKI_STACK_DIR to a directory it can reach." >&2
        exit 1
    fi
    as_pg() { (cd "$STACK_DIR" && runuser -u postgres -- "$@"); }
else
    as_pg() { (cd "$STACK_DIR" && "$@"); }
fi

# ---------------------------------------------------------------- shutdown
WEB_PID=""
WORKER_PID=""
BEAT_PID=""
PG_STARTED=0
REDIS_STARTED=0
REDIS_PIDFILE="$STACK_DIR/redis.pid"

stop_all() {
    local status=$?
    trap - EXIT INT TERM
    set +e
    local pids=($WEB_PID $WORKER_PID $BEAT_PID)
    if [ "${#pids[@]}" -gt 0 ]; then
        log "stopping gunicorn and celery"
        kill -TERM "${pids[@]}" 2>/dev/null

        for _ in $(seq 1 30); do
            local alive=0 p
            for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
            [ "$alive" = 0 ] && break
            sleep 0.5
        done
        kill -KILL "${pids[@]}" 2>/dev/null
        wait 2>/dev/null
    fi
    if [ "$REDIS_STARTED" = 1 ] && [ -f "$REDIS_PIDFILE" ]; then
        log "stopping redis"
        local rpid
        rpid=$(cat "$REDIS_PIDFILE")
        kill -TERM "$rpid" 2>/dev/null
        for _ in $(seq 1 20); do kill -0 "$rpid" 2>/dev/null || break; sleep 0.25; done
    fi
    if [ "$PG_STARTED" = 1 ]; then
        log "stopping postgresql"
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null
    fi
    [ "$SOCK_IS_TMP" = 1 ] && rm -rf -- "$PG_SOCK"
    exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- start PostgreSQL
if [ ! -s "$PGDATA_DIR/PG_VERSION" ]; then
    log "initdb $PGDATA_DIR"
    as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$STACK_DIR/initdb.log" 2>&1 || { cat "$STACK_DIR/initdb.log" >&2; exit 1; }
fi
if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    echo "stack: a PostgreSQL server is already running on $PGDATA_DIR (another make stack?)" >&2
    exit 1
fi
log "starting postgresql (socket $PG_SOCK)"
# Unix socket only, trust auth: nothing outside this machine can connect, and locally
# the socket dir is the only way in. Durable (fsync on): this cluster keeps its data.
PG_STARTED=1
if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 120 \
    -o "-k $PG_SOCK -p $PG_PORT -c listen_addresses=''" start >/dev/null; then
    PG_STARTED=0
    echo "stack: PostgreSQL did not start; tail of $PG_LOG:" >&2
    tail -n 20 "$PG_LOG" >&2
    exit 1
fi
if ! "$PG_BIN/psql" -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -Atqc \
    "select 1 from pg_database where datname = 'juki'" | grep -q 1; then
    "$PG_BIN/createdb" -h "$PG_SOCK" -p "$PG_PORT" -U postgres juki
fi
export DATABASE_URL="postgres://postgres@/juki?host=$PG_SOCK&port=$PG_PORT"

# ---------------------------------------------------------------- start Redis
if ! command -v redis-server >/dev/null 2>&1; then
    echo "stack: redis-server not found (apt-get install redis-server)" >&2
    exit 1
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null; then
    echo "stack: something already listens on 127.0.0.1:$REDIS_PORT; set STACK_REDIS_PORT" >&2
    exit 1
fi
REDIS_CONF="$STACK_DIR/redis.conf"
if [ ! -s "$REDIS_CONF" ]; then
    (umask 077 && printf 'requirepass %s\n' "$("$PY" -c 'import secrets; print(secrets.token_hex(24))')" >"$REDIS_CONF")
fi
REDIS_PASSWORD=$(awk '$1 == "requirepass" {print $2}' "$REDIS_CONF")
mkdir -p "$STACK_DIR/redis"
rm -f "$REDIS_PIDFILE"
log "starting redis on 127.0.0.1:$REDIS_PORT"
# Broker only: no persistence. Debian's redis-server does not start by itself here.
redis-server "$REDIS_CONF" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$REDIS_PIDFILE" --dir "$STACK_DIR/redis" \
    --logfile "$STACK_DIR/redis.log"
REDIS_STARTED=1
for _ in $(seq 1 40); do
    if [ -s "$REDIS_PIDFILE" ] &&
        REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
        break
    fi
    sleep 0.25
done
if ! REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    echo "stack: redis did not start; tail of $STACK_DIR/redis.log:" >&2
    tail -n 20 "$STACK_DIR/redis.log" >&2 || true
    exit 1
fi
export CELERY_BROKER_URL="redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT/0"

# ---------------------------------------------------------------- Django
SECRET_FILE="$STACK_DIR/secret_key"
if [ ! -s "$SECRET_FILE" ]; then
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$SECRET_FILE")
fi
DJANGO_SECRET_KEY=$(cat "$SECRET_FILE")
export DJANGO_SECRET_KEY
AUDIT_KEY_FILE="$STACK_DIR/audit_keys"
if [ ! -s "$AUDIT_KEY_FILE" ]; then
    (umask 077 && "$PY" -c 'import secrets; print("1", secrets.token_urlsafe(50))' >"$AUDIT_KEY_FILE")
fi
export JUKI_AUDIT_KEY_FILE="$AUDIT_KEY_FILE"
unset JUKI_AUDIT_KEY JUKI_AUDIT_KEY_ID
export DJANGO_DEBUG=0
export DJANGO_TLS=0
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"
export DJANGO_SETTINGS_MODULE=config.settings
# The production shape: no development mode, no eager tasks even if the caller's shell has them.
unset JUKI_TESTING JUKI_EAGER_TASKS

log "migrate"
"$PY" manage.py migrate --noinput
log "seed_demo --residents $SEED_RESIDENTS --if-empty"
DJANGO_DEBUG=1 "$PY" manage.py seed_demo --residents "$SEED_RESIDENTS" --if-empty
log "collectstatic"
"$PY" manage.py collectstatic --noinput >/dev/null

# One function per service, so that STACK_RESTART=1 can start a dead one again.
start_web() {
    "$VENV/bin/gunicorn" -c python:config.gunicorn_conf config.wsgi:application \
        --bind "127.0.0.1:$PORT" --workers "$WEB_CONCURRENCY" \
        --pid "$STACK_DIR/gunicorn.pid" --access-logfile - --graceful-timeout 20 &
    WEB_PID=$!
}
start_worker() {
    rm -f "$STACK_DIR/celery-worker.pid"
    "$VENV/bin/celery" -A config worker --loglevel INFO --concurrency "$CELERY_CONCURRENCY" \
        --hostname "juki@%h" --pidfile "$STACK_DIR/celery-worker.pid" &
    WORKER_PID=$!
}
start_beat() {
    rm -f "$STACK_DIR/celerybeat.pid"
    "$VENV/bin/celery" -A config beat --loglevel INFO \
        --schedule "$STACK_DIR/celerybeat-schedule" --pidfile "$STACK_DIR/celerybeat.pid" &
    BEAT_PID=$!
}

log "starting gunicorn on http://127.0.0.1:$PORT ($WEB_CONCURRENCY workers), celery worker and beat"
start_web
start_worker
start_beat

log "up: http://127.0.0.1:$PORT/  (Ctrl-C stops everything)"
# Returns when any of the three exits (or on Ctrl-C/TERM, through the traps).
set +e
while :; do
    exited=""
    wait -n -p exited "$WEB_PID" "$WORKER_PID" "$BEAT_PID"
    status=$?
    if [ "${STACK_RESTART:-0}" != 1 ] || [ -z "$exited" ]; then
        break
    fi
    sleep 1 # systemd's RestartSec: no busy loop when a service cannot start
    case "$exited" in
        "$WEB_PID") log "gunicorn exited (status $status); restarting it"; start_web ;;
        "$WORKER_PID") log "celery worker exited (status $status); restarting it"; start_worker ;;
        "$BEAT_PID") log "celery beat exited (status $status); restarting it"; start_beat ;;
    esac
done
set -e
log "a process exited (status $status); stopping the stack"
exit "$status"
