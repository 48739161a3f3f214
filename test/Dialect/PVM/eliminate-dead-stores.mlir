// RUN: grey-opt %s --split-input-file --pass-pipeline='builtin.module(pvm.program(pvm-eliminate-dead-stores))' | FileCheck %s

// A store overwritten before any read goes when it cannot fault: here the
// store that overwrites it comes later in the block, before anything
// observable. A store whose bytes a load may read stays, and so does one a
// host call may see (the pointer's bytes are not private).
// CHECK-LABEL: pvm.func @overwritten
// CHECK-NEXT:    %[[P:.*]] = pvm.get_register : !pvm.reg<r7>
// CHECK-NEXT:    %[[X:.*]] = pvm.get_register : !pvm.reg<r8>
// CHECK-NEXT:    pvm.store_ind_u64 %[[X]], %[[P]], 0
// CHECK-NEXT:    %{{.*}} = pvm.load_ind_u32 %[[P]], 4
// CHECK-NEXT:    pvm.store_ind_u64 %[[X]], %[[P]], 0
// CHECK-NEXT:    pvm.store_ind_u64 %[[X]], %[[P]], 8
// CHECK-NEXT:    %{{.*}} = pvm.ecalli 0
// CHECK-NEXT:    pvm.store_ind_u64 %[[X]], %[[P]], 8
// CHECK-NEXT:    pvm.trap
pvm.program entry @overwritten stack 4096 heap 0 layout current {
  pvm.func @overwritten {
    %p = pvm.get_register : !pvm.reg<r7>
    %x = pvm.get_register : !pvm.reg<r8>
    pvm.store_ind_u32 %x, %p, 0 : !pvm.reg<r8>, !pvm.reg<r7>
    pvm.store_ind_u64 %x, %p, 0 : !pvm.reg<r8>, !pvm.reg<r7>
    %l = pvm.load_ind_u32 %p, 4 : (!pvm.reg<r7>) -> !pvm.reg<r9>
    pvm.store_ind_u64 %x, %p, 0 : !pvm.reg<r8>, !pvm.reg<r7>
    pvm.store_ind_u64 %x, %p, 8 : !pvm.reg<r8>, !pvm.reg<r7>
    %r = pvm.ecalli 0(%l) : (!pvm.reg<r9>) -> !pvm.reg<r7>
    pvm.store_ind_u64 %x, %p, 8 : !pvm.reg<r8>, !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// A private frame slot nothing reads again is dead even without an
// overwrite (the function returns, or a call that cannot touch it is all
// that follows), but goes only where it cannot fault, proven by the stores
// that stay: the first store of the frame (ra) has nothing to prove it and
// stays; the ones after it go one by one, each proven by the stores
// around it at the time. The slot the callee's stack-argument area covers
// is read by the call.
// CHECK-LABEL: pvm.func @private
// CHECK:         %[[SP:.*]] = pvm.add_imm_64 %{{.*}}, -32
// CHECK-NEXT:    pvm.store_ind_u64 %{{.*}}, %[[SP]], 24
// CHECK-NEXT:    pvm.store_ind_u64 %{{.*}}, %[[SP]], 0
// CHECK-NEXT:    pvm.call @callee
// CHECK:         pvm.jump_table_entry 0
// CHECK-NEXT:    %{{.*}} = pvm.add_imm_64
// CHECK-NEXT:    pvm.jump_ind
pvm.program entry @private stack 4096 heap 0 layout current {
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %arg = pvm.load_ind_u64 %sp0, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp0, %arg : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @private {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %x = pvm.get_register : !pvm.reg<r5>
    %sp = pvm.add_imm_64 %sp0, -32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %sp, 24 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp, 16 : !pvm.reg<r5>, !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp, 8 : !pvm.reg<r5>, !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp, 0 : !pvm.reg<r5>, !pvm.reg<r1>
    %link, %r = pvm.call @callee(%sp), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    pvm.store_ind_u64 %x, %sp, 24 : !pvm.reg<r5>, !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp, 16 : !pvm.reg<r5>, !pvm.reg<r1>
    %back = pvm.add_imm_64 %sp, 32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%back, %x, %r : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
