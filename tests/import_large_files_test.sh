#!/usr/bin/env bash
# policyc import refuses a 200 MB file and a zip bomb with exit 2 and
# import.too-large, quickly (issue 16): the file's size is checked before it
# is read, and every size its zip declares before any part is unpacked.
# The 200 MB file is sparse, made here and removed after: nothing that size
# is committed. CTest's TIMEOUT on this test is the "quickly".
# Usage: import_large_files_test.sh POLICYC SOURCE_DIR
set -euo pipefail
policyc=$1
cd "$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

expect_refused() {
  local file=$1 status=0
  "$policyc" import --base-library tests/data/mini tests/data/mini-org "$file" >"$work/out" 2>"$work/err" || status=$?
  if [[ $status -ne 2 ]] || ! grep -q '\[import.too-large\]' "$work/err"; then
    echo "FAIL: $file: exit $status, expected 2 with import.too-large" >&2
    cat "$work/err" >&2
    exit 1
  fi
  echo "ok: $file refused: $(head -1 "$work/err")"
}

truncate -s 200M "$work/client.docx"
expect_refused "$work/client.docx"
expect_refused tests/golden/fail.import-zip-bomb/bomb.docx
echo "2 passed, 0 failed"
