// RUN: grey-translate --export-pvm-blob %s -o %t.jar
// RUN: grey-translate --import-pvm-blob %t.jar | FileCheck %s

// Every instruction keeps its own bitmask bit, so a short negative
// immediate before another instruction stays negative. (The reference
// deletes instructions by clearing their bitmask bits, which lengthens the
// previous immediate: -16 in one byte then reads as 240, hazard H6.)
// CHECK: pvm.add_imm_64 %{{.*}}, -16 : (!pvm.reg<r7>) -> !pvm.reg<r7>
// CHECK-NEXT: pvm.load_imm 0 : !pvm.reg<r8>
// CHECK-NEXT: pvm.add_imm_64 %{{.*}}, -1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.add_imm_64 %a, -16 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %z = pvm.load_imm 0 : !pvm.reg<r8>
    %c = pvm.add_imm_64 %z, -1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    %r = pvm.ecalli 0(%b, %c) : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.trap
  }
}
