#!/usr/bin/env bash
# issue 14, point 1: a build makes no network connection and embeds no
# file but the pack's own. Builds examples/lantern-carers as HTML, DOCX and PDF
# with every proxy variable pointing at a local listener that records any
# connection (Pandoc's and WeasyPrint's HTTP clients honour them), then
# checks that nobody connected and that every picture in each DOCX's
# word/media is one the pack drew: a PNG or SVG, never more of them than
# the pack has pictures (heat maps and logo).
# Usage: no_network_test.sh POLICYC SOURCE_DIR
set -euo pipefail
policyc=$1
cd "$2"
work=$(mktemp -d)
listener=""
trap '[[ -n $listener ]] && kill "$listener" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "no_network_test: $*" >&2; exit 1; }

/usr/bin/python3 - "$work/port" "$work/contacts" <<'PY' &
import socket, sys
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    connection, peer = server.accept()
    with open(sys.argv[2], "a") as f:
        f.write("connection from %s:%d\n" % peer)
    connection.close()
PY
listener=$!
for _ in $(seq 50); do [[ -s $work/port ]] && break; sleep 0.1; done
[[ -s $work/port ]] || fail "the listener did not start"
proxy="http://127.0.0.1:$(cat "$work/port")"

env http_proxy="$proxy" https_proxy="$proxy" HTTP_PROXY="$proxy" HTTPS_PROXY="$proxy" \
    ALL_PROXY="$proxy" all_proxy="$proxy" no_proxy="" NO_PROXY="" \
    "$policyc" build examples/lantern-carers -o "$work/out" --format html,docx,pdf 2>"$work/build.log" ||
  { cat "$work/build.log" >&2; fail "build failed"; }
[[ ! -s $work/contacts ]] || fail "the build made network connections: $(cat "$work/contacts")"

pack="$work/out/lantern-carers"
ls "$pack"/docx/*.docx >/dev/null 2>&1 || fail "no DOCX was built"
/usr/bin/python3 - "$pack" <<'PY'
import glob, json, os, sys, zipfile
pack = sys.argv[1]
# The pictures the pack draws: the SVG files of its HTML (heat maps, logo);
# a DOCX holds each as it is or as the PNG rsvg-convert makes of it.
drawn = len(glob.glob(os.path.join(pack, "**", "*.svg"), recursive=True))
if drawn == 0:
    sys.exit("the pack draws no pictures; this test needs an example with heat maps")
failures = []
for docx in sorted(glob.glob(os.path.join(pack, "docx", "*.docx"))):
    with zipfile.ZipFile(docx) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        for name in media:
            head = z.read(name)[:512]
            if not (head.startswith(b"\x89PNG\r\n\x1a\n") or b"<svg" in head):
                failures.append("%s: %s is not a picture the pack drew" % (os.path.basename(docx), name))
        if len(media) > drawn:
            failures.append("%s holds %d media files, more than the pack's %d pictures" % (docx, len(media), drawn))
if failures:
    sys.exit("\n".join(failures))
print("media checked; the pack draws %d pictures" % drawn)
PY
echo "no_network_test: no connection, only the pack's own pictures"
