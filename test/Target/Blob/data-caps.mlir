// RUN: grey-translate --export-pvm-blob %s -o %t.bin
// RUN: grey-translate --import-pvm-blob %t.bin | FileCheck %s
// RUN: grey-translate --import-pvm-blob %t.bin | grey-translate --export-pvm-blob -o %t.again.bin
// RUN: cmp %t.bin %t.again.bin

// A zero-filled RW cap in the heap slot that is not where the writer puts
// the heap (right after the data) comes back as a plain segment, so the
// blob is reproduced exactly. Segments keep unaligned bases: the writer
// pads the first page.

// CHECK:      pvm.program entry @code stack 0 heap 0 layout current attributes {args_pages = 0 : i64, memory_pages = 100 : i64} {
// CHECK:        pvm.segment @cap66 base 65536 size 4096 ro init "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00xyz" {slot = 66 : i64}
// CHECK-NEXT:   pvm.segment @cap68 base 1048576 size 8192 rw {slot = 68 : i64}
// CHECK-NEXT: }

pvm.program entry @main stack 0 heap 0 layout current
    attributes {args_pages = 0, memory_pages = 100} {
  pvm.segment @ro base 65552 size 100 ro init "xyz"
  pvm.segment @far base 1048576 size 8192 rw {slot = 68}
  pvm.func @main {
    pvm.trap
  }
}
