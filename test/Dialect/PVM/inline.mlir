// RUN: grey-opt %s --split-input-file --pvm-inline --pvm-verify-registers | FileCheck %s
// RUN: grey-opt %s --split-input-file --pvm-inline="max-callee-size=1" --remarks-filter=pvm-inline 2>&1 >/dev/null | FileCheck %s --check-prefix=MISSED

// A leaf without a frame: the call's block runs straight into the body and
// on into the continuation; the value kept in r5 across the call stays
// where it is (the callee hands r5 back unchanged). Nothing jumps to the
// return site any more: its entry moves to a block that traps.
// CHECK-LABEL: pvm.func @leaf_caller
// CHECK:         ^bb1(%{{.*}}: !pvm.reg<r0>, %[[SP:.*]]: !pvm.reg<r1>,
// CHECK-NEXT:      %[[X:.*]] = pvm.load_imm 20 : !pvm.reg<r7>
// CHECK-NEXT:      %[[Y:.*]] = pvm.load_imm 22 : !pvm.reg<r8>
// CHECK-NEXT:      %[[K:.*]] = pvm.load_imm 3 : !pvm.reg<r5>
// CHECK:           %[[SUM:.*]] = pvm.add_64 %[[X]], %[[Y]] : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r7>
// CHECK-NEXT:      %[[R:.*]] = pvm.add_64 %[[SUM]], %[[K]]
// CHECK-NEXT:      pvm.ecalli 0(%[[R]])
// CHECK-NEXT:      pvm.trap
// CHECK-NEXT:    }
// CHECK-LABEL: pvm.func @add
// CHECK:         pvm.jump_ind
// CHECK-LABEL: pvm.func @__grey_retired_entries
// CHECK-NEXT:    pvm.jump_table_entry 0
// CHECK-NEXT:    pvm.trap
// The only call of a function whose address is not taken is inlined
// whatever its size: the function goes away.
// MISSED-DAG: remark: [Passed] Inlined | Category:pvm-inline | Remark="inlined @add (3 instructions) into @leaf_caller, saving about {{[0-9]+}} gas per call"
pvm.program entry @leaf_caller stack 4096 heap 0 layout current {
  pvm.func @leaf_caller {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    pvm.fallthrough ^bb1(%ra, %sp, %s0 : !pvm.reg<r0>, !pvm.reg<r1>, !pvm.reg<r5>)
  ^bb1(%ra1: !pvm.reg<r0>, %sp1: !pvm.reg<r1>, %s01: !pvm.reg<r5>):
    %x = pvm.load_imm 20 : !pvm.reg<r7>
    %y = pvm.load_imm 22 : !pvm.reg<r8>
    %k = pvm.load_imm 3 : !pvm.reg<r5>
    %link, %d:3 = pvm.call @add(%sp1, %x, %y), ^bb2 : (!pvm.reg<r1>, !pvm.reg<r7>, !pvm.reg<r8>) -> (!pvm.reg<r0>, !pvm.reg<r2>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb2:
    pvm.jump_table_entry 0
    %r = pvm.add_64 %d#1, %k : (!pvm.reg<r7>, !pvm.reg<r5>) -> !pvm.reg<r7>
    %e = pvm.ecalli 0(%r) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
  pvm.func @add {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r8>
    pvm.fallthrough ^bb1(%ra, %sp, %s0, %a, %b : !pvm.reg<r0>, !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^bb1(%ra1: !pvm.reg<r0>, %sp1: !pvm.reg<r1>, %s01: !pvm.reg<r5>, %a1: !pvm.reg<r7>, %b1: !pvm.reg<r8>):
    %c = pvm.add_64 %a1, %b1 : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.jump_ind %ra1, 0 uses(%sp1, %s01, %c, %b1 : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>, !pvm.reg<r8>) [] : !pvm.reg<r0>
  }
}

// -----

// A callee with a frame that saves the return address and r5, where the
// caller keeps a value in r5 across the call: the copy stores the return
// address as the call would have (the return site's address, 2(0+1)), and
// the code after the call reads r5 as the copy hands it back (reloaded
// from the frame).
// CHECK-LABEL: pvm.func @framed_caller
// CHECK:         %[[X:.*]] = pvm.load_imm 7 : !pvm.reg<r7>
// CHECK-NEXT:    %[[KEEP:.*]] = pvm.load_imm 100 : !pvm.reg<r5>
// CHECK-NEXT:    %[[LINK:.*]] = pvm.load_imm 2 : !pvm.reg<r0>
// CHECK:         %[[F:.*]] = pvm.add_imm_64 %{{.*}}, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK-NEXT:    pvm.store_ind_u64 %[[LINK]], %[[F]], 8
// CHECK-NEXT:    pvm.store_ind_u64 %[[KEEP]], %[[F]], 0
// CHECK-NEXT:    %[[T:.*]] = pvm.add_imm_64 %[[X]], 1 : (!pvm.reg<r7>) -> !pvm.reg<r5>
// CHECK-NEXT:    %[[U:.*]] = pvm.add_64 %[[T]], %[[T]]
// CHECK-NEXT:    pvm.load_ind_u64 %[[F]], 8
// CHECK-NEXT:    %[[S0:.*]] = pvm.load_ind_u64 %[[F]], 0 : (!pvm.reg<r1>) -> !pvm.reg<r5>
// CHECK-NEXT:    %[[SP:.*]] = pvm.add_imm_64 %[[F]], 16
// CHECK-NEXT:    %[[R:.*]] = pvm.add_64 %[[U]], %[[S0]]
// CHECK-NEXT:    pvm.ecalli 0(%[[R]], %[[SP]])
// CHECK-NOT:     pvm.call
pvm.program entry @framed_caller stack 4096 heap 0 layout current {
  pvm.func @framed_caller {
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.fallthrough ^bb1(%sp : !pvm.reg<r1>)
  ^bb1(%sp1: !pvm.reg<r1>):
    %x = pvm.load_imm 7 : !pvm.reg<r7>
    %keep = pvm.load_imm 100 : !pvm.reg<r5>
    %link, %d = pvm.call @framed(%sp1, %x), ^bb2 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb2:
    pvm.jump_table_entry 0
    %r = pvm.add_64 %d, %keep : (!pvm.reg<r7>, !pvm.reg<r5>) -> !pvm.reg<r7>
    %e = pvm.ecalli 0(%r, %sp1) : (!pvm.reg<r7>, !pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.trap
  }
  pvm.func @framed {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %a = pvm.get_register : !pvm.reg<r7>
    pvm.fallthrough ^bb1(%ra, %sp, %s0, %a : !pvm.reg<r0>, !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>)
  ^bb1(%ra1: !pvm.reg<r0>, %sp1: !pvm.reg<r1>, %s01: !pvm.reg<r5>, %a1: !pvm.reg<r7>):
    %f = pvm.add_imm_64 %sp1, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra1, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1>
    pvm.store_ind_u64 %s01, %f, 0 : !pvm.reg<r5>, !pvm.reg<r1>
    %t = pvm.add_imm_64 %a1, 1 : (!pvm.reg<r7>) -> !pvm.reg<r5>
    %u = pvm.add_64 %t, %t : (!pvm.reg<r5>, !pvm.reg<r5>) -> !pvm.reg<r7>
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %s02 = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5>
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %s02, %u : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The return sites of the callee's own calls are copied with new
// jump-table numbers (after the last, 3); two returns become two jumps to
// the continuation, which takes the result as a block argument. @middle
// stays for its other callers.
// CHECK-LABEL: pvm.func @outer
// CHECK:         %[[LINK:.*]] = pvm.load_imm 2 : !pvm.reg<r0>
// CHECK-NEXT:    pvm.branch_eq_imm %{{.*}}, 0, ^[[ZERO:bb[0-9]+]], ^[[NONZERO:bb[0-9]+]]
// CHECK-NEXT:  ^[[NONZERO]]:
// CHECK:         pvm.store_ind_u64 %[[LINK]]
// CHECK-NEXT:    pvm.call @leaf(%{{.*}}), ^[[SITE:bb[0-9]+]]
// CHECK-NEXT:  ^[[SITE]]:
// CHECK-NEXT:    pvm.jump_table_entry 3
// CHECK:         pvm.jump ^[[CONT:bb[0-9]+]](%{{.*}} : !pvm.reg<r7>)
// CHECK-NEXT:  ^[[ZERO]]:
// CHECK:         pvm.fallthrough ^[[CONT]](%{{.*}} : !pvm.reg<r7>)
// CHECK-NEXT:  ^[[CONT]](%[[RES:.*]]: !pvm.reg<r7>):
// CHECK-NEXT:    pvm.ecalli 0(%[[RES]])
// CHECK-LABEL: pvm.func @middle
// CHECK:         pvm.jump_table_entry 1
// CHECK-LABEL: pvm.func @__grey_retired_entries
// CHECK-NEXT:    pvm.jump_table_entry 0
// CHECK-NEXT:    pvm.trap
pvm.program entry @outer stack 4096 heap 0 layout current {
  pvm.func @outer {
    %sp = pvm.get_register : !pvm.reg<r1>
    %x = pvm.load_imm 3 : !pvm.reg<r7>
    %link, %d = pvm.call @middle(%sp, %x), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %e = pvm.ecalli 0(%d) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
  pvm.func @middle {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    pvm.branch_eq_imm %a, 0, ^bb3, ^bb1 : !pvm.reg<r7>
  ^bb1:
    %f = pvm.add_imm_64 %sp, -8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 0 : !pvm.reg<r0>, !pvm.reg<r1>
    %link, %d = pvm.call @leaf(%f, %a), ^bb2 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb2:
    pvm.jump_table_entry 1
    %ra2 = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp2 = pvm.add_imm_64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %d : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^bb3:
    %one = pvm.load_imm 1 : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %one : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @leaf {
    pvm.jump_table_entry 2
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    // Keeps @leaf out of line: it hands its return address to the host.
    %b = pvm.ecalli 9(%ra) : (!pvm.reg<r0>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %b : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// A recursive function is copied into itself once: the copy calls the
// original. It has more than one caller, so its size counts.
// MISSED-DAG: Reason="@count is not inlined: it has 9 instructions (more than 1)"
// CHECK-LABEL: pvm.func @count
// CHECK:         pvm.call @count
// CHECK-NOT:     pvm.call
// CHECK:       }
pvm.program entry @count stack 4096 heap 0 layout current {
  pvm.func @count {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    pvm.branch_eq_imm %a, 0, ^bb3, ^bb1 : !pvm.reg<r7>
  ^bb1:
    %f = pvm.add_imm_64 %sp, -8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %f, 0 : !pvm.reg<r0>, !pvm.reg<r1>
    %n = pvm.add_imm_64 %a, -1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %link, %d = pvm.call @count(%f, %n), ^bb2 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb2:
    pvm.jump_table_entry 0
    %ra2 = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp2 = pvm.add_imm_64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp2, %d : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^bb3:
    pvm.jump_ind %ra, 0 uses(%sp, %a : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// What stays a call: a callee that tail-calls, one that jumps through a
// switch table, one that uses its return address as data.
// CHECK-LABEL: pvm.func @keeps
// CHECK:         pvm.call @tail
// CHECK:         pvm.call @switch
// CHECK:         pvm.call @peek
// MISSED-DAG: Reason="@tail is not inlined: it makes a tail call"
// MISSED-DAG: Reason="@switch is not inlined: it jumps through a register (a switch table or a computed jump)"
// MISSED-DAG: Reason="@peek is not inlined: it uses its return address as data"
pvm.program entry @keeps stack 4096 heap 0 layout current {
  pvm.func @keeps {
    %sp = pvm.get_register : !pvm.reg<r1>
    %x = pvm.load_imm 2 : !pvm.reg<r7>
    %l0, %d0 = pvm.call @tail(%sp, %x), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %l1, %d1 = pvm.call @switch(%sp, %d0), ^bb2 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb2:
    pvm.jump_table_entry 1
    %l2, %d2 = pvm.call @peek(%sp, %d1), ^bb3 : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb3:
    pvm.jump_table_entry 2
    %e = pvm.ecalli 0(%d2) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
  pvm.func @tail {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    pvm.tail_call @peek uses(%ra, %sp, %a : !pvm.reg<r0>, !pvm.reg<r1>, !pvm.reg<r7>)
  }
  pvm.func @switch {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    %t = pvm.load_ind_u32 %a, 65536 : (!pvm.reg<r7>) -> !pvm.reg<r8>
    pvm.jump_ind %t, 0 uses(%ra, %sp, %a : !pvm.reg<r0>, !pvm.reg<r1>, !pvm.reg<r7>) [^bb1] : !pvm.reg<r8>
  ^bb1:
    pvm.jump_table_entry 3
    pvm.jump_ind %ra, 0 uses(%sp, %a : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @peek {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.store_u64 %ra, 8192 : !pvm.reg<r0>
    pvm.jump_ind %ra, 0 uses(%sp, %ra : !pvm.reg<r1>, !pvm.reg<r0>) [] : !pvm.reg<r0>
  }
}
