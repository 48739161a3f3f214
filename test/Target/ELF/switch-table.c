// Switch tables: LLVM's PC-relative form (ADD32/SUB32 pairs, -fpie) and its
// absolute form (R_RISCV_32, -fno-pic) are found through relocations; the
// dispatch lists the case blocks, each marked with the address stored for it.
// RUN: clang --target=riscv64-unknown-elf -march=rv64em_zbb_xtheadcondmov -mabi=lp64e -mno-relax -O2 -fpie -c %s -o %t.pie.o
// RUN: ld.lld --emit-relocs %t.pie.o -o %t.pie.elf
// RUN: grey-translate --import-riscv-elf %t.pie.elf | FileCheck %s --check-prefixes=CHECK,PIE
// RUN: clang --target=riscv64-unknown-elf -march=rv64em_zbb_xtheadcondmov -mabi=lp64e -mno-relax -O2 -fno-pic -c %s -o %t.abs.o
// RUN: ld.lld --emit-relocs %t.abs.o -o %t.abs.elf
// RUN: grey-translate --import-riscv-elf %t.abs.elf | FileCheck %s --check-prefixes=CHECK,ABS
// RUN: grey-translate --import-riscv-elf %t.pie.elf | grey-opt --verify-roundtrip | FileCheck %s --check-prefixes=CHECK,PIE
// RUN: grey-translate --import-riscv-elf %t.abs.elf | grey-opt --riscv-verify-registers -o /dev/null

// CHECK: riscv.segment @".rodata" at [[TABLE:[0-9]+]] size {{[0-9]+}} init
// CHECK-LABEL: riscv.func @sw
// CHECK: %[[BASE:.+]] = riscv.constant [[TABLE]] : !riscv.reg<[[BASEREG:a[0-9]]]>
// CHECK: %[[SLOT:.+]] = riscv.add %[[BASE]], %{{.*}} : (!riscv.reg<[[BASEREG]]>, !riscv.reg<a0>) -> !riscv.reg<a0>
// CHECK: %[[ENTRY:.+]] = riscv.lw 0(%[[SLOT]])
// PIE: %[[TARGET:.+]] = riscv.add %[[BASE]], %[[ENTRY]]
// PIE: riscv.jalr 0(%[[TARGET]]) uses({{.*}}) [^[[C0:bb[0-9]+]], ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}] : !riscv.reg<a0>
// ABS: riscv.jalr 0(%[[ENTRY]]) uses({{.*}}) [^[[C0:bb[0-9]+]], ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}] : !riscv.reg<a0>
// CHECK: ^[[C0]](
// CHECK-NEXT: riscv.code_label [[CASE0:[0-9]+]]
// CHECK-NEXT: riscv.addiw %{{.*}}, 1
// CHECK-COUNT-6: riscv.code_label
// CHECK-NOT: riscv.code_label
// CHECK-LABEL: riscv.func @helper

// In a loop LLVM computes the table address before the loop (keeping it in
// a callee-saved register, or spilling it around calls); it is followed
// through blocks (and stack slots).
// CHECK-LABEL: riscv.func @loop_sw
// CHECK: riscv.jalr 0(%{{.*}}) uses({{.*}}) [^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}, ^bb{{[0-9]+}}] : !riscv.reg<a{{[0-9]}}>
// CHECK-LABEL: riscv.func @_start
// PIE: riscv.code_pointer @sw, [[CASE0]] at [[TABLE]] size 4 base [[TABLE]]
// PIE-COUNT-6: riscv.code_pointer @sw, {{[0-9]+}} at {{[0-9]+}} size 4 base [[TABLE]]
// ABS: riscv.code_pointer @sw, [[CASE0]] at [[TABLE]] size 4{{$}}
// ABS-COUNT-6: riscv.code_pointer @sw, {{[0-9]+}} at {{[0-9]+}} size 4{{$}}

int sw(int x, int y) {
  switch (x) {
  case 0: return y + 1;
  case 1: return y * 3;
  case 2: return y - 7;
  case 3: return y << 2;
  case 4: return y ^ 5;
  case 5: return y / 3;
  case 6: return y % 11;
  }
  return 0;
}

__attribute__((noinline)) int helper(int x) { return x * 7 + 1; }

int loop_sw(int n, int y) {
  int acc = 0;
  for (int k = 0; k < n; ++k) {
    switch ((acc + k) % 7) {
    case 0: acc += y; break;
    case 1: acc ^= 5; break;
    case 2: acc = acc * 3 + y; break;
    case 3: acc -= 11; break;
    case 4: acc = helper(acc); break;
    case 5: acc = (acc << 1) - y; break;
    default: acc = helper(acc + 1); break;
    }
  }
  return acc;
}

volatile int sink;
void _start(void) { sink = sw(sink, 2) + loop_sw(sink, 3); }
