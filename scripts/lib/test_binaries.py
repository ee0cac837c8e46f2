#!/usr/bin/env python3
"""The test executables of one package, from `cargo test --no-run --message-format=json`
on stdin, one path per line.

  test_binaries.py MANIFEST TARGET...   TARGET is `lib` (the unit tests) or the
                                        name of a file in tests/

Exits 1 when a target asked for was not built.
"""
import json
import sys

manifest, wanted = sys.argv[1], set(sys.argv[2:])
found = {}
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") != "compiler-artifact" or not message.get("executable"):
        continue
    if message["manifest_path"] != manifest or not message["profile"]["test"]:
        continue
    target = message["target"]
    library = {"lib", "rlib", "dylib", "cdylib", "staticlib"} & set(target["kind"])
    name = "lib" if library else target["name"]
    if name in wanted:
        found[name] = message["executable"]
missing = wanted - found.keys()
if missing:
    sys.exit(f"test_binaries.py: not built for {manifest}: {', '.join(sorted(missing))}")
for name in sorted(found):
    print(found[name])
