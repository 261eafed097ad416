#!/usr/bin/env bash
# Provides what n8n's queue mode needs on this machine: Debian's Redis and PostgreSQL (the
# packages only: no service is started; the tests run both as their own processes, on their own
# ports). Idempotent; prints PostgreSQL's bin directory. See ../shared/docs/n8n-queue-mode.md §2.
set -euo pipefail

log() { printf '[install-queue-mode] %s\n' "$*" >&2; }

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)

if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { log "needs root to apt-get install ${missing[*]}"; exit 1; }
  log "installing ${missing[*]} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# The packages may start nothing here (no systemd), and must not: only the tests' own processes run.
dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)"
