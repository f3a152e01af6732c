#!/usr/bin/python3
"""Checks a built pack as a reader would meet it (issue 10's acceptance):

- no compiled (derived) document's text is cut short with an ellipsis, in
  pack.json, HTML, DOCX or PDF;
- every DOCX table column is at least as wide as its header's longest word
  at the table's font size (bold DejaVu Sans, measured with the font
  itself), and each table fits the page's text width;
- a picture's drawing extent fits the usable width and height of its page;
- every duty of a role is a statement in which that role acts (the first of
  the statement's roles), and the RACI matrix has exactly one A per row;
- the register of documented information gives every document the version
  and approval date the document itself carries;
- every applicable control of the SoA has a stated status and a real
  reason (a risk, a legal register entry, a requirement, a clause or the
  organisation's own), never a generic sentence alone (issue 11).

Usage: check_pack.py PACK_DIR...   (exit 1 with one line per finding)
"""
import json
import os
import re
import subprocess
import sys
import zipfile

from fontTools.ttLib import TTFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
ELLIPSIS = re.compile(r"…|\w\.\.\.")

findings = []


def finding(message):
    findings.append(message)


class BoldWidth:
    def __init__(self):
        font = TTFont(FONT)
        self.cmap = font.getBestCmap()
        self.hmtx = font["hmtx"]
        self.upm = font["head"].unitsPerEm

    def points(self, text, size):
        units = 0
        for ch in text:
            glyph = self.cmap.get(ord(ch))
            units += self.hmtx[glyph][0] if glyph else self.upm
        return units / self.upm * size


def derived_ids(pack):
    return [d["id"] for d in pack["documents"] if d.get("derived")]


def walk_text(section):
    yield section.get("title", "")
    yield section.get("intro", "")
    for table in section.get("tables", []):
        for column in table["columns"]:
            yield column["header"]
        for row in table["rows"]:
            yield from row
    for item in section.get("items", []):
        if item.get("type") == "section":
            yield from walk_text(item)
        else:
            yield item.get("text", "")


def check_json(pack_dir, pack):
    for doc in pack["documents"]:
        if not doc.get("derived"):
            continue
        texts = [doc.get("summary", "")]
        for section in doc["sections"]:
            texts.extend(walk_text(section))
        for text in texts:
            if ELLIPSIS.search(text):
                finding(f"{pack_dir}/pack.json: {doc['id']}: truncated text: {text[:80]!r}")


def strip_tags(html):
    return re.sub(r"<[^>]+>", " ", html)


def check_html(pack_dir, ids):
    for doc_id in ids:
        path = os.path.join(pack_dir, doc_id + ".html")
        with open(path, encoding="utf-8") as f:
            text = strip_tags(f.read())
        m = ELLIPSIS.search(text)
        if m:
            finding(f"{path}: truncated text near {text[max(0, m.start() - 40):m.end()]!r}")


def docx_parts(path):
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8"), z.read("word/styles.xml").decode("utf-8")


def table_font_size(styles):
    m = re.search(r'w:styleId="Table".*?<w:sz w:val="(\d+)"', styles, re.S)
    return int(m.group(1)) / 2 if m else 10.5


def check_docx(pack_dir, ids, measure):
    for doc_id in ids:
        path = os.path.join(pack_dir, "docx", doc_id + ".docx")
        document, styles = docx_parts(path)
        text = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", document))
        m = ELLIPSIS.search(text)
        if m:
            finding(f"{path}: truncated text near {text[max(0, m.start() - 40):m.end()]!r}")
        size = table_font_size(styles)
        page = re.search(r'<w:pgSz w:h="(\d+)"(?: w:orient="\w+")? w:w="(\d+)"', document)
        margins = re.search(r'<w:pgMar w:bottom="(\d+)".*?w:left="(\d+)" w:right="(\d+)" w:top="(\d+)"', document)
        height, width = int(page.group(1)), int(page.group(2))
        usable_width = width - int(margins.group(2)) - int(margins.group(3))
        usable_height = height - int(margins.group(1)) - int(margins.group(4))
        for n, table in enumerate(re.findall(r"<w:tbl>.*?</w:tbl>", document, re.S), 1):
            grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', table)]
            if sum(grid) > usable_width + len(grid):
                finding(f"{path}: table {n} is {sum(grid)} twips wide, the page has {usable_width}")
            header = re.search(r"<w:tr>.*?</w:tr>", table, re.S)
            cells = re.findall(r"<w:tc>.*?</w:tc>", header.group(0), re.S) if header else []
            for column, (cell, col_width) in enumerate(zip(cells, grid), 1):
                words = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", cell)).split()
                if not words:
                    continue
                longest = max(words, key=lambda w: measure.points(w, size))
                need = measure.points(longest, size) * 20  # twips
                if col_width < need:
                    finding(f"{path}: table {n} column {column} is {col_width} twips, "
                            f"its header word {longest!r} needs {need:.0f}")
        for cx, cy in re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"', document):
            cx_twips, cy_twips = int(cx) / 635, int(cy) / 635
            if cx_twips > usable_width or cy_twips > usable_height:
                finding(f"{path}: a picture of {cx_twips:.0f} × {cy_twips:.0f} twips does not fit "
                        f"{usable_width} × {usable_height}")


def check_pdf(pack_dir, ids):
    for doc_id in ids:
        path = os.path.join(pack_dir, "pdf", doc_id + ".pdf")
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
        m = ELLIPSIS.search(text)
        if m:
            finding(f"{path}: truncated text near {text[max(0, m.start() - 40):m.end()]!r}")


def statements(pack):
    out = {}

    def walk(doc_id, section):
        for item in section.get("items", []):
            if item.get("type") == "section":
                walk(doc_id, item)
            else:
                out[doc_id + "#" + item["id"]] = item
    for doc in pack["documents"]:
        for section in doc["sections"]:
            walk(doc["id"], section)
    return out


def check_roles(pack_dir, pack):
    by_ref = statements(pack)
    for role in pack["roles"]:
        for duty in role["duties"]:
            acting = by_ref[duty]["roles"][0] if by_ref[duty]["roles"] else None
            if acting != role["id"]:
                finding(f"{pack_dir}: role {role['id']} has duty {duty}, whose acting role is {acting}")
    descriptions = next(d for d in pack["documents"] if d["id"] == "role-descriptions")
    raci = next(s for s in descriptions["sections"] if s["id"] == "raci")["tables"][0]
    for row in raci["rows"]:
        accountable = sum(1 for cell in row[1:] if "A" in cell.split(", "))
        if accountable != 1:
            finding(f"{pack_dir}: RACI row {row[0]} has {accountable} A")


def check_register(pack_dir, pack):
    docs = {d["id"]: d for d in pack["documents"]}
    register = docs.get("documented-information-register")
    if not register:
        finding(f"{pack_dir}: no register of documented information")
        return
    table = next(s for s in register["sections"] if s["id"] == "documents")["tables"][0]
    for row in table["rows"]:
        doc_id = re.search(r"policyc:([^)#]*)", row[0]).group(1)
        doc = docs[doc_id]
        version = row[2].replace("\\", "")
        approved = "" if row[4] == "not yet approved" else row[4]
        shown = doc["version"] + (" draft" if doc.get("draft") else "")
        if doc.get("draft") and doc.get("approval_date"):
            finding(f"{pack_dir}: {doc_id} is a draft but claims approval on {doc['approval_date']}")
        if version != shown or approved != (doc.get("approval_date") or ""):
            finding(f"{pack_dir}: the register says {doc_id} is {version} approved {approved or 'never'}; "
                    f"the document says {doc['version']} approved {doc.get('approval_date') or 'never'}")


def check_soa(pack_dir, pack):
    for row in pack["soa"]:
        if not row["applicable"]:
            continue
        reasons = row["reasons"]
        if not any(reasons[k] for k in ("stated", "risks", "legal", "requirements", "clauses")):
            finding(f"{pack_dir}: SoA {row['control']} is applicable with no reason")
        if not row["justification"] or row["justification"].startswith("Required by the ISMS"):
            finding(f"{pack_dir}: SoA {row['control']} has a generic justification: {row['justification']!r}")
        if row["status"] not in ("implemented", "partial", "planned", "not-implemented"):
            finding(f"{pack_dir}: SoA {row['control']} has no implementation status")
        elif row["status"] in ("partial", "planned") and not row["status_date"]:
            finding(f"{pack_dir}: SoA {row['control']} is {row['status']} with no date")


def main(packs):
    measure = BoldWidth()
    for pack_dir in packs:
        with open(os.path.join(pack_dir, "pack.json"), encoding="utf-8") as f:
            pack = json.load(f)
        ids = derived_ids(pack)
        if not ids:
            finding(f"{pack_dir}: no derived documents")
        check_json(pack_dir, pack)
        check_html(pack_dir, ids)
        check_docx(pack_dir, [d["id"] for d in pack["documents"]], measure)
        check_pdf(pack_dir, ids)
        check_roles(pack_dir, pack)
        check_register(pack_dir, pack)
        check_soa(pack_dir, pack)
    for f in findings:
        print(f)
    print(f"check_pack: {len(packs)} packs, {len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
