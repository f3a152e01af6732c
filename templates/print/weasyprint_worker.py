"""policyc's long-lived WeasyPrint renderer.

policyc starts one of these per parallel job and feeds it many documents,
so Python and WeasyPrint start once per job instead of once per PDF.
Protocol, one JSON object per line each way:
  request:  {"html": "/abs/in.html", "pdf": "/abs/out.pdf"}
  response: {"ok": true} or {"ok": false, "error": "..."}
The HTML links its own stylesheets. Dates in the PDF come from
SOURCE_DATE_EPOCH, which policyc sets, so output is reproducible.
"""
import json
import logging
import sys


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
            weasyprint.HTML(filename=request["html"]).write_pdf(request["pdf"])
            response = {"ok": True}
        except Exception as error:
            response = {"ok": False, "error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(response) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
