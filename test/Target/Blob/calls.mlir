// RUN: grey-translate --export-pvm-blob %s -o %t.jar
// RUN: grey-translate --import-pvm-blob %t.jar | FileCheck %s

// Calls are written as the instructions the reference ABI uses: a direct
// call is load_imm_jump of the return address (the continuation's
// jump-table address, 2(N+1)) into the link register, an indirect call is
// load_imm_jump_ind, a tail call is jump.
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %a = pvm.load_imm 5 : !pvm.reg<r7>
    %link, %r = pvm.call @twice(%a), ^bb1 : (!pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %f = pvm.load_imm 6 : !pvm.reg<r8>
    %link2, %s = pvm.call_indirect %f, 0 (%r), ^bb2 : !pvm.reg<r8>, (!pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb2:
    pvm.jump_table_entry 1
    %reply = pvm.ecalli 0(%s) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
  pvm.func @twice {
    pvm.jump_table_entry 2
    %x = pvm.get_register : !pvm.reg<r7>
    %ra = pvm.get_register : !pvm.reg<r0>
    %y = pvm.add_64 %x, %x : (!pvm.reg<r7>, !pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.tail_call @ret uses(%y, %ra : !pvm.reg<r7>, !pvm.reg<r0>)
  }
  pvm.func @ret {
    %ra = pvm.get_register : !pvm.reg<r0>
    pvm.jump_ind %ra, 0 [] : !pvm.reg<r0>
  }
}

// CHECK: pvm.load_imm 5 : !pvm.reg<r7>
// CHECK-NEXT: pvm.load_imm_jump 2, ^[[TWICE:bb[0-9]+]] : !pvm.reg<r0>
// CHECK: pvm.jump_table_entry 0
// CHECK-NEXT: pvm.load_imm 6 : !pvm.reg<r8>
// CHECK-NEXT: pvm.load_imm_jump_ind %{{.*}}, 4, 0 [] : !pvm.reg<r8> -> !pvm.reg<r0>
// CHECK: pvm.jump_table_entry 1
// CHECK: pvm.ecalli 0
// CHECK-NEXT: pvm.trap
// CHECK: ^[[TWICE]]:
// CHECK-NEXT: pvm.jump_table_entry 2
// CHECK: pvm.add_64
// CHECK-NEXT: pvm.jump ^[[RET:bb[0-9]+]]
// CHECK: ^[[RET]]:
// CHECK: pvm.jump_ind
