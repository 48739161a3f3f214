// RUN: grey-opt %s --split-input-file --pvm-layout-blocks --pvm-verify-registers | FileCheck %s

// Blocks follow the blocks that jump to them; each jump to the block laid
// out next becomes a fall-through.
// CHECK-LABEL: pvm.func @jumps
// CHECK:         pvm.fallthrough ^bb1
// CHECK-NEXT:  ^bb1(
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.fallthrough ^bb2
// CHECK-NEXT:  ^bb2(
// CHECK-NEXT:    pvm.jump_ind
pvm.program entry @jumps stack 0 heap 0 layout current {
  pvm.func @jumps {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.jump ^bb2(%a : !pvm.reg<r7>)
  ^bb1(%x: !pvm.reg<r7>):
    pvm.jump_ind %b, 0 uses(%x : !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^bb2(%y: !pvm.reg<r7>):
    %z = pvm.add_imm_64 %y, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump ^bb1(%z : !pvm.reg<r7>)
  }
}

// -----

// A path that can only end in a trap is cold: the branch is inverted
// (lt_u becomes ge_u) so that the path is its target, laid out last.
// CHECK-LABEL: pvm.func @cold
// CHECK:         pvm.branch_ge_u_imm %{{.*}}, 10, ^bb2, ^bb1
// CHECK-NEXT:  ^bb1:
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.jump_ind
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    pvm.load_imm 99
// CHECK-NEXT:    pvm.store_u64
// CHECK-NEXT:    pvm.trap
pvm.program entry @cold stack 0 heap 0 layout current {
  pvm.func @cold {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_lt_u_imm %a, 10, ^bb2, ^bb1 : !pvm.reg<r7>
  ^bb1:
    %m = pvm.load_imm 99 : !pvm.reg<r8>
    pvm.store_u64 %m, 4096 : !pvm.reg<r8>
    pvm.trap
  ^bb2:
    %z = pvm.add_imm_64 %a, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump_ind %b, 0 uses(%z : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// With a profile (`pvm.profile`: runs by guest address of the first
// instruction) the path taken 99 times in 100 follows the branch (inverted,
// eq becomes ne) and falls through to the join; the rare one jumps.
// CHECK-LABEL: pvm.func @hot
// CHECK:         pvm.branch_ne_imm %{{.*}}, 0, ^bb3(%{{.*}} : !pvm.reg<r7>), ^bb1(
// CHECK-NEXT:  ^bb1(
// CHECK-NEXT:    pvm.add_imm_64 %{{.*}}, 2
// CHECK-NEXT:    pvm.fallthrough ^bb2
// CHECK-NEXT:  ^bb2(
// CHECK-NEXT:    pvm.jump_ind
// CHECK-NEXT:  ^bb3(
// CHECK-NEXT:    pvm.add_imm_64 %{{.*}}, 1
// CHECK-NEXT:    pvm.jump ^bb2
pvm.program entry @hot stack 0 heap 0 layout current {
  pvm.func @hot attributes {pvm.profile = array<i64: 16, 100, 20, 1, 24, 99, 28, 100>} {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_eq_imm %a, 0, ^bb2(%a : !pvm.reg<r7>), ^bb1(%a : !pvm.reg<r7>) : !pvm.reg<r7> loc("pc:0x10")
  ^bb1(%x: !pvm.reg<r7>):
    %x1 = pvm.add_imm_64 %x, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7> loc("pc:0x14")
    pvm.jump ^bb3(%x1 : !pvm.reg<r7>) loc("pc:0x14")
  ^bb2(%y: !pvm.reg<r7>):
    %y1 = pvm.add_imm_64 %y, 2 : (!pvm.reg<r7>) -> !pvm.reg<r7> loc("pc:0x18")
    pvm.jump ^bb3(%y1 : !pvm.reg<r7>) loc("pc:0x18")
  ^bb3(%w: !pvm.reg<r7>):
    pvm.jump_ind %b, 0 uses(%w : !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x1c")
  }
}

// -----

// A call's continuation (its return site) always follows the call.
// CHECK-LABEL: pvm.func @calls
// CHECK:         pvm.fallthrough ^bb1
// CHECK-NEXT:  ^bb1(
// CHECK-NEXT:    pvm.call @callee({{.*}}), ^bb2
// CHECK-NEXT:  ^bb2:
// CHECK-NEXT:    pvm.jump_table_entry 0
pvm.program entry @calls stack 0 heap 0 layout current {
  pvm.func @calls {
    %a = pvm.get_register : !pvm.reg<r7>
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.jump ^bb2(%a : !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %o = pvm.ecalli 0(%r#1) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  ^bb2(%x: !pvm.reg<r7>):
    %r:2 = pvm.call @callee(%sp, %x), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %v = pvm.get_register : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%v : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// A branch whose successors must both follow other blocks (a call's
// continuation, and a block a hotter block falls through to) gets a block
// of its own on its `next` edge that jumps.
// CHECK-LABEL: pvm.func @crowded
// CHECK:         pvm.branch_eq_imm %{{.*}}, 0, ^[[T:bb[0-9]+]], ^[[J:bb[0-9]+]]
// CHECK-NEXT:  ^[[J]]:
// CHECK-NEXT:    pvm.jump ^[[N:bb[0-9]+]]
// CHECK:         pvm.load_imm 3
// CHECK-NEXT:    pvm.fallthrough ^[[N]]
// CHECK-NEXT:  ^[[N]]:
// CHECK-NEXT:    pvm.ecalli 0
// CHECK:         pvm.call @callee({{.*}}), ^[[T]]
// CHECK-NEXT:  ^[[T]]:
// CHECK-NEXT:    pvm.jump_table_entry 0
pvm.program entry @crowded stack 0 heap 0 layout current {
  pvm.func @crowded attributes {pvm.profile = array<i64: 16, 1, 20, 1, 24, 1, 28, 100, 32, 101>} {
    %a = pvm.get_register : !pvm.reg<r7>
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.branch_eq_imm %a, 0, ^t, ^n : !pvm.reg<r7> loc("pc:0x10")
  ^c:
    %r:2 = pvm.call @callee(%sp, %a), ^t : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>) loc("pc:0x14")
  ^t:
    pvm.jump_table_entry 0
    pvm.trap loc("pc:0x18")
  ^f:
    %k = pvm.load_imm 3 : !pvm.reg<r8> loc("pc:0x1c")
    pvm.fallthrough ^n loc("pc:0x1c")
  ^n:
    %o = pvm.ecalli 0(%a) : (!pvm.reg<r7>) -> !pvm.reg<r8> loc("pc:0x20")
    pvm.branch_eq_imm %o, 0, ^c, ^f : !pvm.reg<r8> loc("pc:0x20")
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %v = pvm.get_register : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%v : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
