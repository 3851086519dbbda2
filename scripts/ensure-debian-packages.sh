#!/usr/bin/env bash
# Usage: scripts/ensure-debian-packages.sh PKG...
#
# Makes sure the named Debian packages are installed.
#   - all installed                 -> silent, exit 0
#   - running as root               -> apt-get update && apt-get install -y --no-install-recommends
#   - passwordless sudo (sudo -n)   -> the same through sudo -n
#   - otherwise                     -> prints the missing packages and the command to run, exit 1
# On a machine without dpkg (not Debian) it prints a note and exits 0: the caller's
# next step will fail loudly if something is really missing.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "ensure-debian-packages: dpkg-query not found (not Debian?); not checking: $*" >&2
    exit 0
fi

missing=()
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *" ok installed") ;;
        *) missing+=("$pkg") ;;
    esac
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

apt_install() {
    echo "ensure-debian-packages: installing missing Debian packages: ${missing[*]}" >&2
    "$@" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "$@" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}"
}

if [ "$(id -u)" -eq 0 ]; then
    apt_install
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    apt_install sudo -n
else
    {
        echo
        echo "Missing Debian packages: ${missing[*]}"
        echo "Install them (as root) with:"
        echo
        echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
        echo
    } >&2
    exit 1
fi

# Double-check: apt-get can "succeed" without installing (e.g. held packages).
still=()
for pkg in "${missing[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *" ok installed") ;;
        *) still+=("$pkg") ;;
    esac
done
if [ "${#still[@]}" -ne 0 ]; then
    echo "ensure-debian-packages: still not installed after apt-get: ${still[*]}" >&2
    exit 1
fi
