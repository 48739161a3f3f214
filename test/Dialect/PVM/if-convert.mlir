// RUN: grey-opt %s --split-input-file --pvm-if-convert --pvm-verify-registers | FileCheck %s

// A triangle: the branch's target is the join, its `next` an arm of one
// add. The add is computed unconditionally into a register of its own, the
// condition into another (set_lt_u for an unsigned `<`), and `cmov_iz`
// keeps the join's value where the branch would have gone to the join; the
// copy it overwrites is the value already in the join's register (r7). The
// join is appended.
// CHECK-LABEL: pvm.func @triangle
// CHECK:         %[[Y:.*]] = pvm.add_64 %[[A:.*]], %[[C:.*]] : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<[[RY:r[0-9]+]]>
// CHECK-NEXT:    %[[LT:.*]] = pvm.set_lt_u %[[A]], %[[C]] : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<[[RC:r[0-9]+]]>
// CHECK-NEXT:    %[[P:.*]] = pvm.move_reg %[[A]] : (!pvm.reg<r7>) -> !pvm.reg<r7>
// CHECK-NEXT:    %[[S:.*]] = pvm.cmov_iz %[[Y]], %[[LT]], %[[P]] : !pvm.reg<[[RY]]>, !pvm.reg<[[RC]]>, !pvm.reg<r7>
// CHECK-NEXT:    pvm.jump_ind %{{.*}}, 0 uses(%[[S]] : !pvm.reg<r7>)
// CHECK-NEXT:  }
pvm.program entry @triangle stack 0 heap 0 layout current {
  pvm.func @triangle {
    %a = pvm.get_register : !pvm.reg<r7>
    %c = pvm.get_register : !pvm.reg<r8>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_lt_u %a, %c, ^join(%a : !pvm.reg<r7>), ^arm(%a : !pvm.reg<r7>) : !pvm.reg<r7>, !pvm.reg<r8>
  ^arm(%x: !pvm.reg<r7>):
    %y = pvm.add_64 %x, %c : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.fallthrough ^join(%y : !pvm.reg<r7>)
  ^join(%z: !pvm.reg<r7>):
    pvm.jump_ind %b, 0 uses(%z : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// A diamond whose one arm is a constant: the condition `a == 5` becomes
// `a ^ 5` (zero exactly when the branch is taken) and the constant the
// immediate of `cmov_iz_imm`; the load_imm goes.
// CHECK-LABEL: pvm.func @diamond
// CHECK:         %[[SH:.*]] = pvm.shlo_l_imm_64 %[[A:.*]], 3
// CHECK-NEXT:    %[[X:.*]] = pvm.xor_imm %[[A]], 5
// CHECK-NEXT:    %[[P:.*]] = pvm.move_reg %[[SH]] : (!pvm.reg<{{r[0-9]+}}>) -> !pvm.reg<r7>
// CHECK-NEXT:    %[[S:.*]] = pvm.cmov_iz_imm %[[X]], 100, %[[P]]
// CHECK-NEXT:    pvm.add_imm_64 %[[S]], 1
// CHECK-NEXT:    pvm.jump_ind
// CHECK-NOT:     pvm.load_imm
pvm.program entry @diamond stack 0 heap 0 layout current {
  pvm.func @diamond {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_eq_imm %a, 5, ^left(%a : !pvm.reg<r7>), ^right(%a : !pvm.reg<r7>) : !pvm.reg<r7>
  ^right(%x: !pvm.reg<r7>):
    %y = pvm.shlo_l_imm_64 %x, 3 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump ^join(%y : !pvm.reg<r7>)
  ^left(%u: !pvm.reg<r7>):
    %v = pvm.load_imm 100 : !pvm.reg<r7>
    pvm.jump ^join(%v : !pvm.reg<r7>)
  ^join(%z: !pvm.reg<r7>):
    %w = pvm.add_imm_64 %z, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump_ind %b, 0 uses(%w : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// An arm with a load (which could fault) is not computed unconditionally.
// CHECK-LABEL: pvm.func @load
// CHECK:         pvm.branch_eq_imm
// CHECK:         pvm.load_ind_u64
pvm.program entry @load stack 0 heap 0 layout current {
  pvm.func @load {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_eq_imm %a, 0, ^join(%a : !pvm.reg<r7>), ^arm(%a : !pvm.reg<r7>) : !pvm.reg<r7>
  ^arm(%x: !pvm.reg<r7>):
    %y = pvm.load_ind_u64 %x, 0 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.fallthrough ^join(%y : !pvm.reg<r7>)
  ^join(%z: !pvm.reg<r7>):
    pvm.jump_ind %b, 0 uses(%z : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// An arm of a 60-cycle division costs more unconditionally than the
// branch saves: the branch stays.
// CHECK-LABEL: pvm.func @divide
// CHECK:         pvm.branch_eq_imm
// CHECK:         pvm.div_u_64
pvm.program entry @divide stack 0 heap 0 layout current {
  pvm.func @divide {
    %a = pvm.get_register : !pvm.reg<r7>
    %c = pvm.get_register : !pvm.reg<r8>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_eq_imm %c, 0, ^join(%a : !pvm.reg<r7>), ^arm(%a : !pvm.reg<r7>) : !pvm.reg<r8>
  ^arm(%x: !pvm.reg<r7>):
    %y = pvm.div_u_64 %x, %c : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.fallthrough ^join(%y : !pvm.reg<r7>)
  ^join(%z: !pvm.reg<r7>):
    pvm.jump_ind %b, 0 uses(%z : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// No register is free for the add's copy (every one holds a value the
// join needs): the branch stays.
// CHECK-LABEL: pvm.func @crowded
// CHECK:         pvm.branch_lt_u
pvm.program entry @crowded stack 0 heap 0 layout current {
  pvm.func @crowded {
    %r0 = pvm.get_register : !pvm.reg<r0>
    %r1 = pvm.get_register : !pvm.reg<r1>
    %r2 = pvm.get_register : !pvm.reg<r2>
    %r3 = pvm.get_register : !pvm.reg<r3>
    %r4 = pvm.get_register : !pvm.reg<r4>
    %r5 = pvm.get_register : !pvm.reg<r5>
    %r6 = pvm.get_register : !pvm.reg<r6>
    %a = pvm.get_register : !pvm.reg<r7>
    %c = pvm.get_register : !pvm.reg<r8>
    %r9 = pvm.get_register : !pvm.reg<r9>
    %r10 = pvm.get_register : !pvm.reg<r10>
    %r11 = pvm.get_register : !pvm.reg<r11>
    %r12 = pvm.get_register : !pvm.reg<r12>
    pvm.branch_lt_u %a, %c, ^join(%a : !pvm.reg<r7>), ^arm(%a : !pvm.reg<r7>) : !pvm.reg<r7>, !pvm.reg<r8>
  ^arm(%x: !pvm.reg<r7>):
    %y = pvm.add_64 %x, %c : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.fallthrough ^join(%y : !pvm.reg<r7>)
  ^join(%z: !pvm.reg<r7>):
    pvm.jump_ind %r0, 0 uses(%r1, %r2, %r3, %r4, %r5, %r6, %z, %c, %r9, %r10, %r11, %r12 : !pvm.reg<r1>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>) [] : !pvm.reg<r0>
  }
}
