// RUN: grey-opt %s --split-input-file --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-test-print-gas-cost, pvm-schedule, pvm-verify-registers, pvm-test-print-gas-cost)))' --mlir-disable-threading | FileCheck %s
// RUN: grey-opt %s --split-input-file --pass-pipeline='builtin.module(pvm.program(pvm.func(pvm-schedule{gas-model=latency}, pvm-verify-registers)))' | FileCheck %s --check-prefix=LATENCY

// An independent load decoded last finishes at 25 + its decode cycle; first,
// its 25 cycles overlap the ALU chain. The branch waits for the load.
// CHECK-LABEL: gas of @load_first
// CHECK-NEXT:  ^bb0: 46
// CHECK:       gas of @load_first
// CHECK-NEXT:  ^bb0: 42
// CHECK:       pvm.func @load_first
// CHECK-NEXT:    %[[P:.*]] = pvm.get_register : !pvm.reg<r1>
// CHECK-NEXT:    %[[A:.*]] = pvm.get_register : !pvm.reg<r7>
// CHECK-NEXT:    %[[V:.*]] = pvm.load_ind_u64 %[[P]], 8
// CHECK-NEXT:    pvm.add_imm_64 %[[A]], 1
// LATENCY-LABEL: pvm.func @load_first
// LATENCY:         pvm.get_register : !pvm.reg<r7>
// LATENCY-NEXT:    pvm.load_ind_u64
pvm.program entry @load_first stack 0 heap 0 layout current {
  pvm.func @load_first {
    %p = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    %a1 = pvm.add_imm_64 %a, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a2 = pvm.xor_imm %a1, 3 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a3 = pvm.add_imm_64 %a2, 5 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a4 = pvm.xor_imm %a3, 7 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a5 = pvm.add_imm_64 %a4, 9 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a6 = pvm.xor_imm %a5, 11 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a7 = pvm.add_imm_64 %a6, 13 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a8 = pvm.xor_imm %a7, 15 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a9 = pvm.add_imm_64 %a8, 17 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a10 = pvm.xor_imm %a9, 19 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a11 = pvm.add_imm_64 %a10, 21 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a12 = pvm.xor_imm %a11, 23 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a13 = pvm.add_imm_64 %a12, 25 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a14 = pvm.xor_imm %a13, 27 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a15 = pvm.add_imm_64 %a14, 29 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a16 = pvm.xor_imm %a15, 31 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %v = pvm.load_ind_u64 %p, 8 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    pvm.branch_eq_imm %v, 0, ^bb1, ^bb1 : !pvm.reg<r8>
  ^bb1:
    %r = pvm.ecalli 0(%a16) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// Pinned registers order the code: the load into r7 may not rise above the
// last reader of r7's old value, and a store may not pass a load of the
// same bytes. Nothing moves, because nothing may.
// CHECK-LABEL: gas of @pinned
// CHECK-NEXT:  ^bb0: [[COST:[0-9]+]]
// CHECK:       gas of @pinned
// CHECK-NEXT:  ^bb0: [[COST]]
// CHECK:       pvm.func @pinned
// CHECK-NEXT:    pvm.get_register : !pvm.reg<r1>
// CHECK-NEXT:    pvm.get_register : !pvm.reg<r7>
// CHECK-NEXT:    pvm.store_ind_u64
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.load_ind_u64 %{{.*}}, 0
// CHECK-NEXT:    pvm.store_ind_u64 %{{.*}}, %{{.*}}, 0
pvm.program entry @pinned stack 0 heap 0 layout current {
  pvm.func @pinned {
    %p = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    pvm.store_ind_u64 %a, %p, 16 : !pvm.reg<r7>, !pvm.reg<r1>
    %b = pvm.add_imm_64 %a, 1 : (!pvm.reg<r7>) -> !pvm.reg<r8>
    %v = pvm.load_ind_u64 %p, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.store_ind_u64 %b, %p, 0 : !pvm.reg<r8>, !pvm.reg<r1>
    %r = pvm.ecalli 0(%v) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// A store and a load through one base at disjoint offsets may trade places;
// loads pass loads. The loads rise above the ALU chain and the store, so
// the branch that waits for them starts two cycles sooner.
// CHECK-LABEL: gas of @disjoint
// CHECK-NEXT:  ^bb0: 44
// CHECK:       gas of @disjoint
// CHECK-NEXT:  ^bb0: 42
// CHECK:       pvm.func @disjoint
// CHECK-NEXT:    pvm.get_register : !pvm.reg<r1>
// CHECK-NEXT:    pvm.get_register : !pvm.reg<r7>
// CHECK-NEXT:    pvm.load_ind_u64 %{{.*}}, 8
// CHECK-NEXT:    pvm.load_ind_u64 %{{.*}}, 16
// CHECK-NEXT:    pvm.add_imm_64
// CHECK:         pvm.store_ind_u64 %{{.*}}, %{{.*}}, 0
pvm.program entry @disjoint stack 0 heap 0 layout current {
  pvm.func @disjoint {
    %p = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    %a1 = pvm.add_imm_64 %a, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a2 = pvm.xor_imm %a1, 3 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a3 = pvm.add_imm_64 %a2, 5 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a4 = pvm.xor_imm %a3, 7 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a5 = pvm.add_imm_64 %a4, 9 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a6 = pvm.xor_imm %a5, 11 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a7 = pvm.add_imm_64 %a6, 13 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %a8 = pvm.xor_imm %a7, 15 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.store_ind_u64 %a8, %p, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    %x = pvm.load_ind_u64 %p, 8 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %y = pvm.load_ind_u64 %p, 16 : (!pvm.reg<r1>) -> !pvm.reg<r9>
    pvm.branch_eq %x, %y, ^bb1, ^bb1 : !pvm.reg<r8>, !pvm.reg<r9>
  ^bb1:
    %z = pvm.load_imm 0 : !pvm.reg<r7>
    pvm.trap
  }
}
