// RUN: grey-translate --export-pvm-blob %s -o %t.bin
// RUN: od -An -tx1 -v -j48 -N11 %t.bin | FileCheck %s --check-prefix=TABLE
// RUN: grey-translate --import-pvm-blob %t.bin | FileCheck %s
// RUN: grey-translate --import-pvm-blob %t.bin | grey-translate --export-pvm-blob -o %t.again.bin
// RUN: cmp %t.bin %t.again.bin

// A jump-table entry beyond PC 255 needs 2-byte entries (jar-blob.md §3).
// 26 load_imm_64 (10 bytes each) and a fallthrough put the entry at
// 261 = 0x105; the code is 262 bytes. The data section starts at
// 10 + 2 * 19 = 48 (CODE and argument caps): jump_len 1, entry_size 2,
// code_len 0x106, entry 05 01.
// TABLE: 01 00 00 00 02 06 01 00 00 05 01

// CHECK:      pvm.fallthrough ^[[ENTRY:bb[0-9]+]]
// CHECK-NEXT: ^[[ENTRY]]:
// CHECK-NEXT:   pvm.jump_table_entry 0
// CHECK-NEXT:   pvm.trap

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    %v1 = pvm.load_imm_64 1000000007 : !pvm.reg<r7>
    %v2 = pvm.load_imm_64 2000000014 : !pvm.reg<r7>
    %v3 = pvm.load_imm_64 3000000021 : !pvm.reg<r7>
    %v4 = pvm.load_imm_64 4000000028 : !pvm.reg<r7>
    %v5 = pvm.load_imm_64 5000000035 : !pvm.reg<r7>
    %v6 = pvm.load_imm_64 6000000042 : !pvm.reg<r7>
    %v7 = pvm.load_imm_64 7000000049 : !pvm.reg<r7>
    %v8 = pvm.load_imm_64 8000000056 : !pvm.reg<r7>
    %v9 = pvm.load_imm_64 9000000063 : !pvm.reg<r7>
    %v10 = pvm.load_imm_64 10000000070 : !pvm.reg<r7>
    %v11 = pvm.load_imm_64 11000000077 : !pvm.reg<r7>
    %v12 = pvm.load_imm_64 12000000084 : !pvm.reg<r7>
    %v13 = pvm.load_imm_64 13000000091 : !pvm.reg<r7>
    %v14 = pvm.load_imm_64 14000000098 : !pvm.reg<r7>
    %v15 = pvm.load_imm_64 15000000105 : !pvm.reg<r7>
    %v16 = pvm.load_imm_64 16000000112 : !pvm.reg<r7>
    %v17 = pvm.load_imm_64 17000000119 : !pvm.reg<r7>
    %v18 = pvm.load_imm_64 18000000126 : !pvm.reg<r7>
    %v19 = pvm.load_imm_64 19000000133 : !pvm.reg<r7>
    %v20 = pvm.load_imm_64 20000000140 : !pvm.reg<r7>
    %v21 = pvm.load_imm_64 21000000147 : !pvm.reg<r7>
    %v22 = pvm.load_imm_64 22000000154 : !pvm.reg<r7>
    %v23 = pvm.load_imm_64 23000000161 : !pvm.reg<r7>
    %v24 = pvm.load_imm_64 24000000168 : !pvm.reg<r7>
    %v25 = pvm.load_imm_64 25000000175 : !pvm.reg<r7>
    %v26 = pvm.load_imm_64 26000000182 : !pvm.reg<r7>
    pvm.fallthrough ^entry
  ^entry:
    pvm.jump_table_entry 0
    pvm.trap
  }
}
