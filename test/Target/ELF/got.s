# A function's address loaded from the GOT (`la` under `.option pic`, as
# rustc emits for another crate's function in a PIE): the linker fills the
# slot and --emit-relocs keeps no relocation for it, so the reader finds it
# through the GOT_HI20 that names the function. The call through it must
# reach the function after translation.
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m -filetype=obj %s -o %t.o
# RUN: ld.lld --emit-relocs --no-relax -Ttext=0x20000 %t.o -o %t.elf
# RUN: llvm-readelf -S -r %t.elf | FileCheck %s --check-prefix=ELF
# RUN: llvm-nm %t.elf | %python -c "import sys; [print(f'{w[2]}={int(w[0], 16)}') for w in map(str.split, sys.stdin) if w[2] in ('answer', 'unused')]" > %t.addresses
# RUN: grey-translate --import-riscv-elf %t.elf > %t.mlir
# RUN: cat %t.addresses %t.mlir | FileCheck %s
# RUN: grey-compile %t.elf -O0 -o %t.jar
# RUN: grey-run %t.jar | FileCheck %s --check-prefix=RESULT
# RUN: grey-compile %t.elf -O2 -o %t.jar
# RUN: grey-run %t.jar | FileCheck %s --check-prefix=RESULT

# ELF: .got
# ELF: R_RISCV_GOT_HI20 {{.*}} answer
# ELF-NOT: R_RISCV_64

# CHECK-DAG: answer=[[ANSWER:[0-9]+]]
# CHECK-DAG: unused=131104
# CHECK: riscv.segment @".got"
# Only the slot a GOT_HI20 names; a word equal to another function's
# address elsewhere in data stays a number.
# CHECK: riscv.code_pointer @answer, [[ANSWER]] at {{[0-9]+}} size 8{{$}}
# CHECK-NOT: riscv.code_pointer

# RESULT: exit: halt
# RESULT: r7: 0x000000000000002a

  .option pic
  .text
  .globl _start
_start:
  la a0, answer
  jalr a0
  li t0, 0
  ecall
  unimp

  .globl answer
answer:
  li a0, 42
  ret

  .globl unused
unused:
  li a0, 7
  ret

  .data
  .p2align 3
not_a_pointer:
  .quad 0x20020 # = unused
