// RUN: grey-opt %s --split-input-file --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-test-print-loops)))' -o /dev/null | FileCheck %s

// An up-counting 64-bit loop with an immediate bound (its latch a block of
// its own), inside a down-counting 32-bit loop whose bound is a register
// set before it and forwarded through the inner loop unchanged.
// CHECK-LABEL: loops of @nested: 2
// CHECK-NEXT:  loop ^bb1 depth 1
// CHECK-NEXT:    blocks ^bb1 ^bb2 ^bb3 ^bb4
// CHECK-NEXT:    latches ^bb4
// CHECK-NEXT:    exits ^bb5
// CHECK-NEXT:    preheader ^bb0
// CHECK-NEXT:    counter ^bb1#0 !pvm.reg<r7> step -1 (32-bit) from load_imm !pvm.reg<r7>
// CHECK-NEXT:    exit test branch_lt_s in ^bb4: counter ^bb1#0 !pvm.reg<r7> after its step on the right vs ^bb1#1 !pvm.reg<r9>, leaves when false
// CHECK-NEXT:  loop ^bb2 depth 2
// CHECK-NEXT:    blocks ^bb2 ^bb3
// CHECK-NEXT:    latches ^bb3
// CHECK-NEXT:    exits ^bb4
// CHECK-NEXT:    preheader ^bb1
// CHECK-NEXT:    counter ^bb2#2 !pvm.reg<r8> step 4 from load_imm !pvm.reg<r8>
// CHECK-NEXT:    exit test branch_ge_u_imm in ^bb2: counter ^bb2#2 !pvm.reg<r8> after its step vs 64, leaves when true
pvm.program entry @nested stack 0 heap 0 layout current {
  pvm.func @nested {
    %n = pvm.load_imm 10 : !pvm.reg<r7>
    %lo = pvm.load_imm 0 : !pvm.reg<r9>
    pvm.fallthrough ^bb1(%n, %lo : !pvm.reg<r7>, !pvm.reg<r9>)
  ^bb1(%i: !pvm.reg<r7>, %bound: !pvm.reg<r9>):
    %j0 = pvm.load_imm 0 : !pvm.reg<r8>
    pvm.fallthrough ^bb2(%i, %bound, %j0 : !pvm.reg<r7>, !pvm.reg<r9>, !pvm.reg<r8>)
  ^bb2(%i2: !pvm.reg<r7>, %b2: !pvm.reg<r9>, %j: !pvm.reg<r8>):
    pvm.store_ind_u32 %i2, %j, 4096 : !pvm.reg<r7>, !pvm.reg<r8>
    %j1 = pvm.add_imm_64 %j, 4 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    pvm.branch_ge_u_imm %j1, 64, ^bb3(%i2, %b2 : !pvm.reg<r7>, !pvm.reg<r9>), ^bb2x(%i2, %b2, %j1 : !pvm.reg<r7>, !pvm.reg<r9>, !pvm.reg<r8>) : !pvm.reg<r8>
  ^bb2x(%i3: !pvm.reg<r7>, %b3: !pvm.reg<r9>, %j3: !pvm.reg<r8>):
    pvm.jump ^bb2(%i3, %b3, %j3 : !pvm.reg<r7>, !pvm.reg<r9>, !pvm.reg<r8>)
  ^bb3(%i4: !pvm.reg<r7>, %b4: !pvm.reg<r9>):
    %i5 = pvm.add_imm_32 %i4, -1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.branch_lt_s %b4, %i5, ^bb1(%i5, %b4 : !pvm.reg<r7>, !pvm.reg<r9>), ^bb4 : !pvm.reg<r9>, !pvm.reg<r7>
  ^bb4:
    pvm.trap
  }
}

// -----

// Two ways in (no preheader); a counter copied by move_reg before it comes
// back; a bound the loop changes is no exit test; a register the loop
// changes by a varying amount is no counter.
// CHECK-LABEL: loops of @entries: 1
// CHECK-NEXT:  loop ^bb3 depth 1
// CHECK-NEXT:    blocks ^bb3 ^bb4
// CHECK-NEXT:    latches ^bb4
// CHECK-NEXT:    exits ^bb5
// CHECK-NEXT:    preheader none
// CHECK-NEXT:    counter ^bb3#0 !pvm.reg<r7> step 8 from unknown
// CHECK-NEXT:    exit test branch_ne_imm in ^bb4: counter ^bb3#0 !pvm.reg<r7> vs 0, leaves when false
// CHECK-NOT:     counter
// CHECK-NOT:     exit test
pvm.program entry @entries stack 0 heap 0 layout current {
  pvm.func @entries {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r8>
    pvm.fallthrough ^bb1
  ^bb1:
    pvm.branch_eq_imm %a, 0, ^bb3(%a, %b : !pvm.reg<r7>, !pvm.reg<r8>), ^bb2 : !pvm.reg<r7>
  ^bb2:
    %c = pvm.load_imm 16 : !pvm.reg<r7>
    pvm.fallthrough ^bb3(%c, %b : !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb3(%i: !pvm.reg<r7>, %x: !pvm.reg<r8>):
    %i1 = pvm.add_imm_64 %i, 8 : (!pvm.reg<r7>) -> !pvm.reg<r9>
    %i2 = pvm.move_reg %i1 : (!pvm.reg<r9>) -> !pvm.reg<r7>
    %x1 = pvm.add_64 %x, %i : (!pvm.reg<r8>, !pvm.reg<r7>) -> !pvm.reg<r8>
    pvm.branch_lt_u %i, %x1, ^bb4, ^bb3x(%i2, %x1 : !pvm.reg<r7>, !pvm.reg<r8>) : !pvm.reg<r7>, !pvm.reg<r8>
  ^bb3x(%i3: !pvm.reg<r7>, %x3: !pvm.reg<r8>):
    pvm.branch_ne_imm %i, 0, ^bb3(%i3, %x3 : !pvm.reg<r7>, !pvm.reg<r8>), ^bb4 : !pvm.reg<r7>
  ^bb4:
    pvm.trap
  }
}
