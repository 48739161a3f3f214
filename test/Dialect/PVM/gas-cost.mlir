// RUN: grey-opt %s --split-input-file --mlir-disable-threading --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-test-print-gas-cost)))' -o /dev/null | FileCheck %s

// gas-model.md §8 example B, the Fibonacci loop: gas blocks cost 14, 19 and
// 97, plus 1 for the trap after the ecalli (a gas block of its own).
// CHECK-LABEL: gas of @fib
// CHECK-NEXT: ^bb0: 14
// CHECK-NEXT: ^bb1: 19
// CHECK-NEXT: ^bb2: 98
// CHECK-NEXT: total: 131
pvm.program entry @fib stack 0 heap 0 layout current {
  pvm.func @fib {
    %a = pvm.load_imm_64 0 : !pvm.reg<r2>
    %b = pvm.load_imm_64 1 : !pvm.reg<r3>
    %i = pvm.load_imm_64 0 : !pvm.reg<r4>
    %n = pvm.load_imm_64 1000 : !pvm.reg<r6>
    pvm.jump ^bb1(%a, %b, %i : !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>)
  ^bb1(%x: !pvm.reg<r2>, %y: !pvm.reg<r3>, %k: !pvm.reg<r4>):
    %s = pvm.add_64 %x, %y : (!pvm.reg<r2>, !pvm.reg<r3>) -> !pvm.reg<r5>
    %x1 = pvm.move_reg %y : (!pvm.reg<r3>) -> !pvm.reg<r2>
    %y1 = pvm.move_reg %s : (!pvm.reg<r5>) -> !pvm.reg<r3>
    %k1 = pvm.add_imm_64 %k, 1 : (!pvm.reg<r4>) -> !pvm.reg<r4>
    pvm.branch_lt_u %k1, %n, ^bb1(%x1, %y1, %k1 : !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>), ^bb2 : !pvm.reg<r4>, !pvm.reg<r6>
  ^bb2:
    %r = pvm.move_reg %y1 : (!pvm.reg<r3>) -> !pvm.reg<r7>
    %o = pvm.ecalli 0(%r) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// A branch to a block that starts with `trap` costs 1 instead of 20; an
// `ecalli` ends a gas block inside an IR block (97 + the trap's 1); a load
// feeding a branch waits for it (25 + 20 - 3).
// CHECK-LABEL: gas of @shapes
// CHECK-NEXT: ^bb0: 1
// CHECK-NEXT: ^bb1: 42
// CHECK-NEXT: ^bb2: 98
// CHECK-NEXT: ^bb3: 1
pvm.program entry @shapes stack 0 heap 0 layout current {
  pvm.func @shapes {
    %p = pvm.load_imm 4096 : !pvm.reg<r7>
    pvm.branch_eq_imm %p, 0, ^bb3, ^bb1 : !pvm.reg<r7>
  ^bb1:
    %v = pvm.load_ind_u64 %p, 0 : (!pvm.reg<r7>) -> !pvm.reg<r8>
    pvm.branch_eq_imm %v, 0, ^bb2, ^bb3 : !pvm.reg<r8>
  ^bb2:
    %o = pvm.ecalli 0(%v) : (!pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.trap
  ^bb3:
    pvm.trap
  }
}

// -----

// Unallocated values are costed in registers of their own, so the two loads
// overlap and the add waits for both (done at 26). The consensus model's
// three-register rule (gas-model.md §3) has the add write its first source's
// register, not r7, so the store does not wait for it: 26 - 3 = 23.
// CHECK-LABEL: gas of @unallocated
// CHECK-NEXT: ^bb0: 23
pvm.program entry @unallocated stack 0 heap 0 layout current {
  pvm.func @unallocated {
    %p = pvm.get_register : !pvm.reg<r1>
    %a = pvm.load_ind_u64 %p, 0 : (!pvm.reg<r1>) -> !pvm.reg
    %b = pvm.load_ind_u64 %p, 8 : (!pvm.reg<r1>) -> !pvm.reg
    %c = pvm.add_64 %a, %b : (!pvm.reg, !pvm.reg) -> !pvm.reg<r7>
    pvm.store_ind_u64 %c, %p, 16 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.trap
  }
}
