// RUN: grey-translate --export-pvm-blob %s -o %t.bin
// RUN: grey-translate --import-pvm-blob %t.bin | FileCheck %s
// RUN: grey-translate --import-pvm-blob %t.bin | grey-translate --export-pvm-blob -o %t.again.bin
// RUN: cmp %t.bin %t.again.bin

// The entry function goes first (PC 0) whatever its place in the IR; the
// others follow in IR order. A call is load_imm_jump with a return address
// from the jump table (entry 0 -> address 2).

pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @helper {
    %0 = pvm.load_imm 7 : !pvm.reg<r7>
    pvm.trap
  }
  pvm.func @main {
    %ra = pvm.load_imm_jump 2, ^callee : !pvm.reg<r0>
  ^ret:
    pvm.jump_table_entry 0
    pvm.ecalli 0 () : () -> ()
    pvm.trap
  ^callee:
    %r = pvm.get_register : !pvm.reg<r0>
    pvm.jump_ind %r, 0 [^ret] : !pvm.reg<r0>
  }
  pvm.func @last {
    pvm.trap
  }
}

// CHECK:      pvm.func @code {
// CHECK-NEXT:   pvm.load_imm_jump 2, ^[[CALLEE:bb[0-9]+]] : !pvm.reg<r0>
// CHECK-NEXT: ^{{bb[0-9]+}}:
// CHECK-NEXT:   pvm.jump_table_entry 0
// CHECK-NEXT:   pvm.ecalli 0() : () -> ()
// CHECK-NEXT:   pvm.trap
// CHECK-NEXT: ^[[CALLEE]]:
// CHECK-NEXT:   %[[R:.+]] = pvm.get_register : !pvm.reg<r0>
// CHECK-NEXT:   pvm.jump_ind %[[R]], 0 [] : !pvm.reg<r0>
// CHECK-NEXT: ^{{bb[0-9]+}}:
// CHECK-NEXT:   pvm.load_imm 7 : !pvm.reg<r7>
// CHECK-NEXT:   pvm.trap
// CHECK-NEXT: ^{{bb[0-9]+}}:
// CHECK-NEXT:   pvm.trap
// CHECK-NEXT: }
