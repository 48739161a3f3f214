// RUN: grey-opt %s --split-input-file --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-dce)))' | FileCheck %s

// Dead ALU ops and constants go, whole chains at once; what a store, a host
// call or a branch reads stays.
// CHECK-LABEL: pvm.func @straight
// CHECK-NEXT:    %[[A:.*]] = pvm.load_imm 1 : !pvm.reg<r7>
// CHECK-NEXT:    %[[B:.*]] = pvm.add_imm_64 %[[A]], 2
// CHECK-NEXT:    pvm.store_u64 %[[B]], 4096
// CHECK-NEXT:    %{{.*}} = pvm.ecalli 0(%[[A]])
// CHECK-NEXT:    pvm.trap
pvm.program entry @straight stack 0 heap 0 layout current {
  pvm.func @straight {
    %a = pvm.load_imm 1 : !pvm.reg<r7>
    %d1 = pvm.load_imm 5 : !pvm.reg<r9>
    %d2 = pvm.mul_64 %d1, %a : (!pvm.reg<r9>, !pvm.reg<r7>) -> !pvm.reg<r10>
    %d3 = pvm.xor_imm %d2, 3 : (!pvm.reg<r10>) -> !pvm.reg<r10>
    %b = pvm.add_imm_64 %a, 2 : (!pvm.reg<r7>) -> !pvm.reg<r8>
    pvm.store_u64 %b, 4096 : !pvm.reg<r8>
    %r = pvm.ecalli 0(%a) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// A value overwritten on every path before a read is dead even when it
// flows through block arguments and around a loop.
// CHECK-LABEL: pvm.func @loop
// CHECK-NEXT:    %[[N:.*]] = pvm.load_imm 10 : !pvm.reg<r8>
// CHECK-NEXT:    pvm.jump ^bb1(%[[N]] : !pvm.reg<r8>)
// CHECK-NEXT:  ^bb1(%[[I:.*]]: !pvm.reg<r8>):
// CHECK-NEXT:    %[[J:.*]] = pvm.add_imm_64 %[[I]], -1
// CHECK-NEXT:    pvm.branch_ne_imm %[[J]], 0, ^bb1(%[[J]] : !pvm.reg<r8>), ^bb2 :
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    %[[K:.*]] = pvm.load_imm 3 : !pvm.reg<r9>
// CHECK-NEXT:    %{{.*}} = pvm.ecalli 0(%[[K]])
pvm.program entry @loop stack 0 heap 0 layout current {
  pvm.func @loop {
    %n = pvm.load_imm 10 : !pvm.reg<r8>
    %acc0 = pvm.load_imm 0 : !pvm.reg<r9>
    pvm.jump ^bb1(%n, %acc0 : !pvm.reg<r8>, !pvm.reg<r9>)
  ^bb1(%i: !pvm.reg<r8>, %acc: !pvm.reg<r9>):
    %acc1 = pvm.add_64 %acc, %i : (!pvm.reg<r9>, !pvm.reg<r8>) -> !pvm.reg<r9>
    %j = pvm.add_imm_64 %i, -1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    pvm.branch_ne_imm %j, 0, ^bb1(%j, %acc1 : !pvm.reg<r8>, !pvm.reg<r9>), ^bb2 : !pvm.reg<r8>
  ^bb2:
    // r9 is overwritten here before anything reads it.
    %k = pvm.load_imm 3 : !pvm.reg<r9>
    %r = pvm.ecalli 0(%k) : (!pvm.reg<r9>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// Unreachable blocks go; a block the jump table names stays even when no
// branch reaches it. Unused get_registers go. A call keeps every result:
// they name the registers it clobbers.
// CHECK-LABEL: pvm.func @blocks
// CHECK-NEXT:    pvm.get_register : !pvm.reg<r7>
// CHECK-NEXT:    pvm.call @blocks
// CHECK-SAME:    -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
// CHECK:         pvm.jump_table_entry 0
// CHECK:         pvm.jump_table_entry 1
// CHECK-NEXT:    pvm.trap
// CHECK-NOT:     pvm.load_imm 99
// CHECK:       }
pvm.program entry @blocks stack 0 heap 0 layout current {
  pvm.func @blocks {
    %ra = pvm.get_register : !pvm.reg<r0>
    %x = pvm.get_register : !pvm.reg<r7>
    %link, %a, %b = pvm.call @blocks(%x), ^bb1 : (!pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1:
    pvm.jump_table_entry 0
    pvm.trap
  ^bb2:
    pvm.jump_table_entry 1
    pvm.trap
  ^bb3:
    %y = pvm.load_imm 99 : !pvm.reg<r7>
    pvm.jump ^bb4(%y : !pvm.reg<r7>)
  ^bb4(%z: !pvm.reg<r7>):
    %r = pvm.ecalli 0(%z) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump ^bb3
  }
}

// -----

// Unused loads stay unless they cannot fault: inside a data segment, or
// bytes an earlier access of the block touched through the same base.
// CHECK-LABEL: pvm.func @loads
// CHECK-NEXT:    %[[P:.*]] = pvm.get_register : !pvm.reg<r8>
// CHECK-NEXT:    %{{.*}} = pvm.load_u32 8192
// CHECK-NEXT:    %{{.*}} = pvm.load_ind_u64 %[[P]], 0
// CHECK-NEXT:    pvm.store_ind_u64 %[[P]], %[[P]], 16
// CHECK-NEXT:    %{{.*}} = pvm.load_ind_u32 %[[P]], 32
// CHECK-NEXT:    pvm.trap
pvm.program entry @loads stack 0 heap 0 layout current {
  pvm.segment @data base 4096 size 64 rw
  pvm.func @loads {
    %p = pvm.get_register : !pvm.reg<r8>
    // In the segment: goes.
    %a = pvm.load_u64 4096 : !pvm.reg<r7>
    %b = pvm.load_u8 4159 : !pvm.reg<r7>
    // Not in any segment: may fault, stays.
    %c = pvm.load_u32 8192 : !pvm.reg<r7>
    // Unknown base: stays (and makes the next one safe).
    %d = pvm.load_ind_u64 %p, 0 : (!pvm.reg<r8>) -> !pvm.reg<r7>
    %e = pvm.load_ind_u32 %p, 4 : (!pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.store_ind_u64 %p, %p, 16 : !pvm.reg<r8>, !pvm.reg<r8>
    %f = pvm.load_ind_u16 %p, 22 : (!pvm.reg<r8>) -> !pvm.reg<r7>
    // Straddles the stored bytes: stays.
    %g = pvm.load_ind_u32 %p, 32 : (!pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// Dead values flowing through a chain of block arguments, from a block laid
// out before their definitions' users and around a loop, go together.
// CHECK-LABEL: pvm.func @chains
// CHECK-NEXT:    pvm.jump ^bb1
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    pvm.jump ^bb2
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    %[[R:.*]] = pvm.get_register : !pvm.reg<r7>
// CHECK-NEXT:    pvm.branch_eq_imm %[[R]], 0, ^bb2, ^bb3
// CHECK-NEXT:  ^bb3:
// CHECK-NEXT:    pvm.trap
pvm.program entry @chains stack 0 heap 0 layout current {
  pvm.func @chains {
    %a = pvm.load_imm 1 : !pvm.reg<r9>
    pvm.jump ^bb1(%a : !pvm.reg<r9>)
  ^bb1(%x: !pvm.reg<r9>):
    %y = pvm.add_imm_64 %x, 1 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    pvm.jump ^bb2(%y : !pvm.reg<r9>)
  ^bb2(%z: !pvm.reg<r9>):
    %w = pvm.xor_imm %z, 5 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    %r = pvm.get_register : !pvm.reg<r7>
    pvm.branch_eq_imm %r, 0, ^bb2(%w : !pvm.reg<r9>), ^bb3 : !pvm.reg<r7>
  ^bb3:
    pvm.trap
  }
}
