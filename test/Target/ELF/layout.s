# Data segments keep their ELF addresses whatever LLD's layout: small-data
# sections, same-named sections from --unique, .bss with gaps, and .rodata
# placed after .text by a linker script.
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj %s -o %t.o
# RUN: ld.lld --emit-relocs --unique %t.o -o %t.elf
# RUN: llvm-readelf -S %t.elf | FileCheck %s --check-prefix=ELF
# RUN: grey-translate --import-riscv-elf %t.elf | FileCheck %s --check-prefixes=CHECK,UNIQUE
# RUN: echo "SECTIONS { .text 0x10000 : { *(.text*) } .rodata 0x20000 : { *(.rodata*) *(.srodata*) } .data 0x30000 : { *(.data*) *(.sdata*) } .bss 0x40000 : { *(.sbss*) *(.bss*) } }" > %t.lds
# RUN: ld.lld --emit-relocs -T %t.lds %t.o -o %t.script.elf
# RUN: grey-translate --import-riscv-elf %t.script.elf | FileCheck %s --check-prefix=SCRIPT

# With --unique the two .rodata input sections stay two output sections.
# ELF-COUNT-2: .rodata PROGBITS
# ELF: .srodata

# UNIQUE-DAG: riscv.segment @".rodata" at [[RO1:[0-9]+]] size 8 init "\01\02\03\04\05\06\07\08"
# UNIQUE-DAG: riscv.segment @".rodata.1" at [[RO2:[0-9]+]] size 4 init "\11\12\13\14"
# UNIQUE-DAG: riscv.segment @".srodata" at {{[0-9]+}} size 8 init "\AA\BB"
# UNIQUE-DAG: riscv.segment @".data" at {{[0-9]+}} size 8 writable init "!\22"
# UNIQUE-DAG: riscv.segment @".sdata" at {{[0-9]+}} size 4 writable init "1"
# UNIQUE-DAG: riscv.segment @".sbss" at {{[0-9]+}} size 4 writable{{$}}
# UNIQUE-DAG: riscv.segment @".bss" at {{[0-9]+}} size 4096 writable{{$}}
# UNIQUE-DAG: riscv.segment @".bss.1" at {{[0-9]+}} size 16 writable{{$}}

# Loads of data become constants holding the data's own address.
# CHECK-LABEL: riscv.func @_start
# CHECK: riscv.constant [[RO1]] : !riscv.reg<a0>
# CHECK: riscv.constant [[RO2]] : !riscv.reg<a1>

# SCRIPT-DAG: riscv.segment @".rodata" at 131072 size 20 init
# SCRIPT-DAG: riscv.segment @".data" at 196608 size 12 writable init
# SCRIPT-DAG: riscv.segment @".bss" at 262144 size {{[0-9]+}} writable{{$}}
# SCRIPT: riscv.func @_start at 65536
# SCRIPT: riscv.constant 131072 : !riscv.reg<a0>

  .text
  .globl _start
_start:
  lla a0, first
  lla a1, second
  lla a2, small_ro
  lla a3, big
  lla a4, small
  lla a5, zeros
  lla t0, more_zeros
  lla t1, small_zero
  ret

  .section .rodata.first,"a"
first:
  .byte 1, 2, 3, 4, 5, 6, 7, 8
  .section .rodata.second,"a"
second:
  .byte 0x11, 0x12, 0x13, 0x14
  .section .srodata,"a"
small_ro:
  .quad 0xBBAA
  .data
big:
  .quad 0x2221
  .section .sdata,"aw"
small:
  .word 0x31
  .section .sbss,"aw",@nobits
small_zero:
  .zero 4
  .section .bss.zeros,"aw",@nobits
zeros:
  .zero 4096
  .section .bss.more,"aw",@nobits
  .p2align 6
more_zeros:
  .zero 16
