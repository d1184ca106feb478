#!/usr/bin/env bash
# Live throughput against the local OpenStack target: the suite's live client plus all checks next to a plain HTTP
# load tool (hey, from Debian) on the same image-details URL, at concurrency 1, 4 and 16 by default.
# Usage: bash tools/bench-live.sh [SECONDS [CONCURRENCY ...]]      (default: 10 s; 1 4 16; BENCH_ROUNDS=3 runs each)
# Needs the target up (bash targets/openstack/up.sh); installs hey when missing (root). Only 127.0.0.1 is loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(1 4 16)
state="${CONFORMANCE_OPENSTACK_STATE:-/var/tmp/conformance-openstack}"
[ -s "$state/settings.env" ] || { echo "bench-live: $state/settings.env is missing: run bash targets/openstack/up.sh first" >&2; exit 2; }
if ! command -v hey > /dev/null; then
  [ "$(id -u)" = 0 ] || { echo "bench-live: hey is missing (apt-get install hey)" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey > /dev/null
fi
# shellcheck disable=SC1091
. "$state/settings.env"
image=${CONFORMANCE_IMAGE_IDS%%,*}
url="http://127.0.0.1:18774/v2.1/$CONFORMANCE_PROJECT_ID/images/$image"
case "$url" in http://127.*) ;; *) echo "bench-live: refusing a non-loopback URL" >&2; exit 2 ;; esac
# A token for the run, from Keystone, kept in the environment (never printed).
CONFORMANCE_TOKEN=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s","domain":{"name":"%s"},"password":"%s"}}},"scope":{"project":{"name":"%s","domain":{"name":"%s"}}}}}' \
  "$OS_USERNAME" "$OS_USER_DOMAIN_NAME" "$OS_PASSWORD" "$OS_PROJECT_NAME" "$OS_PROJECT_DOMAIN_NAME" \
  | curl -s --max-time 30 -D - -o /dev/null -H 'Content-Type: application/json' --data-binary @- "$OS_AUTH_URL/auth/tokens" \
  | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}')
[ -n "$CONFORMANCE_TOKEN" ] || { echo "bench-live: Keystone gave no token" >&2; exit 1; }
export CONFORMANCE_TOKEN
dotnet build tests/Conformance.Benchmarks -c Release > /dev/null
bench=tests/Conformance.Benchmarks/bin/Release/net10.0/Conformance.Benchmarks
out=$(mktemp)
trap 'rm -f "$out" "$out.hey" "$out.suite"' EXIT
rounds=${BENCH_ROUNDS:-3}
median() { sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }
hey_run() { # concurrency seconds -> req/s and p50 (s) on one line
  # hey sends Content-Type: text/html unless told otherwise, which Nova refuses (415).
  hey -z "${2}s" -c "$1" -T application/json -H "X-Auth-Token: $CONFORMANCE_TOKEN" -H 'Accept: application/json' \
    -H 'OpenStack-API-Version: compute 2.1' "$url" > "$out"
  grep -q '\[200\]' "$out" || { cat "$out" >&2; echo "bench-live: hey got no 200" >&2; exit 1; }
  awk '/Requests\/sec:/{r=$2} / 50% in /{p=$3} END{printf "%.1f %.1f\n", r, p*1000}' "$out"
}
suite_run() { # concurrency seconds -> req/s, p50 (ms) and the suite's own CPU per exchange (ms) on one line
  local line
  line=$("$bench" live "$url" "$1" "$2")
  case "$line" in *statuses=200:*) ;; *) echo "bench-live: the suite's client got: $line" >&2; exit 1 ;; esac
  sed -E 's/.* rps=([0-9.]+) p50_ms=([0-9.]+).* cpu_ms=([0-9.]+).*/\1 \2 \3/' <<< "$line"
}
table() { # title
  printf '%s, %s s per run, median of %s alternating runs\n\n' "$1" "$seconds" "$rounds"
  printf '| concurrency | hey (req/s) | suite: client + all checks (req/s) | suite / hey | suite p50 | hey p50 | suite CPU per exchange |\n|---|---|---|---|---|---|---|\n'
  hey_run 4 3 > /dev/null   # warm-up: caches and token validation in the services
  for c in "${levels[@]}"; do
    : > "$out.hey"; : > "$out.suite"
    for _ in $(seq 1 "$rounds"); do
      hey_run "$c" "$seconds" >> "$out.hey"
      suite_run "$c" "$seconds" >> "$out.suite"
    done
    hey_rps=$(cut -d' ' -f1 < "$out.hey" | median); hey_p50=$(cut -d' ' -f2 < "$out.hey" | median)
    suite_rps=$(cut -d' ' -f1 < "$out.suite" | median); suite_p50=$(cut -d' ' -f2 < "$out.suite" | median)
    suite_cpu=$(cut -d' ' -f3 < "$out.suite" | median)
    ratio=$(awk -v a="$suite_rps" -v b="$hey_rps" 'BEGIN{printf "%.2f", a/b}')
    printf '| %s | %s | %s | %s | %s ms | %s ms | %s ms |\n' "$c" "$hey_rps" "$suite_rps" "$ratio" "$suite_p50" "$hey_p50" "$suite_cpu"
  done
  echo
}

table "Nova API of the local target: GET ${url/$CONFORMANCE_PROJECT_ID/{project_id\}}"

# The same comparison where the server costs next to nothing: a replay of a recorded Nova response on 127.0.0.1,
# which shows what the client and the checks themselves cost.
port=${BENCH_REPLAY_PORT:-18899}
"$bench" serve "$port" > "$out.serve" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; rm -f "$out" "$out.hey" "$out.suite" "$out.serve"' EXIT
for _ in $(seq 1 50); do grep -q '^serving ' "$out.serve" && break; sleep 0.2; done
url=$(sed -n 's/^serving //p' "$out.serve")
[ -n "$url" ] || { cat "$out.serve" >&2; echo "bench-live: the replay server did not start" >&2; exit 1; }
table "Replay of a recorded Nova response (tests/Conformance.Benchmarks serve): GET ${url}"
