// RUN: grey-opt %s --split-input-file --pass-pipeline='builtin.module(pvm.program(pvm-promote-stack-slots), pvm.program(pvm.func(pvm-allocate-registers, pvm-verify-registers)))' | FileCheck %s

// A loop counter kept in a frame slot (frame-24) lives in a register: the
// stores and loads are gone, the loop header receives the counter as an
// argument, and the load after the loop is a move of it. The 4-byte stores
// at frame-32 and frame-4 stay (only whole 8-byte slots move); they prove
// the frame's page mapped, so the slot's accesses cannot fault.
// CHECK-LABEL: pvm.func @counter
// CHECK:         %[[SP:.*]] = pvm.add_imm_64 %{{.*}}, -32
// CHECK-NEXT:    pvm.store_ind_u32 %{{.*}}, %[[SP]], 0
// CHECK-NEXT:    pvm.store_ind_u32 %{{.*}}, %[[SP]], 28
// CHECK-NEXT:    %[[Z:.*]] = pvm.load_imm 0 : !pvm.reg<r8>
// CHECK-NEXT:    pvm.jump ^bb1(%[[Z]] : !pvm.reg<r8>)
// CHECK:       ^bb1(%[[I:.*]]: !pvm.reg<r8>):
// CHECK-NEXT:    %[[I1:.*]] = pvm.add_imm_64 %[[I]], 1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
// CHECK-NEXT:    pvm.branch_lt_u %[[I1]], %{{.*}}, ^bb1(%[[I1]] : !pvm.reg<r8>), ^bb2
// CHECK:       ^bb2:
// CHECK-NEXT:    %[[R:.*]] = pvm.move_reg %[[I1]] : (!pvm.reg<r8>) -> !pvm.reg<r7>
// CHECK-NOT:     load_ind_u64
// CHECK-NOT:     store_ind_u64
// CHECK:         pvm.jump_ind
pvm.program entry @counter stack 4096 heap 0 layout current {
  pvm.func @counter {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %n = pvm.get_register : !pvm.reg<r7>
    %sp = pvm.add_imm_64 %sp0, -32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u32 %n, %sp, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u32 %n, %sp, 28 : !pvm.reg<r7>, !pvm.reg<r1>
    %z = pvm.load_imm 0 : !pvm.reg<r8>
    pvm.store_ind_u64 %z, %sp, 8 : !pvm.reg<r8>, !pvm.reg<r1>
    pvm.jump ^bb1
  ^bb1:
    %i = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %i1 = pvm.add_imm_64 %i, 1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    pvm.store_ind_u64 %i1, %sp, 8 : !pvm.reg<r8>, !pvm.reg<r1>
    pvm.branch_lt_u %i1, %n, ^bb1, ^bb2 : !pvm.reg<r8>, !pvm.reg<r7>
  ^bb2:
    %r = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    %sp1 = pvm.add_imm_64 %sp, 32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// Callee-save traffic: s0 (r5) is saved on entry and restored on return,
// but only one path changes it. The saved value moves to a free register
// (r2) instead of the stack, and the restore is a move back; both paths
// meet with the same copy, so the return block needs no argument.
// CHECK-LABEL: pvm.func @save_s0
// CHECK:         %[[S0:.*]] = pvm.get_register : !pvm.reg<r5>
// CHECK:         pvm.store_ind_u32
// CHECK-NEXT:    pvm.store_ind_u32
// CHECK-NEXT:    %[[COPY:.*]] = pvm.move_reg %[[S0]] : (!pvm.reg<r5>) -> !pvm.reg<r2>
// CHECK-NEXT:    pvm.branch_eq_imm
// CHECK:       ^bb1:
// CHECK-NEXT:    pvm.add_imm_64 %{{.*}}, 5 : (!pvm.reg<r7>) -> !pvm.reg<r5>
// CHECK:       ^bb2(%{{.*}}: !pvm.reg<r7>):
// CHECK-NEXT:    %[[BACK:.*]] = pvm.move_reg %[[COPY]] : (!pvm.reg<r2>) -> !pvm.reg<r5>
// CHECK-NOT:     load_ind_u64
// CHECK:         pvm.jump_ind %{{.*}}, 0 uses(%{{.*}}, %[[BACK]],
pvm.program entry @save_s0 stack 4096 heap 0 layout current {
  pvm.func @save_s0 {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %x = pvm.get_register : !pvm.reg<r7>
    %sp = pvm.add_imm_64 %sp0, -24 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u32 %x, %sp, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u32 %x, %sp, 20 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u64 %s0, %sp, 8 : !pvm.reg<r5>, !pvm.reg<r1>
    pvm.branch_eq_imm %x, 0, ^bb2(%x : !pvm.reg<r7>), ^bb1 : !pvm.reg<r7>
  ^bb1:
    %t = pvm.add_imm_64 %x, 5 : (!pvm.reg<r7>) -> !pvm.reg<r5>
    %y = pvm.add_64 %t, %t : (!pvm.reg<r5>, !pvm.reg<r5>) -> !pvm.reg<r7>
    pvm.jump ^bb2(%y : !pvm.reg<r7>)
  ^bb2(%v: !pvm.reg<r7>):
    %s = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r5>
    %sp1 = pvm.add_imm_64 %sp, 24 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1, %s, %v : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// What stays: a slot read before anything is stored (its bytes come from
// before the call), a slot that a 4-byte load reads part of, a slot whose
// accesses nothing proves mapped (the first store could fault), and a slot
// whose address is passed to a host call (the frame escapes: every slot of
// @escapes stays).
// CHECK-LABEL: pvm.func @stays
// CHECK:         pvm.load_ind_u64 %{{.*}}, 0
// CHECK:         pvm.store_ind_u64 %{{.*}}, %{{.*}}, 0
// CHECK:         pvm.store_ind_u64 %{{.*}}, %{{.*}}, 8
// CHECK:         pvm.load_ind_u32 %{{.*}}, 8
// CHECK:         pvm.load_ind_u64 %{{.*}}, 8
// CHECK-LABEL: pvm.func @unproven
// CHECK:         pvm.store_ind_u64 %{{.*}}, %{{.*}}, 0
// CHECK:         pvm.load_ind_u64 %{{.*}}, 0
// CHECK-LABEL: pvm.func @escapes
// CHECK:         pvm.store_ind_u64 %{{.*}}, %{{.*}}, 8
// CHECK:         pvm.ecalli
// CHECK:         pvm.load_ind_u64 %{{.*}}, 8
pvm.program entry @stays stack 4096 heap 0 layout current {
  pvm.func @stays {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %x = pvm.get_register : !pvm.reg<r7>
    %sp = pvm.add_imm_64 %sp0, -32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u32 %x, %sp, 28 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u32 %x, %sp, 16 : !pvm.reg<r7>, !pvm.reg<r1>
    %a = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    pvm.store_ind_u64 %x, %sp, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp, 8 : !pvm.reg<r7>, !pvm.reg<r1>
    %b = pvm.load_ind_u32 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r9>
    %c = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r10>
    %sp1 = pvm.add_imm_64 %sp, 32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1, %a, %b, %c : !pvm.reg<r1>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>) [] : !pvm.reg<r0>
  }
  pvm.func @unproven {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %x = pvm.get_register : !pvm.reg<r7>
    %sp = pvm.add_imm_64 %sp0, -8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    %y = pvm.add_imm_64 %x, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %sp1 = pvm.add_imm_64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1, %a, %y : !pvm.reg<r1>, !pvm.reg<r8>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @escapes {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %x = pvm.get_register : !pvm.reg<r7>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u32 %x, %sp, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u32 %x, %sp, 12 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp, 8 : !pvm.reg<r7>, !pvm.reg<r1>
    %p = pvm.move_reg %sp : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %r = pvm.ecalli 1(%p) : (!pvm.reg<r8>) -> !pvm.reg<r7>
    %a = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %sp1 = pvm.add_imm_64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1, %a, %r : !pvm.reg<r1>, !pvm.reg<r8>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// No register is free over the slot's life: every register but the stack
// pointer holds a value the return reads, so the spill stays.
// CHECK-LABEL: pvm.func @full
// CHECK:         pvm.store_ind_u64 %{{.*}}, %{{.*}}, 8
// CHECK:         pvm.load_ind_u64 %{{.*}}, 8
pvm.program entry @full stack 4096 heap 0 layout current {
  pvm.func @full {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
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
    %sp = pvm.add_imm_64 %sp0, -24 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u32 %r7, %sp, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u32 %r7, %sp, 20 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u64 %r12, %sp, 8 : !pvm.reg<r12>, !pvm.reg<r1>
    %t = pvm.add_imm_64 %r12, 1 : (!pvm.reg<r12>) -> !pvm.reg<r12>
    %u = pvm.add_64 %t, %r11 : (!pvm.reg<r12>, !pvm.reg<r11>) -> !pvm.reg<r11>
    %back = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r12>
    %sp1 = pvm.add_imm_64 %sp, 24 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1, %r2, %r3, %r4, %r5, %r6, %r7, %r8, %r9, %r10, %u, %back : !pvm.reg<r1>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>) [] : !pvm.reg<r0>
  }
}
