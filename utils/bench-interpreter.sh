#!/usr/bin/env bash
# bench-interpreter.sh - measures grey-run's interpreter speed.
#
# Builds a JAR v2 blob by hand (a loop of ALU ops, a load and a store per
# iteration, 11 instructions per iteration), runs it with grey-run, and prints
# PVM instructions per second. Usage:
#   utils/bench-interpreter.sh [build-dir] [iterations] [backend]
set -euo pipefail

build=${1:-build}
iterations=${2:-10000000}
backend=${3:-recompiler}
run="$build/bin/grey-run"
[[ -x $run ]] || { echo "no $run; build the grey-run target first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$iterations" "$work/bench.jar" <<'PY'
import struct, sys

iterations, out = int(sys.argv[1]), sys.argv[2]
code, starts = bytearray(), []

def inst(*parts):
    starts.append(len(code))
    for p in parts:
        code.extend(p if isinstance(p, (bytes, bytearray)) else bytes([p]))

i32 = lambda v: struct.pack('<i', v)
# Opcodes (pvm-isa.md §3).
LOAD_IMM64, LOAD_IMM, FALLTHROUGH, ECALLI, TRAP = 20, 51, 1, 10, 0
ADD_IMM64, AND_IMM, ADD64, XOR, MUL64 = 149, 132, 200, 211, 202
LOAD_IND_U64, STORE_IND_U64, BRANCH_NE_IMM, MOVE_REG = 130, 123, 82, 100

inst(LOAD_IMM64, 1, struct.pack('<Q', iterations))   # φ1 = iterations
inst(LOAD_IMM, 2, i32(0))                             # φ2 = 0 (checksum)
inst(LOAD_IMM, 5, i32(0x1000))                        # φ5 = data page
inst(FALLTHROUGH)
loop = len(code)
inst(AND_IMM, 4 | 1 << 4, i32(0xFF8))                 # φ4 = φ1 & 0xFF8
inst(ADD64, 5 | 4 << 4, 6)                            # φ6 = φ5 + φ4
inst(LOAD_IND_U64, 7 | 6 << 4, i32(0))                # φ7 = [φ6]
inst(ADD64, 7 | 1 << 4, 7)                            # φ7 = φ7 + φ1
inst(STORE_IND_U64, 7 | 6 << 4, i32(0))               # [φ6] = φ7
inst(XOR, 2 | 7 << 4, 2)                              # φ2 ^= φ7
inst(MUL64, 2 | 1 << 4, 3)                            # φ3 = φ2 * φ1
inst(ADD64, 2 | 3 << 4, 2)                            # φ2 += φ3
inst(ADD_IMM64, 8 | 8 << 4, i32(1))                   # φ8 += 1
inst(ADD_IMM64, 1 | 1 << 4, i32(-1))                  # φ1 -= 1
pc = len(code)
inst(BRANCH_NE_IMM, 1 | 1 << 4, bytes([0]), i32(loop - pc))  # loop while φ1
inst(MOVE_REG, 7 | 2 << 4)                            # φ7 = φ2
inst(ECALLI)                                          # REPLY
inst(TRAP)

bitmask = bytearray((len(code) + 7) // 8)
for s in starts:
    bitmask[s // 8] |= 1 << (s % 8)
sub = struct.pack('<IBI', 0, 1, len(code)) + bytes(code) + bytes(bitmask)
# CODE cap at 64, one RW data page at page 1 (slot 65).
entries = struct.pack('<BBIIBII', 64, 0, 0, 0, 0, 0, len(sub))
entries += struct.pack('<BBIIBII', 65, 1, 1, 1, 1, 0, 0)
blob = b'JAR\x02' + struct.pack('<IBB', 2, 2, 64) + entries + sub
open(out, 'wb').write(blob)
PY

start=$(date +%s.%N)
"$run" --backend="$backend" --json "$work/bench.jar" > "$work/result.json" || true
end=$(date +%s.%N)

python3 - "$work/result.json" "$start" "$end" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
elapsed = float(sys.argv[3]) - float(sys.argv[2])
n = result["instructions"]
print(f"exit: {result['exit']}  gas used: {result['gas_used']}  "
      f"blocks: {result['blocks']}")
print(f"instructions: {n}  time: {elapsed:.3f} s  "
      f"speed: {n / elapsed / 1e6:.1f} M instructions/s")
PY
