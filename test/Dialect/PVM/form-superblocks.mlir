// RUN: grey-opt %s --split-input-file --pvm-form-superblocks --pvm-verify-registers | FileCheck %s
// RUN: grey-opt %s --split-input-file --pvm-form-superblocks=max-block-size=0 --pvm-verify-registers | FileCheck %s --check-prefix=NODUP

// The entry block of get_registers merges into its only successor; a block
// entered only by a jump merges into the block that jumps, and the block
// it must fall through to follows (here the host call's block): one block.
// CHECK-LABEL: pvm.func @merge
// CHECK-NEXT:    %[[A:.*]] = pvm.get_register : !pvm.reg<r7>
// CHECK-NEXT:    %[[Y:.*]] = pvm.add_imm_64 %[[A]], 1
// CHECK-NEXT:    %[[W:.*]] = pvm.xor_imm %[[Y]], 3
// CHECK-NEXT:    pvm.ecalli 0(%[[W]])
// CHECK-NEXT:    pvm.trap
// CHECK-NEXT:  }
pvm.program entry @merge stack 0 heap 0 layout current {
  pvm.func @merge {
    %a = pvm.get_register : !pvm.reg<r7>
    pvm.fallthrough ^bb1(%a : !pvm.reg<r7>)
  ^bb1(%x: !pvm.reg<r7>):
    %y = pvm.add_imm_64 %x, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump ^bb3(%y : !pvm.reg<r7>)
  ^bb2(%p: !pvm.reg<r7>):
    %q = pvm.ecalli 0(%p) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  ^bb3(%z: !pvm.reg<r7>):
    %w = pvm.xor_imm %z, 3 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.fallthrough ^bb2(%w : !pvm.reg<r7>)
  }
}

// -----

// Edges to a block that only jumps go to its destination; the block goes.
// Without tail duplication (NODUP) the two paths still meet at the return.
// NODUP-LABEL: pvm.func @thread
// NODUP:         pvm.branch_eq_imm %{{.*}}, 0, ^[[RET:bb[0-9]+]](%{{.*}} : !pvm.reg<r7>), ^bb1
// NODUP:       ^bb1(
// NODUP-NEXT:    %[[Y:.*]] = pvm.add_imm_64
// NODUP-NEXT:    pvm.jump ^[[RET]](%[[Y]] : !pvm.reg<r7>)
// NODUP-NEXT:  ^[[RET]](
// NODUP-NEXT:    pvm.jump_ind
// NODUP-NEXT:  }
// With it, the return is copied into both paths.
// CHECK-LABEL: pvm.func @thread
// CHECK:         pvm.branch_eq_imm %{{.*}}, 0, ^bb2(%{{.*}} : !pvm.reg<r7>), ^bb1
// CHECK:       {{^ *}}^bb1(
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.jump_ind
// CHECK:       ^bb2(
// CHECK-NEXT:    pvm.jump_ind
pvm.program entry @thread stack 0 heap 0 layout current {
  pvm.func @thread {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_eq_imm %a, 0, ^bb2(%a : !pvm.reg<r7>), ^bb1(%a : !pvm.reg<r7>) : !pvm.reg<r7>
  ^bb1(%x: !pvm.reg<r7>):
    %y = pvm.add_imm_64 %x, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump ^bb2(%y : !pvm.reg<r7>)
  ^bb2(%z: !pvm.reg<r7>):
    pvm.jump ^bb3(%z : !pvm.reg<r7>)
  ^bb3(%w: !pvm.reg<r7>):
    pvm.jump_ind %b, 0 uses(%w : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// A jump-table entry stays the start of a block: the jump table points at
// it, so it is neither merged into its predecessor nor copied away.
// CHECK-LABEL: pvm.func @table
// CHECK:         pvm.jump ^bb1
// CHECK-NEXT:  ^bb1(
// CHECK-NEXT:    pvm.jump_table_entry 0
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.jump_ind
pvm.program entry @table stack 0 heap 0 layout current {
  pvm.func @table {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.jump ^bb1(%a : !pvm.reg<r7>)
  ^bb1(%x: !pvm.reg<r7>):
    pvm.jump_table_entry 0
    %y = pvm.add_imm_64 %x, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump_ind %b, 0 uses(%y : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// A small block two blocks jump or fall to is copied into both, with each
// path's value in place of its argument; the original goes when nothing
// enters it any more.
// CHECK-LABEL: pvm.func @dup
// CHECK:       ^bb1(%[[X:.*]]: !pvm.reg<r7>):
// CHECK-NEXT:    %[[Y:.*]] = pvm.add_imm_64 %[[X]], 1
// CHECK-NEXT:    %[[V1:.*]] = pvm.shlo_l_imm_64 %[[Y]], 2
// CHECK-NEXT:    pvm.jump_ind %{{.*}}, 0 uses(%[[V1]] : !pvm.reg<r7>)
// CHECK-NEXT:  ^bb2(%[[Z:.*]]: !pvm.reg<r7>):
// CHECK-NEXT:    %[[U:.*]] = pvm.mul_imm_64 %[[Z]], 3
// CHECK-NEXT:    %[[V2:.*]] = pvm.shlo_l_imm_64 %[[U]], 2
// CHECK-NEXT:    pvm.jump_ind %{{.*}}, 0 uses(%[[V2]] : !pvm.reg<r7>)
// CHECK-NEXT:  }
// NODUP-LABEL: pvm.func @dup
// NODUP:         pvm.fallthrough ^bb3
// NODUP:       ^bb3(
// NODUP-NEXT:    pvm.shlo_l_imm_64
pvm.program entry @dup stack 0 heap 0 layout current {
  pvm.func @dup {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    pvm.branch_eq_imm %a, 0, ^bb2(%a : !pvm.reg<r7>), ^bb1(%a : !pvm.reg<r7>) : !pvm.reg<r7>
  ^bb1(%x: !pvm.reg<r7>):
    %y = pvm.add_imm_64 %x, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump ^bb3(%y : !pvm.reg<r7>)
  ^bb2(%z: !pvm.reg<r7>):
    %u = pvm.mul_imm_64 %z, 3 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.fallthrough ^bb3(%u : !pvm.reg<r7>)
  ^bb3(%w: !pvm.reg<r7>):
    %v = pvm.shlo_l_imm_64 %w, 2 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump_ind %b, 0 uses(%v : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// A loop header that ends in a branch is copied into the preheader and
// into the latch that jumps back to it; the latch's copy branches back
// with the inverted condition and falls through to the exit: the loop is
// one block.
// CHECK-LABEL: pvm.func @rotate
// CHECK:         pvm.branch_eq_imm %{{.*}}, 0, ^bb2(%{{.*}} : !pvm.reg<r8>), ^bb1(
// CHECK-NEXT:  ^bb1(%[[I:.*]]: !pvm.reg<r7>, %[[S:.*]]: !pvm.reg<r8>):
// CHECK-NEXT:    %[[S1:.*]] = pvm.add_64 %[[S]], %[[I]]
// CHECK-NEXT:    %[[I1:.*]] = pvm.add_imm_64 %[[I]], -1
// CHECK-NEXT:    pvm.branch_ne_imm %[[I1]], 0, ^bb1(%[[I1]], %[[S1]] : !pvm.reg<r7>, !pvm.reg<r8>), ^bb2(%[[S1]] : !pvm.reg<r8>)
// CHECK-NEXT:  ^bb2(
// CHECK-NEXT:    pvm.move_reg
// CHECK-NEXT:    pvm.jump_ind
pvm.program entry @rotate stack 0 heap 0 layout current {
  pvm.func @rotate {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r0>
    %s0 = pvm.load_imm 0 : !pvm.reg<r8>
    pvm.jump ^bb1(%a, %s0 : !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1(%i: !pvm.reg<r7>, %s: !pvm.reg<r8>):
    pvm.branch_eq_imm %i, 0, ^bb3(%s : !pvm.reg<r8>), ^bb2(%i, %s : !pvm.reg<r7>, !pvm.reg<r8>) : !pvm.reg<r7>
  ^bb2(%j: !pvm.reg<r7>, %t: !pvm.reg<r8>):
    %t1 = pvm.add_64 %t, %j : (!pvm.reg<r8>, !pvm.reg<r7>) -> !pvm.reg<r8>
    %j1 = pvm.add_imm_64 %j, -1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.jump ^bb1(%j1, %t1 : !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb3(%r: !pvm.reg<r8>):
    %m = pvm.move_reg %r : (!pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.jump_ind %b, 0 uses(%m : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
