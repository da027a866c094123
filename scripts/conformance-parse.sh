#!/usr/bin/env bash
# Checks `stagefarm parse` against BuildKit's parser corpus.
#
# Usage: scripts/conformance-parse.sh CORPUS_DIR
#   CORPUS_DIR is the conformance folder (holding buildkit-parser/); it is not part of the project.
#
# Checks, with a single run of the command line:
#   - every buildkit-parser/testfiles/*/Dockerfile and extra/*/Dockerfile dumps exactly as its `result`;
#   - every testfiles-negative/*/Dockerfile fails to parse (error object in the JSON output);
#   - testfile-line/: instruction start/end lines equal expected-lines.json;
#   - extra/*/meta.json: escape character, warning count, line ranges and heredocs.
# Prints "N passed, M failed" and exits non-zero on any failure. Needs jq.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?usage: $0 CORPUS_DIR}"
parser="$corpus/buildkit-parser"
[[ -d "$parser" ]] || { echo "no buildkit-parser/ under $corpus" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is required" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $1" >&2; }

# One JVM for everything: dumps of the positive cases go to files, JSON of all cases to stdout.
positives=()
for f in "$parser"/testfiles/*/Dockerfile "$parser"/extra/*/Dockerfile; do
  [[ -f "$f" ]] && positives+=("$f")
done
negatives=("$parser"/testfiles-negative/*/Dockerfile)
extras=("$parser"/extra/*/Dockerfile)
line_file="$parser/testfile-line/Dockerfile"
"$here/bin/stagefarm" parse --format json --dump-dir "$work/dump" \
  "${positives[@]}" "${negatives[@]}" "$line_file" >"$work/all.jsonl" 2>"$work/parse.err"

# 1. dumps
for i in "${!positives[@]}"; do
  f="${positives[$i]}"
  case_dir="$(dirname "$f")"
  if [[ -f "$work/dump/$i.dump" ]] && diff -u "$case_dir/result" "$work/dump/$i.dump" >"$work/diff" 2>&1; then
    pass
  else
    fail "dump ${case_dir#$parser/}"
    [[ -f "$work/dump/$i.dump" ]] && head -20 "$work/diff" >&2 || grep -F "$f" "$work/parse.err" >&2
  fi
done

# 2. negatives, line numbers and extra metadata
object_for() { jq -c --arg f "$1" 'select(.file == $f)' "$work/all.jsonl"; }

for f in "${negatives[@]}"; do
  if [[ "$(object_for "$f" | jq 'has("error") and (.error.line >= 1)')" == "true" ]]; then
    pass
  else
    fail "negative ${f#$parser/} parsed without error"
  fi
done

expected_lines="$(jq -c '[.children[] | [.startLine, .endLine]]' "$parser/testfile-line/expected-lines.json")"
actual_lines="$(object_for "$line_file" | jq -c '[.instructions[] | [.startLine, .endLine]]')"
if [[ "$expected_lines" == "$actual_lines" ]]; then pass; else fail "testfile-line: $actual_lines != $expected_lines"; fi

for f in "${extras[@]}"; do
  meta="$(dirname "$f")/meta.json"
  [[ -f "$meta" ]] || continue
  expected="$(jq -S -c '{escapeToken, warnings, instructions: [.instructions[] | {index, startLine, endLine, heredocs: (.heredocs // [])}]}' "$meta")"
  actual="$(object_for "$f" | jq -S -c '{escapeToken: .escape, warnings: (.warnings | length),
      instructions: [.instructions | to_entries[] | {index: .key, startLine: .value.startLine, endLine: .value.endLine, heredocs: .value.heredocs}]}')"
  if [[ "$expected" == "$actual" ]]; then pass; else fail "meta ${f#$parser/}"; fi
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
