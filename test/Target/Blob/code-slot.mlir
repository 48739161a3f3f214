// RUN: grey-translate --export-pvm-blob %s -o %t.bin
// RUN: od -An -tx1 -v -N11 %t.bin | FileCheck %s --check-prefix=HEADER
// RUN: grey-translate --import-pvm-blob %t.bin | FileCheck %s
// RUN: grey-translate --import-pvm-blob %t.bin | grey-translate --export-pvm-blob -o %t.again.bin
// RUN: cmp %t.bin %t.again.bin

// A CODE cap outside the layout's slot 64: invoke_cap and the entry's
// cap_index are both 70 (0x46). memory_pages = 1 args page + 16 = 0x11.
// HEADER: 4a 41 52 02 11 00 00 00 02 46 46
// CHECK: pvm.program entry @code stack 0 heap 0 layout current attributes {code_slot = 70 : i64} {

pvm.program entry @main stack 0 heap 0 layout current attributes {code_slot = 70} {
  pvm.func @main {
    pvm.trap
  }
}
