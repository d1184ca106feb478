# Shared settings and helpers of the local OpenStack target scripts (sourced, not run).
# Every service listens on 127.0.0.1 only; all state lives under $STATE.
STATE="${CONFORMANCE_OPENSTACK_STATE:-/var/tmp/conformance-openstack}"
HOST=127.0.0.1
KEYSTONE_PORT=15000
GLANCE_PORT=19292
NOVA_PORT=18774
KEYSTONE_URL="http://$HOST:$KEYSTONE_PORT"
GLANCE_URL="http://$HOST:$GLANCE_PORT"
NOVA_URL="http://$HOST:$NOVA_PORT"
PY=/usr/bin/python3   # Debian's python, which has the OpenStack modules (not a pyenv one on PATH)
SERVICES="keystone glance nova"

log() { printf '[openstack-target] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The live master pid of a service, or nothing.
pid_of() {
  local file="$STATE/run/$1.pid" pid
  [ -s "$file" ] || return 0
  pid=$(tr -dc '0-9' < "$file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
  return 0
}

# JSON field extraction without jq: json_get 'expr' < json   (expr uses d as the parsed document)
json_get() { "$PY" -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# Waits until URL answers with one of the given codes, else prints the log tail and fails.
wait_for() {
  local name=$1 url=$2 deadline=$(( $(date +%s) + ${3:-120} )) code
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)
    case "$code" in 200|300|401) return 0 ;; esac
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "$name did not answer at $url (last status: ${code:-none}); last lines of its log:"
      tail -n 40 "$STATE/log/$name.log" >&2 || true
      die "$name failed to start"
    fi
    sleep 1
  done
}
