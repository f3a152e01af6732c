#!/usr/bin/env bash
# Quick start 1: install what is missing, build policyc, and compile the
# bundled example organisation into output/brightwater/ (HTML, DOCX, PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
./build/policyc build examples/brightwater -o output
echo "Open output/brightwater/index.html; DOCX in output/brightwater/docx/, PDF in output/brightwater/pdf/."
