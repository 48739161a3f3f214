#!/usr/bin/env python3
"""Writes test/Dialect/{PVM,RISCV}/basic.mlir: one instance of every op.

The op list comes from the dialects' .td files (every `def X : Class<"name"`),
and each op class has one example line below, so a new op in a known class is
covered by rerunning this script. The unit test DialectCoverageTest fails if
an op registered in a dialect is missing from basic.mlir, and lit fails if a
line does not parse, print and re-parse identically.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

R = lambda n: f"!pvm.reg<r{n}>"

# Example per PVM op class; {m} is the mnemonic.
PVM_CLASSES = {
    "PVM_ThreeRegOp": f"%v = pvm.{{m}} %a, %b : ({R(7)}, {R(8)}) -> {R(9)}",
    "PVM_TwoRegOp": f"%v = pvm.{{m}} %a : ({R(7)}) -> {R(9)}",
    "PVM_RegImmOp": f"%v = pvm.{{m}} %a, -5 : ({R(7)}) -> {R(9)}",
    "PVM_CmovOp": f"%v = pvm.{{m}} %a, %b, %c : {R(7)}, {R(8)}, {R(9)}",
    "PVM_CmovImmOp": f"%v = pvm.{{m}} %b, 7, %c : {R(8)}, {R(9)}",
    "PVM_LoadAbsOp": f"%v = pvm.{{m}} 4294967295 : {R(9)}",
    "PVM_StoreAbsOp": f"pvm.{{m}} %a, 131072 : {R(7)}",
    "PVM_LoadIndOp": f"%v = pvm.{{m}} %sp, -8 : ({R(1)}) -> {R(9)}",
    "PVM_StoreIndOp": f"pvm.{{m}} %a, %sp, 16 : {R(7)}, {R(1)}",
    "PVM_StoreImmOp": "pvm.{m} 131072, -1",
    "PVM_StoreImmIndOp": f"pvm.{{m}} %sp, 8, 255 : {R(1)}",
}
PVM_TERMINATOR_CLASSES = {
    "PVM_BranchOp": f"pvm.{{m}} %a, %b, ^bb1, ^bb2(%c : {R(9)}) : {R(7)}, {R(8)}",
    "PVM_BranchImmOp": f"pvm.{{m}} %a, -1, ^bb1, ^bb2(%c : {R(9)}) : {R(7)}",
    "PVM_NoOpTerminator": f"pvm.{{m}} ^bb2(%c : {R(9)})",
}
PVM_SINGLE = {
    "ecall": f"%v:2 = pvm.ecall(%a, %b) : ({R(7)}, {R(8)}) -> ({R(7)}, {R(8)})",
    "ecalli": f"%v = pvm.ecalli 3(%a) : ({R(7)}) -> {R(7)}",
    "load_imm_64": f"%v = pvm.load_imm_64 -81985529216486896 : {R(9)}",
    "load_imm": f"%v = pvm.load_imm -2147483648 : {R(9)}",
}
PVM_SINGLE_TERMINATORS = {
    "trap": "pvm.trap",
    "jump": f"pvm.jump ^bb2(%c : {R(9)})",
    "jump_ind": f"pvm.jump_ind %ra, 0 uses(%a : {R(7)}) [^bb1] : {R(0)}",
    "load_imm_jump": f"%v = pvm.load_imm_jump 4, ^bb1 : {R(0)}",
    "load_imm_jump_ind": f"%v = pvm.load_imm_jump_ind %a, 2, 0 uses(%b : {R(8)}) [^bb1, ^bb2] : {R(7)} -> {R(0)}",
    # Calls continue at the next block, which declares a jump-table entry.
    "call": f"%vl, %vd = pvm.call @main(%a), ^{{next}} : ({R(7)}) -> ({R(0)}, {R(7)})",
    "call_indirect": f"%vl, %vd = pvm.call_indirect %b, 0(%a), ^{{next}} : {R(8)}, ({R(7)}) -> ({R(0)}, {R(7)})",
    "tail_call": f"pvm.tail_call @main uses(%a : {R(7)})",
}

Q = lambda n: f"!riscv.reg<{n}>"
RISCV_CLASSES = {
    "RISCV_RegRegOp": f"%v = riscv.{{m}} %a0, %a1 : ({Q('a0')}, {Q('a1')}) -> {Q('t0')}",
    "RISCV_RegImmOp": f"%v = riscv.{{m}} %a0, 3 : ({Q('a0')}) -> {Q('t0')}",
    "RISCV_UnaryOp": f"%v = riscv.{{m}} %a0 : ({Q('a0')}) -> {Q('t0')}",
    "RISCV_LoadOp": f"%v = riscv.{{m}} -8(%sp) : ({Q('sp')}) -> {Q('t0')}",
    "RISCV_StoreOp": f"riscv.{{m}} %a0, 2047(%sp) : {Q('a0')}, {Q('sp')}",
    "RISCV_CondMovOp": f"%v = riscv.{{m}} %a0, %a1, %t1 : {Q('a0')}, {Q('a1')}, {Q('t1')}",
    "RISCV_CsrRegOp": f"%v = riscv.{{m}} 2048, %a0 : ({Q('a0')}) -> {Q('t0')}",
    "RISCV_CsrImmOp": f"%v = riscv.{{m}} 3072, 31 : {Q('t0')}",
}
RISCV_TERMINATOR_CLASSES = {
    "RISCV_BranchOp": f"riscv.{{m}} %a0, %a1, ^bb1, ^bb2(%t1 : {Q('t1')}) : {Q('a0')}, {Q('a1')}",
}
RISCV_SINGLE = {
    "lui": f"%v = riscv.lui 1048575 : {Q('t0')}",
    "auipc": f"%v = riscv.auipc 1 at 69632 : {Q('t0')}",
    "constant": f"%v = riscv.constant 0 : {Q('zero')}",
    "fence": "riscv.fence 15, 15",
    "fence.i": "riscv.fence.i",
    "ecall": f"%v = riscv.ecall(%t0, %a0) : ({Q('t0')}, {Q('a0')}) -> {Q('a0')}",
    "call": f"%v:2 = riscv.call @callee(%a0, %sp) : ({Q('a0')}, {Q('sp')}) -> ({Q('ra')}, {Q('a0')})",
    "call_indirect": f"%v = riscv.call_indirect 0(%t1) (%a0) : {Q('t1')}, ({Q('a0')}) -> {Q('ra')}",
    "code_addr": f"%v = riscv.code_addr @callee, 65540 : {Q('a0')}",
}
RISCV_SINGLE_TERMINATORS = {
    "ebreak": "riscv.ebreak",
    "unimp": "riscv.unimp",
    "jal": f"riscv.jal ^bb2(%t1 : {Q('t1')})",
    "jalr": f"riscv.jalr 0(%ra) uses(%a0 : {Q('a0')}) [^bb1] : {Q('ra')}",
    "tail": f"riscv.tail @callee uses(%a0 : {Q('a0')})",
}


def mnemonics(td, prefix):
    """(mnemonic, class) for every op def in `td`."""
    text = (ROOT / td).read_text()
    pattern = rf'^def {prefix}_\w+ : ({prefix}_\w+)<"([\w.]+)"'
    return [(m, c) for c, m in re.findall(pattern, text, re.M)]


def check_line(line):
    """A FileCheck pattern for `line` as the printer writes it."""
    pattern = re.sub(r"%\w+", "%{{[^ ,:()]+}}", line)
    pattern = pattern.replace("[^bb1]", "{{\\[}}^bb1]").replace("[^bb1, ^bb2]", "{{\\[}}^bb1, ^bb2]")
    return pattern


def render(ops, classes, term_classes, single, single_terms, header, body):
    straight, terms, missing = [], [], []
    uniquify = lambda lines, tag: [l.replace("%v", f"%{tag}{i}")
                                   for i, l in enumerate(lines)]
    for mnemonic, cls in ops:
        if cls in classes:
            straight.append(classes[cls].format(m=mnemonic))
        elif cls in term_classes:
            terms.append(term_classes[cls].format(m=mnemonic))
        elif mnemonic in single:
            straight.append(single[mnemonic])
        elif mnemonic in single_terms:
            terms.append(single_terms[mnemonic])
        else:
            missing.append(mnemonic)
    if missing:
        sys.exit(f"no example for: {', '.join(missing)}")
    return body(uniquify(straight, "v"), uniquify(terms, "t"))


def pvm_file():
    ops = mnemonics("include/grey/Dialect/PVM/PVMOps.td", "PVM")
    def body(straight, terms):
        out = [
            "// RUN: grey-opt %s | grey-opt | FileCheck %s",
            "// RUN: grey-opt %s --mlir-print-op-generic | grey-opt | FileCheck %s",
            "// Generated by utils/generate-roundtrip-tests.py: every pvm op once.",
            "",
            "// CHECK-LABEL: pvm.program entry @main stack 4096 heap 8192 layout current",
            "pvm.program entry @main stack 4096 heap 8192 layout current attributes {memory_pages = 32 : i64} {",
            "  // CHECK: pvm.segment @stack base 0 size 4096 rw",
            "  pvm.segment @stack base 0 size 4096 rw",
            '  // CHECK: pvm.segment @rodata base 65536 size 8 ro init "ab\\00\\FF"',
            '  pvm.segment @rodata base 65536 size 8 ro init "ab\\00\\FF"',
            "  // CHECK: pvm.func @main",
            "  pvm.func @main {",
            f"    %ra = pvm.load_imm 0 : {R(0)}",
            f"    %sp = pvm.load_imm 4096 : {R(1)}",
            f"    %a = pvm.load_imm 1 : {R(7)}",
            f"    %b = pvm.load_imm 2 : {R(8)}",
            f"    %c = pvm.load_imm 3 : {R(9)}",
            f"    // CHECK: pvm.get_register : {R(10)}",
            f"    %in = pvm.get_register : {R(10)}",
            f"    pvm.jump ^bb1",
        ]
        out.append("  ^bb1:")
        out.append("    pvm.jump_table_entry 0")
        out.append("    pvm.jump_table_entry 1")
        for line in straight:
            out.append(f"    // CHECK: {check_line(line)}")
            out.append(f"    {line}")
        out.append(f"    pvm.jump ^bb2(%c : {R(9)})")
        out.append(f"  ^bb2(%arg : {R(9)}):")
        out.append(f"    pvm.fallthrough ^bb3")
        # Each terminator gets a block of its own; a call's continuation (the
        # next block) is a return site with a jump-table entry.
        entries = 2
        for i, line in enumerate(terms):
            out.append(f"  ^bb{i + 3}:")
            if i > 0 and "{next}" in terms[i - 1]:
                out.append(f"    pvm.jump_table_entry {entries}")
                entries += 1
            line = line.replace("{next}", f"bb{i + 4}")
            out.append(f"    // CHECK: {check_line(line)}")
            out.append(f"    {line}")
        out += ["  }", "}"]
        return "\n".join(out) + "\n"
    return render(ops, PVM_CLASSES, PVM_TERMINATOR_CLASSES, PVM_SINGLE,
                  PVM_SINGLE_TERMINATORS, None, body)


def riscv_file():
    ops = mnemonics("include/grey/Dialect/RISCV/RISCVOps.td", "RISCV")
    def body(straight, terms):
        out = [
            "// RUN: grey-opt %s | grey-opt | FileCheck %s",
            "// RUN: grey-opt %s --mlir-print-op-generic | grey-opt | FileCheck %s",
            "// Generated by utils/generate-roundtrip-tests.py: every riscv op once.",
            "",
            "// CHECK-LABEL: riscv.program entry @main",
            "riscv.program entry @main {",
            '  // CHECK: riscv.segment @data at 69632 size 16 writable init "\\01\\02"',
            '  riscv.segment @data at 69632 size 16 writable init "\\01\\02"',
            "  // CHECK: riscv.code_pointer @main, 65560 at 69632 size 8",
            "  riscv.code_pointer @main, 65560 at 69632 size 8",
            "  // CHECK: riscv.code_pointer @main, 65560 at 69640 size 4 base 69640",
            "  riscv.code_pointer @main, 65560 at 69640 size 4 base 69640",
            "  // CHECK: riscv.func @callee at 65540",
            f"  riscv.func @callee at 65540 {{",
            f"  ^bb0(%ra: {Q('ra')}):",
            f"    riscv.jalr 0(%ra) [] : {Q('ra')}",
            "  }",
            "  // CHECK: riscv.func @main at 65536",
            f"  riscv.func @main at 65536 {{",
            f"  ^bb0(%ra: {Q('ra')}, %sp: {Q('sp')}, %t0: {Q('t0')}, %t1: {Q('t1')}, %a0: {Q('a0')}, %a1: {Q('a1')}):",
            f"    riscv.jal ^bb1",
            "  ^bb1:",
        ]
        for line in straight:
            out.append(f"    // CHECK: {check_line(line)}")
            out.append(f"    {line}")
        out.append(f"    riscv.jal ^bb2(%t1 : {Q('t1')})")
        out.append(f"  ^bb2(%arg : {Q('t1')}):")
        out.append("    // CHECK: riscv.code_label 65560")
        out.append("    riscv.code_label 65560")
        out.append(f"    riscv.jal ^bb3")
        for i, line in enumerate(terms):
            out.append(f"  ^bb{i + 3}:")
            out.append(f"    // CHECK: {check_line(line)}")
            out.append(f"    {line}")
        out += ["  }", "}"]
        return "\n".join(out) + "\n"
    return render(ops, RISCV_CLASSES, RISCV_TERMINATOR_CLASSES, RISCV_SINGLE,
                  RISCV_SINGLE_TERMINATORS, None, body)


if __name__ == "__main__":
    (ROOT / "test/Dialect/PVM/basic.mlir").write_text(pvm_file())
    (ROOT / "test/Dialect/RISCV/basic.mlir").write_text(riscv_file())
