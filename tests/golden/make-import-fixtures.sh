#!/usr/bin/env bash
# Makes the DOCX fixtures of the import goldens (issue 16) from the mini
# library's pack, as a client would send them back, and writes them into
# the case folders. Run it after a change to how DOCX are built or
# anchored, then UPDATE_GOLDEN=1 the import cases and review their diff.
# Needs a built policyc and Pandoc.
#   bash tests/golden/make-import-fixtures.sh [POLICYC]
set -euo pipefail
cd "$(dirname "$0")/../.."
policyc=$(realpath "${1:-build/policyc}")
edit="/usr/bin/python3 tests/support/word_edit.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$policyc" --base-library tests/data/mini build tests/data/mini-org -o "$work" --format docx 2>/dev/null
docx="$work/mini-org/docx"

# import.conflict: the client rewords the MFA statement, whose password
# length the case's profile has changed since the build.
$edit "$docx/mini-access.docx" tests/golden/import.conflict/mini-access.docx \
  "insert:approved second factors are |only |Priya Sharma"

# import.not-importable: a tracked edit in the SoA's table, one in a
# policy's document control, and a policy's roles line.
$edit "$docx/statement-of-applicability.docx" tests/golden/import.not-importable/statement-of-applicability.docx \
  "replace:|Implemented|Planned|Priya Sharma"
$edit "$docx/mini-access.docx" tests/golden/import.not-importable/mini-access.docx \
  "replace:Responsible: |IT Manager|IT Lead|Priya Sharma" "replace:|Internal|Confidential|Priya Sharma"

# fail.import-other-profile: the mini organisation's file, given to another profile.
cp "$docx/mini-access.docx" tests/golden/fail.import-other-profile/mini-access.docx

# fail.import-no-anchors: the policy retyped into a new document.
printf '# Mini Access Policy\n\nThe IT Lead shall grant only the access a job needs.\n' |
  pandoc --from=markdown --to=docx -o tests/golden/fail.import-no-anchors/retyped.docx

echo "wrote the import fixtures; now: UPDATE_GOLDEN=1 ctest --test-dir build -R import"
