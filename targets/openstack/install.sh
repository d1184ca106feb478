#!/usr/bin/env bash
# Installs Keystone, Glance and Nova API (OpenStack Zed) from Debian's packages without starting any of them.
# Usage: bash targets/openstack/install.sh        (root; idempotent; quick when already installed)
set -euo pipefail
packages="nova-api glance-api keystone curl sqlite3 uwsgi-plugin-python3"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "[openstack-target] already installed"
  exit 0
fi

[ "$(id -u)" = 0 ] || { echo "[openstack-target] ERROR: run as root to install:$missing" >&2; exit 1; }
# Debian's init scripts would start the services on all interfaces: forbid any start during the install.
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { [ "$created_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d; return 0; }
trap cleanup EXIT

for q in keystone/configure_db nova-common/configure_db glance-common/configure_db glance/configure_db; do
  echo "${q%%/*} $q boolean false" | debconf-set-selections 2>/dev/null || true
done
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=900 $missing
# Nothing from the packages may be left running (it would listen on every interface).
pkill -f '/usr/bin/(nova|glance|keystone)' 2>/dev/null || true
echo "[openstack-target] installed:$missing"
