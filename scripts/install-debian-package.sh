#!/usr/bin/env bash
# Makes a Debian package's program available for the tests: `install-debian-package.sh PACKAGE PROGRAM`
# installs PACKAGE unless PROGRAM is there already. Idempotent. What `make test` uses this for:
#   chromium        the browser test (tests/browser/) drives Debian's Chromium through Playwright, whose own
#                   `playwright install` downloads a build from servers these machines cannot reach;
#   openssh-server  the test of Julia processes added over SSH runs an sshd of its own on loopback.
set -euo pipefail

PACKAGE=$1
PROGRAM=$2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

if [[ -x "$PROGRAM" ]]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "metapoly: the tests need $PROGRAM (Debian's $PACKAGE), and there is no apt-get to install it." >&2
    exit 1
fi
install_package() {
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$PACKAGE" >/dev/null
}
# A fresh machine's package lists may be missing or stale: update them only when the install needs it.
if ! install_package 2>/dev/null; then
    $SUDO apt-get update -qq
    install_package
fi
echo "metapoly: installed $PACKAGE ($PROGRAM)"
