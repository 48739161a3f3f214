// RUN: grey-translate --export-pvm-blob %s -o - | od -An -tx1 -v -w256 | FileCheck %s --check-prefix=CURRENT
// RUN: grey-translate --export-pvm-blob --pvm-cap-layout=legacy %s -o - | od -An -tx1 -v -w256 | FileCheck %s --check-prefix=LEGACY
// RUN: not grey-translate --export-pvm-blob --pvm-cap-layout=other %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD

// A one-page stack and the argument cap after it (kernel-abi.md §2):
// header: magic, memory_pages = 2 DATA pages + 16 = 0x12, 3 caps, invoke 64;
// CODE@64 with the 11-byte sub-blob; stack@65 at page 0, 1 page, RW;
// args@0 (current) or @255 (legacy) at page 1, 1 page, RW; then the
// sub-blob: no jump table, entry size 1, 1 code byte (trap), bitmask 01.

// CURRENT: 4a 41 52 02 12 00 00 00 03 40 40 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0b 00 00 00 41 01 00 00 00 00 01 00 00 00 01 00 00 00 00 00 00 00 00 00 01 01 00 00 00 01 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 01 01 00 00 00 00 01{{ *$}}
// LEGACY:  4a 41 52 02 12 00 00 00 03 40 40 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0b 00 00 00 41 01 00 00 00 00 01 00 00 00 01 00 00 00 00 00 00 00 00 ff 01 01 00 00 00 01 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 01 01 00 00 00 00 01{{ *$}}
// BAD: unknown --pvm-cap-layout 'other'

pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    pvm.trap
  }
}
