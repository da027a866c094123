#!/usr/bin/env bash
# Checks `stagefarm plan` against the multi-stage planning corpus.
#
# Usage: scripts/conformance-plan.sh CORPUS_DIR
#   CORPUS_DIR is the conformance folder (holding multistage/); it is not part of the project.
#
# Plans every multistage/*.Dockerfile in one JVM (`plan --format json --all-targets --out-dir`)
# and compares index, name, base, dependsOn, copiesFrom (raw paths) and targets (as sets) with
# the case's *.expected.json. A case whose expectation has "error" must fail to plan.
# Prints "N passed, M failed" and exits non-zero on any failure. Needs jq.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?usage: $0 CORPUS_DIR}"
cases="$corpus/multistage"
[[ -d "$cases" ]] || { echo "no multistage/ under $corpus" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is required" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
files=()
for f in "$cases"/*.Dockerfile; do
  [[ -f "$f" ]] && files+=("$f")
done
args=()
for f in "${files[@]}"; do args+=(-f "$f"); done
"${STAGEFARM:-$here/bin/stagefarm}" plan --format json --all-targets --out-dir "$work/out" "${args[@]}" 2>"$work/err"

# The fields the corpus checks, with targets and dependsOn as sorted sets.
normalise='{stages: [.stages[] | {index, name, base, dependsOn: (.dependsOn | sort),
            copiesFrom: [.copiesFrom[] | {stage, paths}]}],
            targets: (.targets | with_entries(.value |= sort))}'
passed=0
failed=0
for i in "${!files[@]}"; do
  f="${files[$i]}"
  name="$(basename "$f" .Dockerfile)"
  expected="$cases/$name.expected.json"
  out="$work/out/$i.out"
  if jq -e 'has("error") and .error != null' "$expected" >/dev/null; then
    if [[ ! -f "$out" ]] && grep -qF "$f:" "$work/err"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1)); echo "FAIL $name: planning should have failed" >&2
    fi
    continue
  fi
  if [[ ! -f "$out" ]]; then
    failed=$((failed + 1)); echo "FAIL $name: $(grep -F "$f:" "$work/err" | head -1)" >&2
    continue
  fi
  if diff -u <(jq -S "$normalise" "$expected") <(jq -S "$normalise" "$out") >"$work/diff"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL $name" >&2; head -30 "$work/diff" >&2
  fi
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
