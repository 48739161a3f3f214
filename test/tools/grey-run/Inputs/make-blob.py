#!/usr/bin/env python3
# make-blob.py - writes a JAR v2 blob (jar-blob.md) for grey-run tests.
#
#   make-blob.py OUT --code "33 07 2a 0a 00" --bitmask 10011
#       [--jump-table 6,12] [--memory-pages N] [--invoke 64] [--code-slot 64]
#       [--data SLOT:BASE_PAGE:PAGES:ro|rw[:HEX]]...
import argparse
import struct


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--code", required=True, help="code bytes in hex")
    p.add_argument("--bitmask", required=True, help="one 0/1 digit per byte")
    p.add_argument("--jump-table", default="")
    p.add_argument("--memory-pages", type=int, default=0)
    p.add_argument("--invoke", type=int, default=64)
    p.add_argument("--code-slot", type=int, default=64)
    p.add_argument("--data", action="append", default=[])
    a = p.parse_args()

    code = bytes.fromhex(a.code.replace(" ", ""))
    bits = a.bitmask.replace(" ", "")
    assert len(bits) == len(code), "bitmask length must equal code length"
    table = [int(x) for x in a.jump_table.split(",") if x]
    packed = bytearray((len(code) + 7) // 8)
    for i, c in enumerate(bits):
        if c == "1":
            packed[i // 8] |= 1 << (i % 8)
    sub = struct.pack("<IBI", len(table), 4, len(code))
    sub += b"".join(struct.pack("<I", t) for t in table) + code + bytes(packed)

    entries, data = [], bytearray()
    entries.append((a.code_slot, 0, 0, 0, 0, len(data), len(sub)))
    data += sub
    for spec in a.data:
        fields = spec.split(":")
        slot, base, pages = (int(x, 0) for x in fields[:3])
        access = {"ro": 0, "rw": 1}[fields[3]]
        init = bytes.fromhex(fields[4]) if len(fields) > 4 else b""
        entries.append((slot, 1, base, pages, access,
                        len(data) if init else 0, len(init)))
        data += init
    blob = b"JAR\x02" + struct.pack("<IBB", a.memory_pages, len(entries),
                                    a.invoke)
    for e in entries:
        blob += struct.pack("<BBIIBII", *e)
    blob += data
    open(a.out, "wb").write(blob)


if __name__ == "__main__":
    main()
