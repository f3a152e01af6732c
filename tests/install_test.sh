#!/usr/bin/env bash
# issue 15, point 7: `cmake --install build --prefix DIR` gives a
# DIR/bin/policyc that finds its data in DIR/share/policyc by its own path,
# and builds an example's pack (and writes a starter profile with init) from
# a folder that is neither the source tree nor the build tree, with no
# --data and no POLICYC_DATA.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" >/dev/null
[[ -x $work/prefix/bin/policyc ]] || fail "no bin/policyc installed"
for folder in schemas policies templates; do
  [[ -d $work/prefix/share/policyc/$folder ]] || fail "no share/policyc/$folder installed"
done
# A copy of the example (and the house library it layers), so that nothing
# is read from the source tree.
cp -r "$source/examples/brightwater" "$source/examples/house-library" "$work/"
mkdir "$work/elsewhere"
cd "$work/elsewhere"
unset POLICYC_DATA
"$work/prefix/bin/policyc" build ../brightwater --format html -o out 2>"$work/stderr" ||
  { cat "$work/stderr" >&2; fail "the installed policyc did not build the pack"; }
[[ -f out/brightwater/index.html && -f out/brightwater/pack.json ]] || fail "no pack written"
# init renders its starter profile from the installed templates/init/.
"$work/prefix/bin/policyc" init new-client 2>"$work/stderr" ||
  { cat "$work/stderr" >&2; fail "the installed policyc did not write a starter profile"; }
grep -q '<profile id="new-client"' new-client/profile.xml || fail "the starter profile is not the template's"
# The installed data is the one in use: a template taken out of it is
# missed, by its installed path.
rm "$work/prefix/share/policyc/templates/html/index.mustache"
if "$work/prefix/bin/policyc" build ../brightwater --format html -o out2 2>"$work/stderr"; then
  fail "the installed policyc built without its installed index template"
fi
grep -q "$work/prefix/share/policyc/templates/html/index.mustache" "$work/stderr" ||
  { cat "$work/stderr" >&2; fail "the missing template was not the installed one"; }
echo "install_test: the installed policyc built brightwater from $work/elsewhere"
