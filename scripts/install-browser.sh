#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser test (tests/browser/), which drives it through
# Playwright. Idempotent.
#
# Why Debian's: Playwright's own `playwright install` downloads a browser build from its own servers,
# which these machines cannot reach; Playwright drives any recent Chromium given its executable path.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

if [[ -x "$CHROMIUM" ]]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "metapoly: the browser test needs Chromium at $CHROMIUM, and there is no apt-get to install it." >&2
    exit 1
fi
install_chromium() {
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
}
# A fresh machine's package lists may be missing or stale: update them only when the install needs it.
if ! install_chromium 2>/dev/null; then
    $SUDO apt-get update -qq
    install_chromium
fi
echo "metapoly: using $("$CHROMIUM" --version 2>/dev/null) at $CHROMIUM"
