// RUN: grey-opt %s --split-input-file --pvm-mark-cold-paths --pvm-verify-registers | FileCheck %s

// Targets that reach only `trap` with nothing observable on the way (no
// memory access, nothing written to φ7) become one `trap` block at the
// end; the branches to it cost 1. The blocks they used to reach go.
// CHECK-LABEL: pvm.func @traps
// CHECK:         pvm.branch_ge_u_imm %{{.*}}, 10, ^[[TRAP:bb[0-9]+]], ^bb1
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    pvm.branch_eq_imm %{{.*}}, 3, ^[[TRAP]], ^bb2
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    pvm.jump_ind
// CHECK-NEXT:  ^[[TRAP]]:
// CHECK-NEXT:    pvm.trap
// CHECK-NEXT:  }
pvm.program entry @traps stack 0 heap 0 layout current {
  pvm.func @traps {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_ge_u_imm %a, 10, ^oob, ^ok : !pvm.reg<r7>
  ^ok:
    pvm.branch_eq_imm %a, 3, ^three, ^ret : !pvm.reg<r7>
  ^ret:
    pvm.jump_ind %b, 0 uses(%a : !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^oob:
    %x = pvm.add_imm_64 %a, 5 : (!pvm.reg<r7>) -> !pvm.reg<r9>
    pvm.jump ^panic
  ^three:
    pvm.jump ^panic
  ^panic:
    pvm.trap
  }
}

// -----

// A cold target that writes φ7 (a calling VM sees it after the trap) or
// stores on its way to the trap keeps its code; without a profile it is
// cold enough (the function cannot be left from it) for an `unlikely`
// block in front, which makes the branch cost 1.
// CHECK-LABEL: pvm.func @observable
// CHECK:         pvm.branch_ge_u_imm %{{.*}}, 10, ^[[HINT:bb[0-9]+]], ^bb1
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    pvm.jump_ind
// CHECK-NEXT:  ^[[HINT]]:
// CHECK-NEXT:    pvm.unlikely ^[[OOB:bb[0-9]+]]
// CHECK-NEXT:  ^[[OOB]]:
// CHECK-NEXT:    pvm.load_imm 42 : !pvm.reg<r7>
// CHECK-NEXT:    pvm.trap
pvm.program entry @observable stack 0 heap 0 layout current {
  pvm.func @observable {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_ge_u_imm %a, 10, ^oob, ^ret : !pvm.reg<r7>
  ^ret:
    pvm.jump_ind %b, 0 uses(%a : !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^oob:
    %code = pvm.load_imm 42 : !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// A target the function can be left from is not known to be rare without
// a profile: nothing changes.
// CHECK-LABEL: pvm.func @unknown
// CHECK:         pvm.branch_ge_u_imm %{{.*}}, 10, ^bb2, ^bb1
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    pvm.jump_ind
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    pvm.load_imm 42
pvm.program entry @unknown stack 0 heap 0 layout current {
  pvm.func @unknown {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_ge_u_imm %a, 10, ^big, ^ret : !pvm.reg<r7>
  ^ret:
    pvm.jump_ind %b, 0 uses(%a : !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^big:
    %c = pvm.load_imm 42 : !pvm.reg<r7>
    pvm.jump_ind %b, 0 uses(%c : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// With a profile: a target taken once in 1000 runs gets an `unlikely`
// block (1000 branches save 19 gas each, one `unlikely` costs 37); one
// taken every other time does not.
// CHECK-LABEL: pvm.func @profiled
// CHECK:         pvm.branch_ge_u_imm %{{.*}}, 10, ^[[HINT:bb[0-9]+]], ^bb1
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    pvm.branch_eq_imm %{{.*}}, 7, ^bb2, ^bb3
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    pvm.load_imm 1
// CHECK:       ^[[HINT]]:
// CHECK-NEXT:    pvm.unlikely
pvm.program entry @profiled stack 0 heap 0 layout current {
  pvm.func @profiled attributes {pvm.profile = array<i64: 16, 1000, 20, 999, 24, 500, 28, 499, 32, 1>} {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_ge_u_imm %a, 10, ^big, ^small : !pvm.reg<r7> loc("pc:0x10")
  ^small:
    pvm.branch_eq_imm %a, 7, ^seven, ^ret : !pvm.reg<r7> loc("pc:0x14")
  ^seven:
    %one = pvm.load_imm 1 : !pvm.reg<r7> loc("pc:0x18")
    pvm.jump_ind %b, 0 uses(%one : !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x18")
  ^ret:
    pvm.jump_ind %b, 0 uses(%a : !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x1c")
  ^big:
    %c = pvm.load_imm 42 : !pvm.reg<r7> loc("pc:0x20")
    pvm.jump_ind %b, 0 uses(%c : !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x20")
  }
}
