#!/usr/bin/env bash
# Fuzzes the parsers a stranger can feed policyc (tests/fuzz; docs/fuzzing.md).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   SECONDS  how long each target runs (default 60)
#   TARGET   profile library condition value pack_json release_record (default: all)
# Installs clang and libFuzzer when missing, builds the targets in build-fuzz
# (clang, AddressSanitizer, UndefinedBehaviorSanitizer), gathers seeds from
# the tree and runs the targets, as many at once as there are cores. The corpus
# each run grows is kept in build-fuzz/corpus/TARGET for the next run.
# Exits 1 when any target found a crash, a sanitizer report, a leak or a
# hang; the input that caused it is kept as build-fuzz/findings/TARGET-*.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(profile library condition value pack_json release_record)
seconds=${1:-60}
[[ $# -gt 0 ]] && shift
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]; SECONDS is a whole number of seconds" >&2
  exit 2
fi
for t in "${targets[@]}"; do
  if [[ " ${all_targets[*]} " != *" $t "* ]]; then
    echo "scripts/fuzz.sh: unknown target '$t'; the targets are: ${all_targets[*]}" >&2
    exit 2
  fi
done

bash scripts/install-deps.sh --fuzz
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DPOLICYC_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
mkdir -p build-fuzz/findings build-fuzz/logs
if ! cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/%/_fuzzer}" >build-fuzz/logs/build.log 2>&1; then
  tail -40 build-fuzz/logs/build.log >&2
  echo "scripts/fuzz.sh: the fuzz targets did not build (build-fuzz/logs/build.log)" >&2
  exit 2
fi
/usr/bin/python3 tests/fuzz/gather_seeds.py . build-fuzz/seeds >/dev/null
# An input that takes longer than this is a hang; the slowest real input
# (a full example profile, resolved under the sanitizers) takes about a second.
per_input_timeout=25
# FUZZ_MAX_SEEDS=N starts each target from its N smallest seeds (and the
# corpus it grew before): CI does, so that a 30 s run fuzzes rather than
# spends its time replaying every example profile under the sanitizers.
seed_dir() {
  local t=$1
  if [[ -z ${FUZZ_MAX_SEEDS:-} ]]; then echo "build-fuzz/seeds/$t"; return; fi
  local few=build-fuzz/seeds-few/$t
  rm -rf "$few" && mkdir -p "$few"
  find "build-fuzz/seeds/$t" -maxdepth 1 -type f ! -name '*.dict' -printf '%s %p\n' | sort -n |
    head -n "$FUZZ_MAX_SEEDS" | while read -r _ path; do cp "$path" "$few/"; done
  echo "$few"
}
# One target: its figures go to build-fuzz/logs/TARGET.result.
run_target() {
  local t=$1 corpus=build-fuzz/corpus/$1 log=build-fuzz/logs/$1.log seeds rc dict=()
  mkdir -p "$corpus"
  seeds=$(seed_dir "$t")
  [[ -f build-fuzz/seeds/$t.dict ]] && dict=(-dict="build-fuzz/seeds/$t.dict")
  set +e
  "build-fuzz/${t}_fuzzer" -max_total_time="$seconds" -timeout="$per_input_timeout" -print_final_stats=1 \
    -artifact_prefix="build-fuzz/findings/$t-" "${dict[@]}" "$corpus" "$seeds" >"$log" 2>&1
  rc=$?
  set -e
  echo "$rc" >"build-fuzz/logs/$t.rc"
}
# As many targets at once as there are cores, each in one process.
running=0
for t in "${targets[@]}"; do
  run_target "$t" &
  running=$((running + 1))
  if [[ $running -ge $(nproc) ]]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true
failed=0
printf '%-16s %12s %8s %8s  %s\n' target executions exec/s corpus result
for t in "${targets[@]}"; do
  log=build-fuzz/logs/$t.log
  rc=$(cat "build-fuzz/logs/$t.rc" 2>/dev/null || echo 1)
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  result=ok
  if [[ $rc -ne 0 ]]; then
    failed=1
    result="FINDING (exit $rc): $(ls -t build-fuzz/findings/"$t"-* 2>/dev/null | head -1); log $log"
  fi
  printf '%-16s %12s %8s %8s  %s\n' "$t" "${executions:-?}" "${rate:-?}" "$(ls "build-fuzz/corpus/$t" | wc -l)" "$result"
  if [[ $rc -ne 0 ]]; then
    grep -m1 -A12 -E '^==[0-9]+==ERROR|runtime error|ALARM|deadly signal|out-of-memory' "$log" | sed 's/^/    /' >&2 || true
  fi
done
exit $failed
