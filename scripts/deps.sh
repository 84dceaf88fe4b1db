#!/bin/sh
# Installs the Debian packages claimcheck needs, when they are missing.
# As root it runs apt-get (updating the package lists first when they are
# empty); otherwise it prints the command to run. Extra package names given
# as arguments are checked too (e.g. valgrind for `make valgrind`).
set -eu
pkgs="libpcre2-dev uthash-dev libcmocka-dev libyaml-dev libjansson-dev libxml2-dev pkg-config $*"
missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "claimcheck needs:$missing" >&2
    echo "run: sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' -e '^auxfiles$')" ]; then
    apt-get update -q >&2
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2 || {
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2
}
