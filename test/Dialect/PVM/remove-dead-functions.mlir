// RUN: grey-opt %s --pvm-remove-dead-functions | FileCheck %s
// RUN: grey-opt %s --pvm-remove-dead-functions --remarks-filter=pvm-remove-dead-functions 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK

// Reached: the entry, what it calls and tail-calls, an address-taken
// function (entry 1) and what that calls. Not reached: @unused and the pair
// of functions that only call each other; the return site @unused declares
// (entry 2) is retired, so entries stay numbered 0..2.
// CHECK-LABEL: pvm.program entry @main
// CHECK:         pvm.func @main
// CHECK:         pvm.func @called
// CHECK:         pvm.func @tail
// CHECK:         pvm.func @pointed_to
// CHECK:         pvm.func @from_pointed_to
// CHECK-NOT:     pvm.func @unused
// CHECK-NOT:     pvm.func @ping
// CHECK-NOT:     pvm.func @pong
// CHECK:         pvm.func @__grey_retired_entries {
// CHECK-NEXT:      pvm.jump_table_entry 2
// CHECK-NEXT:      pvm.trap
// CHECK-NEXT:    }

// REMARK-DAG: Remark="removed @unused: no call, tail call or code pointer reaches it"
// REMARK-DAG: Remark="removed @ping: no call, tail call or code pointer reaches it"
// REMARK-DAG: Remark="removed @pong: no call, tail call or code pointer reaches it"
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %sp = pvm.get_register : !pvm.reg<r1>
    %link = pvm.call @called(%sp), ^bb1 : (!pvm.reg<r1>) -> !pvm.reg<r0>
  ^bb1:
    pvm.jump_table_entry 0
    pvm.tail_call @tail uses(%sp : !pvm.reg<r1>)
  }
  pvm.func @called {
    %ra = pvm.get_register : !pvm.reg<r0>
    pvm.jump_ind %ra, 0 [] : !pvm.reg<r0>
  }
  pvm.func @tail {
    %f = pvm.load_imm 4 : !pvm.reg<r7>
    %e = pvm.ecalli 0(%f) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
  pvm.func @pointed_to {
    pvm.jump_table_entry 1
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.tail_call @from_pointed_to uses(%sp : !pvm.reg<r1>)
  }
  pvm.func @from_pointed_to {
    pvm.trap
  }
  pvm.func @unused {
    %sp = pvm.get_register : !pvm.reg<r1>
    %link = pvm.call @called(%sp), ^bb1 : (!pvm.reg<r1>) -> !pvm.reg<r0>
  ^bb1:
    pvm.jump_table_entry 2
    pvm.trap
  }
  pvm.func @ping {
    pvm.tail_call @pong
  }
  pvm.func @pong {
    pvm.tail_call @ping
  }
}
