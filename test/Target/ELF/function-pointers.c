// Code addresses in data (a table of functions) and in registers (a
// function's address taken) stay symbolic.
// RUN: clang --target=riscv64-unknown-elf -march=rv64em_zbb_xtheadcondmov -mabi=lp64e -mno-relax -O2 -fpie -c %s -o %t.o
// RUN: ld.lld --emit-relocs %t.o -o %t.elf
// RUN: grey-translate --import-riscv-elf %t.elf | FileCheck %s
// RUN: ld.lld --emit-relocs -pie %t.o -o %t.pie.elf
// RUN: grey-translate --import-riscv-elf %t.pie.elf | FileCheck %s
// RUN: grey-translate --import-riscv-elf %t.elf | grey-opt --verify-roundtrip | FileCheck %s
// RUN: grey-translate --import-riscv-elf %t.pie.elf | grey-opt --riscv-verify-registers -o /dev/null

// The table is read-only after relocation (RELRO), so not writable; in the
// PIE its contents come from load-time relocations, applied here.
// CHECK: riscv.segment @".data.rel.ro" at [[TABLE:[0-9]+]] size 24 init "{{.+}}"
// CHECK-NEXT: riscv.segment @".relro_padding" at {{[0-9]+}} size {{[0-9]+}}{{$}}
// CHECK-NEXT: riscv.segment @".data" at {{[0-9]+}} size 16 writable init "\01\00

// CHECK-LABEL: riscv.func @inc at
// CHECK-LABEL: riscv.func @call
// CHECK: %[[BASE:.+]] = riscv.constant [[TABLE]]
// A computed tail call through the table may read every register.
// CHECK: riscv.jalr 0(%{{.*}}) uses({{.*}} : !riscv.reg<ra>, !riscv.reg<sp>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>) []

// CHECK-LABEL: riscv.func @address_of_dbl
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: riscv.auipc
// CHECK-NEXT: %[[FN:.+]] = riscv.code_addr @dbl, [[DBL:[0-9]+]] : !riscv.reg<a0>
// CHECK-NEXT: riscv.jalr 0(%{{.*}}) uses({{.*}}%[[FN]]{{.*}})

// CHECK: riscv.code_pointer @inc, {{[0-9]+}} at [[TABLE]] size 8{{$}}
// CHECK-NEXT: riscv.code_pointer @dbl, [[DBL]] at {{[0-9]+}} size 8{{$}}
// CHECK-NEXT: riscv.code_pointer @neg, {{[0-9]+}} at {{[0-9]+}} size 8{{$}}
// A pointer in writable data is a code pointer too.
// CHECK-NEXT: riscv.code_pointer @inc, {{[0-9]+}} at {{[0-9]+}} size 8{{$}}

typedef int (*fn)(int);
__attribute__((noinline)) int inc(int x) { return x + 1; }
__attribute__((noinline)) int dbl(int x) { return x * 2; }
__attribute__((noinline)) int neg(int x) { return -x; }
fn const table[] = {inc, dbl, neg};
int counter = 1;
fn mutable_hook = inc;
int call(int i, int x) { return table[i](x); }
fn address_of_dbl(void) { return dbl; }
void _start(void) {
  counter = call(counter, 3) + address_of_dbl()(4) + mutable_hook(5);
}
