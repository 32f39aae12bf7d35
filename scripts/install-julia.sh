#!/usr/bin/env bash
# Makes a working `julia` available: installs Debian's packaged Julia (1.5.3, bullseye) when none is found,
# and repairs that build's exception handling. Idempotent.
#
# Why this shape:
# - On these machines Julia exists only in Debian's bullseye suite. We add that suite using the archive
#   address apt is already configured with (so no host name lives in this repo), pin it low so nothing
#   else is pulled from it, and install julia from it.
# - Debian's julia 1.5.3 links the system libunwind. With bookworm's libunwind 1.6 every exception thrown
#   inside compiled Julia code (`error()` in a function, an interrupt in a loop) crashes the process with
#   SIGSEGV while the backtrace is collected. bullseye's libunwind 1.3.2 works. Rather than downgrade a
#   library other packages use, we unpack that libunwind into a private directory and put a `julia`
#   launcher in /usr/local/bin that loads it.
set -euo pipefail

PRIVATE_LIB=/usr/local/lib/metapoly-julia
LAUNCHER=/usr/local/bin/julia
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

julia_cmd() {
    if [[ -n "${METAPOLY_JULIA:-}" ]]; then echo "$METAPOLY_JULIA"; else command -v julia || true; fi
}

# Does this julia survive an exception thrown and caught inside a compiled function?
exceptions_work() {
    # Run under a child shell so that the crash report of a failing probe stays quiet.
    local probe='f() = try error("probe") catch; 1 end; f() == 1 || exit(2)'
    bash -c '"$0" --startup-file=no -e "$1"; exit $?' "$1" "$probe" >/dev/null 2>&1
}

archive_uri() {
    # The first Debian archive URI apt already uses (deb822 sources first, then the one-line format).
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -f "$f" ]] || continue
        awk '/^URIs:/ {print $2}' "$f" | grep -v -- '-security' | head -n1 && return 0
    done
    if [[ -f /etc/apt/sources.list ]]; then
        awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' \
            /etc/apt/sources.list | grep -v -- '-security' | head -n1
    fi
}

add_bullseye() {
    local list=/etc/apt/sources.list.d/metapoly-bullseye.list pin=/etc/apt/preferences.d/metapoly-bullseye uri
    if [[ ! -f "$list" ]]; then
        uri=$(archive_uri)
        if [[ -z "$uri" ]]; then
            echo "metapoly: no Debian archive address found in apt's sources; install Julia by hand." >&2
            exit 1
        fi
        echo "deb $uri bullseye main" | $SUDO tee "$list" >/dev/null
        printf 'Package: *\nPin: release n=bullseye\nPin-Priority: 100\n' | $SUDO tee "$pin" >/dev/null
        $SUDO apt-get update -qq
    fi
}

install_debian_julia() {
    # Debian's bullseye suite is only right on Debian itself (on Ubuntu and the rest it would mix releases).
    if ! command -v apt-get >/dev/null 2>&1 || ! grep -qx 'ID=debian' /etc/os-release 2>/dev/null; then
        echo "metapoly: no julia found, and this is not Debian, whose packaged Julia this script" \
            "installs." >&2
        echo "Install Julia (1.5 or newer) and put it on PATH, or point metapoly at an official Julia" \
            "tarball," >&2
        echo "no root needed: python -m metapoly julia /path/to/julia-x.y.z-linux-x86_64.tar.gz" >&2
        exit 1
    fi
    add_bullseye
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t bullseye julia >/dev/null
}

install_launcher() {
    add_bullseye
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get download -qq libunwind8/bullseye 2>/dev/null && dpkg-deb -x libunwind8_*.deb root)
    $SUDO mkdir -p "$PRIVATE_LIB"
    $SUDO cp -a "$tmp"/root/usr/lib/x86_64-linux-gnu/libunwind*.so* "$PRIVATE_LIB"/
    rm -rf "$tmp"
    printf '%s\n' '#!/bin/sh' \
        '# Debian julia 1.5.3 with a libunwind it works with (see metapoly scripts/install-julia.sh).' \
        "LD_LIBRARY_PATH=$PRIVATE_LIB"'${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} exec /usr/bin/julia "$@"' \
        | $SUDO tee "$LAUNCHER" >/dev/null
    $SUDO chmod 755 "$LAUNCHER"
    hash -r
}

julia=$(julia_cmd)
if [[ -z "$julia" ]]; then
    install_debian_julia
    julia=$(julia_cmd)
fi
if ! exceptions_work "$julia"; then
    if [[ "$(readlink -f "$julia")" != /usr/bin/julia* ]]; then
        echo "metapoly: $julia crashes when Julia code throws an exception; install another Julia." >&2
        exit 1
    fi
    install_launcher
    julia=$LAUNCHER
    if ! exceptions_work "$julia"; then
        echo "metapoly: Debian's julia still crashes on exceptions with bullseye's libunwind." >&2
        exit 1
    fi
fi
echo "metapoly: using $("$julia" --version) at $julia"
