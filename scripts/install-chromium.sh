#!/usr/bin/env bash
# Provides Debian's Chromium for the editor browser suite (playwright-core drives it; Playwright's
# own browser download cannot work on these machines). Idempotent: does nothing when present.
set -euo pipefail

BIN="${KLING_CHROMIUM:-/usr/bin/chromium}"
log() { printf '[install-chromium] %s\n' "$*" >&2; }

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { log "not root and no sudo: install the Debian package chromium by hand"; exit 1; }
  SUDO="sudo"
fi

log "installing Debian's chromium (about 1 minute)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 || log "apt-get update failed; trying the install anyway"
$SUDO apt-get install -y -qq chromium >&2
[ -x "$BIN" ] || { log "chromium did not install to $BIN"; exit 1; }
echo "$BIN"
