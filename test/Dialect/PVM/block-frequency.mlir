// RUN: grey-opt %s --split-input-file --pvm-test-print-block-frequency -o /dev/null | FileCheck %s

// Static heuristics: staying in a loop 31/32 (its block runs 32 times per
// entry), a path that can only trap 1/1024, equality 3/8.
// CHECK-LABEL: frequency of @loop (static)
// CHECK-NEXT:  ^bb0: 1 -> ^bb1 1
// CHECK-NEXT:  ^bb1: 32 -> ^bb1 0.9688, ^bb2 0.03125
// CHECK-NEXT:  ^bb2: 1 -> ^bb4 0.0009766, ^bb3 0.999
// CHECK-NEXT:  ^bb3: 0.999 -> ^bb5 0.375, ^bb6 0.625
// CHECK-NEXT:  ^bb4: 0.0009766 cold
// CHECK-NEXT:  ^bb5: 0.3746
// CHECK-NEXT:  ^bb6: 0.6244
pvm.program entry @loop stack 0 heap 0 layout current {
  pvm.func @loop {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.fallthrough ^bb1(%a : !pvm.reg<r7>)
  ^bb1(%i: !pvm.reg<r7>):
    %j = pvm.add_imm_64 %i, -1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.branch_ne_imm %j, 0, ^bb1(%j : !pvm.reg<r7>), ^bb2 : !pvm.reg<r7>
  ^bb2:
    pvm.branch_lt_u_imm %a, 5, ^bb4, ^bb3 : !pvm.reg<r7>
  ^bb3:
    pvm.branch_eq_imm %a, 9, ^bb5, ^bb6 : !pvm.reg<r7>
  ^bb4:
    pvm.trap
  ^bb5:
    pvm.jump_ind %b, 0 uses(%a : !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^bb6:
    pvm.jump_ind %b, 0 uses(%a : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// A function whose every path traps never returns; a call to it is cold,
// so the branch to the call is unlikely. Its own blocks are all cold.
// CHECK-LABEL: frequency of @caller (static)
// CHECK-NEXT:  ^bb0: 1 -> ^bb2 0.0009766, ^bb1 0.999
// CHECK-NEXT:  ^bb1: 0.999
// CHECK-NEXT:  ^bb2: 0.0009766 cold -> ^bb3 1
// CHECK-NEXT:  ^bb3: 0.0009766 cold
// CHECK-LABEL: frequency of @panic (static), never returns
// CHECK-NEXT:  ^bb0: 1 cold
pvm.program entry @caller stack 0 heap 0 layout current {
  pvm.func @caller {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.branch_eq_imm %a, 0, ^bb2, ^bb1 : !pvm.reg<r7>
  ^bb1:
    pvm.jump_ind %b, 0 uses(%a : !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^bb2:
    %r:2 = pvm.call @panic(%sp, %a), ^bb3 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb3:
    pvm.jump_table_entry 0
    pvm.trap
  }
  pvm.func @panic {
    %v = pvm.get_register : !pvm.reg<r7>
    %o = pvm.ecalli 0(%v) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

// With a profile, a block's frequency is the count of its first
// instruction's guest address; a branch's probabilities come from
// successors entered only from it; blocks the profile does not name get
// their predecessors' flow.
// CHECK-LABEL: frequency of @profiled (profile)
// CHECK-NEXT:  ^bb0: 10 -> ^bb2 0.2, ^bb1 0.8
// CHECK-NEXT:  ^bb1: 8 -> ^bb3 1
// CHECK-NEXT:  ^bb2: 2 -> ^bb3 1
// CHECK-NEXT:  ^bb3: 10
pvm.program entry @profiled stack 0 heap 0 layout current {
  pvm.func @profiled attributes {pvm.profile = array<i64: 256, 10, 260, 8, 264, 2>} {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_eq_imm %a, 0, ^bb2, ^bb1 : !pvm.reg<r7> loc("pc:0x100")
  ^bb1:
    %x = pvm.add_imm_64 %a, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7> loc("pc:0x104")
    pvm.jump ^bb3(%x : !pvm.reg<r7>) loc("pc:0x104")
  ^bb2:
    %y = pvm.add_imm_64 %a, 2 : (!pvm.reg<r7>) -> !pvm.reg<r7> loc("pc:0x108")
    pvm.jump ^bb3(%y : !pvm.reg<r7>) loc("pc:0x108")
  ^bb3(%z: !pvm.reg<r7>):
    pvm.jump_ind %b, 0 uses(%z : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
