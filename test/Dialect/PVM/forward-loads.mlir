// RUN: grey-opt %s --split-input-file --pass-pipeline='builtin.module(pvm.program(pvm-forward-loads), pvm.program(pvm.func(pvm-verify-registers)))' | FileCheck %s

// A load of the bytes just stored reads the stored register: nothing when
// the registers agree, a move otherwise; a narrower or differently
// extended load is a shift and an extension of it.
// CHECK-LABEL: pvm.func @widths
// CHECK:         %[[X:.*]] = pvm.get_register : !pvm.reg<r7>
// CHECK:         pvm.store_ind_u64 %[[X]], %[[SP:.*]], 0
// CHECK-NEXT:    %[[A:.*]] = pvm.move_reg %[[X]] : (!pvm.reg<r7>) -> !pvm.reg<r8>
// CHECK-NEXT:    %[[B:.*]] = pvm.shlo_l_imm_64 %[[X]], 32 : (!pvm.reg<r7>) -> !pvm.reg<r9>
// CHECK-NEXT:    %[[B2:.*]] = pvm.shar_r_imm_64 %[[B]], 56 : (!pvm.reg<r9>) -> !pvm.reg<r9>
// CHECK-NEXT:    %[[C:.*]] = pvm.shlo_r_imm_64 %[[X]], 32 : (!pvm.reg<r7>) -> !pvm.reg<r10>
// CHECK-NEXT:    %[[D:.*]] = pvm.zero_extend_16 %[[X]] : (!pvm.reg<r7>) -> !pvm.reg<r11>
// CHECK-NEXT:    pvm.jump ^bb1
// CHECK:         pvm.store_ind_u32 %[[X]], %[[SP]], 8
// CHECK-NEXT:    %[[E:.*]] = pvm.add_imm_32 %[[X]], 0 : (!pvm.reg<r7>) -> !pvm.reg<r12>
// CHECK-NEXT:    pvm.jump ^bb2
// CHECK:         %{{.*}} = pvm.ecalli 0(%[[A]], %[[B2]], %[[C]], %[[D]], %[[E]], %[[X]])
pvm.program entry @widths stack 4096 heap 0 layout current {
  pvm.func @widths {
    %sp = pvm.get_register : !pvm.reg<r1>
    %x = pvm.get_register : !pvm.reg<r7>
    pvm.store_ind_u64 %x, %sp, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    %a = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %b = pvm.load_ind_i8 %sp, 3 : (!pvm.reg<r1>) -> !pvm.reg<r9>
    %c = pvm.load_ind_u32 %sp, 4 : (!pvm.reg<r1>) -> !pvm.reg<r10>
    %d = pvm.load_ind_u16 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r11>
    pvm.jump ^bb1
  ^bb1:
    pvm.store_ind_u32 %x, %sp, 8 : !pvm.reg<r7>, !pvm.reg<r1>
    %e = pvm.load_ind_i32 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r12>
    pvm.jump ^bb2
  ^bb2:
    %f = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    %r = pvm.ecalli 0(%a, %b, %c, %d, %e, %f) : (!pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>, !pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// Immediates and read-only data are constants; bytes loaded once are still
// in their register for the second load. Sign-extending the first load's
// result instead of loading again would make the block longer (the two
// loads run in parallel): the cost query keeps that load.
// CHECK-LABEL: pvm.func @constants
// CHECK:         pvm.store_imm_ind_u32 %{{.*}}, 0, -2
// CHECK-NEXT:    %[[A:.*]] = pvm.load_imm_64 4294967294 : !pvm.reg<r7>
// CHECK-NEXT:    %[[B:.*]] = pvm.load_imm -2 : !pvm.reg<r8>
// CHECK-NEXT:    %[[C:.*]] = pvm.load_imm_64 -5063233781758200 : !pvm.reg<r9>
// CHECK-NEXT:    %{{.*}} = pvm.load_imm 4096 : !pvm.reg<r2>
// CHECK-NEXT:    %[[D:.*]] = pvm.load_imm 255 : !pvm.reg<r10>
// CHECK-NEXT:    pvm.jump
// CHECK:         %[[E:.*]] = pvm.load_u8 8192 : !pvm.reg<r11>
// CHECK-NEXT:    %[[F:.*]] = pvm.load_i8 8192 : !pvm.reg<r12>
// CHECK-NEXT:    %[[G:.*]] = pvm.move_reg %[[E]] : (!pvm.reg<r11>) -> !pvm.reg<r2>
// CHECK-NEXT:    pvm.jump ^bb2
pvm.program entry @constants stack 4096 heap 0 layout current {
  pvm.segment @ro base 4096 size 16 ro init "\08\07\06\05\04\03\EE\FF"
  pvm.segment @rw base 8192 size 16 rw
  pvm.func @constants {
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.store_imm_ind_u32 %sp, 0, -2 : !pvm.reg<r1>
    %a = pvm.load_ind_u32 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    %b = pvm.load_ind_i32 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %c = pvm.load_u64 4096 : !pvm.reg<r9>
    %k = pvm.load_imm 4096 : !pvm.reg<r2>
    %d = pvm.load_ind_u8 %k, 7 : (!pvm.reg<r2>) -> !pvm.reg<r10>
    pvm.jump ^bb2
  ^bb2:
    %e = pvm.load_u8 8192 : !pvm.reg<r11>
    %f = pvm.load_i8 8192 : !pvm.reg<r12>
    %g = pvm.load_u8 8192 : !pvm.reg<r2>
    pvm.jump ^bb1
  ^bb1:
    %r = pvm.ecalli 0(%a, %b, %c, %d, %e, %f, %g) : (!pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>, !pvm.reg<r2>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// Facts flow along dominance, past stores that provably do not overlap: a
// pointer store cannot reach a private frame slot, a store at another
// offset from the same pointer cannot reach its bytes. They stop at a
// store that may overlap, and where paths meet with different bytes.
// CHECK-LABEL: pvm.func @paths
// CHECK:         pvm.store_ind_u64 %[[X:.*]], %[[SP:.*]], -8
// CHECK-NEXT:    pvm.store_ind_u64 %[[Y:.*]], %[[P:.*]], 0
// CHECK-NEXT:    pvm.store_ind_u64 %[[Y]], %[[P]], 8
// CHECK-NEXT:    pvm.branch_eq_imm
// CHECK:       ^bb1:
// CHECK-NEXT:    %[[A:.*]] = pvm.move_reg %[[X]] : (!pvm.reg<r7>) -> !pvm.reg<r10>
// CHECK-NEXT:    %[[B:.*]] = pvm.move_reg %[[Y]] : (!pvm.reg<r8>) -> !pvm.reg<r11>
// CHECK-NEXT:    pvm.store_ind_u64 %[[X]], %[[Q:.*]], 0
// CHECK-NEXT:    %[[C:.*]] = pvm.load_ind_u64 %[[P]], 0
// CHECK-NEXT:    pvm.jump ^bb3
// CHECK:       ^bb2:
// CHECK-NEXT:    pvm.store_imm_ind_u64 %[[SP]], -8, 5
// CHECK-NEXT:    pvm.fallthrough ^bb3
// CHECK:       ^bb3:
// CHECK-NEXT:    %{{.*}} = pvm.load_ind_u64 %[[SP]], -8
pvm.program entry @paths stack 4096 heap 0 layout current {
  pvm.func @paths {
    %sp = pvm.get_register : !pvm.reg<r1>
    %x = pvm.get_register : !pvm.reg<r7>
    %y = pvm.get_register : !pvm.reg<r8>
    %p = pvm.get_register : !pvm.reg<r9>
    %q = pvm.get_register : !pvm.reg<r2>
    pvm.store_ind_u64 %x, %sp, -8 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u64 %y, %p, 0 : !pvm.reg<r8>, !pvm.reg<r9>
    pvm.store_ind_u64 %y, %p, 8 : !pvm.reg<r8>, !pvm.reg<r9>
    pvm.branch_eq_imm %x, 0, ^bb2, ^bb1 : !pvm.reg<r7>
  ^bb1:
    %a = pvm.load_ind_u64 %sp, -8 : (!pvm.reg<r1>) -> !pvm.reg<r10>
    %b = pvm.load_ind_u64 %p, 0 : (!pvm.reg<r9>) -> !pvm.reg<r11>
    pvm.store_ind_u64 %x, %q, 0 : !pvm.reg<r7>, !pvm.reg<r2>
    %c = pvm.load_ind_u64 %p, 0 : (!pvm.reg<r9>) -> !pvm.reg<r12>
    pvm.jump ^bb3
  ^bb2:
    pvm.store_imm_ind_u64 %sp, -8, 5 : !pvm.reg<r1>
    pvm.fallthrough ^bb3
  ^bb3:
    %d = pvm.load_ind_u64 %sp, -8 : (!pvm.reg<r1>) -> !pvm.reg<r10>
    %r = pvm.ecalli 0(%d) : (!pvm.reg<r10>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// Around a loop: the slot written in the loop holds the value the header's
// argument receives on both edges, so the load in the header reads it.
// CHECK-LABEL: pvm.func @loop
// CHECK:       ^bb1(%[[I:.*]]: !pvm.reg<r7>):
// CHECK-NEXT:    %[[N:.*]] = pvm.add_imm_64 %[[I]], 1
// CHECK-NEXT:    pvm.store_ind_u64 %[[N]], %{{.*}}, -8
// CHECK-NEXT:    pvm.branch_ne_imm %[[N]], 10, ^bb1(%[[N]] : !pvm.reg<r7>), ^bb2
pvm.program entry @loop stack 4096 heap 0 layout current {
  pvm.func @loop {
    %sp = pvm.get_register : !pvm.reg<r1>
    %z = pvm.load_imm 0 : !pvm.reg<r7>
    pvm.store_ind_u64 %z, %sp, -8 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.jump ^bb1(%z : !pvm.reg<r7>)
  ^bb1(%i: !pvm.reg<r7>):
    %l = pvm.load_ind_u64 %sp, -8 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    %n = pvm.add_imm_64 %l, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.store_ind_u64 %n, %sp, -8 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.branch_ne_imm %n, 10, ^bb1(%n : !pvm.reg<r7>), ^bb2 : !pvm.reg<r7>
  ^bb2:
    %r = pvm.ecalli 0(%n) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// A call may touch what is not private, and the stack-argument area of its
// callee; a private slot outside it keeps its bytes, and so does the
// register that holds them when the callee does not write it (r5).
// CHECK-LABEL: pvm.func @calls
// CHECK:       ^bb1:
// CHECK-NEXT:    pvm.jump_table_entry 0
// CHECK-NEXT:    %{{.*}} = pvm.load_u64 4096
// CHECK-NEXT:    %{{.*}} = pvm.load_ind_u64 %{{.*}}, 0
// CHECK-NEXT:    %{{.*}} = pvm.move_reg %{{.*}} : (!pvm.reg<r5>) -> !pvm.reg<r9>
pvm.program entry @calls stack 4096 heap 0 layout current {
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %arg = pvm.load_ind_u64 %sp0, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp0, %arg : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @calls {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %s = pvm.get_register : !pvm.reg<r5>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %s, %sp, 0 : !pvm.reg<r5>, !pvm.reg<r1>
    pvm.store_ind_u64 %s, %sp, 8 : !pvm.reg<r5>, !pvm.reg<r1>
    pvm.store_u64 %s, 4096 : !pvm.reg<r5>
    %link, %r = pvm.call @callee(%sp), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %a = pvm.load_u64 4096 : !pvm.reg<r7>
    %b = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %c = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r9>
    pvm.jump ^bb2
  ^bb2:
    %o = pvm.ecalli 0(%a, %b, %c) : (!pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// The stored register is overwritten before the load: the bytes are copied
// right after the store into a register the assigner finds free, the
// load's own (r8), and the load goes. With every register taken, the load
// stays.
// CHECK-LABEL: pvm.func @copy
// CHECK:         pvm.store_ind_u64 %[[X:.*]], %{{.*}}, -8 : !pvm.reg<r7>, !pvm.reg<r1>
// CHECK-NEXT:    %[[C:.*]] = pvm.move_reg %[[X]] : (!pvm.reg<r7>) -> !pvm.reg<r8>
// CHECK-NEXT:    %{{.*}} = pvm.load_imm 3 : !pvm.reg<r7>
// CHECK-NEXT:    pvm.jump ^bb1
// CHECK:       ^bb1:
// CHECK-NEXT:    pvm.jump ^bb2
// CHECK:         pvm.ecalli 0(%{{.*}}, %[[C]])
// CHECK-LABEL: pvm.func @full
// CHECK:         %{{.*}} = pvm.load_ind_u64 %{{.*}}, -8 : (!pvm.reg<r1>) -> !pvm.reg<r8>
pvm.program entry @copy stack 4096 heap 0 layout current {
  pvm.func @copy {
    %sp = pvm.get_register : !pvm.reg<r1>
    %x = pvm.get_register : !pvm.reg<r7>
    pvm.store_ind_u64 %x, %sp, -8 : !pvm.reg<r7>, !pvm.reg<r1>
    %k = pvm.load_imm 3 : !pvm.reg<r7>
    pvm.jump ^bb1
  ^bb1:
    %l = pvm.load_ind_u64 %sp, -8 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    pvm.jump ^bb2
  ^bb2:
    %o = pvm.ecalli 0(%k, %l) : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.trap
  }
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
    pvm.store_ind_u64 %r7, %r1, -8 : !pvm.reg<r7>, !pvm.reg<r1>
    %k = pvm.load_imm 3 : !pvm.reg<r7>
    pvm.jump ^bb1
  ^bb1:
    pvm.store_ind_u64 %r8, %r1, -16 : !pvm.reg<r8>, !pvm.reg<r1>
    %l = pvm.load_ind_u64 %r1, -8 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    pvm.jump ^bb2
  ^bb2:
    %o = pvm.ecalli 0(%r0, %r1, %r2, %r3, %r4, %r5, %r6, %k, %l, %r9, %r10, %r11, %r12) : (!pvm.reg<r0>, !pvm.reg<r1>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// A stored register that was itself a forwarded load's result: the second
// load reads what replaced the first (found by bisecting crc_hash.c).
// CHECK-LABEL: pvm.func @chain
// CHECK:         %[[K:.*]] = pvm.load_imm_64 72623859790382856 : !pvm.reg<r9>
// CHECK-NEXT:    pvm.store_ind_u64 %[[K]], %{{.*}}, -8
// CHECK-NEXT:    %[[C:.*]] = pvm.move_reg %[[K]] : (!pvm.reg<r9>) -> !pvm.reg<r8>
// CHECK-NEXT:    pvm.jump ^bb1
// CHECK:       ^bb1:
// CHECK-NEXT:    %{{.*}} = pvm.load_imm 0 : !pvm.reg<r9>
// CHECK-NEXT:    pvm.jump ^bb2
pvm.program entry @chain stack 4096 heap 0 layout current {
  pvm.segment @ro base 4096 size 8 ro init "\08\07\06\05\04\03\02\01"
  pvm.func @chain {
    %sp = pvm.get_register : !pvm.reg<r1>
    %k = pvm.load_u64 4096 : !pvm.reg<r9>
    pvm.store_ind_u64 %k, %sp, -8 : !pvm.reg<r9>, !pvm.reg<r1>
    pvm.jump ^bb1
  ^bb1:
    %z = pvm.load_imm 0 : !pvm.reg<r9>
    %l = pvm.load_ind_u64 %sp, -8 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    pvm.jump ^bb2
  ^bb2:
    %o = pvm.ecalli 0(%z, %l) : (!pvm.reg<r9>, !pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// Bytes a loop loads are not forwarded to a load after the loop: the value
// would be live after the loop, which keeps pvm-unroll-counted from
// unrolling it (a byte-compare loop that reloads the differing byte at its
// exit). The load inside the loop, which reads bytes stored before it, is.
// CHECK-LABEL: pvm.func @after_loop
// CHECK:       ^bb1(%[[I:.*]]: !pvm.reg<r8>):
// CHECK-NEXT:    %[[A:.*]] = pvm.load_ind_u8 %[[I]], 0
// CHECK-NOT:     pvm.load_ind_u64
// CHECK:         %[[I1:.*]] = pvm.add_imm_64 %[[I]], 1
// CHECK:       ^bb2:
// CHECK-NEXT:    pvm.load_ind_u8 %[[I1]], -1
pvm.program entry @after_loop stack 4096 heap 0 layout current {
  pvm.func @after_loop {
    %sp = pvm.get_register : !pvm.reg<r1>
    %p = pvm.get_register : !pvm.reg<r8>
    %n = pvm.get_register : !pvm.reg<r9>
    pvm.store_ind_u64 %n, %sp, 0 : !pvm.reg<r9>, !pvm.reg<r1>
    pvm.jump ^bb1(%p : !pvm.reg<r8>)
  ^bb1(%i: !pvm.reg<r8>):
    %a = pvm.load_ind_u8 %i, 0 : (!pvm.reg<r8>) -> !pvm.reg<r10>
    %m = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r11>
    %i1 = pvm.add_imm_64 %i, 1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    pvm.branch_lt_u %a, %m, ^bb1(%i1 : !pvm.reg<r8>), ^bb2 : !pvm.reg<r10>, !pvm.reg<r11>
  ^bb2:
    %b = pvm.load_ind_u8 %i1, -1 : (!pvm.reg<r8>) -> !pvm.reg<r7>
    %r = pvm.ecalli 0(%b) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}
