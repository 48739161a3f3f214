# Faults survive the memory passes: a program that faults at -O0 faults at
# every level, at the same address, and one that does not fault at -O0 does
# not at any level. Each variant does something the memory passes would like
# to remove or forward:
#
#   (none)     frame stores and reloads around a call: forwarded, no fault
#   DEAD_LOAD  a load from unmapped memory (1 GiB) whose value nothing
#              uses: it must stay (pvm-dce, pvm-forward-loads)
#   DEAD_STORE a store to unmapped memory that a later store overwrites:
#              the first must stay (pvm-eliminate-dead-stores)
#   RO_STORE   a store to read-only data, then a load of the same bytes:
#              the load may be forwarded, the store must stay
#
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj %s -o %t.o
# RUN: ld.lld --emit-relocs --unique %t.o -o %t.elf
# RUN: for O in O0 O1 O2; do grey-compile %t.elf -$O -o %t.$O.jar && grey-run %t.$O.jar; done | FileCheck %s --check-prefix=OK
#
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj --defsym DEAD_LOAD=1 %s -o %t.dl.o
# RUN: ld.lld --emit-relocs --unique %t.dl.o -o %t.dl.elf
# RUN: for O in O0 O1 O2; do grey-compile %t.dl.elf -$O -o %t.dl.$O.jar && (grey-run %t.dl.$O.jar || true); done | FileCheck %s --check-prefix=FAULT
#
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj --defsym DEAD_STORE=1 %s -o %t.ds.o
# RUN: ld.lld --emit-relocs --unique %t.ds.o -o %t.ds.elf
# RUN: for O in O0 O1 O2; do grey-compile %t.ds.elf -$O -o %t.ds.$O.jar && (grey-run %t.ds.$O.jar || true); done | FileCheck %s --check-prefix=FAULT8
#
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj --defsym RO_STORE=1 %s -o %t.ro.o
# RUN: ld.lld --emit-relocs --unique %t.ro.o -o %t.ro.elf
# RUN: llvm-nm %t.ro.elf > %t.ro.out
# RUN: for O in O0 O1 O2; do grey-compile %t.ro.elf -$O -o %t.ro.$O.jar && (grey-run %t.ro.$O.jar || true); done >> %t.ro.out
# RUN: FileCheck %s --check-prefix=RO < %t.ro.out

# 5 + 7 + 3 = 15, three times.
# OK-COUNT-3: exit: halt{{$}}
# OK-NOT:     exit:

# FAULT-COUNT-3: fault address: 0x40000000
# FAULT-NOT:  exit: halt

# FAULT8-COUNT-3: fault address: 0x40000008
# FAULT8-NOT: exit: halt

# RO:         {{0*}}[[#%x,RO:]] r ro
# RO-COUNT-3: fault address: 0x[[#%.8x,RO]]
# RO-NOT:     exit: halt

  .text
  .globl _start
_start:
  addi sp, sp, -32
  sd ra, 24(sp)
  sd s0, 16(sp)
  li s0, 0x40000000
  li a0, 5
  sd a0, 0(sp)
  li a0, 7
  sd a0, 8(sp)
.ifdef DEAD_LOAD
  ld a1, 0(s0)
.endif
.ifdef DEAD_STORE
  sd a0, 8(s0)
  li a1, 9
  sd a1, 8(s0)
.endif
  lla a2, ro
.ifdef RO_STORE
  mv a1, a2
  sd a0, 0(a1)
  ld a0, 0(a1)
.endif
  call three
  ld a1, 0(sp)
  add a0, a0, a1
  ld a1, 8(sp)
  add a0, a0, a1
  ld s0, 16(sp)
  ld ra, 24(sp)
  addi sp, sp, 32
  li t0, 0
  ecall
  unimp

three:
  li a0, 3
  ret

  .section .rodata
  .p2align 12
ro:
  .quad 1
