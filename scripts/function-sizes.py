#!/usr/bin/env python3
"""Fails when a function in compiler/ is longer than the limit (120 lines).

A function is a brace block opened by a line that ends a parameter list
(`...) {`, `...) const {`, `...) override {`, a constructor's initialiser
list); string and character literals and comments are blanked first, so a
"{{" in a literal does not count. Tables that are data, not logic, are
named in EXEMPT with the reason. Unit tests are not checked.

Usage: function-sizes.py SOURCE_DIR [LIMIT]
"""

import pathlib
import re
import sys

# file: function name. Each is a declarative table: one row per entry.
EXEMPT = {
    "compiler/base/diagnostic.cc": "AllDiagKinds",  # the diagnostic table
}

LITERAL = re.compile(r'R"(\w*)\((?:.|\n)*?\)\1"|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|//[^\n]*|/\*(?:.|\n)*?\*/')
OPENER = re.compile(r"\)\s*(const\s*)?(override\s*)?(noexcept\s*)?(->\s*[\w:<>, ]+\s*)?\{\s*$")
CONTROL = re.compile(r"^\s*(if|for|while|switch|else|do|catch|try)\b|\[[^\]]*\]\s*\(|=\s*\[")


def blank(text):
    """The text with literals and comments replaced by spaces, newlines kept."""
    return LITERAL.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def functions(text):
    """(first line, length, header) of each function body in `text`."""
    lines = blank(text).split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if OPENER.search(line) and not CONTROL.search(line):
            depth = 0
            j = i
            while j < len(lines):
                depth += lines[j].count("{") - lines[j].count("}")
                if depth <= 0:
                    break
                j += 1
            out.append((i + 1, j - i + 1, text.split("\n")[i].strip()))
            i = j + 1
        else:
            i += 1
    return out


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    problems = []
    longest = (0, "")
    for path in sorted((root / "compiler").rglob("*.cc")):
        if path.name.endswith("_test.cc"):
            continue
        relative = str(path.relative_to(root))
        for line, length, header in functions(path.read_text()):
            if relative in EXEMPT and EXEMPT[relative] in header:
                continue
            if length > longest[0]:
                longest = (length, f"{relative}:{line}")
            if length > limit:
                problems.append(f"{relative}:{line}: error: a function of {length} lines (limit {limit}): "
                                f"{header[:80]}; split it by concern [function-size]")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"function-sizes: no function over {limit} lines; the longest is {longest[0]} lines at {longest[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
