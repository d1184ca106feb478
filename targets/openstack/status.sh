#!/usr/bin/env bash
# Prints which services of the local target answer.
# Usage: bash targets/openstack/status.sh      (exit 1 when any is down)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
down=0
for pair in "keystone $KEYSTONE_URL/v3" "glance $GLANCE_URL/" "nova $NOVA_URL/"; do
  set -- $pair
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$2")
  printf '%-9s %-32s pid %-8s HTTP %s\n' "$1" "$2" "$(pid_of "$1")" "$code"
  case "$code" in 200|300) ;; *) down=1 ;; esac
done
exit $down
