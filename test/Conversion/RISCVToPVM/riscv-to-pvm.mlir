// RUN: grey-opt %s --split-input-file --convert-riscv-to-pvm --pvm-verify-registers | FileCheck %s

// Register mapping (transpile-abi.md §6) and one op per family.
// CHECK-LABEL: pvm.program entry @__grey_start stack 65536 heap 65536 layout current
// CHECK: pvm.segment @".rodata" base 65536 size 16 ro init "abc"
// CHECK: pvm.func @__grey_start
// CHECK-NEXT: %[[SP:.+]] = pvm.load_imm 65536 : !pvm.reg<r1>
// CHECK-NEXT: pvm.tail_call @f uses(%[[SP]] : !pvm.reg<r1>)
// CHECK-LABEL: pvm.func @f
// CHECK-DAG: %[[RA:.+]] = pvm.get_register : !pvm.reg<r0>
// CHECK-DAG: %[[A0:.+]] = pvm.get_register : !pvm.reg<r7>
// CHECK-DAG: %[[A1:.+]] = pvm.get_register : !pvm.reg<r8>
// CHECK: pvm.fallthrough ^bb1(%[[RA]], %[[A0]], %[[A1]] :
// CHECK: ^bb1(%[[RA1:.+]]: !pvm.reg<r0>, %[[X:.+]]: !pvm.reg<r7>, %[[Y:.+]]: !pvm.reg<r8>):
// CHECK-NEXT: %[[T0:.+]] = pvm.add_64 %[[X]], %[[Y]] : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r2>
// CHECK-NEXT: %[[T1:.+]] = pvm.add_imm_64 %[[T0]], -5 : (!pvm.reg<r2>) -> !pvm.reg<r3>
// CHECK-NEXT: %[[T2:.+]] = pvm.leading_zero_bits_64 %[[T1]] : (!pvm.reg<r3>) -> !pvm.reg<r4>
// CHECK-NEXT: %[[S0:.+]] = pvm.load_ind_i32 %[[T2]], 8 : (!pvm.reg<r4>) -> !pvm.reg<r5>
// CHECK-NEXT: pvm.store_ind_u16 %[[S0]], %[[T2]], -4 : !pvm.reg<r5>, !pvm.reg<r4>
// CHECK-NEXT: %[[UPPER:.+]] = pvm.load_imm 73728 : !pvm.reg<r6>
// CHECK-NEXT: %[[S1:.+]] = pvm.add_imm_64 %[[UPPER]], 837 : (!pvm.reg<r6>) -> !pvm.reg<r6>
// CHECK-NEXT: %[[A2:.+]] = pvm.load_imm 69636 : !pvm.reg<r9>
// CHECK-NEXT: %[[A3:.+]] = pvm.cmov_iz %[[S1]], %[[S0]], %[[A2]] : !pvm.reg<r6>, !pvm.reg<r5>, !pvm.reg<r9>
// CHECK-NEXT: %[[A4:.+]] = pvm.and_inv %[[A3]], %[[S1]] : (!pvm.reg<r9>, !pvm.reg<r6>) -> !pvm.reg<r11>
// CHECK-NEXT: pvm.branch_lt_u %[[A4]], %[[X]], ^bb2, ^bb3 : !pvm.reg<r11>, !pvm.reg<r7>
// CHECK: ^bb2:
// CHECK-NEXT: pvm.jump_ind %[[RA1]], 0 uses(%[[A4]] : !pvm.reg<r11>) [] : !pvm.reg<r0>
// CHECK: ^bb3:
// CHECK-NEXT: pvm.trap
riscv.program entry @f {
  riscv.segment @".rodata" at 65536 size 16 init "abc"
  riscv.func @f at 69632 {
  ^bb0(%ra: !riscv.reg<ra>, %a0: !riscv.reg<a0>, %a1: !riscv.reg<a1>):
    %t0 = riscv.add %a0, %a1 : (!riscv.reg<a0>, !riscv.reg<a1>) -> !riscv.reg<t0>
    %t1 = riscv.addi %t0, -5 : (!riscv.reg<t0>) -> !riscv.reg<t1>
    %t2 = riscv.clz %t1 : (!riscv.reg<t1>) -> !riscv.reg<t2>
    %s0 = riscv.lw 8(%t2) : (!riscv.reg<t2>) -> !riscv.reg<s0>
    riscv.sh %s0, -4(%t2) : !riscv.reg<s0>, !riscv.reg<t2>
    %s1 = riscv.lui 18 : !riscv.reg<s1>
    %s1b = riscv.addi %s1, 837 : (!riscv.reg<s1>) -> !riscv.reg<s1>
    %a2 = riscv.auipc 0 at 69636 : !riscv.reg<a2>
    %a3 = riscv.th.mveqz %s1b, %s0, %a2 : !riscv.reg<s1>, !riscv.reg<s0>, !riscv.reg<a2>
    %a4 = riscv.andn %a3, %s1b : (!riscv.reg<a2>, !riscv.reg<s1>) -> !riscv.reg<a4>
    riscv.bltu %a4, %a0, ^bb1, ^bb2 : !riscv.reg<a4>, !riscv.reg<a0>
  ^bb1:
    riscv.jalr 0(%ra) uses(%a4 : !riscv.reg<a4>) [] : !riscv.reg<ra>
  ^bb2:
    riscv.unimp
  }
}

// -----

// x0 forms: no register holds x0, so each read of it picks a form with an
// immediate 0 (transpile-abi.md §9), an identity, or puts 0 into rd first;
// the x0 constants themselves disappear. (scratch-registers.mlir has the
// forms that need one more register.)
// CHECK-LABEL: pvm.func @zero
// CHECK-NOT: !pvm.reg>
// CHECK: ^bb1(%[[A0:.+]]: !pvm.reg<r7>, %[[A1:.+]]: !pvm.reg<r8>):
// li a2, 7
// CHECK-NEXT: %[[LI:.+]] = pvm.load_imm 7 : !pvm.reg<r9>
// mv a3, a0
// CHECK-NEXT: %[[MV:.+]] = pvm.move_reg %[[A0]] : (!pvm.reg<r7>) -> !pvm.reg<r10>
// neg a4, a0
// CHECK-NEXT: %[[NEG:.+]] = pvm.neg_add_imm_64 %[[A0]], 0 : (!pvm.reg<r7>) -> !pvm.reg<r11>
// snez a5, a0
// CHECK-NEXT: %[[SNEZ:.+]] = pvm.set_gt_u_imm %[[A0]], 0 : (!pvm.reg<r7>) -> !pvm.reg<r12>
// sext.w t0, a1
// CHECK-NEXT: %[[SEXT:.+]] = pvm.add_imm_32 %[[A1]], 0 : (!pvm.reg<r8>) -> !pvm.reg<r2>
// CHECK-NEXT: pvm.store_ind_u32 %[[SEXT]], %[[A1]], 0 : !pvm.reg<r2>, !pvm.reg<r8>
// div t1, a0, x0: RISC-V gives all ones (the reference's 0 is hazard H4)
// CHECK-NEXT: %[[DIV:.+]] = pvm.load_imm -1 : !pvm.reg<r3>
// rem t2, a0, x0: the dividend
// CHECK-NEXT: %[[REM:.+]] = pvm.move_reg %[[A0]] : (!pvm.reg<r7>) -> !pvm.reg<r4>
// divu s0, x0, a1: 0 / a1 is all ones when a1 is 0, else 0, without a
// 60-cycle division
// CHECK-NEXT: %[[ISZ:.+]] = pvm.set_lt_u_imm %[[A1]], 1 : (!pvm.reg<r8>) -> !pvm.reg<r5>
// CHECK-NEXT: %[[DIVZ:.+]] = pvm.neg_add_imm_64 %[[ISZ]], 0 : (!pvm.reg<r5>) -> !pvm.reg<r5>
// lw s1, 16(x0): absolute load
// CHECK-NEXT: %[[ABS:.+]] = pvm.load_i32 16 : !pvm.reg<r6>
// sd x0, 8(a0); sb a1, -8(x0)
// CHECK-NEXT: pvm.store_imm_ind_u64 %[[A0]], 8, 0 : !pvm.reg<r7>
// CHECK-NEXT: pvm.store_u8 %[[A1]], -8 : !pvm.reg<r8>
// th.mveqz a0, x0, a1: a0 = a1 == 0 ? 0 : a0
// CHECK-NEXT: %[[CM:.+]] = pvm.cmov_iz_imm %[[A1]], 0, %[[A0]] : !pvm.reg<r8>, !pvm.reg<r7>
// beqz / bltz / bgtz (0 < a1)
// CHECK-NEXT: pvm.branch_eq_imm %[[A1]], 0, ^bb2, ^bb3 : !pvm.reg<r8>
// CHECK: pvm.branch_lt_s_imm %[[A1]], 0, ^bb3, ^bb4 : !pvm.reg<r8>
// CHECK: pvm.branch_gt_s_imm %[[A1]], 0, ^bb4, ^bb5 : !pvm.reg<r8>
// beq x0, x0 is a jump; bltu x0, x0 never jumps.
// CHECK: pvm.jump ^bb6
// CHECK: pvm.fallthrough ^bb6
// li t0, 3; ecall: a host call on slot 3.
// CHECK: ^bb6:
// CHECK-NEXT: %[[SLOT:.+]] = pvm.load_imm 3 : !pvm.reg<r2>
// CHECK-NEXT: pvm.ecalli 3(%[[SLOT]], %[[LI]], %[[MV]], %[[NEG]], %[[SNEZ]], %[[DIV]], %[[REM]], %[[DIVZ]], %[[ABS]], %[[CM]])
// CHECK-NEXT: pvm.trap
riscv.program entry @zero {
  riscv.func @zero at 4096 {
  ^bb0(%a0: !riscv.reg<a0>, %a1: !riscv.reg<a1>):
    %z = riscv.constant 0 : !riscv.reg<zero>
    %li = riscv.addi %z, 7 : (!riscv.reg<zero>) -> !riscv.reg<a2>
    %mv = riscv.add %a0, %z : (!riscv.reg<a0>, !riscv.reg<zero>) -> !riscv.reg<a3>
    %neg = riscv.sub %z, %a0 : (!riscv.reg<zero>, !riscv.reg<a0>) -> !riscv.reg<a4>
    %snez = riscv.sltu %z, %a0 : (!riscv.reg<zero>, !riscv.reg<a0>) -> !riscv.reg<a5>
    %sext = riscv.addw %a1, %z : (!riscv.reg<a1>, !riscv.reg<zero>) -> !riscv.reg<t0>
    riscv.sw %sext, 0(%a1) : !riscv.reg<t0>, !riscv.reg<a1>
    %div = riscv.div %a0, %z : (!riscv.reg<a0>, !riscv.reg<zero>) -> !riscv.reg<t1>
    %rem = riscv.rem %a0, %z : (!riscv.reg<a0>, !riscv.reg<zero>) -> !riscv.reg<t2>
    %divz = riscv.divu %z, %a1 : (!riscv.reg<zero>, !riscv.reg<a1>) -> !riscv.reg<s0>
    %abs = riscv.lw 16(%z) : (!riscv.reg<zero>) -> !riscv.reg<s1>
    riscv.sd %z, 8(%a0) : !riscv.reg<zero>, !riscv.reg<a0>
    riscv.sb %a1, -8(%z) : !riscv.reg<a1>, !riscv.reg<zero>
    %cm = riscv.th.mveqz %z, %a1, %a0 : !riscv.reg<zero>, !riscv.reg<a1>, !riscv.reg<a0>
    riscv.beq %a1, %z, ^bb1, ^bb2 : !riscv.reg<a1>, !riscv.reg<zero>
  ^bb1:
    riscv.blt %a1, %z, ^bb2, ^bb3 : !riscv.reg<a1>, !riscv.reg<zero>
  ^bb2:
    riscv.blt %z, %a1, ^bb3, ^bb4 : !riscv.reg<zero>, !riscv.reg<a1>
  ^bb3:
    riscv.beq %z, %z, ^bb5, ^bb4 : !riscv.reg<zero>, !riscv.reg<zero>
  ^bb4:
    riscv.bltu %z, %z, ^bb4, ^bb5 : !riscv.reg<zero>, !riscv.reg<zero>
  ^bb5:
    %slot = riscv.addi %z, 3 : (!riscv.reg<zero>) -> !riscv.reg<t0>
    %r = riscv.ecall(%slot, %li, %mv, %neg, %snez, %div, %rem, %divz, %abs, %cm) : (!riscv.reg<t0>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>) -> !riscv.reg<a0>
    riscv.unimp
  }
}
