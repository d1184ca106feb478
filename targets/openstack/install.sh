#!/usr/bin/env bash
# Installs Keystone, Glance and Nova API (OpenStack Zed) from Debian 12's packages, without starting any of them.
# Usage: bash targets/openstack/install.sh        (as root; unattended; idempotent; skips in a second when installed)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"

packages=(nova-api glance-api keystone uwsgi-core uwsgi-plugin-python3 curl sqlite3)
binaries=(/usr/bin/nova-api-wsgi /usr/bin/nova-manage /usr/bin/glance-wsgi-api /usr/bin/glance-manage
  /usr/bin/keystone-wsgi-public /usr/bin/keystone-manage /usr/bin/uwsgi /usr/bin/curl /usr/bin/sqlite3 "$PY")
missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
for b in "${binaries[@]}"; do
  [ -x "$b" ] || { missing=("${packages[@]}"); break; }
done
if [ ${#missing[@]} -eq 0 ]; then
  log "already installed (${packages[*]})"
  exit 0
fi
[ "$(id -u)" = 0 ] || die "run as root to install: ${missing[*]}"
started=$(date +%s)

# Debian's postinst scripts run "invoke-rc.d <service> start", and the init scripts listen on every interface
# (:5000, :9292, :8774): a policy-rc.d that answers 101 forbids every start during the install. Created only when
# missing, removed only when this script created it.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# temporary, from targets/openstack/install.sh: no service starts during the install\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  created_policy=1
  log "created $policy (exit 101) for the install"
fi
cleanup() {
  if [ "$created_policy" = 1 ]; then rm -f "$policy"; log "removed $policy"; fi
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The processes that exist before the install; anything of the packages' services started after is killed by pid.
before=" $(ls /proc | grep -E '^[0-9]+$' | tr '\n' ' ') "

# Database questions default to "no" under noninteractive; preseeding them is belt and braces.
for q in keystone/configure_db nova-common/configure_db glance-common/configure_db glance-api/configure_db; do
  echo "${q%%/*} $q boolean false" | debconf-set-selections 2>/dev/null || true
done
export DEBIAN_FRONTEND=noninteractive
log "apt-get update"
apt-get update -qq -o DPkg::Lock::Timeout=900
log "installing: ${missing[*]}"
apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=900 \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"

# Nothing from the packages may be left running: it would listen on every interface. Only processes that appeared
# during this install and run one of the packages' programs are stopped, each by its pid.
strays=()
for dir in /proc/[0-9]*; do
  pid=${dir#/proc/}
  case "$before" in *" $pid "*) continue ;; esac
  [ "$pid" = $$ ] && continue
  exe=$(readlink "$dir/exe" 2>/dev/null || true)
  case "$exe" in */python3*|*/uwsgi*) ;; *) continue ;; esac
  cmd=$(tr '\0' ' ' < "$dir/cmdline" 2>/dev/null || true)
  case "$cmd" in
    *nova-api*|*nova-metadata*|*glance-api*|*glance-wsgi*|*keystone-wsgi*|*keystone-uwsgi*|*/etc/nova/*|*/etc/glance/*|*/etc/keystone/*)
      strays+=("$pid") ;;
  esac
done
if [ ${#strays[@]} -gt 0 ]; then
  log "stopping services the packages started anyway: pids ${strays[*]}"
  kill -TERM "${strays[@]}" 2>/dev/null || true
  sleep 2
  for pid in "${strays[@]}"; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true; done
fi
# Belt and braces: nothing may listen on the packages' default ports.
if command -v ss >/dev/null 2>&1; then
  listeners=$(ss -Hltn '( sport = :5000 or sport = :35357 or sport = :9292 or sport = :8774 or sport = :8775 )' || true)
  [ -z "$listeners" ] || { log "still listening on a default OpenStack port:"; echo "$listeners" >&2; die "a packaged service is running"; }
fi
for b in "${binaries[@]}"; do [ -x "$b" ] || die "$b is missing after the install"; done
log "installed in $(( $(date +%s) - started )) s: ${missing[*]}"
