// RUN: grey-opt %s --split-input-file --mlir-disable-threading --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-test-print-liveness)))' -o /dev/null | FileCheck %s

// A counted loop: the counter and the bound live around the back edge, the
// accumulator into the exit; a dead definition is live nowhere.
// CHECK-LABEL: liveness of @loop
// CHECK-NEXT: ^bb0: in {} out {r7, r8, r9}
// CHECK-NEXT:   pvm.load_imm: before {} after {r7}
// CHECK-NEXT:   pvm.load_imm: before {r7} after {r7, r8}
// CHECK-NEXT:   pvm.load_imm: before {r7, r8} after {r7, r8}
// CHECK-NEXT:   pvm.load_imm: before {r7, r8} after {r7, r8, r9}
// CHECK-NEXT:   pvm.jump: before {r7, r8, r9} after {r7, r8, r9}
// CHECK-NEXT: ^bb1: in {r7, r8, r9} out {r7, r8, r9}
// CHECK-NEXT:   pvm.add_64: before {r7, r8, r9} after {r7, r8, r9}
// CHECK-NEXT:   pvm.add_imm_64: before {r7, r8, r9} after {r7, r8, r9}
// CHECK-NEXT:   pvm.branch_lt_u: before {r7, r8, r9} after {r7, r8, r9}
// CHECK-NEXT: ^bb2: in {r9} out {}
// CHECK-NEXT:   pvm.ecalli: before {r9} after {} across {}
// CHECK-NEXT:   pvm.trap: before {} after {}
pvm.program entry @loop stack 0 heap 0 layout current {
  pvm.func @loop {
    %i0 = pvm.load_imm 0 : !pvm.reg<r7>
    %n = pvm.load_imm 10 : !pvm.reg<r8>
    %dead = pvm.load_imm 5 : !pvm.reg<r10>
    %s0 = pvm.load_imm 0 : !pvm.reg<r9>
    pvm.jump ^bb1(%i0, %s0 : !pvm.reg<r7>, !pvm.reg<r9>)
  ^bb1(%i: !pvm.reg<r7>, %s: !pvm.reg<r9>):
    %s1 = pvm.add_64 %s, %i : (!pvm.reg<r9>, !pvm.reg<r7>) -> !pvm.reg<r9>
    %i1 = pvm.add_imm_64 %i, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.branch_lt_u %i1, %n, ^bb1(%i1, %s1 : !pvm.reg<r7>, !pvm.reg<r9>), ^bb2 : !pvm.reg<r7>, !pvm.reg<r8>
  ^bb2:
    %r = pvm.ecalli 0(%s1) : (!pvm.reg<r9>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// A call: the stack pointer and a callee-saved register live across it,
// its arguments are live before it and not after, and the return site sees
// what the callee writes.
// CHECK-LABEL: liveness of @caller
// CHECK-NEXT: ^bb0: in {} out {r0, r1, r5, r7}
// CHECK-NEXT:   pvm.get_register: before {} after {}
// CHECK:        pvm.call: before {r1, r5, r7, r8} after {r0, r1, r5, r7} across {r1, r5}
// CHECK-NEXT: ^bb1: in {r0, r1, r5, r7} out {}
// CHECK-NEXT:   pvm.jump_table_entry: before {r0, r1, r5, r7} after {r0, r1, r5, r7}
// CHECK-NEXT:   pvm.add_64: before {r0, r1, r5, r7} after {r0, r1, r7}
// CHECK-NEXT:   pvm.jump_ind: before {r0, r1, r7} after {} across {}
// CHECK-LABEL: liveness of @callee
// CHECK-NEXT: ^bb0: in {} out {}
// CHECK-NEXT:   pvm.get_register: before {} after {r0}
// CHECK-NEXT:   pvm.get_register: before {r0} after {r0, r7}
// CHECK-NEXT:   pvm.jump_ind: before {r0, r7} after {} across {}
pvm.program entry @caller stack 0 heap 0 layout current {
  pvm.func @caller {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %a0 = pvm.load_imm 1 : !pvm.reg<r7>
    %a1 = pvm.load_imm 2 : !pvm.reg<r8>
    %link, %ret = pvm.call @callee(%sp, %a0, %a1), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r8>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %sum = pvm.add_64 %ret, %s0 : (!pvm.reg<r7>, !pvm.reg<r5>) -> !pvm.reg<r7>
    pvm.jump_ind %link, 0 uses(%sp, %sum : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %a0 = pvm.get_register : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%a0 : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// An indirect jump through a switch table: each target's live-in values
// are live at the jump, and nothing after it.
// CHECK-LABEL: liveness of @switch
// CHECK-NEXT: ^bb0: in {} out {r7, r9}
// CHECK:        pvm.jump_ind: before {r7, r8, r9} after {r7, r9} across {r7, r9}
// CHECK-NEXT: ^bb1: in {r7} out {}
// CHECK:      ^bb2: in {r9} out {}
pvm.program entry @switch stack 0 heap 0 layout current {
  pvm.func @switch {
    %x = pvm.load_imm 7 : !pvm.reg<r7>
    %t = pvm.load_imm 2 : !pvm.reg<r8>
    %y = pvm.load_imm 9 : !pvm.reg<r9>
    pvm.jump_ind %t, 0 [^bb1, ^bb2] : !pvm.reg<r8>
  ^bb1:
    pvm.jump_table_entry 0
    %r = pvm.ecalli 0(%x) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  ^bb2:
    pvm.jump_table_entry 1
    %q = pvm.ecalli 0(%y) : (!pvm.reg<r9>) -> !pvm.reg<r7>
    pvm.trap
  }
}
