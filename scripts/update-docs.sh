#!/usr/bin/env bash
# Regenerates the reference documents in docs/reference/ from their single
# sources (the schemas' annotations, the diagnostic table in
# compiler/base/diagnostic.cc and the golden tests), so that the test
# docs.reference-current passes again. Review the diff and commit it.
#
#   bash scripts/update-docs.sh            # uses the build folder build/
#   BUILD_DIR=build-x bash scripts/update-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
else
  cmake -S . -B "$build" >/dev/null
fi
cmake --build "$build" --target policyc_reference_docs -j"$(nproc)"
mkdir -p docs/reference
cp "$build"/docs/reference/*.md docs/reference/
git --no-pager diff --stat -- docs/reference 2>/dev/null || true
echo "docs/reference/ is up to date; review the diff and commit it."
