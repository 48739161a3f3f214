// RUN: grey-opt %s --split-input-file --pvm-unroll-loops=max-factor=3 --pvm-verify-registers | FileCheck %s

// A one-block loop, assumed to repeat about 32 times (no profile), is
// copied three times in a row. Each copy leaves the loop with the inverted
// branch to a block that starts with `unlikely` (so it costs 1) and falls
// through to the next copy; after the last a jump goes back.
// CHECK-LABEL: pvm.func @self
// CHECK:         pvm.fallthrough ^bb1
// CHECK-NEXT:  ^bb1(%[[I:.*]]: !pvm.reg<r7>, %[[S:.*]]: !pvm.reg<r8>):
// CHECK-NEXT:    %[[S1:.*]] = pvm.add_64 %[[S]], %[[I]]
// CHECK-NEXT:    %[[I1:.*]] = pvm.add_imm_64 %[[I]], -1
// CHECK-NEXT:    pvm.branch_eq_imm %[[I1]], 0, ^[[OUT:bb[0-9]+]](%[[S1]] : !pvm.reg<r8>), ^bb2(%[[I1]], %[[S1]] : !pvm.reg<r7>, !pvm.reg<r8>)
// CHECK-NEXT:  ^bb2(%[[J:.*]]: !pvm.reg<r7>, %[[T:.*]]: !pvm.reg<r8>):
// CHECK-NEXT:    %[[T1:.*]] = pvm.add_64 %[[T]], %[[J]]
// CHECK-NEXT:    %[[J1:.*]] = pvm.add_imm_64 %[[J]], -1
// CHECK-NEXT:    pvm.branch_eq_imm %[[J1]], 0, ^[[OUT]](%[[T1]] : !pvm.reg<r8>), ^bb3(
// CHECK-NEXT:  ^bb3(
// CHECK-NEXT:    pvm.add_64
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.branch_eq_imm %{{.*}}, 0, ^[[OUT]](%{{.*}} : !pvm.reg<r8>), ^bb4(
// CHECK-NEXT:  ^bb4(%[[K:.*]]: !pvm.reg<r7>, %[[U:.*]]: !pvm.reg<r8>):
// CHECK-NEXT:    pvm.jump ^bb1(%[[K]], %[[U]] : !pvm.reg<r7>, !pvm.reg<r8>)
// CHECK-NEXT:  ^[[OUT]](%[[R:.*]]: !pvm.reg<r8>):
// CHECK-NEXT:    pvm.unlikely ^bb6(%[[R]] : !pvm.reg<r8>)
// CHECK-NEXT:  ^bb6(
// CHECK-NEXT:    pvm.jump_ind
pvm.program entry @self stack 0 heap 0 layout current {
  pvm.func @self {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    %s0 = pvm.load_imm 0 : !pvm.reg<r8>
    pvm.fallthrough ^loop(%a, %s0 : !pvm.reg<r7>, !pvm.reg<r8>)
  ^loop(%i: !pvm.reg<r7>, %s: !pvm.reg<r8>):
    %s1 = pvm.add_64 %s, %i : (!pvm.reg<r8>, !pvm.reg<r7>) -> !pvm.reg<r8>
    %i1 = pvm.add_imm_64 %i, -1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.branch_ne_imm %i1, 0, ^loop(%i1, %s1 : !pvm.reg<r7>, !pvm.reg<r8>), ^exit(%s1 : !pvm.reg<r8>) : !pvm.reg<r7>
  ^exit(%r: !pvm.reg<r8>):
    pvm.jump_ind %b, 0 uses(%r : !pvm.reg<r8>) [] : !pvm.reg<r0>
  }
}

// -----

// The same loop, with a profile that says it ran once per entry: the
// `unlikely` block would cost more than the cheap branches save, so the
// loop stays as it is.
// CHECK-LABEL: pvm.func @once
// CHECK:       {{^ *}}^bb1(
// CHECK-NEXT:    pvm.add_64
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.branch_ne_imm %{{.*}}, 0, ^bb1(
// CHECK-NEXT:  {{^ *}}^bb2(
// CHECK-NEXT:    pvm.jump_ind
// CHECK-NEXT:  }
pvm.program entry @once stack 0 heap 0 layout current {
  pvm.func @once attributes {pvm.profile = array<i64: 16, 5, 20, 5, 24, 5>} {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    %s0 = pvm.load_imm 0 : !pvm.reg<r8> loc("pc:0x10")
    pvm.fallthrough ^loop(%a, %s0 : !pvm.reg<r7>, !pvm.reg<r8>) loc("pc:0x10")
  ^loop(%i: !pvm.reg<r7>, %s: !pvm.reg<r8>):
    %s1 = pvm.add_64 %s, %i : (!pvm.reg<r8>, !pvm.reg<r7>) -> !pvm.reg<r8> loc("pc:0x14")
    %i1 = pvm.add_imm_64 %i, -1 : (!pvm.reg<r7>) -> !pvm.reg<r7> loc("pc:0x14")
    pvm.branch_ne_imm %i1, 0, ^loop(%i1, %s1 : !pvm.reg<r7>, !pvm.reg<r8>), ^exit(%s1 : !pvm.reg<r8>) : !pvm.reg<r7> loc("pc:0x14")
  ^exit(%r: !pvm.reg<r8>):
    pvm.jump_ind %b, 0 uses(%r : !pvm.reg<r8>) [] : !pvm.reg<r0> loc("pc:0x18")
  }
}

// -----

// A loop of two blocks (the header leaves when the element is 0, the
// latch when the count runs out) is one path: both exits get `unlikely`
// blocks and the copies follow each other. The block that fell through
// into the first exit jumps to it now, so that exit's `unlikely` block can
// come right before it.
// CHECK-LABEL: pvm.func @path
// CHECK:       {{^ *}}^bb1(
// CHECK-NEXT:    pvm.load_ind_u8
// CHECK-NEXT:    pvm.branch_eq_imm %{{.*}}, 0, ^[[OUT1:bb[0-9]+]](%{{.*}} : !pvm.reg<r7>), ^bb2(
// CHECK-NEXT:  ^bb2(
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.branch_eq_imm %{{.*}}, 0, ^[[OUT2:bb[0-9]+]], ^bb3(
// CHECK-NEXT:  ^bb3(
// CHECK-NEXT:    pvm.load_ind_u8
// CHECK-NEXT:    pvm.branch_eq_imm %{{.*}}, 0, ^[[OUT1]](%{{.*}} : !pvm.reg<r7>), ^bb4(
// CHECK-NEXT:  ^bb4(
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.branch_eq_imm %{{.*}}, 0, ^[[OUT2]], ^bb5(
// CHECK:         pvm.jump ^bb1(
// CHECK-NEXT:  ^[[OUT2]]:
// CHECK-NEXT:    pvm.unlikely ^[[EXIT2:bb[0-9]+]]
// CHECK-NEXT:  ^[[EXIT2]]:
// CHECK-NEXT:    pvm.load_imm 7
// CHECK-NEXT:    pvm.jump ^[[EXIT1:bb[0-9]+]](
// CHECK-NEXT:  ^[[OUT1]](
// CHECK-NEXT:    pvm.unlikely ^[[EXIT1]](
// CHECK-NEXT:  ^[[EXIT1]](
// CHECK-NEXT:    pvm.jump_ind
pvm.program entry @path stack 0 heap 0 layout current {
  pvm.func @path {
    %p = pvm.get_register : !pvm.reg<r7>
    %n = pvm.get_register : !pvm.reg<r8>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.fallthrough ^head(%p, %n : !pvm.reg<r7>, !pvm.reg<r8>)
  ^head(%i: !pvm.reg<r7>, %k: !pvm.reg<r8>):
    %v = pvm.load_ind_u8 %i, 0 : (!pvm.reg<r7>) -> !pvm.reg<r9>
    pvm.branch_eq_imm %v, 0, ^found(%i : !pvm.reg<r7>), ^latch(%i, %k : !pvm.reg<r7>, !pvm.reg<r8>) : !pvm.reg<r9>
  ^latch(%j: !pvm.reg<r7>, %m: !pvm.reg<r8>):
    %j1 = pvm.add_imm_64 %j, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %m1 = pvm.add_imm_64 %m, -1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    pvm.branch_ne_imm %m1, 0, ^head(%j1, %m1 : !pvm.reg<r7>, !pvm.reg<r8>), ^none : !pvm.reg<r8>
  ^none:
    %z = pvm.load_imm 7 : !pvm.reg<r7>
    pvm.fallthrough ^found(%z : !pvm.reg<r7>)
  ^found(%r: !pvm.reg<r7>):
    pvm.jump_ind %b, 0 uses(%r : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
