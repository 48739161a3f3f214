// RUN: grey-translate --export-pvm-blob %s -o %t.jar
// RUN: grey-run %t.jar | FileCheck %s
// RUN: grey-translate --import-pvm-blob %t.jar | FileCheck %s --check-prefix=IMPORT

// The caps the writer makes for a program as -O2 leaves it: the stack from
// address 0 up to the first stack pointer, each data segment on the pages
// it covers (a segment in the middle of a page maps that page; the pages
// between two segments are not mapped), no heap cap when the heap is
// empty, and the argument cap after the highest data page.
// memory_pages = 1 + 1 + 2 + 2 DATA pages + 16 spare UNTYPED pages.

// CHECK:      exit: halt
// CHECK:      gas used: {{[0-9]+}} (load 9000)
// CHECK:      data pages: 6 (memory_pages 22)
// CHECK-NEXT:   slot 65: 1 page at 0x00000000 rw
// CHECK-NEXT:   slot 66: 1 page at 0x00010000 ro
// CHECK-NEXT:   slot 67: 2 pages at 0x00012000 rw
// CHECK-NEXT:   slot 0: 2 pages at 0x00014000 rw
// CHECK-NOT:    slot

// IMPORT: module attributes {pvm.data_pages = {slot0 = 2 : i64, slot65 = 1 : i64, slot66 = 1 : i64, slot67 = 2 : i64}, pvm.load_gas = 9000 : i64}
// IMPORT: pvm.program entry @code stack 4096 heap 0 layout current attributes {args_pages = 2 : i64}

pvm.program entry @main stack 4096 heap 0 layout current
    attributes {args_pages = 2} {
  pvm.segment @ro base 65936 size 128 ro init "abc"
  pvm.segment @rw base 77000 size 3000 rw init "xyz"
  pvm.func @main {
    %sp = pvm.load_imm 4096 : !pvm.reg<r1>
    %v = pvm.load_imm 0 : !pvm.reg<r7>
    pvm.store_ind_u64 %v, %sp, -8 : !pvm.reg<r7>, !pvm.reg<r1>
    %r = pvm.ecalli 0(%v) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}
