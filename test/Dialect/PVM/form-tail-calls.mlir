// RUN: grey-opt %s --split-input-file --pvm-form-tail-calls --pvm-verify-registers | FileCheck %s
// RUN: grey-opt %s --split-input-file --pvm-form-tail-calls --remarks-filter=pvm-form-tail-calls 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK

// The call's return site reloads the return address and r5 and pops the
// frame: those now run before the call, which becomes a tail call passing
// the callee's argument, the popped stack pointer, r5 and the return
// address. The return site's entry is retired.
// CHECK-LABEL: pvm.func @caller
// CHECK:         %[[F:.*]] = pvm.add_imm_64 %{{.*}}, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK:         %[[B:.*]] = pvm.add_64
// CHECK-NEXT:    %[[RA:.*]] = pvm.load_ind_u64 %[[F]], 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
// CHECK-NEXT:    %[[S0:.*]] = pvm.load_ind_u64 %[[F]], 0 : (!pvm.reg<r1>) -> !pvm.reg<r5>
// CHECK-NEXT:    %[[SP:.*]] = pvm.add_imm_64 %[[F]], 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK-NEXT:    pvm.tail_call @callee uses(%[[SP]], %[[S0]], %[[RA]], %[[B]] : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r0>, !pvm.reg<r7>)
// CHECK-NEXT:  }
// CHECK-LABEL: pvm.func @__grey_retired_entries
// CHECK-NEXT:    pvm.jump_table_entry 0
// CHECK-NEXT:    pvm.trap
// REMARK: remark: [Passed] TailCall | Category:pvm-form-tail-calls | Remark="the call of @callee in @caller is now a tail call"
pvm.program entry @caller stack 4096 heap 0 layout current {
  pvm.func @caller {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %a = pvm.get_register : !pvm.reg<r7>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.store_ind_u64 %s0, %f, 0 : !pvm.reg<r5>, !pvm.reg<r1>
    %k = pvm.add_imm_64 %a, 1 : (!pvm.reg<r7>) -> !pvm.reg<r5>
    %b = pvm.add_64 %a, %k : (!pvm.reg<r7>, !pvm.reg<r5>) -> !pvm.reg<r7>
    %link, %d:2 = pvm.call @callee(%f, %b), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1:
    pvm.jump_table_entry 0
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %s02 = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %s02, %d#0, %d#1 : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>, !pvm.reg<r8>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    %c = pvm.add_imm_64 %a, 3 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %c : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The return sequence is shared with another path (clang's one epilogue):
// the call's path through it is copied before the call, block arguments
// replaced by what the path passes; the other path keeps the shared block.
// CHECK-LABEL: pvm.func @shared_epilogue
// CHECK:         ^bb1(%[[F:.*]]: !pvm.reg<r1>, %[[S0:.*]]: !pvm.reg<r5>):
// CHECK-NEXT:      %[[K:.*]] = pvm.move_reg %[[S0]] : (!pvm.reg<r5>) -> !pvm.reg<r6>
// CHECK-NEXT:      %[[RA:.*]] = pvm.load_ind_u64 %[[F]], 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
// CHECK-NEXT:      %[[SP:.*]] = pvm.add_imm_64 %[[F]], 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK-NEXT:      pvm.tail_call @callee uses(%[[SP]], %[[K]], %[[RA]] : !pvm.reg<r1>, !pvm.reg<r6>, !pvm.reg<r0>)
// CHECK-NEXT:    ^bb2(%{{.*}}: !pvm.reg<r1>, %{{.*}}: !pvm.reg<r7>, %{{.*}}: !pvm.reg<r5>):
// CHECK-NEXT:      pvm.move_reg
// CHECK-NEXT:      pvm.fallthrough ^bb3
// CHECK-NEXT:    ^bb3(%{{.*}}: !pvm.reg<r1>, %{{.*}}: !pvm.reg<r7>, %{{.*}}: !pvm.reg<r6>):
// CHECK-NEXT:      pvm.load_ind_u64
// CHECK-NEXT:      pvm.add_imm_64
// CHECK-NEXT:      pvm.jump_ind
// REMARK: remark: [Passed] TailCall | Category:pvm-form-tail-calls | Remark="the call of @callee in @shared_epilogue is now a tail call"
pvm.program entry @shared_epilogue stack 4096 heap 0 layout current {
  pvm.func @shared_epilogue {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %a = pvm.get_register : !pvm.reg<r7>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.branch_eq_imm %a, 0, ^bb1(%f, %s0 : !pvm.reg<r1>, !pvm.reg<r5>), ^bb3(%f, %a, %s0 : !pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r5>) : !pvm.reg<r7>
  ^bb1(%f1: !pvm.reg<r1>, %s01: !pvm.reg<r5>):
    %k = pvm.move_reg %s01 : (!pvm.reg<r5>) -> !pvm.reg<r6>
    %link, %d:2 = pvm.call @callee(%f1), ^bb2 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb2:
    pvm.jump_table_entry 0
    pvm.jump ^bb4(%f1, %d#0, %k : !pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r6>)
  ^bb3(%f3: !pvm.reg<r1>, %a3: !pvm.reg<r7>, %s03: !pvm.reg<r5>):
    %k3 = pvm.move_reg %s03 : (!pvm.reg<r5>) -> !pvm.reg<r6>
    pvm.fallthrough ^bb4(%f3, %a3, %k3 : !pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r6>)
  ^bb4(%f4: !pvm.reg<r1>, %r: !pvm.reg<r7>, %k4: !pvm.reg<r6>):
    %ra2 = pvm.load_ind_u64 %f4, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp2 = pvm.add_imm_64 %f4, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %r, %k4 : !pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r6>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %r = pvm.load_imm 2 : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// Two frames pop on the way out (an inlined callee's epilogue, then the
// function's own, shared with another path): the shared block's copy
// reads the stack pointer the continuation's copy computed.
// CHECK-LABEL: pvm.func @two_frames
// CHECK:         %[[IN:.*]] = pvm.add_imm_64 %{{.*}}, -8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK:         pvm.load_ind_u64 %[[IN]], 0 : (!pvm.reg<r1>) -> !pvm.reg<r0>
// CHECK-NEXT:    %[[MID:.*]] = pvm.add_imm_64 %[[IN]], 8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK-NEXT:    %[[RA:.*]] = pvm.load_ind_u64 %[[MID]], 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
// CHECK-NEXT:    %[[SP:.*]] = pvm.add_imm_64 %[[MID]], 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK-NEXT:    pvm.tail_call @callee uses(%[[SP]], %[[RA]] : !pvm.reg<r1>, !pvm.reg<r0>)
// REMARK: remark: [Passed] TailCall | Category:pvm-form-tail-calls | Remark="the call of @callee in @two_frames is now a tail call"
pvm.program entry @two_frames stack 4096 heap 0 layout current {
  pvm.func @two_frames {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.branch_eq_imm %a, 0, ^bb3(%f, %a : !pvm.reg<r1>, !pvm.reg<r7>), ^bb1(%f : !pvm.reg<r1>) : !pvm.reg<r7>
  ^bb1(%f1: !pvm.reg<r1>):
    %in = pvm.add_imm_64 %f1, -8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %link0 = pvm.load_imm 2 : !pvm.reg<r0>
    pvm.store_ind_u64 %link0, %in, 0 : !pvm.reg<r0>, !pvm.reg<r1>
    %link, %d:2 = pvm.call @callee(%in), ^bb2 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb2:
    pvm.jump_table_entry 0
    %ra1 = pvm.load_ind_u64 %in, 0 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %mid = pvm.add_imm_64 %in, 8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.fallthrough ^bb3(%mid, %d#0 : !pvm.reg<r1>, !pvm.reg<r7>)
  ^bb3(%f3: !pvm.reg<r1>, %r: !pvm.reg<r7>):
    %ra2 = pvm.load_ind_u64 %f3, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp2 = pvm.add_imm_64 %f3, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %r = pvm.load_imm 2 : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The shared return block copies the callee's result into another
// register: the callee itself would have to return it there.
// CHECK-LABEL: pvm.func @copies_result
// CHECK:         pvm.call @callee
// REMARK: remark: [Missed] NotTailCall | Category:pvm-form-tail-calls | Reason="the call of @callee stays a call: its return path computes with what the callee returns"
pvm.program entry @copies_result stack 4096 heap 0 layout current {
  pvm.func @copies_result {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    %link, %d:2 = pvm.call @callee(%f), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1:
    pvm.jump_table_entry 0
    pvm.fallthrough ^bb2(%d#0 : !pvm.reg<r7>)
  ^bb2(%r: !pvm.reg<r7>):
    %copy = pvm.move_reg %r : (!pvm.reg<r7>) -> !pvm.reg<r8>
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %r, %copy : !pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r8>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %r = pvm.load_imm 2 : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The call passes the address of a slot in the caller's frame: the callee
// may read it, so the frame must stay while it runs.
// CHECK-LABEL: pvm.func @escapes
// CHECK:         pvm.call @callee
// CHECK:         pvm.jump_ind
// REMARK: remark: [Missed] NotTailCall | Category:pvm-form-tail-calls | Reason="the call of @callee stays a call: an address in @escapes's frame escapes (stored, or passed to a call or jump)"
pvm.program entry @escapes stack 4096 heap 0 layout current {
  pvm.func @escapes {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.store_imm_ind_u64 %f, 0, 42 : !pvm.reg<r1>
    %p = pvm.add_imm_64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    %link, %d:2 = pvm.call @callee(%f, %p), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1:
    pvm.jump_table_entry 0
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %d#0 : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    %c = pvm.load_ind_u64 %a, 0 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %c : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The frame escapes through memory, to another call's callee first.
// CHECK-LABEL: pvm.func @escapes_through_memory
// CHECK:         pvm.call @callee
// CHECK:         pvm.call @callee
// REMARK: remark: [Missed] NotTailCall | Category:pvm-form-tail-calls | Reason="the call of @callee stays a call: an address in @escapes_through_memory's frame escapes (stored, or passed to a call or jump)"
pvm.program entry @escapes_through_memory stack 4096 heap 0 layout current {
  pvm.func @escapes_through_memory {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    %p = pvm.add_imm_64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.store_u64 %p, 0x20000 : !pvm.reg<r7>
    %link, %d:2 = pvm.call @callee(%f), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1:
    pvm.jump_table_entry 0
    %link2, %e:2 = pvm.call @callee(%f), ^bb2 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb2:
    pvm.jump_table_entry 1
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %e#0 : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %c = pvm.load_u64 0x20000 : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %c : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The return site reloads r5, which the call passes as an argument: the
// reload cannot run before the callee reads it.
// CHECK-LABEL: pvm.func @clobbers_argument
// CHECK:         pvm.call @callee
// REMARK: remark: [Missed] NotTailCall | Category:pvm-form-tail-calls | Reason="the call of @callee stays a call: the return path reloads r5, which the call passes to the callee"
pvm.program entry @clobbers_argument stack 4096 heap 0 layout current {
  pvm.func @clobbers_argument {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.store_ind_u64 %s0, %f, 0 : !pvm.reg<r5>, !pvm.reg<r1>
    %k = pvm.load_imm 9 : !pvm.reg<r5>
    %link, %d:2 = pvm.call @callee(%f, %k), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r5>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1:
    pvm.jump_table_entry 0
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %s02 = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %s02, %d#0 : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %c = pvm.add_imm_64 %s0, 3 : (!pvm.reg<r5>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %s0, %c : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The callee changes r5 (the call names it among its defs, as
// pvm-interprocedural-registers does for a callee that no longer saves it):
// r5 reloaded before a tail call would not reach the caller's caller.
// CHECK-LABEL: pvm.func @callee_changes_reload
// CHECK:         pvm.call @callee
// REMARK: remark: [Missed] NotTailCall | Category:pvm-form-tail-calls | Reason="the call of @callee stays a call: the return path reloads r5, which the callee changes"
pvm.program entry @callee_changes_reload stack 4096 heap 0 layout current {
  pvm.func @callee_changes_reload {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.store_ind_u64 %s0, %f, 0 : !pvm.reg<r5>, !pvm.reg<r1>
    %link, %d:2 = pvm.call @callee(%f), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r5>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %s02 = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %s02, %d#1 : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %c = pvm.load_imm 1 : !pvm.reg<r5>
    %r = pvm.load_imm 2 : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The return site does work on the result before returning.
// CHECK-LABEL: pvm.func @more_work
// CHECK:         pvm.call @callee
// REMARK: remark: [Missed] NotTailCall | Category:pvm-form-tail-calls | Reason="the call of @callee stays a call: its return path does more than return ('pvm.add_imm_64')"
pvm.program entry @more_work stack 4096 heap 0 layout current {
  pvm.func @more_work {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    %link, %d:2 = pvm.call @callee(%f), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1:
    pvm.jump_table_entry 0
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %r = pvm.add_imm_64 %d#0, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %r = pvm.load_imm 2 : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The callee reads a stack-passed argument, above its entry stack pointer
// in its caller's frame, which a tail call would release.
// CHECK-LABEL: pvm.func @stack_argument
// CHECK:         pvm.call @callee
// REMARK: remark: [Missed] NotTailCall | Category:pvm-form-tail-calls | Reason="the call of @callee stays a call: @callee may touch its caller's frame (stack arguments, varargs, or code the stack analysis does not understand)"
pvm.program entry @stack_argument stack 4096 heap 0 layout current {
  pvm.func @stack_argument {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.store_imm_ind_u64 %f, 0, 42 : !pvm.reg<r1>
    %link, %d:2 = pvm.call @callee(%f), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1:
    pvm.jump_table_entry 0
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %d#0 : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %r = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// An indirect call followed by a return is left alone (no remark either).
// CHECK-LABEL: pvm.func @indirect
// CHECK:         pvm.call_indirect
// CHECK:         pvm.jump_ind
// REMARK-NOT: @indirect
pvm.program entry @indirect stack 4096 heap 0 layout current {
  pvm.func @indirect {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %t = pvm.get_register : !pvm.reg<r7>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    %link, %d:2 = pvm.call_indirect %t, 0 (%f), ^bb1 : !pvm.reg<r7>, (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1:
    pvm.jump_table_entry 0
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %d#0 : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The callee walks a pointer from its own frame upwards in a loop, as
// varargs code walks from its register save area into the stack arguments
// its caller wrote: the offsets do not pin the pointer, so the callee may
// read its caller's frame.
// CHECK-LABEL: pvm.func @walked_into
// CHECK:         pvm.call @walker
// REMARK: remark: [Missed] NotTailCall | Category:pvm-form-tail-calls | Reason="the call of @walker stays a call: @walker may touch its caller's frame (stack arguments, varargs, or code the stack analysis does not understand)"
pvm.program entry @walked_into stack 4096 heap 0 layout current {
  pvm.func @walked_into {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.store_imm_ind_u64 %f, 0, 0 : !pvm.reg<r1>
    %link, %d:2 = pvm.call @walker(%f), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1:
    pvm.jump_table_entry 0
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %d#0 : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @walker {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %p = pvm.add_imm_64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.fallthrough ^bb1(%p : !pvm.reg<r7>)
  ^bb1(%q: !pvm.reg<r7>):
    %v = pvm.load_ind_u64 %q, 0 : (!pvm.reg<r7>) -> !pvm.reg<r8>
    %n = pvm.add_imm_64 %q, 8 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.branch_eq_imm %v, 0, ^bb2(%v : !pvm.reg<r8>), ^bb1(%n : !pvm.reg<r7>) : !pvm.reg<r8>
  ^bb2(%r: !pvm.reg<r8>):
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %res = pvm.move_reg %r : (!pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp2, %res : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
