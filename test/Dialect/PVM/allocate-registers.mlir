// RUN: grey-opt %s --split-input-file --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-allocate-registers, pvm-verify-registers)))' --verify-diagnostics | FileCheck %s

// A value takes a register no interfering value holds: t0 (r2) is live
// across it, so t1 (r3).
// CHECK-LABEL: pvm.func @straight
// CHECK:         %[[V:.*]] = pvm.load_ind_u64 %{{.*}}, 0 : (!pvm.reg<r1>) -> !pvm.reg<r3>
// CHECK-NEXT:    pvm.store_ind_u64 %[[V]], %{{.*}}, 8 : !pvm.reg<r3>, !pvm.reg<r1>
pvm.program entry @straight stack 0 heap 0 layout current {
  pvm.func @straight {
    %sp = pvm.get_register : !pvm.reg<r1>
    %t0 = pvm.get_register : !pvm.reg<r2>
    %v = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg
    pvm.store_ind_u64 %v, %sp, 8 : !pvm.reg, !pvm.reg<r1>
    pvm.store_ind_u64 %t0, %sp, 16 : !pvm.reg<r2>, !pvm.reg<r1>
    pvm.trap
  }
}

// -----

// A value copied into a register takes that register when it is free
// there, and the copy disappears; a register written while the value is
// live (r9, even by a result nobody reads) is not free.
// CHECK-LABEL: pvm.func @coalesce
// CHECK-NEXT:    %[[X:.*]] = pvm.get_register : !pvm.reg<r7>
// CHECK-NEXT:    %[[U:.*]] = pvm.add_imm_64 %[[X]], 1 : (!pvm.reg<r7>) -> !pvm.reg<r8>
// CHECK-NEXT:    %{{.*}} = pvm.load_imm 3 : !pvm.reg<r9>
// CHECK-NEXT:    %{{.*}} = pvm.ecalli 0(%[[U]]) : (!pvm.reg<r8>) -> !pvm.reg<r12>
// CHECK-NEXT:    %[[W:.*]] = pvm.add_imm_64 %[[X]], 2 : (!pvm.reg<r7>) -> !pvm.reg<r2>
// CHECK-NEXT:    %{{.*}} = pvm.load_imm 4 : !pvm.reg<r9>
// CHECK-NEXT:    %{{.*}} = pvm.move_reg %[[W]] : (!pvm.reg<r2>) -> !pvm.reg<r9>
pvm.program entry @coalesce stack 0 heap 0 layout current {
  pvm.func @coalesce {
    %x = pvm.get_register : !pvm.reg<r7>
    %u = pvm.add_imm_64 %x, 1 : (!pvm.reg<r7>) -> !pvm.reg
    %d = pvm.load_imm 3 : !pvm.reg<r9>
    %m = pvm.move_reg %u : (!pvm.reg) -> !pvm.reg<r8>
    %r = pvm.ecalli 0(%m) : (!pvm.reg<r8>) -> !pvm.reg<r12>
    %w = pvm.add_imm_64 %x, 2 : (!pvm.reg<r7>) -> !pvm.reg
    %e = pvm.load_imm 4 : !pvm.reg<r9>
    %n = pvm.move_reg %w : (!pvm.reg) -> !pvm.reg<r9>
    %s = pvm.ecalli 0(%n) : (!pvm.reg<r9>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// A block argument takes the register its values arrive in when it can
// (no move). When they arrive in different registers, it matches a
// branch's taken edge first, so the not-taken edge gets the move, on a
// block of its own laid out right after the branch (a fall-through costs
// less than a jump).
// CHECK-LABEL: pvm.func @arguments
// CHECK:         pvm.branch_eq_imm %{{.*}}, 0, ^bb2(%{{.*}} : !pvm.reg<r8>), ^bb1 : !pvm.reg<r7>
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    %[[M:.*]] = pvm.move_reg %{{.*}} : (!pvm.reg<r9>) -> !pvm.reg<r8>
// CHECK-NEXT:    pvm.fallthrough ^bb2(%[[M]] : !pvm.reg<r8>)
// CHECK-NEXT:  ^bb2(%[[A:.*]]: !pvm.reg<r8>):
// CHECK-NEXT:    pvm.store_u64 %[[A]], 4096 : !pvm.reg<r8>
pvm.program entry @arguments stack 0 heap 0 layout current {
  pvm.func @arguments {
    %c = pvm.get_register : !pvm.reg<r7>
    %a = pvm.get_register : !pvm.reg<r8>
    %b = pvm.get_register : !pvm.reg<r9>
    pvm.branch_eq_imm %c, 0, ^bb1(%a : !pvm.reg<r8>), ^bb1(%b : !pvm.reg<r9>) : !pvm.reg<r7>
  ^bb1(%x: !pvm.reg):
    pvm.store_u64 %x, 4096 : !pvm.reg
    pvm.trap
  }
}

// -----

// Two values that must trade registers on one edge: three xors swap them
// without a scratch register, before the jump.
// CHECK-LABEL: pvm.func @swap
// CHECK-NEXT:    %[[A:.*]] = pvm.get_register : !pvm.reg<r7>
// CHECK-NEXT:    %[[B:.*]] = pvm.get_register : !pvm.reg<r8>
// CHECK-NEXT:    pvm.branch_eq_imm %[[A]], 0, ^bb2(%[[A]], %[[B]] : !pvm.reg<r7>, !pvm.reg<r8>), ^bb1
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    %[[X1:.*]] = pvm.xor %[[B]], %[[A]] : (!pvm.reg<r8>, !pvm.reg<r7>) -> !pvm.reg<r8>
// CHECK-NEXT:    %[[X2:.*]] = pvm.xor %[[A]], %[[X1]] : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r7>
// CHECK-NEXT:    %[[X3:.*]] = pvm.xor %[[X1]], %[[X2]] : (!pvm.reg<r8>, !pvm.reg<r7>) -> !pvm.reg<r8>
// CHECK-NEXT:    pvm.jump ^bb2(%[[X2]], %[[X3]] : !pvm.reg<r7>, !pvm.reg<r8>)
pvm.program entry @swap stack 0 heap 0 layout current {
  pvm.func @swap {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r8>
    pvm.branch_eq_imm %a, 0, ^bb2(%a, %b : !pvm.reg<r7>, !pvm.reg<r8>), ^bb1 : !pvm.reg<r7>
  ^bb1:
    pvm.jump ^bb2(%b, %a : !pvm.reg<r8>, !pvm.reg<r7>)
  ^bb2(%x: !pvm.reg, %y: !pvm.reg):
    %d = pvm.sub_64 %x, %y : (!pvm.reg, !pvm.reg) -> !pvm.reg<r7>
    %r = pvm.ecalli 0(%d) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// With every register holding a live value there is none left: the pass
// reports it (the pass that made the value should have asked first).
pvm.program entry @full stack 0 heap 0 layout current {
  pvm.func @full {
    %r0 = pvm.get_register : !pvm.reg<r0>
    %r1 = pvm.get_register : !pvm.reg<r1>
    %r2 = pvm.get_register : !pvm.reg<r2>
    %r3 = pvm.get_register : !pvm.reg<r3>
    %r4 = pvm.get_register : !pvm.reg<r4>
    %r5 = pvm.get_register : !pvm.reg<r5>
    %r6 = pvm.get_register : !pvm.reg<r6>
    %r7 = pvm.get_register : !pvm.reg<r7>
    %r8 = pvm.get_register : !pvm.reg<r8>
    %r9 = pvm.get_register : !pvm.reg<r9>
    %r10 = pvm.get_register : !pvm.reg<r10>
    %r11 = pvm.get_register : !pvm.reg<r11>
    %r12 = pvm.get_register : !pvm.reg<r12>
    // expected-error @+1 {{no register is free for this value}}
    %v = pvm.add_64 %r7, %r8 : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg
    pvm.store_ind_u64 %v, %r1, 0 : !pvm.reg, !pvm.reg<r1>
    %o = pvm.ecalli 0(%r0, %r1, %r2, %r3, %r4, %r5, %r6, %r7, %r8, %r9, %r10, %r11, %r12) : (!pvm.reg<r0>, !pvm.reg<r1>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

pvm.program entry @abi stack 0 heap 0 layout current {
  pvm.func @abi {
    %x = pvm.load_imm 1 : !pvm.reg
    // expected-error @+1 {{reads an unallocated value where the ABI fixes the register}}
    %r = pvm.ecalli 0(%x) : (!pvm.reg) -> !pvm.reg<r7>
    pvm.trap
  }
}
