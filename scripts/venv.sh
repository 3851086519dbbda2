#!/usr/bin/env bash
# Usage: scripts/venv.sh            (PYTHON=/path/to/python3.11 to choose the interpreter)
#
# Creates .venv/ when it is missing (or broken, or not Python 3.11) and runs
# `pip install -e '.[dev]'` when pyproject.toml is newer than the stamp .venv/.installed.
# Quiet and fast (a few stat calls) when everything is up to date.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
VENV="${VENV:-.venv}"
STAMP="$VENV/.installed"

venv_ok() {
    [ -x "$VENV/bin/python" ] &&
        "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1
}

if venv_ok && [ -f "$STAMP" ] && ! [ pyproject.toml -nt "$STAMP" ]; then
    exit 0
fi

# Choose the interpreter: $PYTHON, else Debian's /usr/bin/python3.11, else python3.11 on PATH.
choose_python() {
    if [ -n "${PYTHON:-}" ]; then
        echo "$PYTHON"
    elif [ -x /usr/bin/python3.11 ]; then
        echo /usr/bin/python3.11
    else
        command -v python3.11 || true
    fi
}

if ! venv_ok; then
    PY=$(choose_python)
    if [ -z "$PY" ]; then
        # Fresh Debian without Python 3.11 at all.
        "$ROOT/scripts/ensure-debian-packages.sh" python3.11 python3-venv
        PY=/usr/bin/python3.11
    fi
    # Debian splits ensurepip (needed by `python -m venv`) into python3-venv.
    if ! "$PY" -m venv --help >/dev/null 2>&1 || ! "$PY" -c 'import ensurepip' >/dev/null 2>&1; then
        case "$PY" in
            /usr/bin/*) "$ROOT/scripts/ensure-debian-packages.sh" python3-venv ;;
            *)
                echo "venv.sh: $PY cannot create virtual environments (no venv/ensurepip module)." >&2
                exit 1
                ;;
        esac
    fi
    if [ -e "$VENV" ]; then
        echo "venv.sh: $VENV is broken or not Python 3.11; recreating it" >&2
        rm -rf -- "$VENV"
    fi
    echo "venv.sh: creating $VENV with $PY" >&2
    "$PY" -m venv "$VENV"
    rm -f "$STAMP"
fi

echo "venv.sh: installing the project and its pinned dependencies into $VENV" >&2
# The stamp gets the time from *before* the install, so an edit of pyproject.toml made
# while pip runs still triggers a reinstall next time.
touch "$STAMP.new"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[dev]'
mv -f "$STAMP.new" "$STAMP"
