# auipc/lui pairs become absolute constants, or code_addr when they compute
# a code address; a load through %pcrel_lo keeps its offset.
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj %s -o %t.o
# RUN: ld.lld --emit-relocs -Ttext=0x20000 %t.o -o %t.elf
# RUN: grey-translate --import-riscv-elf %t.elf > %t.mlir
# RUN: llvm-nm %t.elf | %python -c "import sys; [print(f'{w[2]}={int(w[0], 16)}') for w in map(str.split, sys.stdin) if w[2] in ('helper', 'value', '_start')]" > %t.addresses
# RUN: cat %t.addresses %t.mlir | FileCheck %s

# CHECK-DAG: _start=[[#START:]]
# CHECK-DAG: helper=[[HELPER:[0-9]+]]
# CHECK-DAG: value=[[VALUE:[0-9]+]]
# CHECK-LABEL: riscv.func @_start
# lui/addi of a data address: an absolute constant.
# CHECK: riscv.lui {{[0-9]+}} : !riscv.reg<a0>
# CHECK-NEXT: riscv.constant [[VALUE]] : !riscv.reg<a0>
# lui/addiw: a 32-bit constant, sign-extended.
# CHECK-NEXT: riscv.lui 524288 : !riscv.reg<a1>
# CHECK-NEXT: riscv.constant -2147483647 : !riscv.reg<a1>
# auipc + ld %pcrel_lo: the auipc value is exact, the load keeps its offset.
# CHECK-NEXT: %[[HI:.+]] = riscv.constant {{[0-9]+}} : !riscv.reg<a2>
# CHECK-NEXT: riscv.ld {{-?[0-9]+}}(%[[HI]]) : (!riscv.reg<a2>) -> !riscv.reg<a2>
# lui/addi and auipc/addi of a function: symbolic.
# CHECK-NEXT: riscv.lui
# CHECK-NEXT: riscv.code_addr @helper, [[HELPER]] : !riscv.reg<a3>
# CHECK-NEXT: riscv.auipc
# CHECK-NEXT: riscv.code_addr @helper, [[HELPER]] : !riscv.reg<a4>
# A call through a register holding a known function is a direct call.
# CHECK-NEXT: riscv.call @helper(
# A number built by lui/addiw without a relocation stays a number, even when
# it happens to equal a code address (here _start + 4).
# CHECK-NEXT: riscv.lui
# CHECK-NEXT: riscv.constant [[#START+4]] : !riscv.reg<a5>

  .text
  .globl _start
_start:
  lui a0, %hi(value)
  addi a0, a0, %lo(value)
  li a1, -0x7fffffff
1:
  auipc a2, %pcrel_hi(value)
  ld a2, %pcrel_lo(1b)(a2)
  lui a3, %hi(helper)
  addi a3, a3, %lo(helper)
  lla a4, helper
  jalr a4
  li a5, 0x20004
  ret

  .globl helper
  .type helper,@function
helper:
  ret
  .size helper, .-helper

  .data
  .globl value
value:
  .quad 42
