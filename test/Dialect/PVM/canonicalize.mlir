// RUN: grey-opt %s --canonicalize | FileCheck %s

// Folds keep the register of the op they replace: a folded constant is
// materialized into the result's register, and x + 0 forwards x only when x
// already lives there.

// CHECK-LABEL: pvm.func @main
pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    %a = pvm.load_imm 40 : !pvm.reg<r7>
    %b = pvm.load_imm 2 : !pvm.reg<r8>
    // CHECK-DAG: %[[SUM:.+]] = pvm.load_imm 42 : !pvm.reg<r9>
    %s = pvm.add_64 %a, %b : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r9>
    // CHECK-DAG: %[[BIG:.+]] = pvm.load_imm_64 8589934592 : !pvm.reg<r10>
    %c = pvm.load_imm_64 4294967296 : !pvm.reg<r10>
    %big = pvm.add_64 %c, %c : (!pvm.reg<r10>, !pvm.reg<r10>) -> !pvm.reg<r10>
    // CHECK-DAG: %[[M:.+]] = pvm.load_u64 4096 : !pvm.reg<r11>
    %m = pvm.load_u64 4096 : !pvm.reg<r11>
    %same = pvm.add_imm_64 %m, 0 : (!pvm.reg<r11>) -> !pvm.reg<r11>
    // CHECK: %[[MOVED:.+]] = pvm.add_imm_64 %[[M]], 0 : (!pvm.reg<r11>) -> !pvm.reg<r12>
    %moved = pvm.add_imm_64 %m, 0 : (!pvm.reg<r11>) -> !pvm.reg<r12>
    // CHECK: pvm.ecalli 0(%[[SUM]], %[[BIG]], %[[M]], %[[MOVED]])
    %r = pvm.ecalli 0(%s, %big, %same, %moved) : (!pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>) -> !pvm.reg<r7>
    pvm.trap
  }
}
