// RUN: grey-opt %s --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-test-print-gas-cost, pvm-choose-forms, pvm-verify-registers, pvm-test-print-gas-cost)))' --mlir-disable-threading | FileCheck %s
// RUN: grey-opt %s --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-choose-forms{gas-model=latency})))' | FileCheck %s --check-prefix=LATENCY

// Under the consensus three-register rule an add waits for its second source
// and its destination, not its first. With the load second, the add waits
// for it and completes at 26 (cost 26 - 3); with the load first it does not
// wait, and the block ends when the load does (25 - 3).
// CHECK-LABEL: gas of @order
// CHECK-NEXT:  ^bb0: 23
// CHECK:       gas of @order
// CHECK-NEXT:  ^bb0: 22
// CHECK:       %[[V:.*]] = pvm.load_ind_u64
// CHECK-NEXT:  %[[S:.*]] = pvm.add_64 %[[V]], %{{.*}} : (!pvm.reg<r8>, !pvm.reg<r7>) -> !pvm.reg<r9>
// The real operands make both orders cost the same: nothing changes.
// LATENCY:     pvm.add_64 %{{.*}}, %{{.*}} : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r9>
pvm.program entry @order stack 0 heap 0 layout current {
  pvm.func @order {
    %p = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    %v = pvm.load_ind_u64 %p, 0 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %s = pvm.add_64 %a, %v : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r9>
    pvm.branch_eq_imm %s, 0, ^bb1, ^bb1 : !pvm.reg<r9>
  ^bb1:
    %z = pvm.load_imm 0 : !pvm.reg<r7>
    pvm.trap
  }
}
