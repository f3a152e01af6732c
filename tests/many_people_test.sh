#!/usr/bin/env bash
# check stays linear in the number of people (issue 14, point 9): the
# Brightwater example with its people made up to 20,000, each holding one
# of five roles that many statements, the training matrix, the incident
# plan and the role descriptions name. Lookups once made this quadratic
# (42 s for these 20,000 on the machine where 0.1 s checks the example);
# CTest's TIMEOUT on this test, not a clock in here, is the check.
# Usage: many_people_test.sh POLICYC SOURCE_DIR
set -euo pipefail
policyc=$1
src=$2
people=20000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The house library and logo beside the profile, as in examples/; no
# release record, so that check says nothing of drafts.
cp -r "$src/examples/house-library" "$work/"
mkdir "$work/brightwater"
cp "$src/examples/brightwater/logo.png" "$work/brightwater/"
profile="$work/brightwater/profile.xml"
given=$(grep -c '<person ' "$src/examples/brightwater/profile.xml")
awk -v n=$((people - given)) '
  { print }
  /<people>/ {
    split("line-manager developer asset-owner system-administrator supplier-contact", role, " ")
    for (i = 1; i <= n; i++) {
      printf "    <person id=\"staff-%05d\" name=\"Staff Member %d\" job-title=\"Analyst %d\" email=\"staff%d@example.co.uk\" roles=\"%s\"/>\n", i, i, i % 7, i, role[i % 5 + 1]
    }
  }' "$src/examples/brightwater/profile.xml" >"$profile"
[ "$(grep -c '<person ' "$profile")" = "$people" ] || fail "the profile does not have $people people"

set +e
"$policyc" check "$work/brightwater" >"$work/out" 2>"$work/err"
status=$?
set -e
[ "$status" = 0 ] || { cat "$work/err" >&2; fail "check exited $status"; }
[ ! -s "$work/err" ] || { cat "$work/err" >&2; fail "check reported diagnostics"; }
echo "check of $people people: clean"
