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

// -----

// memcmp: the words at both operands fit in their pages (%fit); the last
// 1..8 bytes are one word with the bytes past the end shifted out of the
// xor, compared in the block that returns; %m whole words before them are
// compared one per block; a byte at a time where a word would cross a page.
// n = 0 reads nothing. The first difference is the lowest set byte of the
// xor, as unsigned bytes.
// CHECK-LABEL: pvm.func @memcmp
// CHECK:         %[[RA:.*]] = pvm.get_register : !pvm.reg<r0>
// CHECK:         pvm.fallthrough ^[[RESUME:bb[0-9]+]](
// CHECK-NEXT:  ^[[RESUME]](%[[P:.*]]: !pvm.reg<r7>, %[[Q:.*]]: !pvm.reg<r8>, %[[K:.*]]: !pvm.reg<r9>):
// CHECK-NEXT:    %[[PA:.*]] = pvm.and_imm %[[P]], 4095
// CHECK-NEXT:    %[[QA:.*]] = pvm.and_imm %[[Q]], 4095
// CHECK-NEXT:    %[[FAR:.*]] = pvm.max_u %[[PA]], %[[QA]]
// CHECK-NEXT:    %[[ROOM:.*]] = pvm.neg_add_imm_64 %[[FAR]], 4096
// CHECK-NEXT:    %[[FIT:.*]] = pvm.shlo_r_imm_64 %[[ROOM]], 3
// CHECK-NEXT:    %[[KM1:.*]] = pvm.add_imm_64 %[[K]], -1
// CHECK-NEXT:    %[[SMALL:.*]] = pvm.set_lt_u_imm %[[KM1]], 8
// CHECK-NEXT:    %[[LAST:.*]] = pvm.min_u %[[SMALL]], %[[FIT]]
// CHECK-NEXT:    %[[BEFORE:.*]] = pvm.min_u %[[KM1]], %[[K]]
// CHECK-NEXT:    %[[WHOLE:.*]] = pvm.shlo_r_imm_64 %[[BEFORE]], 3
// CHECK-NEXT:    %[[M:.*]] = pvm.min_u %[[FIT]], %[[WHOLE]]
// CHECK:         %[[REST:.*]] = pvm.sub_64 %[[K]],
// CHECK-NEXT:    pvm.branch_ne_imm %[[LAST]], 0, ^[[LASTWORD:bb[0-9]+]], ^[[NOTLAST:bb[0-9]+]]
// CHECK-NEXT:  ^[[NOTLAST]]:
// CHECK-NEXT:    pvm.branch_ne_imm %[[M]], 0, ^[[WORDS:bb[0-9]+]](%[[P]], %[[Q]], %[[M]] : {{.*}}), ^[[NOWORD:bb[0-9]+]]
// CHECK-NEXT:  ^[[NOWORD]]:
// CHECK-NEXT:    pvm.branch_eq_imm %[[REST]], 0, ^[[EQUAL:bb[0-9]+]], ^[[BYTE:bb[0-9]+]]
// CHECK-NEXT:  ^[[BYTE]]:
// CHECK-NEXT:    %[[BA:.*]] = pvm.load_ind_u8 %[[P]], 0
// CHECK-NEXT:    %[[BB:.*]] = pvm.load_ind_u8 %[[Q]], 0
// CHECK-NEXT:    %[[BD:.*]] = pvm.sub_64 %[[BA]], %[[BB]]
// CHECK:         pvm.branch_eq_imm %[[BD]], 0, ^[[RESUME]]({{.*}}), ^[[BDIFF:bb[0-9]+]]
// CHECK-NEXT:  ^[[BDIFF]]:
// CHECK-NEXT:    %[[BORDER:.*]] = pvm.move_reg %[[BD]] : (!pvm.reg<r2>) -> !pvm.reg<r7>
// CHECK-NEXT:    pvm.jump_ind %[[RA]], 0 uses({{.*}}, %[[BORDER]] :
// CHECK-NEXT:  ^[[EQUAL]]:
// CHECK-NEXT:    %[[ZERO:.*]] = pvm.load_imm 0 : !pvm.reg<r7>
// CHECK-NEXT:    pvm.jump_ind %[[RA]], 0 uses({{.*}}, %[[ZERO]] : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>)
// CHECK-NEXT:  ^[[WORDS]](%[[WP:.*]]: !pvm.reg<r7>, %[[WQ:.*]]: !pvm.reg<r8>, %[[LEFT:.*]]: !pvm.reg<r10>):
// CHECK-NEXT:    %[[WA:.*]] = pvm.load_ind_u64 %[[WP]], 0
// CHECK-NEXT:    %[[WB:.*]] = pvm.load_ind_u64 %[[WQ]], 0
// CHECK-NEXT:    %[[WX:.*]] = pvm.xor %[[WA]], %[[WB]]
// CHECK:         %[[LEFT2:.*]] = pvm.add_imm_64 %[[LEFT]], -1
// CHECK-NEXT:    %[[DONE:.*]] = pvm.set_lt_u_imm %[[LEFT2]], 1
// CHECK-NEXT:    %[[STOP:.*]] = pvm.or %[[WX]], %[[DONE]]
// CHECK-NEXT:    pvm.branch_eq_imm %[[STOP]], 0, ^[[WORDS]]({{.*}}), ^[[WDONE:bb[0-9]+]]
// CHECK-NEXT:  ^[[WDONE]]:
// CHECK-NEXT:    pvm.branch_eq_imm %[[WX]], 0, ^[[RESUME]]({{.*}}, %[[REST]] : {{.*}}), ^[[DIFFER:bb[0-9]+]]
// CHECK-NEXT:  ^[[DIFFER]]:
// CHECK-NEXT:    %[[BIT:.*]] = pvm.trailing_zero_bits_64 %[[WX]]
// CHECK-NEXT:    %[[AT:.*]] = pvm.and_imm %[[BIT]], 56
// CHECK-NEXT:    %[[SA:.*]] = pvm.shlo_r_64 %[[WA]], %[[AT]]
// CHECK-NEXT:    %[[SB:.*]] = pvm.shlo_r_64 %[[WB]], %[[AT]]
// CHECK-NEXT:    %[[YA:.*]] = pvm.and_imm %[[SA]], 255
// CHECK-NEXT:    %[[YB:.*]] = pvm.and_imm %[[SB]], 255
// CHECK-NEXT:    %[[ORDER:.*]] = pvm.sub_64 %[[YA]], %[[YB]] : (!pvm.reg<r2>, !pvm.reg<r3>) -> !pvm.reg<r7>
// CHECK-NEXT:    pvm.jump_ind %[[RA]], 0 uses({{.*}}, %[[ORDER]] :
// CHECK-NEXT:  ^[[LASTWORD]]:
// CHECK-NEXT:    %[[TA:.*]] = pvm.load_ind_u64 %[[P]], 0
// CHECK-NEXT:    %[[TB:.*]] = pvm.load_ind_u64 %[[Q]], 0
// CHECK-NEXT:    %[[TX:.*]] = pvm.xor %[[TA]], %[[TB]]
// CHECK-NEXT:    %[[BITS:.*]] = pvm.shlo_l_imm_64 %[[REST]], 3
// CHECK-NEXT:    %[[BEYOND:.*]] = pvm.neg_add_imm_64 %[[BITS]], 64
// CHECK-NEXT:    %[[UP:.*]] = pvm.shlo_l_64 %[[TX]], %[[BEYOND]]
// CHECK-NEXT:    %[[INSIDE:.*]] = pvm.shlo_r_64 %[[UP]], %[[BEYOND]]
// CHECK-NEXT:    %[[TBIT:.*]] = pvm.trailing_zero_bits_64 %[[INSIDE]]
// CHECK-NEXT:    %[[TAT:.*]] = pvm.and_imm %[[TBIT]], 56
// CHECK-NEXT:    %[[TSA:.*]] = pvm.shlo_r_64 %[[TA]], %[[TAT]]
// CHECK-NEXT:    %[[TSB:.*]] = pvm.shlo_r_64 %[[TB]], %[[TAT]]
// CHECK:         %[[TORDER:.*]] = pvm.sub_64 {{.*}} -> !pvm.reg<r7>
// CHECK-NEXT:    pvm.jump_ind %[[RA]], 0 uses({{.*}}, %[[TORDER]] :
// CHECK-NEXT:  }
// bcmp gets the same body.
// CHECK-LABEL: pvm.func @bcmp
// CHECK:         pvm.and_imm %{{.*}}, 4095
// CHECK:         pvm.trailing_zero_bits_64
pvm.program entry @memcmp stack 0 heap 0 layout current {
  // The guest's byte loop.
  // expected-remark @below {{@memcmp replaced by grey's own}}
  pvm.func @memcmp {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r8>
    %n = pvm.get_register : !pvm.reg<r9>
    pvm.branch_eq_imm %n, 0, ^equal, ^loop(%a, %b, %n : !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>) : !pvm.reg<r9>
  ^loop(%p: !pvm.reg<r7>, %q: !pvm.reg<r8>, %k: !pvm.reg<r9>):
    %x = pvm.load_ind_u8 %p, 0 : (!pvm.reg<r7>) -> !pvm.reg<r10>
    %y = pvm.load_ind_u8 %q, 0 : (!pvm.reg<r8>) -> !pvm.reg<r11>
    pvm.branch_ne %x, %y, ^differ, ^next : !pvm.reg<r10>, !pvm.reg<r11>
  ^next:
    %p2 = pvm.add_imm_64 %p, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %q2 = pvm.add_imm_64 %q, 1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    %k2 = pvm.add_imm_64 %k, -1 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    pvm.branch_ne_imm %k2, 0, ^loop(%p2, %q2, %k2 : !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>), ^equal : !pvm.reg<r9>
  ^equal:
    %zero = pvm.load_imm 0 : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %zero : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^differ:
    %d = pvm.sub_64 %x, %y : (!pvm.reg<r10>, !pvm.reg<r11>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %d : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  // expected-remark @below {{@bcmp replaced by grey's own}}
  pvm.func @bcmp {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %a : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
