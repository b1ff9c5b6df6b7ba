#!/usr/bin/env bash
# Installs the Debian packages the tests use, but only those that are missing, so it is safe to
# run before every test run (`make test` does). The network here reaches Debian's archive but no
# browser download site, so the browser tests drive Debian's chromium, never a downloaded one.
#
#   chromium              browser tests (chromium-driver is not needed)
#   default-jre-headless  java
#   nodejs, npm           node and npm, each only if missing (a NodeSource node ships its own npm)
#
# Works as root or, as another user, through `sudo -n` (never prompts: CI has no stdin).
# GitHub's Ubuntu runners already have all of these, so there it installs nothing.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi

echo "setup-system: installing ${need[*]}" >&2

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-system: no apt-get here; install these yourself: ${need[*]}" >&2
    exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "setup-system: not root and no sudo; as root run: apt-get install ${need[*]}" >&2
        exit 1
    fi
    sudo=(sudo -n)
fi

# `env` inside sudo, because sudo drops the caller's environment.
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Use-Pty=0)
"${apt[@]}" update -qq
"${apt[@]}" install -qq --no-install-recommends "${need[@]}" >/dev/null

missing=()
for cmd in chromium java node npm; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
if [ ${#missing[@]} -ne 0 ]; then
    echo "setup-system: still missing after install: ${missing[*]}" >&2
    exit 1
fi
