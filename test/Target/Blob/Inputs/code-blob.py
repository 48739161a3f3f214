#!/usr/bin/env python3
# code-blob.py - writes a JAR v2 blob (jar-blob.md) with one CODE cap in
# grey's container layout (1-byte jump-table entries, no memory) around
# hand-made code, to stdout.
#
#   code-blob.py "33 07 2a 0a 00" 10011
import struct
import sys

code = bytes.fromhex(sys.argv[1].replace(" ", ""))
bits = sys.argv[2].replace(" ", "")
assert len(bits) == len(code), "one bitmask digit per code byte"
packed = bytearray((len(code) + 7) // 8)
for i, bit in enumerate(bits):
    if bit == "1":
        packed[i // 8] |= 1 << (i % 8)
sub = struct.pack("<IBI", 0, 1, len(code)) + code + bytes(packed)
header = b"JAR\x02" + struct.pack("<IBB", 0, 1, 64)
entry = struct.pack("<BBIIBII", 64, 0, 0, 0, 0, 0, len(sub))
sys.stdout.buffer.write(header + entry + sub)
