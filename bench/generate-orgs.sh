#!/usr/bin/env bash
# Writes N synthetic organisations into DIR, each a variant of the
# Brightwater example with its own id, name, colour and parameter values.
# Usage: bench/generate-orgs.sh N DIR
set -euo pipefail
n=${1:?usage: generate-orgs.sh N DIR}
dir=${2:?usage: generate-orgs.sh N DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
template="$root/examples/brightwater/profile.xml"
mkdir -p "$dir"
for k in $(seq 1 "$n"); do
  i=$(printf '%03d' "$k")
  id="org-$i"
  mkdir -p "$dir/$id"
  colour=$(printf '#%02X%02X%02X' $(( (k * 37) % 200 )) $(( (k * 91) % 200 )) $(( (k * 53) % 200 )))
  sed -e "s|<profile id=\"brightwater\"|<profile id=\"$id\"|" \
      -e "s|name=\"Brightwater Analytics\"|name=\"Synthetic Organisation $i\"|" \
      -e "s|legal-name=\"Brightwater Analytics Ltd\"|legal-name=\"Synthetic Organisation $i Ltd\"|" \
      -e "s|path=\"../house-library\"|path=\"$root/examples/house-library\"|" \
      -e "s|primary-colour=\"#[0-9A-Fa-f]*\"|primary-colour=\"$colour\"|" \
      "$template" > "$dir/$id/profile.xml"
  # A logo must sit in or below its profile's folder.
  cp "$root/examples/brightwater/logo.png" "$dir/$id/logo.png"
done
echo "$dir: $n organisations"
