#!/usr/bin/env bash
# Stops Keystone, Glance and Nova API of the local target (state is kept).
# Usage: bash targets/openstack/down.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
for name in nova glance keystone; do
  pid=$(pid_of "$name")
  [ -n "$pid" ] || continue
  kill -TERM "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$STATE/run/$name.pid"
  log "stopped $name"
done
