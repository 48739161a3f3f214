// RUN: grey-opt %s --split-input-file --grey-pipeline=O0 | FileCheck %s
// RUN: not grey-opt %s --split-input-file --grey-pipeline=O7 2>&1 | FileCheck %s --check-prefix=BAD

// -O0 is the reference scheme done correctly: lui + addi becomes one
// load_imm (T2), a constant operand an immediate (T5), and a constant that
// is still read afterwards is kept (the reference drops it: hazard H2).
// CHECK-LABEL: pvm.func @f
// CHECK: ^bb1(%[[RA:.+]]: !pvm.reg<r0>, %[[A0:.+]]: !pvm.reg<r7>):
// CHECK-NEXT: %[[K:.+]] = pvm.load_imm 74565 : !pvm.reg<r8>
// CHECK-NEXT: pvm.branch_eq_imm %[[A0]], 74565, ^bb2, ^bb3 : !pvm.reg<r7>
// CHECK: ^bb3:
// CHECK-NEXT: %[[SUM:.+]] = pvm.add_imm_64 %[[A0]], 74565 : (!pvm.reg<r7>) -> !pvm.reg<r7>
// CHECK-NEXT: pvm.jump_ind %[[RA]], 0 uses(%[[SUM]], %[[K]] : !pvm.reg<r7>, !pvm.reg<r8>)
// BAD: unknown optimization level 'O7' (expected O0, O1 or O2)
riscv.program entry @f {
  riscv.func @f at 4096 {
  ^bb0(%ra: !riscv.reg<ra>, %a0: !riscv.reg<a0>):
    %hi = riscv.lui 18 : !riscv.reg<a1>
    %k = riscv.addi %hi, 837 : (!riscv.reg<a1>) -> !riscv.reg<a1>
    riscv.beq %a0, %k, ^bb1, ^bb2 : !riscv.reg<a0>, !riscv.reg<a1>
  ^bb1:
    riscv.unimp
  ^bb2:
    %sum = riscv.add %a0, %k : (!riscv.reg<a0>, !riscv.reg<a1>) -> !riscv.reg<a0>
    riscv.jalr 0(%ra) uses(%sum, %k : !riscv.reg<a0>, !riscv.reg<a1>) [] : !riscv.reg<ra>
  }
}

// -----

// A constant does not survive a call that redefines its register: after
// `la a0, X; call f`, a0 is the callee's result, so `add a0, a0, s1` stays
// a register add (the reference could fold the pre-call constant: H3).
// CHECK-LABEL: pvm.func @g
// CHECK: %[[X:.+]] = pvm.load_imm 69632 : !pvm.reg<r7>
// CHECK: %{{.*}}, %[[DEFS:.+]] = pvm.call @h(%[[X]]), ^[[RET:bb[0-9]+]]
// CHECK: ^[[RET]]:
// CHECK-NEXT: pvm.jump_table_entry 0
// CHECK-NEXT: %[[SUM:.+]] = pvm.add_64 %[[DEFS]], %{{.*}} : (!pvm.reg<r7>, !pvm.reg<r6>) -> !pvm.reg<r7>
riscv.program entry @g {
  riscv.func @h at 4096 {
  ^bb0(%ra: !riscv.reg<ra>, %a0: !riscv.reg<a0>):
    riscv.jalr 0(%ra) uses(%a0 : !riscv.reg<a0>) [] : !riscv.reg<ra>
  }
  riscv.func @g at 8192 {
  ^bb0(%s1: !riscv.reg<s1>):
    %x = riscv.constant 69632 : !riscv.reg<a0>
    %c:2 = riscv.call @h(%x) : (!riscv.reg<a0>) -> (!riscv.reg<ra>, !riscv.reg<a0>)
    %sum = riscv.add %c#1, %s1 : (!riscv.reg<a0>, !riscv.reg<s1>) -> !riscv.reg<a0>
    riscv.tail @h uses(%sum : !riscv.reg<a0>)
  }
}
