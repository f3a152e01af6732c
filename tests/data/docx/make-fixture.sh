#!/usr/bin/env bash
# Remakes the fixtures of
# EmitDocxAnchors.ADocxSavedByLibreOfficeKeepsEveryAnchorAndItsBase: two of
# the brightwater example's documents as policyc builds them, opened and
# saved as DOCX by LibreOffice, which is what a client's LibreOffice does to
# the files (README.md says why these two).
#
# Usage, from the repository's root: tests/data/docx/make-fixture.sh [POLICYC]
# (POLICYC defaults to build/policyc). Needs Pandoc and LibreOffice.
set -euo pipefail
policyc=${1:-build/policyc}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$policyc" build examples/brightwater -o "$work/pack" --format docx
# A profile of its own, so no user's LibreOffice settings shape the file.
for doc in clear-desk-standard training-matrix; do
  soffice -env:UserInstallation="file://$work/profile" --headless --convert-to docx --outdir "$work/saved" \
    "$work/pack/brightwater/docx/$doc.docx" >/dev/null
  cp "$work/saved/$doc.docx" "$here/$doc.libreoffice.docx"
  echo "wrote $here/$doc.libreoffice.docx ($(soffice --version | head -n 1))"
done
