#!/usr/bin/env bash
# Stops Keystone, Glance and Nova API of the local target (their uwsgi masters, by pid); the state is kept.
# Usage: bash targets/openstack/down.sh       (idempotent; waits until the processes are gone)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

for name in nova glance keystone; do stop_service "$name" & done
wait
for name in nova glance keystone; do
  if port_open "$(port_of "$name")"; then
    log "warning: $HOST:$(port_of "$name") still accepts connections (not a process of $STATE)"
  fi
done
