#!/usr/bin/env bash
# Recorded mode at scale: builds HAR files of N copies of a real Nova exchange (one in a thousand with its status in
# lower case, a contract violation the run must name by its entry) and runs the suite on each, printing wall time,
# CPU time (user + system, all processes of the run), peak memory (GNU time) and the exchanges the run reports failed.
# Usage: bash tools/bench-scale.sh [N ...]    (default: 1000 10000)
# Allure results are off (CONFORMANCE_ALLURE_RESULTS=none) unless BENCH_ALLURE=1. BENCH_REPEAT=K runs each size K
# times in a row, into the same results folder (a repeated run sets the previous run's files aside). BENCH_DISTINCT=1
# makes every entry another image: its own id (in the URL and the links) and name, so that no body repeats.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build tests/Conformance.Tests -c Release > /dev/null
printf '| exchanges | tests | wall time | CPU time | peak memory | failed (expected) |\n|---|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  node -e '
    const fs = require("fs");
    const har = JSON.parse(fs.readFileSync("fixtures/nova-local/nova-v21-show-active.har", "utf8"));
    const entry = JSON.stringify(har.log.entries[0]);
    const out = fs.openSync(process.argv[2], "w");
    fs.writeSync(out, "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"bench\",\"version\":\"1\"},\"entries\":[");
    const broken = entry.replace(/\\"status\\": *\\"ACTIVE\\"/, "\\\"status\\\": \\\"active\\\"");
    if (broken === entry) throw new Error("the status of the sample entry was not found");
    const id = "70a599e0-31e7-49b7-b260-868f441e862b";
    if (!entry.includes(id) || !entry.includes("fakeimage7")) throw new Error("the id or name of the sample entry was not found");
    const distinct = process.argv[3] === "1";
    const image = (text, i) => distinct
      ? text.split(id).join(i.toString(16).padStart(8, "0") + "-0000-4000-8000-" + i.toString(16).padStart(12, "0")).replace("fakeimage7", "image-" + i)
      : text;
    for (let i = 0; i < Number(process.argv[1]); i++) fs.writeSync(out, (i ? "," : "") + image(i % 1000 === 999 ? broken : entry, i));
    fs.writeSync(out, "]}}");
    fs.closeSync(out);' "$n" "$work/$n.har" "${BENCH_DISTINCT:-0}"
  allure=none
  [ "${BENCH_ALLURE:-0}" = 1 ] && allure="$work/allure-$n"
  for _ in $(seq "${BENCH_REPEAT:-1}"); do
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" env CONFORMANCE_RECORDING="$work/$n.har" CONFORMANCE_ALLURE_RESULTS="$allure" \
      dotnet test tests/Conformance.Tests -c Release --no-build > "$work/out" 2>&1 || true
    read -r seconds kilobytes user system < <(tail -n 1 "$work/time")
    tests=$(grep -oE 'Total: +[0-9]+' "$work/out" | grep -oE '[0-9]+' | tail -n 1)
    failed=$(grep -oE '[0-9]+ exchanges judged: [0-9]+ passed, [0-9]+ failed' "$work/out" | grep -oE '[0-9]+ failed' | sort -n | tail -n 1)
    [ -n "$failed" ] || { tail -n 30 "$work/out" >&2; exit 1; }
    printf '| %s | %s | %s s | %s s | %s MiB | %s (%s) |\n' "$n" "$tests" "$seconds" "$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.1f", u + s }')" "$((kilobytes / 1024))" "${failed% failed}" "$((n / 1000))"
  done
done
