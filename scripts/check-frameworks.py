#!/usr/bin/env python3
"""Checks the framework catalogues in policies/frameworks/ against the library.

framework.xsd already holds each file's shape (unique ids, a mapping or a
statement-needed or gap marker on every requirement, the fixed set of
relationships, declared mapping sources). This script checks what a schema
cannot see, because it lies in other files of the library:

- every group and requirement id is unique within its framework (the
  schema says so too, but xmllint may be missing);
- every Annex A control and clause a requirement maps to is in
  policies/catalogue/iso27001-2022.xml;
- every statement a requirement maps to exists (DOCUMENT#STATEMENT in
  policies/documents/);
- every limit names a declared parameter, uses a comparison that suits the
  parameter's type and gives a value of that type, and its condition names
  only declared facts and parameters;
- every mapping source a file declares is used.

It also states, for each limit, whether the parameter's declared range
already keeps every profile within it (then no profile can contradict the
framework), and prints a summary per framework: requirements, mappings by
relationship, statement-needed and gap markers, limits.

Problems are printed as FILE:LINE: error: MESSAGE and make the exit status 1.
The schema itself is checked with xmllint when it is installed.

Usage: check-frameworks.py [SOURCE_DIR] [--quiet]
"""

import pathlib
import re
import shutil
import subprocess
import sys
import xml.sax

RELATIONSHIPS = ("equivalent", "subset", "superset", "related")
UNIT_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}


class Node:
    """An element with its attributes, text, children and line."""

    def __init__(self, tag, attrs, line, parent):
        self.tag, self.attrs, self.line, self.parent = tag, dict(attrs), line, parent
        self.children, self.text = [], ""

    def iter(self, tag=None):
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            yield from child.iter(tag)


class TreeBuilder(xml.sax.ContentHandler):
    """Builds Nodes that keep the line each element starts on."""

    def __init__(self):
        super().__init__()
        self.root, self.stack, self.locator = None, [], None

    def setDocumentLocator(self, locator):
        self.locator = locator

    def startElement(self, name, attrs):
        node = Node(name, attrs.items(), self.locator.getLineNumber(), self.stack[-1] if self.stack else None)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def characters(self, content):
        self.stack[-1].text += content

    def endElement(self, name):
        self.stack.pop()


def parse(path):
    handler = TreeBuilder()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setContentHandler(handler)
    parser.parse(str(path))
    return handler.root


def catalogue_ids(root):
    """(Annex A control ids, clause ids) of the ISO/IEC 27001:2022 catalogue."""
    catalogue = parse(root / "policies/catalogue/iso27001-2022.xml")
    controls = {n.attrs["id"] for n in catalogue.iter("control")}
    clauses = {n.attrs["id"] for n in catalogue.iter("clause")}
    return controls, clauses


def library_declarations(root):
    """({DOCUMENT#STATEMENT}, {parameter: attrs}, {fact ids}) of the base library."""
    statements, parameters, facts = set(), {}, set()
    for path in sorted((root / "policies/documents").glob("*.xml")):
        document = parse(path)
        statements |= {f"{document.attrs['id']}#{s.attrs['id']}" for s in document.iter("statement")}
        parameters.update({p.attrs["id"]: p.attrs for p in document.iter("parameter")})
    declarations = parse(root / "policies/declarations.xml")
    parameters.update({p.attrs["id"]: p.attrs for p in declarations.iter("parameter")})
    facts = {f.attrs["id"] for f in declarations.iter("fact")}
    return statements, parameters, facts


def duration_days(text):
    """Days in a duration such as '14 days' or '1 month'; None if it is not one."""
    match = re.fullmatch(r"(\d+)\s+(minute|hour|day|week|month|year)s?", text.strip())
    return int(match.group(1)) * UNIT_DAYS[match.group(2)] if match else None


def magnitude(kind, text):
    """The value as a number for comparison, or None if it is not of the kind."""
    if kind == "duration":
        return duration_days(text)
    if kind == "integer":
        return int(text) if re.fullmatch(r"-?\d+", text.strip()) else None
    return None


def check_limit(limit, parameter, report):
    """Reports a limit that does not fit its parameter; returns a note on the declared range."""
    kind, comparison, value = parameter.get("type"), limit.attrs["comparison"], limit.attrs["value"]
    if comparison == "one-of":
        if kind != "enum":
            report(limit, f"comparison one-of needs an enum parameter; '{limit.attrs['parameter']}' is {kind}")
            return None
        unknown = set(value.split()) - set(parameter.get("values", "").split())
        if unknown:
            report(limit, f"value {' '.join(sorted(unknown))} is not among '{limit.attrs['parameter']}' values "
                          f"({parameter.get('values', '')})")
            return None
        allowed = set(parameter.get("values", "").split())
        return "declared values all pass" if allowed <= set(value.split()) else "a profile can contradict it"
    wanted = magnitude(kind, value)
    if wanted is None:
        report(limit, f"value '{value}' is not a {kind} value for '{limit.attrs['parameter']}'"
                      if kind in ("duration", "integer") else
                      f"comparison {comparison} needs an integer or duration parameter; "
                      f"'{limit.attrs['parameter']}' is {kind}")
        return None
    bound = parameter.get("max" if comparison == "at-most" else "min")
    bound_value = magnitude(kind, bound) if bound else None
    if bound_value is None:
        return "a profile can contradict it"
    within = bound_value <= wanted if comparison == "at-most" else bound_value >= wanted
    return f"declared {'max' if comparison == 'at-most' else 'min'} {bound} already keeps it" if within \
        else f"declared {'max' if comparison == 'at-most' else 'min'} {bound}: a profile can contradict it"


def check_condition(node, condition, parameters, facts, report):
    """Reports names in a limit's condition that the library does not declare."""
    without_strings = re.sub(r"'[^']*'", "", condition)
    for name in re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", without_strings):
        if name in ("and", "or", "not", "true", "false"):
            continue
        known = name[len("param."):] in parameters if name.startswith("param.") else name in facts
        if not known:
            report(node, f"condition names '{name}', which the library does not declare")


def check_framework(path, library, report, quiet):
    controls, clauses, statements, parameters, facts = library
    framework = parse(path)
    requirements = list(framework.iter("requirement"))
    sources = {s.attrs["id"]: s for s in framework.iter("mapping-source")}
    first_seen = {}
    for node in [*framework.iter("group"), *requirements]:
        if node.attrs["id"] in first_seen:
            report(node, f"id {node.attrs['id']} is used twice (first at line {first_seen[node.attrs['id']]})")
        first_seen.setdefault(node.attrs["id"], node.line)
    used_sources, tally = set(), {r: 0 for r in RELATIONSHIPS}
    markers = {"statement-needed": 0, "gap": 0}
    mapped = 0
    for requirement in requirements:
        mappings = [c for c in requirement.children if c.tag in ("control", "clause", "statement")]
        marks = [c for c in requirement.children if c.tag in markers]
        if not mappings and not marks:
            report(requirement, f"requirement {requirement.attrs['id']} has no mapping and no statement-needed or gap marker")
        mapped += bool(mappings)
        for mark in marks:
            markers[mark.tag] += 1
        for mapping in mappings:
            target = mapping.attrs.get("ref") or mapping.attrs.get("id")
            known = {"control": controls, "clause": clauses, "statement": statements}[mapping.tag]
            if target not in known:
                report(mapping, f"requirement {requirement.attrs['id']} maps to {mapping.tag} '{target}', "
                                f"which the library does not have")
            relationship = mapping.attrs.get("relationship")
            if relationship not in RELATIONSHIPS:
                report(mapping, f"relationship '{relationship}' is not one of {', '.join(RELATIONSHIPS)}")
            else:
                tally[relationship] += 1
            if mapping.attrs.get("source") not in sources:
                report(mapping, f"mapping source '{mapping.attrs.get('source')}' is not declared")
            used_sources.add(mapping.attrs.get("source"))
    for source_id, source in sources.items():
        if source_id not in used_sources:
            report(source, f"mapping source '{source_id}' is declared but no mapping uses it")
    limit_notes = []
    for limit in framework.iter("limit"):
        parameter = parameters.get(limit.attrs["parameter"])
        if parameter is None:
            report(limit, f"limit names parameter '{limit.attrs['parameter']}', which the library does not declare")
            continue
        if "condition" in limit.attrs:
            check_condition(limit, limit.attrs["condition"], parameters, facts, report)
        note = check_limit(limit, parameter, report)
        if note:
            limit_notes.append(f"  {limit.parent.attrs['id']}: {limit.attrs['parameter']} {limit.attrs['comparison']} "
                               f"{limit.attrs['value']} ({note})")
    if not quiet:
        ids = [r.attrs["id"] for r in requirements]
        print(f"{framework.attrs['id']} {framework.attrs['version']}: {len(ids)} requirements, {mapped} mapped "
              f"({', '.join(f'{n} {r}' for r, n in tally.items())} mappings); "
              f"{markers['statement-needed']} statement-needed, {markers['gap']} gap; "
              f"{len(limit_notes)} limits")
        for line in limit_notes:
            print(line)


def check_schema(root, paths, report_line):
    """Validates the files against framework.xsd with xmllint, where it is installed."""
    if not shutil.which("xmllint") or not paths:
        return
    result = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(root / "schemas/framework.xsd"),
                             *map(str, paths)], capture_output=True, text=True, check=False)
    for line in result.stderr.splitlines():
        if not line.endswith(" validates"):
            report_line(line)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quiet = "--quiet" in sys.argv
    root = pathlib.Path(args[0] if args else ".")
    paths = sorted((root / "policies/frameworks").glob("*.xml"))
    errors = []

    def report_line(line):
        errors.append(line)
        print(line, file=sys.stderr)

    check_schema(root, paths, report_line)
    library = (*catalogue_ids(root), *library_declarations(root))
    for path in paths:
        def report(node, message, path=path):
            report_line(f"{path.relative_to(root)}:{node.line}: error: {message}")
        check_framework(path, library, report, quiet)
    if not paths:
        report_line(f"{root / 'policies/frameworks'}: error: no framework catalogues found")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
