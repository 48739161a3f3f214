# A function's address computed by an auipc/addi pair the assembler
# resolved itself (same section, no relaxation: no relocation), as clang -O3
# emits when it passes a function of the same file as an argument. The
# auipc's upper half alone points past the end of the code; the pair still
# computes a code address and must become code_addr, or the indirect call
# in `invoke` reaches a raw ELF address.
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m -filetype=obj %s -o %t.o
# RUN: ld.lld --emit-relocs --no-relax -Ttext=0x20000 %t.o -o %t.elf
# RUN: llvm-readelf -S -r %t.elf | FileCheck %s --check-prefix=ELF
# RUN: grey-translate --import-riscv-elf %t.elf | FileCheck %s
# RUN: grey-compile %t.elf -O0 -o %t.jar
# RUN: grey-run %t.jar | FileCheck %s --check-prefix=RESULT
# RUN: grey-compile %t.elf -O2 -o %t.jar
# RUN: grey-run %t.jar | FileCheck %s --check-prefix=RESULT

# The only relocation is the call; .text ends before 0x21000.
# ELF: .text PROGBITS 0000000000020000 {{[0-9a-f]+}} 000f18
# ELF: R_RISCV_CALL_PLT {{.*}} invoke
# ELF-NOT: R_RISCV_PCREL

# CHECK-LABEL: riscv.func @_start
# CHECK-NEXT: ^bb0(
# CHECK-NEXT: riscv.auipc 1 at 131072 : !riscv.reg<a2>
# CHECK-NEXT: riscv.code_addr @target, 134904 : !riscv.reg<a0>

# RESULT: exit: halt
# RESULT: r7: 0x000000000000002a

  .text
  .globl _start
_start:
.Lhi:
  auipc a2, %pcrel_hi(target)
  addi a0, a2, %pcrel_lo(.Lhi)
  li a2, 9
  call invoke
  li t0, 0
  ecall
  unimp
  .rept 950
  nop
  .endr
target:
  li a0, 42
  ret

  .section .text.invoke, "ax", @progbits
invoke:
  addi sp, sp, -8
  sd ra, 0(sp)
  jalr a0
  ld ra, 0(sp)
  addi sp, sp, 8
  ret
