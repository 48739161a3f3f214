# What a blob maps at each level, and the options that change it: at -O0
# the reference's layout (64 KiB of stack below the data, a 16-page heap,
# one argument page); at -O1 and -O2 one stack page (pvm-size-stack), no heap and
# the data pages only, so 4 pages instead of 35 are charged at load.
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj %s -o %t.o
# RUN: ld.lld --emit-relocs --unique %t.o -o %t.elf
# RUN: grey-compile %t.elf -O0 -o %t.O0.jar
# RUN: grey-run %t.O0.jar | FileCheck %s --check-prefix=O0
# RUN: grey-compile %t.elf -O2 -o %t.O2.jar -Rpass=pvm-size-stack 2>&1 | FileCheck %s --check-prefix=REMARK
# RUN: grey-run %t.O2.jar | FileCheck %s --check-prefix=O2
# RUN: grey-translate --import-pvm-blob %t.O2.jar | FileCheck %s --check-prefix=IMPORT
# RUN: grey-compile %t.elf -O1 -o %t.O1.jar
# RUN: grey-run %t.O1.jar | FileCheck %s --check-prefix=O2
# RUN: grey-compile %t.elf -O2 --stack-size=5000 --heap-pages=2 --args-pages=3 -o %t.opts.jar
# RUN: grey-run %t.opts.jar | FileCheck %s --check-prefix=OPTS
# RUN: grey-compile %t.elf -O2 --disable-pass=pvm-size-stack -o %t.off.jar
# RUN: grey-run %t.off.jar | FileCheck %s --check-prefix=OFF
# RUN: not grey-compile %t.elf --stack-size=0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=ZERO

# O0:      exit: halt
# O0:      r7: 0x000000000000002a (42)
# O0:      gas used: {{[0-9]+}} (load 52500)
# O0:      data pages: 35 (memory_pages 51)
# O0-NEXT:   slot 65: 16 pages at 0x00000000 rw
# O0-NEXT:   slot 66: 1 page at 0x00010000 ro
# O0-NEXT:   slot 67: 1 page at 0x00012000 rw
# O0-NEXT:   slot 68: 16 pages at 0x00013000 rw
# O0-NEXT:   slot 0: 1 page at 0x00023000 rw

# REMARK: remark: [Passed] StackSized | Category:pvm-size-stack | Remark="stack sized to 4096 bytes (1 page) from 65536: the deepest call path uses 32 bytes, plus 256 bytes of margin"

# The page between the read-only and the writable data (where .text lies)
# is not mapped.
# O2:      exit: halt
# O2:      r7: 0x000000000000002a (42)
# O2:      gas used: {{[0-9]+}} (load 6000)
# O2:      data pages: 4 (memory_pages 20)
# O2-NEXT:   slot 65: 1 page at 0x00000000 rw
# O2-NEXT:   slot 66: 1 page at 0x00010000 ro
# O2-NEXT:   slot 67: 1 page at 0x00012000 rw
# O2-NEXT:   slot 0: 1 page at 0x00013000 rw

# IMPORT: module attributes {pvm.data_pages = {slot0 = 1 : i64, slot65 = 1 : i64, slot66 = 1 : i64, slot67 = 1 : i64}, pvm.load_gas = 6000 : i64}
# IMPORT: pvm.program entry @code stack 4096 heap 0 layout current

# OPTS:      exit: halt
# OPTS:      data pages: 9 (memory_pages 25)
# OPTS-NEXT:   slot 65: 2 pages at 0x00000000 rw
# OPTS-NEXT:   slot 66: 1 page at 0x00010000 ro
# OPTS-NEXT:   slot 67: 1 page at 0x00012000 rw
# OPTS-NEXT:   slot 68: 2 pages at 0x00013000 rw
# OPTS-NEXT:   slot 0: 3 pages at 0x00015000 rw

# OFF:      exit: halt
# OFF:      data pages: 19
# OFF-NEXT:   slot 65: 16 pages at 0x00000000 rw
# OFF-NEXT:   slot 66: 1 page
# OFF-NEXT:   slot 67: 1 page
# OFF-NEXT:   slot 0: 1 page

# ZERO: --stack-size must be between 1 and 2^32-1 bytes

  .text
  .globl _start
_start:
  call main
  li t0, 0
  ecall
  unimp

main:
  addi sp, sp, -32
  sd ra, 24(sp)
  sd s0, 16(sp)
  lla a0, value
  ld a0, 0(a0)
  lla a1, counter
  ld s0, 0(a1)
  add a0, a0, s0
  sd a0, 8(sp)
  ld a0, 8(sp)
  ld s0, 16(sp)
  ld ra, 24(sp)
  addi sp, sp, 32
  ret

  .section .rodata
value:
  .quad 40

  .data
counter:
  .quad 2
