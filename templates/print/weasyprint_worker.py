"""policyc's long-lived WeasyPrint renderer.

policyc starts one of these per parallel job and feeds it many documents,
so Python and WeasyPrint start once per job instead of once per PDF.
Protocol, one JSON object per line each way:
  request:  {"html": "/abs/in.html", "pdf": "/abs/out.pdf"}
  response: {"ok": true} or {"ok": false, "error": "..."}
The HTML links its own stylesheets. Dates in the PDF come from
SOURCE_DATE_EPOCH, which policyc sets, so output is reproducible.

WeasyPrint fetches only the pack's own files: a file inside the folder of
the HTML it renders (policyc's staging work folder, where the stylesheet
is) and data: URLs (the pictures policyc draws are embedded so). Any other
URL (http:, https:, ftp:, a file elsewhere, "../") is refused, so no
build reads a file of the machine or makes a network request, whatever
the HTML names (issue 14, point 1).
"""
import json
import logging
import os
import sys
import urllib.parse
import urllib.request


class RefusedUrl(ValueError):
    pass


def pack_url_fetcher(root, fetch):
    """A url_fetcher that calls `fetch` only for URLs inside `root`."""
    root = os.path.realpath(root)

    def fetcher(url, *args, **kwargs):
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        if scheme == "data":
            return fetch(url, *args, **kwargs)
        if scheme == "file":
            path = os.path.realpath(urllib.request.url2pathname(urllib.parse.urlsplit(url).path))
            if os.path.commonpath([root, path]) == root:
                return fetch(url, *args, **kwargs)
        raise RefusedUrl("policyc fetches only the pack's own files, not " + url)

    return fetcher


def main():
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        import weasyprint
    except Exception as error:  # reported per request, so policyc can say which tool failed
        weasyprint = None
        import_error = str(error)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
            if weasyprint is None:
                raise RuntimeError("cannot import weasyprint: " + import_error)
            fetcher = pack_url_fetcher(os.path.dirname(os.path.abspath(request["html"])),
                                       weasyprint.default_url_fetcher)
            weasyprint.HTML(filename=request["html"], url_fetcher=fetcher).write_pdf(request["pdf"])
            response = {"ok": True}
        except Exception as error:
            response = {"ok": False, "error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(response) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
