// RUN: grey-opt %s --pvm-fold-constants --pvm-verify-registers | FileCheck %s

// Each constant operand becomes an immediate; the load_imm stays while its
// register is still read (the reference removes it regardless: hazard H2).

// CHECK-LABEL: pvm.func @main
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %x = pvm.get_register : !pvm.reg<r7>
    %y = pvm.get_register : !pvm.reg<r8>
    %k = pvm.load_imm 12 : !pvm.reg<r9>
    // CHECK: %[[K:.+]] = pvm.load_imm 12 : !pvm.reg<r9>
    // CHECK-NEXT: %[[ADD:.+]] = pvm.add_imm_64 %[[X:.+]], 12 : (!pvm.reg<r7>) -> !pvm.reg<r10>
    %add = pvm.add_64 %k, %x : (!pvm.reg<r9>, !pvm.reg<r7>) -> !pvm.reg<r10>
    // x - K is x + (-K); K - x is neg_add.
    // CHECK-NEXT: %[[SUB:.+]] = pvm.add_imm_64 %[[X]], -12 : (!pvm.reg<r7>) -> !pvm.reg<r11>
    %sub = pvm.sub_64 %x, %k : (!pvm.reg<r7>, !pvm.reg<r9>) -> !pvm.reg<r11>
    // CHECK-NEXT: %[[NEG:.+]] = pvm.neg_add_imm_64 %[[X]], 12 : (!pvm.reg<r7>) -> !pvm.reg<r12>
    %neg = pvm.sub_64 %k, %x : (!pvm.reg<r9>, !pvm.reg<r7>) -> !pvm.reg<r12>
    // A constant shifted value takes the _alt form (hazard H8: the
    // reference shifts the wrong operand).
    // CHECK-NEXT: %[[SHL:.+]] = pvm.shlo_l_imm_alt_64 %[[X]], 12 : (!pvm.reg<r7>) -> !pvm.reg<r2>
    %shl = pvm.shlo_l_64 %k, %x : (!pvm.reg<r9>, !pvm.reg<r7>) -> !pvm.reg<r2>
    // CHECK-NEXT: %[[SHR:.+]] = pvm.shar_r_imm_32 %[[X]], 12 : (!pvm.reg<r7>) -> !pvm.reg<r3>
    %shr = pvm.shar_r_32 %x, %k : (!pvm.reg<r7>, !pvm.reg<r9>) -> !pvm.reg<r3>
    // K < x is x > K (hazard H5: the reference computes x < K).
    // CHECK-NEXT: %[[LT:.+]] = pvm.set_gt_u_imm %[[X]], 12 : (!pvm.reg<r7>) -> !pvm.reg<r4>
    %lt = pvm.set_lt_u %k, %x : (!pvm.reg<r9>, !pvm.reg<r7>) -> !pvm.reg<r4>
    // rotl by K is rotr by 64 - K.
    // CHECK-NEXT: %[[ROT:.+]] = pvm.rot_r_64_imm %[[X]], 52 : (!pvm.reg<r7>) -> !pvm.reg<r5>
    %rot = pvm.rot_l_64 %x, %k : (!pvm.reg<r7>, !pvm.reg<r9>) -> !pvm.reg<r5>
    // A constant base makes an absolute access; a constant value a store of
    // an immediate.
    // CHECK-NEXT: %[[LD:.+]] = pvm.load_ind_u32 %[[X]], 4 : (!pvm.reg<r7>) -> !pvm.reg<r6>
    %ld = pvm.load_ind_u32 %x, 4 : (!pvm.reg<r7>) -> !pvm.reg<r6>
    // CHECK-NEXT: %[[ABS:.+]] = pvm.load_u64 8 : !pvm.reg<r0>
    %abs = pvm.load_ind_u64 %k, -4 : (!pvm.reg<r9>) -> !pvm.reg<r0>
    // CHECK-NEXT: pvm.store_imm_ind_u64 %[[X]], 16, 12 : !pvm.reg<r7>
    pvm.store_ind_u64 %k, %x, 16 : !pvm.reg<r9>, !pvm.reg<r7>
    // CHECK-NEXT: pvm.store_u16 %[[X]], 14 : !pvm.reg<r7>
    pvm.store_ind_u16 %x, %k, 2 : !pvm.reg<r7>, !pvm.reg<r9>
    // A constant plus an immediate is a constant, in the result's register.
    // CHECK-NEXT: %[[SUM:.+]] = pvm.load_imm 15 : !pvm.reg<r1>
    %sum = pvm.add_imm_64 %k, 3 : (!pvm.reg<r9>) -> !pvm.reg<r1>
    // K is still read below, so its load_imm stays.
    // CHECK-NEXT: pvm.ecalli 1(%[[K]], %[[ADD]], %[[SUB]], %[[NEG]], %[[SHL]], %[[SHR]], %[[LT]], %[[ROT]], %[[LD]], %[[ABS]], %[[SUM]])
    %r = pvm.ecalli 1(%k, %add, %sub, %neg, %shl, %shr, %lt, %rot, %ld, %abs, %sum) : (!pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r0>, !pvm.reg<r1>) -> !pvm.reg<r7>
    // A branch on a constant: K >=u y is y <=u K.
    // CHECK-NEXT: pvm.branch_le_u_imm %[[Y:.+]], 12, ^bb1, ^bb2 : !pvm.reg<r8>
    pvm.branch_ge_u %k, %y, ^bb1, ^bb2 : !pvm.reg<r9>, !pvm.reg<r8>
  ^bb1:
    pvm.trap
  ^bb2:
    // x + x with x constant is 2x, not x + imm (hazard H8).
    %c = pvm.load_imm 21 : !pvm.reg<r7>
    // CHECK-NOT: pvm.load_imm 21
    // CHECK: %[[TWICE:.+]] = pvm.load_imm 42 : !pvm.reg<r7>
    %twice = pvm.add_64 %c, %c : (!pvm.reg<r7>, !pvm.reg<r7>) -> !pvm.reg<r7>
    // CHECK-NEXT: pvm.ecalli 0(%[[TWICE]])
    %e = pvm.ecalli 0(%twice) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}
