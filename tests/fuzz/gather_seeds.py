#!/usr/bin/env python3
"""Gathers the fuzz targets' seed corpora from the source tree.

Usage: gather_seeds.py SOURCE_DIR OUT_DIR

Writes OUT_DIR/<target>/ for each target and OUT_DIR/<target>.dict, a
libFuzzer dictionary. Nothing large is committed: the seeds are the
tree's own profiles, library documents, conditions, declarations, release
records and pack.json files, plus the few in tests/fuzz/seeds/.
"""

import hashlib
import pathlib
import re
import shutil
import sys
import xml.etree.ElementTree as ET

CONDITION_ATTRIBUTES = ("condition", "when", "controller-when", "processor-when")


def write_seed(out, data):
    """One seed file named by its content, so the same seed is kept once."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def copy_all(paths, out):
    for path in sorted(set(paths)):
        write_seed(out, path.read_bytes())


def xml_files(root, pattern="**/*.xml"):
    return [p for p in root.glob(pattern) if p.is_file()]


def parsed(path):
    try:
        return ET.parse(path).getroot()
    except ET.ParseError:
        return None  # the error goldens' broken files are seeds, not sources


def release_records(src):
    return sorted(src.glob("examples/*/profile.release.xml")) + sorted(src.glob("tests/golden/*/profile.release.xml"))


def trimmed_record(path, keep):
    """A release record cut to its first `keep` documents: small seeds
    reach the same code as a 300 KB record, many times faster."""
    root = parsed(path)
    if root is None:
        return None
    for document in root.findall("document")[keep:]:
        root.remove(document)
    return ET.tostring(root, encoding="unicode")


def condition_seeds(src):
    conditions = set()
    for path in xml_files(src / "policies") + xml_files(src / "tests") + xml_files(src / "examples"):
        root = parsed(path)
        if root is None:
            continue
        for element in root.iter():
            for name in CONDITION_ATTRIBUTES:
                if name in element.attrib:
                    conditions.add(element.attrib[name])
    return conditions


def value_seeds(src):
    """Each declaration as the value target reads one: type, min, max,
    enum values, the default, then list items."""
    seeds = set()
    for path in xml_files(src / "policies") + xml_files(src / "tests/data"):
        root = parsed(path)
        if root is None:
            continue
        for element in root.iter():
            if element.tag not in ("fact", "parameter") or "type" not in element.attrib:
                continue
            a = element.attrib
            items = [item.text or "" for item in element.findall("item")]
            seeds.add("\n".join([a["type"], a.get("min", ""), a.get("max", ""), a.get("values", ""),
                                 a.get("default", "")] + items))
    return seeds


def xml_dictionary(src):
    """Every element and attribute name the schemas declare."""
    names = set()
    for xsd in (src / "schemas").glob("*.xsd"):
        for match in re.finditer(r'<xs:(element|attribute) name="([^"]+)"', xsd.read_text()):
            kind, name = match.groups()
            names.add("<" + name if kind == "element" else name + '="')
    return sorted(names)


def json_dictionary(paths):
    keys = set()
    for path in paths:
        keys.update(re.findall(r'"([a-z_-]{2,30})":', path.read_text(errors="replace")))
    return sorted('"' + k + '":' for k in keys)


def write_dictionary(path, entries):
    with path.open("w") as f:
        for entry in entries:
            f.write('"' + entry.replace("\\", "\\\\").replace('"', '\\"') + '"\n')


def main():
    src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    shutil.rmtree(out, ignore_errors=True)
    committed = src / "tests/fuzz/seeds"

    profiles = (list(src.glob("tests/golden/*/profile.xml")) + list(src.glob("examples/*/profile.xml")) +
                list(src.glob("tests/data/**/profile.xml")))
    copy_all(profiles, out / "profile")

    library = (xml_files(src / "policies") + xml_files(src / "tests/data/mini") +
               xml_files(src / "tests/data/mini-incident") + xml_files(src / "tests/data/diff/library") +
               xml_files(src / "examples/house-library") + list(src.glob("tests/golden/*/library/**/*.xml")))
    copy_all([p for p in library if p.name != "profile.xml"], out / "library")

    for condition in condition_seeds(src):
        write_seed(out / "condition", condition)
    copy_all(committed.glob("condition/*"), out / "condition")

    for seed in value_seeds(src):
        write_seed(out / "value", seed)
    copy_all(committed.glob("value/*"), out / "value")

    packs = list(committed.glob("pack-json/*.json")) + list(src.glob("tests/golden/*/pack.json"))
    copy_all(packs, out / "pack_json")

    for record in release_records(src):
        for keep in (1, 4):
            text = trimmed_record(record, keep)
            if text:
                write_seed(out / "release_record", text)
    copy_all(src.glob("tests/golden/*/profile.release.xml"), out / "release_record")

    xml_words = xml_dictionary(src)
    for target in ("profile", "library", "release_record"):
        write_dictionary(out / (target + ".dict"), xml_words)
    write_dictionary(out / "pack_json.dict", json_dictionary(packs))
    for target in ("condition", "value"):
        shutil.copy(committed / (target + ".dict"), out / (target + ".dict"))

    for target in ("profile", "library", "condition", "value", "pack_json", "release_record"):
        print(f"{target}: {len(list((out / target).iterdir()))} seeds")


if __name__ == "__main__":
    main()
