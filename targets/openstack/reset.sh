#!/usr/bin/env bash
# Stops the local target and removes its state folder (databases, images, keys, passwords, logs, settings).
# Usage: bash targets/openstack/reset.sh      (idempotent; the next up.sh starts from scratch)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
bash "$here/down.sh"
case "$STATE" in
  /|/var|/var/tmp|/tmp|/root|/home|/etc|/usr) die "refusing to remove '$STATE'" ;;
esac
if [ -d "$STATE" ]; then
  rm -rf -- "$STATE"
  log "removed $STATE"
fi
