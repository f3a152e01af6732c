#!/usr/bin/env python3
"""Fails when a stage's code includes a header of a stage it may not use.

The stages are the folders of compiler/; what each may use is what its
library links in CMakeLists.txt (target_link_libraries(policyc_STAGE ...
policyc_OTHER ...)), followed transitively. An include of any other stage's
header points up the stage order, or across it, and is reported at
file:line. Unit tests (*_test.cc) are linked with every stage and are not
checked.

Usage: check-layering.py SOURCE_DIR
"""

import pathlib
import re
import sys


def allowed_stages(cmake_text):
    """{stage: set of stages it may include}, from target_link_libraries."""
    direct = {}
    for match in re.finditer(r"target_link_libraries\(\s*policyc_(\w+)\s+([^)]*)\)", cmake_text):
        direct.setdefault(match.group(1), set()).update(re.findall(r"\bpolicyc_(\w+)", match.group(2)))
    closed = {}

    def close(stage, seen=()):
        if stage in closed:
            return closed[stage]
        result = {stage}
        for used in direct.get(stage, ()):
            if used not in seen:
                result |= close(used, seen + (stage,))
        closed[stage] = result
        return result

    return {stage: close(stage) for stage in direct} | {"base": {"base"}}


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    allowed = allowed_stages((root / "CMakeLists.txt").read_text())
    stages = {p.name for p in (root / "compiler").iterdir() if p.is_dir()}
    include = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"')
    problems = []
    for path in sorted((root / "compiler").rglob("*")):
        if path.suffix not in (".h", ".cc") or path.name.endswith("_test.cc"):
            continue
        stage = path.relative_to(root / "compiler").parts[0]
        if stage not in allowed:
            continue  # main.cc and tools/ are programs, not stages
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            match = include.match(line)
            if not match or match.group(1) not in stages:
                continue
            used = match.group(1)
            if used not in allowed[stage]:
                problems.append(
                    f"{path.relative_to(root)}:{number}: error: {stage} includes {used}/, which "
                    f"policyc_{stage} does not link; move the code to the stage that owns it, or "
                    f"pass the value in [layering]"
                )
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"check-layering: {len(problems)} include(s) against the stage order", file=sys.stderr)
        return 1
    print(f"check-layering: {len(allowed)} stages, every include within its stage's links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
