// RUN: grey-translate --export-pvm-blob %s -o %t.bin
// RUN: grey-translate --import-pvm-blob %t.bin | FileCheck %s
// RUN: grey-translate --import-pvm-blob %t.bin | grey-translate --export-pvm-blob -o %t.again.bin
// RUN: cmp %t.bin %t.again.bin

// One program touching every operand format, a jump table, the stack, the
// heap and two data segments.

pvm.program entry @main stack 65536 heap 65536 layout current {
  pvm.segment @ro base 65536 size 4096 ro init "hello"
  pvm.segment @rw base 69632 size 8192 rw init "\01\02"
  pvm.func @main {
    %sp = pvm.load_imm_64 4295032832 : !pvm.reg<r1>
    %a = pvm.load_imm 5 : !pvm.reg<r7>
    pvm.store_imm_u8 4096, -1
    pvm.store_imm_u64 2147483648, 2147483647
    %b = pvm.load_u8 65536 : !pvm.reg<r3>
    pvm.store_u64 %a, 2147483648 : !pvm.reg<r7>
    pvm.store_imm_ind_u32 %sp, -8, 100 : !pvm.reg<r1>
    %e = pvm.ecall (%a) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.ecalli 1 (%e) : (!pvm.reg<r7>) -> ()
    pvm.branch_eq_imm %e, 7, ^second, ^first : !pvm.reg<r7>
  ^first:
    %m = pvm.move_reg %b : (!pvm.reg<r3>) -> !pvm.reg<r8>
    pvm.store_ind_u16 %m, %sp, 16 : !pvm.reg<r8>, !pvm.reg<r1>
    %l = pvm.load_ind_i32 %sp, -4 : (!pvm.reg<r1>) -> !pvm.reg<r9>
    %s = pvm.add_imm_64 %l, -129 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    %c = pvm.cmov_iz_imm %s, 3, %m : !pvm.reg<r9>, !pvm.reg<r8>
    %t = pvm.add_64 %c, %s : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r12>
    %cm = pvm.cmov_nz %t, %c, %b : !pvm.reg<r12>, !pvm.reg<r8>, !pvm.reg<r3>
    pvm.fallthrough ^second
  ^second:
    pvm.jump_table_entry 0
    %ra = pvm.load_imm_jump 4, ^third : !pvm.reg<r0>
  ^third:
    pvm.jump_table_entry 1
    %x = pvm.load_imm 32768 : !pvm.reg<r2>
    %y = pvm.load_imm -32769 : !pvm.reg<r4>
    pvm.branch_lt_u %x, %y, ^second, ^fourth : !pvm.reg<r2>, !pvm.reg<r4>
  ^fourth:
    pvm.unlikely ^fifth
  ^fifth:
    %r0 = pvm.load_imm 2 : !pvm.reg<r0>
    pvm.jump_ind %r0, 0 [^second] : !pvm.reg<r0>
  ^sixth:
    %base = pvm.load_imm 0 : !pvm.reg<r5>
    %ret = pvm.load_imm_jump_ind %base, 4, 2 [] : !pvm.reg<r5> -> !pvm.reg<r0>
  ^last:
    pvm.trap
  }
}

// CHECK:      pvm.program entry @code stack 65536 heap 65536 layout current {
// CHECK-NEXT:   pvm.func @code {
// CHECK-NEXT:     %[[SP:.+]] = pvm.load_imm_64 4295032832 : !pvm.reg<r1>
// CHECK-NEXT:     %[[A:.+]] = pvm.load_imm 5 : !pvm.reg<r7>
// CHECK-NEXT:     pvm.store_imm_u8 4096, -1
// CHECK-NEXT:     pvm.store_imm_u64 2147483648, 2147483647
// CHECK-NEXT:     %[[B:.+]] = pvm.load_u8 65536 : !pvm.reg<r3>
// CHECK-NEXT:     pvm.store_u64 %[[A]], 2147483648 : !pvm.reg<r7>
// CHECK-NEXT:     pvm.store_imm_ind_u32 %[[SP]], -8, 100 : !pvm.reg<r1>
// CHECK-NEXT:     pvm.ecall() : () -> ()
// CHECK-NEXT:     pvm.ecalli 1() : () -> ()
// Host calls may change any register, so r7 is read afresh.
// CHECK-NEXT:     %[[E:.+]] = pvm.get_register : !pvm.reg<r7>
// CHECK-NEXT:     pvm.branch_eq_imm %[[E]], 7, ^[[SECOND:bb[0-9]+]], ^[[FIRST:bb[0-9]+]] : !pvm.reg<r7>
// CHECK-NEXT:   ^[[FIRST]]:
// CHECK-NEXT:     %[[B1:.+]] = pvm.get_register : !pvm.reg<r3>
// CHECK-NEXT:     %[[M:.+]] = pvm.move_reg %[[B1]] : (!pvm.reg<r3>) -> !pvm.reg<r8>
// CHECK-NEXT:     %[[SP1:.+]] = pvm.get_register : !pvm.reg<r1>
// CHECK-NEXT:     pvm.store_ind_u16 %[[M]], %[[SP1]], 16 : !pvm.reg<r8>, !pvm.reg<r1>
// CHECK-NEXT:     %[[L:.+]] = pvm.load_ind_i32 %[[SP1]], -4 : (!pvm.reg<r1>) -> !pvm.reg<r9>
// CHECK-NEXT:     %[[S:.+]] = pvm.add_imm_64 %[[L]], -129 : (!pvm.reg<r9>) -> !pvm.reg<r9>
// CHECK-NEXT:     %[[C:.+]] = pvm.cmov_iz_imm %[[S]], 3, %[[M]] : !pvm.reg<r9>, !pvm.reg<r8>
// CHECK-NEXT:     %[[T:.+]] = pvm.add_64 %[[C]], %[[S]] : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r12>
// CHECK-NEXT:     pvm.cmov_nz %[[T]], %[[C]], %[[B1]] : !pvm.reg<r12>, !pvm.reg<r8>, !pvm.reg<r3>
// CHECK-NEXT:     pvm.fallthrough ^[[SECOND]]
// CHECK-NEXT:   ^[[SECOND]]:
// CHECK-NEXT:     pvm.jump_table_entry 0
// CHECK-NEXT:     pvm.load_imm_jump 4, ^[[THIRD:bb[0-9]+]] : !pvm.reg<r0>
// CHECK-NEXT:   ^[[THIRD]]:
// CHECK-NEXT:     pvm.jump_table_entry 1
// CHECK-NEXT:     %[[X:.+]] = pvm.load_imm 32768 : !pvm.reg<r2>
// CHECK-NEXT:     %[[Y:.+]] = pvm.load_imm -32769 : !pvm.reg<r4>
// CHECK-NEXT:     pvm.branch_lt_u %[[X]], %[[Y]], ^[[SECOND]], ^[[FOURTH:bb[0-9]+]] : !pvm.reg<r2>, !pvm.reg<r4>
// CHECK-NEXT:   ^[[FOURTH]]:
// CHECK-NEXT:     pvm.unlikely ^[[FIFTH:bb[0-9]+]]
// CHECK-NEXT:   ^[[FIFTH]]:
// CHECK-NEXT:     %[[R0:.+]] = pvm.load_imm 2 : !pvm.reg<r0>
// CHECK-NEXT:     pvm.jump_ind %[[R0]], 0 [] : !pvm.reg<r0>
// CHECK-NEXT:   ^{{bb[0-9]+}}:
// CHECK-NEXT:     %[[BASE:.+]] = pvm.load_imm 0 : !pvm.reg<r5>
// CHECK-NEXT:     pvm.load_imm_jump_ind %[[BASE]], 4, 2 [] : !pvm.reg<r5> -> !pvm.reg<r0>
// CHECK-NEXT:   ^{{bb[0-9]+}}:
// CHECK-NEXT:     pvm.trap
// CHECK-NEXT:   }
// The data caps come back as segments with their slots, in manifest order.
// CHECK-NEXT:   pvm.segment @cap66 base 65536 size 4096 ro init "hello" {slot = 66 : i64}
// CHECK-NEXT:   pvm.segment @cap67 base 69632 size 8192 rw init "\01\02" {slot = 67 : i64}
// CHECK-NEXT: }
