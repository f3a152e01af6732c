#!/usr/bin/env python3
"""Edits a DOCX's word/document.xml the way Word records a reviewer's work,
for the import tests (issue 16): tracked insertions and deletions with an
author, a whole statement deleted with tracking on, a comment on a
paragraph. Paragraphs are found by their text, never by bookmark names, so
the edits do not depend on how policyc names its anchors.

Usage: word_edit.py IN.docx OUT.docx EDIT...
  replace:BEFORE|OLD|NEW|AUTHOR    tracked: OLD (after BEFORE) deleted, NEW inserted
  insert:BEFORE|NEW|AUTHOR         tracked: NEW inserted after BEFORE
  type:OLD|NEW                     typed without tracking: OLD becomes NEW
  delete:TEXT|AUTHOR               tracked: the paragraph holding TEXT deleted, and
                                   the statement's roles line after it
  comment:TEXT|AUTHOR|COMMENT      a comment on the paragraph holding TEXT
"""

import re
import sys
import zipfile
from xml.sax.saxutils import escape

DATE = "2026-12-01T10:00:00Z"
next_id = [9000]


def new_id():
    next_id[0] += 1
    return next_id[0]


def paragraph_span(doc, text):
    """(start, end) of the <w:p> whose own text holds `text`."""
    for m in re.finditer(r"<w:p[ >].*?</w:p>", doc, re.S):
        own = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", m.group(0)))
        if escape(text) in own:
            return m.start(), m.end()
    sys.exit(f"word_edit: no paragraph holds {text!r}")


def split_run(doc, before, old):
    """Finds the run holding BEFORE+OLD; returns (start, end, run properties, head, tail)."""
    key = escape(before + old)
    for m in re.finditer(r"<w:r>(<w:rPr>.*?</w:rPr>)?<w:t[^>]*>([^<]*)</w:t></w:r>", doc, re.S):
        at = m.group(2).find(key)
        if at >= 0:
            cut = at + len(escape(before))
            return m.start(), m.end(), m.group(1) or "", m.group(2)[:cut], m.group(2)[cut + len(escape(old)):]
    sys.exit(f"word_edit: no run holds {before + old!r}")


def run(props, text, tag="w:t"):
    return f'<w:r>{props}<{tag} xml:space="preserve">{text}</{tag}></w:r>'


def tracked(kind, author, body):
    return f'<w:{kind} w:id="{new_id()}" w:author="{escape(author)}" w:date="{DATE}">{body}</w:{kind}>'


def replace(doc, before, old, new, author):
    start, end, props, head, tail = split_run(doc, before, old)
    out = run(props, head)
    if old:
        out += tracked("del", author, run(props, escape(old), "w:delText"))
    if new:
        out += tracked("ins", author, run(props, escape(new)))
    return doc[:start] + out + run(props, tail) + doc[end:]


def type_over(doc, old, new):
    if doc.count(escape(old)) != 1:
        sys.exit(f"word_edit: {old!r} is not in the document exactly once")
    return doc.replace(escape(old), escape(new))


def delete_paragraph(doc, text, author):
    start, end = paragraph_span(doc, text)
    spans = [(start, end)]
    follow = re.match(r"(<w:bookmark(Start|End)[^>]*/>)*<w:p[ >].*?</w:p>", doc[end:], re.S)
    if follow and "Responsible:" in follow.group(0):
        spans.append((end + follow.start(0), end + follow.end(0)))
    for s, e in reversed(spans):
        p = doc[s:e]
        p = re.sub(r"<w:r>(.*?)</w:r>", lambda m: tracked("del", author, "<w:r>" + m.group(1).replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>") + "</w:r>"), p, flags=re.S)
        mark = f'<w:rPr><w:del w:id="{new_id()}" w:author="{escape(author)}" w:date="{DATE}"/></w:rPr>'
        p = p.replace("</w:pPr>", mark + "</w:pPr>", 1) if "</w:pPr>" in p else re.sub(r"^(<w:p[^>]*>)", r"\1<w:pPr>" + mark + "</w:pPr>", p)
        doc = doc[:s] + p + doc[e:]
    return doc


def comment(doc, comments, text, author, note):
    start, end = paragraph_span(doc, text)
    cid = new_id()
    p = doc[start:end]
    head = re.match(r"<w:p[^>]*>(<w:pPr>.*?</w:pPr>)?", p, re.S).end()
    p = (p[:head] + f'<w:commentRangeStart w:id="{cid}"/>' + p[head:-len("</w:p>")] +
         f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r></w:p>')
    initials = "".join(w[0] for w in author.split())
    entry = (f'<w:comment w:id="{cid}" w:author="{escape(author)}" w:date="{DATE}" w:initials="{initials}">'
             f'<w:p><w:r><w:t xml:space="preserve">{escape(note)}</w:t></w:r></w:p></w:comment>')
    if "</w:comments>" not in comments:  # an empty part: <w:comments .../>
        comments = re.sub(r"\s*/>\s*$", "></w:comments>", comments)
    return doc[:start] + p + doc[end:], comments.replace("</w:comments>", entry + "</w:comments>")


def main():
    source, target, edits = sys.argv[1], sys.argv[2], sys.argv[3:]
    with zipfile.ZipFile(source) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    files = {i.filename: data.decode("utf-8") for i, data in parts if i.filename in ("word/document.xml", "word/comments.xml")}
    doc, comments = files["word/document.xml"], files.get("word/comments.xml", "")
    for edit in edits:
        kind, _, rest = edit.partition(":")
        args = rest.split("|")
        if kind == "replace":
            doc = replace(doc, *args)
        elif kind == "insert":
            doc = replace(doc, args[0], "", args[1], args[2])
        elif kind == "type":
            doc = type_over(doc, *args)
        elif kind == "delete":
            doc = delete_paragraph(doc, *args)
        elif kind == "comment":
            doc, comments = comment(doc, comments, *args)
        else:
            sys.exit(f"word_edit: unknown edit {kind!r}")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            if info.filename == "word/document.xml":
                data = doc.encode("utf-8")
            elif info.filename == "word/comments.xml":
                data = comments.encode("utf-8")
            out.writestr(info, data)


if __name__ == "__main__":
    main()
