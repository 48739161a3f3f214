# memcmp near the end of the last mapped page: the guest's byte loop stops
# at the first difference, so it never reads the unmapped page after it, and
# grey's word-wise memcmp (-O2, pvm-substitute-builtins) must not either. At
# -O0 the guest's loop runs; both must give the same result, and both must
# fault when the bytes stay equal up to the end of the page (FAULT).
#
# The last 32 bytes of the page repeat "abcdefgh", except that the byte 3
# before the end is 'Z' (0x5a) where the pattern has 'f' (0x66).
#   word path:  memcmp(end-32, end-24, 100): equal up to end-3 on b  -> 12
#   byte path:  memcmp(end-5, end-13, 100): b within 7 bytes of the end -> -12
#   short tail: memcmp(end-8, end-16, 6): one word, 6 bytes of it count -> -12
#   n = 0:      memcmp(end, end, 0) reads nothing                      -> 0
# r7 = 10000 * 12 + 100 * -12 + -12 + 0 = 118788.
#
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj %s -o %t.o
# RUN: ld.lld --emit-relocs --unique %t.o -o %t.elf
# RUN: grey-compile %t.elf -O0 -o %t.O0.jar
# RUN: grey-run %t.O0.jar | FileCheck %s
# RUN: grey-compile %t.elf -O2 -o %t.O2.jar -Rpass=pvm-substitute-builtins 2>&1 | FileCheck %s --check-prefix=REMARK
# RUN: grey-run %t.O2.jar | FileCheck %s
# RUN: grey-run --backend=interpreter %t.O2.jar | FileCheck %s
#
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj --defsym FAULT=1 %s -o %t.fault.o
# RUN: ld.lld --emit-relocs --unique %t.fault.o -o %t.fault.elf
# RUN: grey-compile %t.fault.elf -O0 -o %t.fault.O0.jar
# RUN: llvm-nm %t.fault.elf > %t.fault.O0.out
# RUN: not grey-run %t.fault.O0.jar >> %t.fault.O0.out
# RUN: FileCheck %s --check-prefix=FAULT < %t.fault.O0.out
# RUN: grey-compile %t.fault.elf -O2 -o %t.fault.O2.jar
# RUN: llvm-nm %t.fault.elf > %t.fault.O2.out
# RUN: not grey-run %t.fault.O2.jar >> %t.fault.O2.out
# RUN: FileCheck %s --check-prefix=FAULT < %t.fault.O2.out

# REMARK: remark: [Passed] BuiltinReplaced | Category:pvm-substitute-builtins | Remark="@memcmp replaced by grey's own"

# CHECK:      exit: halt
# CHECK:      r7: 0x000000000001d004 (118788)

# Both fault at `end`, the first byte of the page after the data.
# FAULT:      {{0*}}[[#%x,END:]] r end
# FAULT:      exit: page-fault
# FAULT:      fault address: 0x[[#%.8x,END]]

  .text
  .globl _start
_start:
  lla s0, end
  addi a0, s0, -32
  addi a1, s0, -24
  li a2, 100
  call memcmp
  li a1, 10000
  mul s1, a0, a1
  addi a0, s0, -5
  addi a1, s0, -13
  li a2, 100
  call memcmp
  li a1, 100
  mul a0, a0, a1
  add s1, s1, a0
  addi a0, s0, -8
  addi a1, s0, -16
  li a2, 6
  call memcmp
  add s1, s1, a0
  mv a0, s0
  mv a1, s0
  li a2, 0
  call memcmp
  add a0, s1, a0
  li t0, 0
  ecall
  unimp

# The guest's memcmp: a byte loop that stops at the first difference.
  .globl memcmp
memcmp:
  beqz a2, 2f
1:
  lbu a3, 0(a0)
  lbu a4, 0(a1)
  bne a3, a4, 3f
  addi a0, a0, 1
  addi a1, a1, 1
  addi a2, a2, -1
  bnez a2, 1b
2:
  li a0, 0
  ret
3:
  sub a0, a3, a4
  ret

  .section .rodata
  .p2align 12
page:
  .fill 4096 - 32, 1, 0
  .ascii "abcdefghabcdefghabcdefghabcde"
.ifdef FAULT
  .ascii "f"
.else
  .ascii "Z"
.endif
  .ascii "gh"
end:

# Writable data, so that the writable pages (and the heap and argument
# pages after them) lie after .text: the page at `end` holds only code and
# is not mapped.
  .data
  .quad 1
