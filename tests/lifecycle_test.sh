#!/usr/bin/env bash
# The document life cycle end to end, as a consultant runs it:
#   init → fill in → build → release → change a parameter and a statement →
#   diff shows exactly those changes → release bumps exactly the affected
#   documents with the right summaries → an editorial change is a minor bump.
# Uses the mini library (tests/data/mini) so it runs in seconds; the DOCX
# redline needs Pandoc.
# Usage: lifecycle_test.sh POLICYC SOURCE_DIR
set -euo pipefail
policyc=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pc() { "$policyc" --base-library "$src/tests/data/mini" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() {  # expect_exit CODE command...
  local want=$1; shift
  set +e; "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
  [ "$got" = "$want" ] || { cat "$work/out" "$work/err" >&2; fail "'$*' exited $got, expected $want"; }
}
contains() { grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "expected '$2' in $1"; }; }
lacks() { ! grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "did not expect '$2' in $1"; }; }

org="$work/client/acme"

# 1. init writes a profile to fill in, and never overwrites one.
expect_exit 0 pc init "$org"
expect_exit 2 pc init "$org"
contains "$work/err" "init never overwrites"

# 2. Fill it in: names, the one required value.
sed -i -e 's/CHANGE ME: Information Security Manager/Ann Smith/' \
       -e 's/CHANGE ME: IT Manager/Bob Jones/' \
       -e 's/CHANGE ME: Internal Auditor/Cat Lee/' \
       -e 's/CHANGE ME: trading name/Acme Widgets/' \
       -e 's/name="contact_email" value=""/name="contact_email" value="security@acme.example"/' \
       -e 's/as-of="[0-9-]*"/as-of="2026-11-01"/' \
       -e 's/value="not-implemented"\/>/value="implemented" reason="Acme needs it for its customers"\/>/' "$org/profile.xml"
expect_exit 0 pc check "$org"

# 3. Build: no release record yet, so every document is an unapproved draft.
expect_exit 0 pc build "$org" -o "$work/v1" --format html,docx
contains "$work/v1/acme/mini-access.html" "draft-banner"
contains "$work/v1/acme/mini-access.html" "Not yet approved"
contains "$work/v1/acme/mini-access.html" "1.0 draft"

# 4. The first release: every document 1.0, "First issue."; then nothing is a draft.
expect_exit 0 pc release "$org" --date 2026-11-01
contains "$work/out" "mini-access"
contains "$org/profile.release.xml" 'version="1.0"'
contains "$org/profile.release.xml" '>First issue.</revision>'
expect_exit 0 pc release "$org" --date 2026-11-01
contains "$work/err" "nothing to release"
expect_exit 0 pc --werror check "$org"
expect_exit 0 pc build "$org" -o "$work/v1" --format html,docx
lacks "$work/v1/acme/mini-access.html" "draft-banner"
contains "$work/v1/acme/mini-access.html" "First issue."

# A pack compared with itself, and with its own profile, is no difference.
expect_exit 0 pc diff "$work/v1/acme/pack.json" "$work/v1/acme/pack.json"
contains "$work/out" "no difference"
expect_exit 0 pc diff "$work/v1/acme" "$org"
# Nor is a new as-of date alone.
sed -i 's/as-of="2026-11-01"/as-of="2026-11-20"/' "$org/profile.xml"
expect_exit 0 pc diff "$work/v1/acme" "$org"

# 5. Change a parameter and reword a statement (an override in the profile).
sed -i 's|<!-- <parameter name="password_min_length" value="12"/> -->|<parameter name="password_min_length" value="14"/>|' "$org/profile.xml"
grep -q 'name="password_min_length" value="14"' "$org/profile.xml" || fail "could not set password_min_length"
python3 - "$org/profile.xml" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path).read()
override = '''<replace target="mini-policy#policy-set" reason="The board wants the policy reviewed more often.">
      <statement id="policy-set" controls="A.5.1" roles="isms-manager">
        <text>The {{role.isms-manager}} ({{holders.isms-manager}}) shall review this policy every 6 months and after every major incident.</text>
      </statement>
    </replace>'''
# init leaves <overrides> as a commented example: the real one goes last.
head, tail = text.rsplit('</profile>', 1)
text = head + '  <overrides>\n    ' + override + '\n  </overrides>\n</profile>' + tail
open(path, 'w').write(text)
EOF

# check warns that released documents changed and are drafts now.
expect_exit 0 pc check "$org"
contains "$work/err" "[release.draft]"
contains "$work/err" "'Mini Access Policy' (mini-access) changed since version 1.0"
expect_exit 1 pc --werror check "$org"

# 6. diff shows exactly those changes: two statements, one parameter.
expect_exit 1 pc diff "$work/v1/acme" "$org" --format json
python3 - "$work/out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert not d["equal"]
assert [p["id"] for p in d["parameters"]] == ["password_min_length"], d["parameters"]
p = d["parameters"][0]
assert (p["old"], p["new"]) == ("12 characters", "14 characters"), p
assert p["statements"] == ["mini-access#mfa"], p
assert d["facts"] == [] and d["soa"] == [] and d["risks"] == [] and d["people"] == [], d
library = {doc["id"]: doc for doc in d["documents"] if not doc["derived"]}
assert sorted(library) == ["mini-access", "mini-policy"], sorted(library)
[mfa] = library["mini-access"]["items"]
assert (mfa["id"], mfa["change"]) == ("mfa", "reworded"), mfa
assert [(w["op"], w["text"]) for w in mfa["words"] if w["op"] != "equal"] == [("delete", "12"), ("insert", "14")], mfa
[review] = library["mini-policy"]["items"]
assert (review["id"], review["change"], review["parameters"]) == ("policy-set", "reworded", []), review
# Derived documents change only because they quote those two statements.
for doc in d["documents"]:
    if doc["derived"]:
        assert doc["added"] == 0 and doc["removed"] == 0, doc
EOF
expect_exit 1 pc diff "$work/v1/acme" "$org"
contains "$work/out" "mini-access \"Mini Access Policy\": +0 −0 ~1"
contains "$work/out" "1.2 reworded (password_min_length 12 characters → 14 characters)"
contains "$work/out" "[-12-]{+14+}"
contains "$work/out" "every [-12-]{+6+} months{+ and after every major incident+}."
# The redlines: HTML with ins/del, DOCX with real tracked changes.
expect_exit 1 pc diff "$work/v1/acme" "$org" --format html,docx -o "$work/redline"
contains "$work/redline/diff.html" "<del>12</del><ins>14</ins>"
if command -v pandoc >/dev/null; then
  unzip -p "$work/redline/diff.docx" word/document.xml > "$work/document.xml"
  contains "$work/document.xml" "<w:ins "
  contains "$work/document.xml" "<w:del "
  contains "$work/document.xml" "<w:delText xml:space=\"preserve\">12</w:delText>"
  # In the client's branding: the pack's header with the organisation.
  unzip -p "$work/redline/diff.docx" word/header1.xml > "$work/header.xml"
  contains "$work/header.xml" ">Acme Widgets<"
  contains "$work/header.xml" ">Changes to the pack<"
  pandoc --track-changes=all "$work/redline/diff.docx" -t markdown > "$work/readback.md"
  contains "$work/readback.md" "[12]{.deletion"
  contains "$work/readback.md" "[14]{.insertion"
fi

# --rev: the same diff from git history, without touching the working tree.
if command -v git >/dev/null; then
  (cd "$work/client" && git init -q && git add -A && git -c user.name=t -c user.email=t@example.org commit -qm now)
  expect_exit 0 pc diff --rev HEAD "$org"
  contains "$work/out" "no difference"
fi

# 7. Release: exactly the affected documents get a new major version.
expect_exit 0 pc release "$org" --date 2026-11-20 --message "Board review 2026-11."
grep -E '^(mini-access|mini-policy) ' "$work/out" > "$work/released"
# The revision history is read by the client: a parameter by what it is, not its id.
contains "$work/released" "mini-access                              1.0 → 2.0  Statement 1.2 reworded (shortest password: 12 characters → 14 characters). Board review 2026-11."
contains "$work/released" "mini-policy                              1.0 → 2.0  Statement 1.1 reworded. Board review 2026-11."
lacks "$work/out" "statement-of-applicability"  # its rows did not change
lacks "$work/out" "nonconformity-log"
expect_exit 0 pc --werror check "$org"
expect_exit 0 pc build "$org" -o "$work/v2" --format html
contains "$work/v2/acme/mini-access.html" "<td>2.0</td><td>2026-11-20</td>"
contains "$work/v2/acme/mini-access.html" "<td>1.0</td><td>2026-11-01</td>"

# 8. An editorial change (a person's name) is a minor version, in every
#    document where a reader sees it: the text, or the owner line of its
#    document control.
sed -i 's/name="Ann Smith"/name="Ann Smith-Jones"/' "$org/profile.xml"
expect_exit 0 pc release "$org" --date 2026-11-21
contains "$work/out" "mini-policy                              2.0 → 2.1  Statement 1.1 edited (names, titles or references); document control changed: owner now 'Information Security Manager — Ann Smith-Jones (CHANGE ME: job title)'."
contains "$work/out" "nonconformity-log                        1.0 → 1.1  Document control changed: owner now"
lacks "$work/out" "mini-access "  # owned by the IT Manager, and Ann is named nowhere in it
# A release cannot be dated before the last one.
sed -i 's/name="Bob Jones"/name="Robert Jones"/' "$org/profile.xml"
expect_exit 1 pc release "$org" --date 2026-01-01
contains "$work/err" "[release.bad-record]"

# 9. A document that leaves the pack is withdrawn, not forgotten (7.5.3), and
#    comes back as a new major version.
mkdir -p "$work/w/org" && cp -r "$src/tests/data/diff/library" "$work/w/library"
cp "$src/tests/data/diff/base/profile.xml" "$work/w/org/profile.xml"
expect_exit 0 pc release "$work/w/org" --date 2026-11-01
python3 - "$work/w/org/profile.xml" <<'EOF2'
import sys
path = sys.argv[1]
text = open(path).read()
text = text.replace('<people>', '<facts>\n    <fact name="remote_working" value="false"/>\n  </facts>\n  <people>', 1)
status = '<status control="A.8.20" value="implemented" reason="The London office network carries the customer files"/>'
assert status in text
text = text.replace(status, '<exclude control="A.8.20" reason="Everyone works in the office; there is no remote access."/>', 1)
open(path, 'w').write(text)
EOF2
expect_exit 0 pc release "$work/w/org" --date 2026-11-15
contains "$work/out" "mini-remote                              1.0 → withdrawn"
contains "$work/w/org/profile.release.xml" 'withdrawn="2026-11-15"'
expect_exit 0 pc --werror check "$work/w/org"
expect_exit 0 pc build "$work/w/org" -o "$work/w/out" --format html
contains "$work/w/out/mini-org/documented-information-register.html" "Withdrawn documents"
contains "$work/w/out/mini-org/documented-information-register.html" "Mini Remote Working Policy (mini-remote)"
sed -i 's/<fact name="remote_working" value="false"\/>/<fact name="remote_working" value="true"\/>/' "$work/w/org/profile.xml"
sed -i 's|<exclude control="A.8.20" reason="[^"]*"/>|<status control="A.8.20" value="implemented" reason="The office network carries the customer files"/>|' "$work/w/org/profile.xml"
expect_exit 0 pc check "$work/w/org"
contains "$work/err" "was withdrawn on 2026-11-15 and is part of the pack again"
expect_exit 0 pc release "$work/w/org" --date 2026-11-20
contains "$work/out" "mini-remote                              1.0 → 2.0  Reinstated."
echo "life cycle: ok"
