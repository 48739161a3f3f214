// RUN: grey-opt %s --split-input-file --pvm-interprocedural-registers --pvm-verify-registers | FileCheck %s
// RUN: grey-opt %s --split-input-file --pvm-interprocedural-registers --remarks-filter=pvm-interprocedural-registers 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK

// @sum reads a0 and a1 and writes only a0: the call passes just those two
// (and sp) and clobbers r7 and the link. @sum hands back every other
// caller-saved register from its entry, so nothing later in it takes one;
// the caller keeps a value in r9 across the call. What the caller passed
// on in a register the call used to clobber (r10) is what r10 holds after
// the call. The indirect call keeps the whole convention.
// CHECK-LABEL: pvm.func @main
// CHECK:         %[[KEEP:.*]] = pvm.load_imm 9 : !pvm.reg<r9>
// CHECK:         pvm.call @sum(%{{.*}}, %{{.*}}, %{{.*}}), ^[[CONT:bb[0-9]+]] : (!pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r8>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
// CHECK:       ^[[CONT]]:
// CHECK-NEXT:    pvm.jump_table_entry 0
// CHECK-NEXT:    %[[R10:.*]] = pvm.get_register : !pvm.reg<r10>
// CHECK:         pvm.add_64 %{{.*}}, %[[KEEP]]
// CHECK:         pvm.call_indirect %{{.*}}, 0(%{{.*}}, %{{.*}}, %[[R10]])
// CHECK-SAME:    -> (!pvm.reg<r0>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>)
// CHECK-LABEL: pvm.func @sum
// CHECK-DAG:     %[[T0:.*]] = pvm.get_register : !pvm.reg<r2>
// CHECK-DAG:     %[[A1:.*]] = pvm.get_register : !pvm.reg<r8>
// CHECK-DAG:     %[[A2:.*]] = pvm.get_register : !pvm.reg<r9>
// CHECK:         pvm.jump_ind %{{.*}}, 0 uses(
// CHECK-SAME:      %[[A1]]
// CHECK-SAME:      %[[T0]]
// CHECK-SAME:      %[[A2]]
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.load_imm 1 : !pvm.reg<r7>
    %b = pvm.load_imm 2 : !pvm.reg<r8>
    %unread = pvm.load_imm 3 : !pvm.reg<r10>
    %keep = pvm.load_imm 9 : !pvm.reg<r9>
    %link, %d:9 = pvm.call @sum(%sp, %a, %b, %unread), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r10>) -> (!pvm.reg<r0>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>)
  ^bb1:
    pvm.jump_table_entry 0
    // Before: r9 had to be reloaded; here it still holds 9 (the test keeps
    // the old value to show the call no longer clobbers it).
    %r = pvm.add_64 %d#3, %keep : (!pvm.reg<r7>, !pvm.reg<r9>) -> !pvm.reg<r7>
    %f = pvm.load_imm 4 : !pvm.reg<r11>
    %link2, %e:9 = pvm.call_indirect %f, 0 (%sp, %r, %d#6), ^bb2 : !pvm.reg<r11>, (!pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r10>) -> (!pvm.reg<r0>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>)
  ^bb2:
    pvm.jump_table_entry 2
    %h = pvm.ecalli 0(%e#3) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
  pvm.func @sum {
    pvm.jump_table_entry 1
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r8>
    pvm.fallthrough ^bb1(%b : !pvm.reg<r8>)
  ^bb1(%b1: !pvm.reg<r8>):
    %c = pvm.add_64 %a, %b1 : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %c, %b1 : !pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r8>) [] : !pvm.reg<r0>
  }
}

// -----

// @saver saves and restores r5 for its callers, but its only caller keeps
// nothing in r5 across the call: the save and the reload go (the program's
// stack is bounded, so the store could not have faulted), and the call now
// clobbers r5. @needed's caller keeps a value in r5 across the call, so
// @needed keeps its save.
// CHECK-LABEL: pvm.func @top
// CHECK:         pvm.call @saver
// CHECK-SAME:    -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r5>)
// CHECK:         pvm.call @needed
// CHECK-SAME:    -> (!pvm.reg<r0>, !pvm.reg<r7>)
// CHECK-LABEL: pvm.func @saver
// CHECK-NOT:     pvm.store_ind_u64
// CHECK-NOT:     pvm.load_ind_u64
// CHECK:         pvm.jump_ind %{{.*}}, 0 uses({{.*}} : !pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r2>, !pvm.reg<r3>,
// CHECK-LABEL: pvm.func @needed
// CHECK:         pvm.store_ind_u64
// CHECK:         pvm.load_ind_u64
// REMARK: Remark="@saver no longer saves r5: no caller keeps a value there across a call to it"
// REMARK-NOT: @needed no longer saves
pvm.program entry @top stack 4096 heap 0 layout current {
  pvm.func @top {
    %sp = pvm.get_register : !pvm.reg<r1>
    %x = pvm.load_imm 5 : !pvm.reg<r7>
    %l1, %d1 = pvm.call @saver(%sp, %x), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %k = pvm.load_imm 1 : !pvm.reg<r5>
    %l2, %d2 = pvm.call @needed(%sp, %d1), ^bb2 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb2:
    pvm.jump_table_entry 1
    %r = pvm.add_64 %d2, %k : (!pvm.reg<r7>, !pvm.reg<r5>) -> !pvm.reg<r7>
    %h = pvm.ecalli 0(%r) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
  pvm.func @saver {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %a = pvm.get_register : !pvm.reg<r7>
    %f = pvm.add_imm_64 %sp, -8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %s0, %f, 0 : !pvm.reg<r5>, !pvm.reg<r1>
    %t = pvm.add_imm_64 %a, 1 : (!pvm.reg<r7>) -> !pvm.reg<r5>
    %u = pvm.add_64 %t, %t : (!pvm.reg<r5>, !pvm.reg<r5>) -> !pvm.reg<r7>
    %s0r = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5>
    %sp2 = pvm.add_imm_64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp2, %s0r, %u : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @needed {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %a = pvm.get_register : !pvm.reg<r7>
    %f = pvm.add_imm_64 %sp, -8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %s0, %f, 0 : !pvm.reg<r5>, !pvm.reg<r1>
    %t = pvm.add_imm_64 %a, 1 : (!pvm.reg<r7>) -> !pvm.reg<r5>
    %u = pvm.add_64 %t, %t : (!pvm.reg<r5>, !pvm.reg<r5>) -> !pvm.reg<r7>
    %s0r = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5>
    %sp2 = pvm.add_imm_64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp2, %s0r, %u : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// Recursion grows the stack without bound, so a store that could be the
// first to fault stays: @rec's save of r5 is its lowest stack access, so
// it stays while the reload goes; the save of r0 above it stays anyway.
// CHECK-LABEL: pvm.func @rec
// CHECK:         pvm.store_ind_u64 %{{.*}}, %[[F:.*]], 8 : !pvm.reg<r0>
// CHECK-NEXT:    pvm.store_ind_u64 %{{.*}}, %[[F]], 0 : !pvm.reg<r5>
// CHECK:         pvm.load_ind_u64 %{{.*}}, 8
// CHECK-NOT:     pvm.load_ind_u64
// CHECK:         }
pvm.program entry @go stack 4096 heap 0 layout current {
  pvm.func @go {
    %sp = pvm.get_register : !pvm.reg<r1>
    %x = pvm.load_imm 5 : !pvm.reg<r7>
    %l, %d = pvm.call @rec(%sp, %x), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 1
    %h = pvm.ecalli 0(%d) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
  pvm.func @rec {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %a = pvm.get_register : !pvm.reg<r7>
    pvm.branch_eq_imm %a, 0, ^bb2, ^bb1 : !pvm.reg<r7>
  ^bb1:
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.store_ind_u64 %s0, %f, 0 : !pvm.reg<r5>, !pvm.reg<r1>
    %n = pvm.add_imm_64 %a, -1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %link, %d = pvm.call @rec(%f, %n), ^bb3 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb3:
    pvm.jump_table_entry 0
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %s0r = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %s0r, %d : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^bb2:
    pvm.jump_ind %ra, 0 uses(%sp, %s0, %a : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
