#!/usr/bin/env bash
# Whole-build benchmarks for policyc, with a plain Pandoc loop over the
# same documents as the baseline in the same run. Prints a table of
# figures and ratios; see bench/README.md for what each line means.
# Usage: bench/run.sh   (after scripts/build-example.sh; installs hyperfine, jq and time if missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
for p in hyperfine jq time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="${missing:-} $p"
done
if [[ -n "${missing:-}" ]]; then apt-get update -qq && apt-get install -y -qq $missing >/dev/null; fi
P="$root/build/policyc"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
profile=examples/brightwater
mean() { jq -r '.results[0].mean' "$1"; }

echo "policyc benchmarks, $(nproc) cores, $(date -u +%Y-%m-%d)" >&2
hyperfine -N -w 1 -r 10 --export-json "$W/check.json" "$P check $profile" >/dev/null 2>&1
hyperfine -w 1 -r 5 --prepare "rm -rf $W/html" --export-json "$W/html.json" \
  "$P build $profile -o $W/html --format html" >/dev/null 2>&1
hyperfine -r 2 --prepare "rm -rf $W/full" --export-json "$W/cold.json" "$P build $profile -o $W/full" >/dev/null 2>&1
rm -rf "$W/full"
/usr/bin/time -f "%e %U %S" -o "$W/cold.time" "$P" build $profile -o "$W/full" 2>/dev/null
hyperfine -N -w 1 -r 10 --export-json "$W/noop.json" "$P build $profile -o $W/full" >/dev/null 2>&1

# One statement edited in a copy of the library: only its document's outputs are converted.
mkdir -p "$W/data" && cp -r schemas policies templates "$W/data/"
"$P" --data "$W/data" build $profile -o "$W/edit" >/dev/null 2>&1
sed -i '0,/shall/s//must at all times/' "$W/data/policies/documents/backup-policy.xml"
/usr/bin/time -f "%e" -o "$W/edit.time" "$P" --data "$W/data" build $profile -o "$W/edit" 2> "$W/edit.log" || true
edit_converted=$(grep -o '[0-9]* converted' "$W/edit.log" | head -1)

# 100 organisations, HTML only, one run, with peak memory.
bash bench/generate-orgs.sh 100 "$W/orgs" >/dev/null
/usr/bin/time -f "%e %M" -o "$W/batch.time" "$P" build "$W"/orgs/*/profile.xml -o "$W/batch" --format html 2>/dev/null

# Baseline: a plain Pandoc loop over the same documents as Markdown.
mkdir -p "$W/md"
for f in "$W"/html/brightwater/*.html; do
  [[ $(basename "$f") == index.html ]] && continue
  pandoc -f html -t markdown "$f" -o "$W/md/$(basename "${f%.html}").md"
done
hyperfine -r 3 --export-json "$W/pandoc-html.json" \
  "for f in $W/md/*.md; do pandoc -s -M pagetitle=x -f markdown -t html \$f -o /dev/null; done" >/dev/null 2>&1
hyperfine -r 2 --export-json "$W/pandoc-docx.json" \
  "for f in $W/md/*.md; do pandoc -f markdown -t docx \$f -o $W/x.docx; done" >/dev/null 2>&1

read cold_wall cold_user cold_sys < "$W/cold.time"
docs=$(ls "$W"/md/*.md | wc -l)
conversions=$(find "$W/full/brightwater" -name '*.docx' -o -name '*.pdf' -o -name '*.pptx' | wc -l)
read batch_wall batch_rss < "$W/batch.time"
awk -v docs="$docs" -v conversions="$conversions" -v check="$(mean "$W/check.json")" -v html="$(mean "$W/html.json")" -v cold="$(mean "$W/cold.json")" \
    -v noop="$(mean "$W/noop.json")" -v edit="$(cat "$W/edit.time")" -v edit_converted="$edit_converted" \
    -v batch="$batch_wall" -v rss="$batch_rss" -v ph="$(mean "$W/pandoc-html.json")" \
    -v pd="$(mean "$W/pandoc-docx.json")" -v cpu="$(echo "$cold_user + $cold_sys" | bc)" -v cores="$(nproc)" '
BEGIN {
  printf "| measurement | time | ratio |\n|---|---|---|\n"
  printf "| check (%d documents, resolve and all checks) | %.3f s | |\n", docs, check
  printf "| HTML-only pack | %.3f s | %.1fx faster than the Pandoc HTML loop |\n", html, ph / html
  printf "| cold HTML+DOCX+PDF+PPTX pack (%d conversions) | %.2f s | wall / (external CPU %.1f s / %d cores) = %.2f |\n", conversions, cold, cpu, cores, cold / (cpu / cores)
  printf "| no-op rebuild | %.3f s | %.1f%% of the cold build |\n", noop, 100 * noop / cold
  printf "| rebuild after one statement edit (%s) | %.2f s | %.1f%% of the cold build |\n", edit_converted, edit, 100 * edit / cold
  printf "| 100 organisations, HTML only | %.2f s | %.3f s per organisation; peak memory %.0f MiB |\n", batch, batch / 100, rss / 1024
  printf "| baseline: pandoc loop, %d Markdown documents to HTML | %.2f s | |\n", docs, ph
  printf "| baseline: pandoc loop, %d Markdown documents to DOCX | %.2f s | |\n", docs, pd
}'
