#!/usr/bin/env bash
# Wall-clock times of the example builds: the local farm with 3 agents, `docker build` on one of
# its daemons (classic builder, as the farm's agents are), and the farm with 1 agent; ratios from
# one run of each, plus the stage-ready → first-step latency (p50/p99) from the farm's events.
# Every build runs with --no-cache; the examples' base images are pulled on every daemon first
# (as on build hosts that have served builds before), and a first run of each scenario warms the
# rest and is not counted.
#
#   benchmarks/farm/farm-vs-docker.sh [ROUNDS]      (the farm must be up: bin/stagefarm local up)
#
# STAGEFARM_BENCH_EVENTS=FILE keeps the 3-agent builds' events (rawjson) in FILE.
#
# Leaves the farm as it found it with 3 agents.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SF_LOCAL_HOME="$here/deploy/local"
source "$SF_LOCAL_HOME/lib/common.sh"
rounds="${1:-1}"
sf="$here/bin/stagefarm"
if [[ -n "${STAGEFARM_BENCH_EVENTS:-}" ]]; then
  events="$STAGEFARM_BENCH_EVENTS"; : > "$events"
else
  events="$(mktemp)"; trap 'rm -f "$events"' EXIT
fi

farm_facts() { [[ -f "$SF_FARM_ENV" ]] || die "the farm is not up" 3; source "$SF_FARM_ENV"; }

# seconds a command takes
timed() { local s; s="$(now_ms)"; "$@" >/dev/null 2>&1 || { say "failed: $*"; return 1; }; seconds_since "$s"; }

# Events of the 3-agent builds only: there a stage never waits for a free agent, so ready -> first
# step is the farm's own overhead (with 1 agent it would include queueing behind the other stages).
events_to="$events"
farm_build() {  # EXAMPLE: a --no-cache farm build, its events appended to $events_to
  (cd "$here/examples/$1" && "$sf" build --no-cache --progress=rawjson . 2>>"$events_to")
}
docker_build() {
  DOCKER_BUILDKIT=0 docker -H "${DOCKER_HOSTS%%,*}" build -q --no-cache --network host "$here/examples/$1"
}

run_scenario() {  # NAME COMMAND... : best of $rounds after one warm-up
  local name="$1" best="" t i; shift
  "$@" >/dev/null 2>&1 || true
  for ((i = 0; i < rounds; i++)); do
    t="$(timed "$@")"
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$t"; fi
  done
  echo "$best"
}

declare -A result
farm_facts
bin_up() { "$sf" local up --agents "$1" >/dev/null; farm_facts; }
bin_up 3
base_images="$(grep -h '^FROM' "$here/examples/classic-node-nginx/Dockerfile" "$here/examples/parallel-stages/Dockerfile" \
  | awk '{ print $2 }' | sort -u)"
for host in ${DOCKER_HOSTS//,/ }; do
  for image in $base_images; do docker -H "$host" pull -q "$image" >/dev/null; done
done
for ex in classic-node-nginx parallel-stages; do
  result[farm3-$ex]="$(run_scenario "farm3 $ex" farm_build "$ex")"
  result[docker-$ex]="$(run_scenario "docker $ex" docker_build "$ex")"
done
bin_up 1
events_to=/dev/null
for ex in classic-node-nginx parallel-stages; do
  result[farm1-$ex]="$(run_scenario "farm1 $ex" farm_build "$ex")"
done
bin_up 3

printf '\n%-20s %10s %10s %10s %14s %14s\n' scenario "farm 3" "docker" "farm 1" "docker/farm3" "farm1/farm3"
for ex in classic-node-nginx parallel-stages; do
  f3="${result[farm3-$ex]}"; d="${result[docker-$ex]}"; f1="${result[farm1-$ex]}"
  printf '%-20s %9ss %9ss %9ss %14s %14s\n' "$ex" "$f3" "$d" "$f1" \
    "$(awk -v a="$d" -v b="$f3" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="$f1" -v b="$f3" 'BEGIN { printf "%.2f", a / b }')"
done

# Stage ready (STAGE_QUEUED) → its first step (STEP_STARTED), over the 3-agent builds above.
latencies="$(awk '
  match($0, /"buildId":"[^"]+"/) { b = substr($0, RSTART + 11, RLENGTH - 12) }
  /"kind":"STAGE_QUEUED"|"kind":"STEP_STARTED"/ {
    match($0, /"kind":"[A-Z_]+"/); k = substr($0, RSTART + 8, RLENGTH - 9)
    match($0, /"stageIndex":[0-9]+/); s = substr($0, RSTART + 13, RLENGTH - 13)
    match($0, /"time":"[^"]+"/); t = substr($0, RSTART + 8, RLENGTH - 9)
    key = b "/" s
    if (k == "STAGE_QUEUED") { q[key] = t; seen[key] = 0 }
    else if (key in q && !seen[key]) { seen[key] = 1; print q[key], t }
  }' "$events" | while read -r q t; do
    echo $(( $(date -d "$t" +%s%3N) - $(date -d "$q" +%s%3N) ))
  done | sort -n)"
count="$(grep -c . <<< "$latencies" || true)"
if (( count > 0 )); then
  p50="$(sed -n "$(( (count + 1) / 2 ))p" <<< "$latencies")"
  p99="$(sed -n "$(( (count * 99 + 99) / 100 ))p" <<< "$latencies")"
  printf '\nstage ready -> first step: p50 %s ms, p99 %s ms over %s stages\n' "$p50" "$p99" "$count"
fi
