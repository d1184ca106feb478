#!/usr/bin/env bash
# Prints which services of the local target answer (exit status 1 when any does not).
# Usage: bash targets/openstack/status.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
down=0
for name in $SERVICES; do
  url=$(url_of "$name")
  code=$(http_code "$url")
  pid=$(pid_of "$name")
  case "$code" in
    200|300) if [ -n "$pid" ]; then state=up; else state="up (not a process of this state)"; down=1; fi ;;
    *) state=DOWN; down=1 ;;
  esac
  printf '%-9s %-25s HTTP %s  pid %-7s %s\n' "$name" "$url" "$code" "${pid:-none}" "$state"
done
printf 'state: %s%s\n' "$STATE" "$([ -s "$STATE/settings.env" ] && echo " (settings.env present)" || true)"
exit $down
