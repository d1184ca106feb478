#!/usr/bin/env bash
# Stops the local target and removes its state (databases, images, keys, passwords).
# Usage: bash targets/openstack/reset.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
bash "$here/down.sh"
case "$STATE" in
  /|"") die "refusing to remove '$STATE'" ;;
esac
rm -rf "$STATE"
log "removed $STATE"
