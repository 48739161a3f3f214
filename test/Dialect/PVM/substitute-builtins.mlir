// RUN: grey-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-substitute-builtins)))' --remarks-filter=pvm-substitute-builtins | FileCheck %s
// RUN: grey-opt %s --split-input-file --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-substitute-builtins)))' | grey-opt --pvm-verify-registers > /dev/null

// memcpy gets memmove's body: short copies load every word before storing
// any; long ones move 32 bytes per block, backwards when dst starts inside
// the source. Other functions stay as they are.
// CHECK-LABEL: pvm.func @main
// CHECK:         pvm.call @memcpy
// CHECK-LABEL: pvm.func @memcpy
// CHECK:         %[[DST:.*]] = pvm.get_register : !pvm.reg<r7>
// CHECK:         %[[N:.*]] = pvm.get_register : !pvm.reg<r9>
// CHECK:         pvm.branch_lt_u_imm %[[N]], 32, ^[[SHORT:bb[0-9]+]]
// CHECK:         pvm.sub_64 %[[DST]]
// CHECK:         pvm.branch_lt_u
// CHECK-COUNT-4: pvm.load_ind_u64
// CHECK-COUNT-4: pvm.store_ind_u64
// CHECK:         pvm.branch_ge_u_imm %{{.*}}, 32
// CHECK:       ^[[SHORT]](
// CHECK:         pvm.branch_lt_u_imm %{{.*}}, 16
// CHECK-COUNT-4: pvm.load_ind_u64
// CHECK-COUNT-4: pvm.store_ind_u64
// CHECK:         pvm.load_ind_u8
// CHECK-NEXT:    pvm.store_ind_u8
// CHECK:         pvm.jump_ind %{{.*}}, 0 uses({{.*}} : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>)
// CHECK-NOT:     pvm.branch_ne
// CHECK:       }
pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    %sp = pvm.get_register : !pvm.reg<r1>
    %d = pvm.load_imm 4096 : !pvm.reg<r7>
    %s = pvm.load_imm 8192 : !pvm.reg<r8>
    %n = pvm.load_imm 100 : !pvm.reg<r9>
    %link, %r = pvm.call @memcpy(%sp, %d, %s, %n), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    pvm.trap
  }
  // The guest's byte loop.
  // expected-remark @below {{@memcpy replaced by grey's own}}
  pvm.func @memcpy {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %dst = pvm.get_register : !pvm.reg<r7>
    %src = pvm.get_register : !pvm.reg<r8>
    %n = pvm.get_register : !pvm.reg<r9>
    %p = pvm.move_reg %dst : (!pvm.reg<r7>) -> !pvm.reg<r10>
    pvm.branch_eq_imm %n, 0, ^done, ^loop(%src, %n, %p : !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>) : !pvm.reg<r9>
  ^loop(%s: !pvm.reg<r8>, %k: !pvm.reg<r9>, %q: !pvm.reg<r10>):
    %b = pvm.load_ind_u8 %s, 0 : (!pvm.reg<r8>) -> !pvm.reg<r2>
    pvm.store_ind_u8 %b, %q, 0 : !pvm.reg<r2>, !pvm.reg<r10>
    %s2 = pvm.add_imm_64 %s, 1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    %q2 = pvm.add_imm_64 %q, 1 : (!pvm.reg<r10>) -> !pvm.reg<r10>
    %k2 = pvm.add_imm_64 %k, -1 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    pvm.branch_ne_imm %k2, 0, ^loop(%s2, %k2, %q2 : !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>), ^done : !pvm.reg<r9>
  ^done:
    pvm.jump_ind %ra, 0 uses(%sp, %dst : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// memset spreads the byte over a word and stores 64 bytes per block. Its
// address was taken: the jump-table entry stays at the new entry.
// CHECK-LABEL: pvm.func @memset
// CHECK-NEXT:    pvm.jump_table_entry 0
// CHECK:         %[[C:.*]] = pvm.get_register : !pvm.reg<r8>
// CHECK:         %[[BYTE:.*]] = pvm.and_imm %[[C]], 255
// CHECK:         %[[ONES:.*]] = pvm.load_imm_64 72340172838076673
// CHECK:         pvm.mul_64 %[[BYTE]], %[[ONES]]
// CHECK:         pvm.branch_lt_u_imm %{{.*}}, 64
// CHECK-COUNT-8: pvm.store_ind_u64
// CHECK:         pvm.branch_ge_u_imm %{{.*}}, 64
pvm.program entry @memset stack 0 heap 0 layout current {
  // expected-remark @below {{@memset replaced by grey's own}}
  pvm.func @memset {
    pvm.jump_table_entry 0
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %dst = pvm.get_register : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %dst : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// A code pointer into the middle of memmove: the body stays.
// CHECK-LABEL: pvm.func @memmove
// CHECK-NEXT:    %[[RA:.*]] = pvm.get_register : !pvm.reg<r0>
// CHECK-NEXT:    pvm.fallthrough ^bb1
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    pvm.jump_table_entry 0
// CHECK-NEXT:    pvm.jump_ind %[[RA]], 0
pvm.program entry @memmove stack 0 heap 0 layout current {
  // expected-remark @below {{keeping the guest's @memmove: jump-table entry 0 points inside it}}
  pvm.func @memmove {
    %ra = pvm.get_register : !pvm.reg<r0>
    pvm.fallthrough ^bb1
  ^bb1:
    pvm.jump_table_entry 0
    pvm.jump_ind %ra, 0 [] : !pvm.reg<r0>
  }
}
