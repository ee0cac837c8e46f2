#!/usr/bin/env python3
"""What a wasm file is made of, without any tool beyond Python.

  wasm_size.py optimised FILE       exits 1 unless FILE went through wasm-opt:
                                    wasm-bindgen keeps the `name` section, and
                                    wasm-opt -Oz (cargo-leptos' release step)
                                    drops it
  wasm_size.py contributors FILE N  JSON: the N crates with the most code, by
                                    the function names of FILE (use
                                    wasm-bindgen's output, whose names are
                                    demangled, before wasm-opt drops them)

A function is counted for the crate its name starts with; a trait method
`<Type as Trait>::f` for the crate of the type (serde_json's deserializer
instantiated for an app type counts for serde_json), or of the trait when the
type is a parameter (`<T as tachys::view::Render>::build` counts for tachys).
"""
import collections
import json
import re
import sys


def leb128(data, at):
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def sections(data):
    """(id, custom name or None, start, end) of each section."""
    if data[:4] != b"\0asm":
        sys.exit("wasm_size.py: not a wasm file")
    at = 8
    while at < len(data):
        kind = data[at]
        size, at = leb128(data, at + 1)
        name = None
        if kind == 0:
            length, start = leb128(data, at)
            name = data[start : start + length].decode("utf-8", "replace")
        yield kind, name, at, at + size
        at += size


def imported_functions(data, start):
    count, at = leb128(data, start)
    functions = 0
    for _ in range(count):
        for _field in range(2):  # module, name
            length, at = leb128(data, at)
            at += length
        kind = data[at]
        at += 1
        if kind == 0:  # function: a type index
            _, at = leb128(data, at)
            functions += 1
        elif kind == 1:  # table: element type, limits
            at += 1
            flags = data[at]
            _, at = leb128(data, at + 1)
            if flags & 1:
                _, at = leb128(data, at)
        elif kind == 2:  # memory: limits
            flags = data[at]
            _, at = leb128(data, at + 1)
            if flags & 1:
                _, at = leb128(data, at)
        elif kind == 3:  # global: value type, mutability
            at += 2
        else:
            sys.exit(f"wasm_size.py: unknown import kind {kind}")
    return functions


def function_names(data, start, end):
    at = start
    length, at = leb128(data, at)
    at += length  # the section's own name
    names = {}
    while at < end:
        sub = data[at]
        size, at = leb128(data, at + 1)
        if sub == 1:
            count, inner = leb128(data, at)
            for _ in range(count):
                index, inner = leb128(data, inner)
                length, inner = leb128(data, inner)
                names[index] = data[inner : inner + length].decode("utf-8", "replace")
                inner += length
        at += size
    return names


CRATE = re.compile(r"^<?(?:&(?:mut )?)?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)")
# `<T as tachys::view::Render>::build`: a blanket impl over a type parameter
# belongs to the trait's crate.
BLANKET = re.compile(r"^<(?:&(?:mut )?)?[A-Z][A-Za-z0-9_]* as (?:dyn )?([a-z_][a-z0-9_]*)::")


def crate_of(name):
    blanket = BLANKET.match(name)
    if blanket:
        return blanket.group(1)
    match = CRATE.match(name)
    return match.group(1) if match else "?"


def contributors(data, top):
    imports = 0
    bodies = []
    names = {}
    for kind, name, start, end in sections(data):
        if kind == 2:
            imports = imported_functions(data, start)
        elif kind == 10:
            count, at = leb128(data, start)
            for _ in range(count):
                size, at = leb128(data, at)
                bodies.append(size)
                at += size
        elif name == "name":
            names = function_names(data, start, end)
    if not names:
        sys.exit("wasm_size.py: no function names in this file (it went through wasm-opt)")
    by_crate = collections.Counter()
    for index, size in enumerate(bodies):
        by_crate[crate_of(names.get(index + imports, ""))] += size
    total = sum(bodies)
    return {
        "code_bytes": total,
        "functions": len(bodies),
        "crates": [
            {"crate": crate, "bytes": size, "share": round(size / total, 3)}
            for crate, size in by_crate.most_common(top)
        ],
    }


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    command, path = sys.argv[1], sys.argv[2]
    data = open(path, "rb").read()
    if command == "optimised":
        if any(name == "name" for _, name, _, _ in sections(data)):
            sys.exit(f"wasm_size.py: {path} still has its name section: wasm-opt did not run on it")
    elif command == "contributors":
        top = int(sys.argv[3]) if len(sys.argv) > 3 else 15
        json.dump(contributors(data, top), sys.stdout, indent=2)
        print()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
