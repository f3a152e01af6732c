"""issue 14, point 1: the WeasyPrint worker fetches only the pack's own files.

Usage: weasyprint_fetcher_test.py TEMPLATES_PRINT_DIR
"""
import os
import sys
import tempfile

sys.path.insert(0, sys.argv[1])
sys.dont_write_bytecode = True
from weasyprint_worker import RefusedUrl, pack_url_fetcher  # noqa: E402

with tempfile.TemporaryDirectory() as root:
    fetched = []
    fetcher = pack_url_fetcher(root, lambda url, *a, **k: fetched.append(url) or {"string": b""})
    refused = ["http://127.0.0.1:8765/x.png", "https://example.org/a.css", "ftp://example.org/x",
               "file:///etc/passwd", "file://" + root + "/../outside.css", "/etc/passwd"]
    for url in refused:
        try:
            fetcher(url)
        except RefusedUrl:
            continue
        sys.exit("fetched " + url)
    own = "file://" + os.path.join(root, "doc.css")
    fetcher(own)
    fetcher("data:image/png;base64,AAAA")
    if fetched != [own, "data:image/png;base64,AAAA"]:
        sys.exit("fetched %r" % fetched)
print("ok: %d foreign URLs refused" % len(refused))
