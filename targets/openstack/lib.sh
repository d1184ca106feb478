# Shared settings and helpers of the local OpenStack target scripts (sourced by them, not run on its own).
# Usage: . "$(dirname "$0")/lib.sh"
# Every service listens on 127.0.0.1 only; all state (config, databases, images, keys, passwords, logs, pids) lives
# under $STATE, never under /etc/{keystone,glance,nova}.
STATE="${CONFORMANCE_OPENSTACK_STATE:-/var/tmp/conformance-openstack}"
case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac   # absolute: pids are matched against it
while [ "${STATE%/}" != "$STATE" ] && [ "$STATE" != / ]; do STATE="${STATE%/}"; done
HOST=127.0.0.1
KEYSTONE_PORT=15000
GLANCE_PORT=19292
NOVA_PORT=18774
KEYSTONE_URL="http://$HOST:$KEYSTONE_PORT"
GLANCE_URL="http://$HOST:$GLANCE_PORT"
NOVA_URL="http://$HOST:$NOVA_PORT"
PY=/usr/bin/python3   # Debian's python, the one with the OpenStack modules (python3 on PATH may be a pyenv one)
SERVICES="keystone glance nova"
# A pyenv or virtualenv python must not leak into Debian's python (uwsgi's plugin, the *-manage tools).
unset PYTHONHOME PYTHONPATH VIRTUAL_ENV PYTHONSTARTUP 2>/dev/null || true

log() { printf '[openstack-target] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

port_of() { case $1 in keystone) echo $KEYSTONE_PORT ;; glance) echo $GLANCE_PORT ;; nova) echo $NOVA_PORT ;; esac; }
url_of() { echo "http://$HOST:$(port_of "$1")/"; }

# The live uwsgi master pid of a service of THIS state folder, or nothing. A pid is only trusted when the process is
# a uwsgi started with this state's ini file, so a stale pidfile never leads to signalling an unrelated process.
pid_of() {
  local file="$STATE/run/$1.pid" pid
  [ -s "$file" ] || return 0
  pid=$(tr -dc '0-9' < "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 0
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$STATE/etc/$1-uwsgi.ini" && echo "$pid"
  return 0
}

# True when something accepts TCP connections on 127.0.0.1:port.
port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# HTTP status of a GET (000 when nothing answers).
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-5}" "$1" 2>/dev/null || true; }

# JSON field extraction without jq: json_get 'expression using d' < json
json_get() { "$PY" -c "import json,sys; d=json.load(sys.stdin); v=($1); print('' if v is None else v)"; }

stop_service() { # name: TERM to the uwsgi master (die-on-term), wait until it and its workers are gone
  local name=$1 pid workers
  pid=$(pid_of "$name")
  if [ -z "$pid" ]; then
    rm -f "$STATE/run/$name.pid"
    return 0
  fi
  workers=$(grep -l "^PPid:[[:space:]]*$pid\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3 | tr '\n' ' ' || true)
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) ignored SIGTERM for 15 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for w in $workers; do
    for _ in $(seq 1 20); do kill -0 "$w" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$w" 2>/dev/null && kill -KILL "$w" 2>/dev/null || true
  done
  rm -f "$STATE/run/$name.pid"
  log "stopped $name (pid $pid)"
}
