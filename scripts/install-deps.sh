#!/usr/bin/env bash
# Installs the Debian packages policyc needs, and only those that are missing.
# Usage: scripts/install-deps.sh [--test] [--fuzz]
#   --test adds what the test suite needs; --fuzz adds clang and libFuzzer
#   for the fuzz targets (scripts/fuzz.sh).
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libxml2-dev libxml2-utils
  libkainjow-mustache-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  nlohmann-json3-dev libcli11-dev
  libhunspell-dev hunspell-en-gb libzip-dev
  pandoc weasyprint librsvg2-bin
  fonts-dejavu-core
)
for flag in "$@"; do
  case "$flag" in
    --test) packages+=(libgtest-dev libgmock-dev poppler-utils unzip python3-fonttools) ;;
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    *) echo "usage: scripts/install-deps.sh [--test] [--fuzz]" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "policyc: installing missing Debian packages: ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
