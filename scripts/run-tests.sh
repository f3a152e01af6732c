#!/usr/bin/env bash
# Quick start 2: install what is missing (test tools included), build
# policyc and its tests, and run the whole suite with CTest; then run each
# fuzz target for 30 s (scripts/fuzz.sh, docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
cmake -S . -B build -DBUILD_TESTING=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
FUZZ_MAX_SEEDS=25 bash scripts/fuzz.sh 30
