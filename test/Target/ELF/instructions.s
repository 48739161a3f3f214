# Every instruction family of rv64em + Zbb + XTheadCondMov becomes its op,
# with results typed by the destination register and x0 reads as constants.
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj %s -o %t.o
# RUN: ld.lld --emit-relocs %t.o -o %t.elf
# RUN: grey-translate --import-riscv-elf %t.elf | FileCheck %s
# RUN: grey-translate --import-riscv-elf %t.elf --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOC

# CHECK-LABEL: riscv.func @_start
# CHECK: ^bb0(%[[A1:.+]]: !riscv.reg<a1>, %[[A2:.+]]: !riscv.reg<a2>, %{{.+}}: !riscv.reg<a5>):
  .globl _start
_start:
# CHECK-NEXT: %[[ADD:.+]] = riscv.add %[[A1]], %[[A2]] : (!riscv.reg<a1>, !riscv.reg<a2>) -> !riscv.reg<a0>
  add a0, a1, a2
# CHECK-NEXT: riscv.sub %[[ADD]], %[[A2]] : (!riscv.reg<a0>, !riscv.reg<a2>) -> !riscv.reg<a3>
  sub a3, a0, a2
# CHECK-NEXT: riscv.sll
  sll a3, a0, a2
# CHECK-NEXT: riscv.slt
  slt a3, a0, a2
# CHECK-NEXT: riscv.sltu
  sltu a3, a0, a2
# CHECK-NEXT: riscv.xor
  xor a3, a0, a2
# CHECK-NEXT: riscv.srl
  srl a3, a0, a2
# CHECK-NEXT: riscv.sra
  sra a3, a0, a2
# CHECK-NEXT: riscv.or
  or a3, a0, a2
# CHECK-NEXT: riscv.and
  and a3, a0, a2
# CHECK-NEXT: riscv.addw
  addw a3, a0, a2
# CHECK-NEXT: riscv.subw
  subw a3, a0, a2
# CHECK-NEXT: riscv.sllw
  sllw a3, a0, a2
# CHECK-NEXT: riscv.srlw
  srlw a3, a0, a2
# CHECK-NEXT: riscv.sraw
  sraw a3, a0, a2
# CHECK-NEXT: riscv.mul {{.*}} -> !riscv.reg<t0>
  mul t0, a0, a2
# CHECK-NEXT: riscv.mulh
  mulh t0, a0, a2
# CHECK-NEXT: riscv.mulhsu
  mulhsu t0, a0, a2
# CHECK-NEXT: riscv.mulhu
  mulhu t0, a0, a2
# CHECK-NEXT: riscv.div
  div t0, a0, a2
# CHECK-NEXT: riscv.divu
  divu t0, a0, a2
# CHECK-NEXT: riscv.rem
  rem t0, a0, a2
# CHECK-NEXT: riscv.remu
  remu t0, a0, a2
# CHECK-NEXT: riscv.mulw
  mulw t0, a0, a2
# CHECK-NEXT: riscv.divw
  divw t0, a0, a2
# CHECK-NEXT: riscv.divuw
  divuw t0, a0, a2
# CHECK-NEXT: riscv.remw
  remw t0, a0, a2
# CHECK-NEXT: riscv.remuw
  remuw t0, a0, a2
# CHECK-NEXT: riscv.andn
  andn t1, a0, a2
# CHECK-NEXT: riscv.orn
  orn t1, a0, a2
# CHECK-NEXT: riscv.xnor
  xnor t1, a0, a2
# CHECK-NEXT: riscv.max
  max t1, a0, a2
# CHECK-NEXT: riscv.maxu
  maxu t1, a0, a2
# CHECK-NEXT: riscv.min
  min t1, a0, a2
# CHECK-NEXT: riscv.minu
  minu t1, a0, a2
# CHECK-NEXT: riscv.rol
  rol t1, a0, a2
# CHECK-NEXT: riscv.ror
  ror t1, a0, a2
# CHECK-NEXT: riscv.rolw
  rolw t1, a0, a2
# CHECK-NEXT: riscv.rorw
  rorw t1, a0, a2
# CHECK-NEXT: riscv.addi %[[ADD]], -2048 : (!riscv.reg<a0>) -> !riscv.reg<t2>
  addi t2, a0, -2048
# CHECK-NEXT: riscv.slti {{.*}}, 2047
  slti t2, a0, 2047
# CHECK-NEXT: riscv.sltiu {{.*}}, -1
  sltiu t2, a0, -1
# CHECK-NEXT: riscv.xori {{.*}}, -1
  not t2, a0
# CHECK-NEXT: riscv.ori {{.*}}, 1
  ori t2, a0, 1
# CHECK-NEXT: riscv.andi {{.*}}, 255
  andi t2, a0, 255
# CHECK-NEXT: riscv.addiw {{.*}}, 0 : (!riscv.reg<a0>) -> !riscv.reg<t2>
  sext.w t2, a0
# CHECK-NEXT: riscv.slli {{.*}}, 63
  slli t2, a0, 63
# CHECK-NEXT: riscv.srli {{.*}}, 1
  srli t2, a0, 1
# CHECK-NEXT: riscv.srai {{.*}}, 2
  srai t2, a0, 2
# CHECK-NEXT: riscv.rori {{.*}}, 3
  rori t2, a0, 3
# CHECK-NEXT: riscv.slliw {{.*}}, 31
  slliw t2, a0, 31
# CHECK-NEXT: riscv.srliw {{.*}}, 4
  srliw t2, a0, 4
# CHECK-NEXT: riscv.sraiw {{.*}}, 5
  sraiw t2, a0, 5
# CHECK-NEXT: riscv.roriw {{.*}}, 6
  roriw t2, a0, 6
# CHECK-NEXT: riscv.clz %[[ADD]] : (!riscv.reg<a0>) -> !riscv.reg<s0>
  clz s0, a0
# CHECK-NEXT: riscv.clzw
  clzw s0, a0
# CHECK-NEXT: riscv.ctz
  ctz s0, a0
# CHECK-NEXT: riscv.ctzw
  ctzw s0, a0
# CHECK-NEXT: riscv.cpop
  cpop s0, a0
# CHECK-NEXT: riscv.cpopw
  cpopw s0, a0
# CHECK-NEXT: riscv.sext.b
  sext.b s0, a0
# CHECK-NEXT: riscv.sext.h
  sext.h s0, a0
# CHECK-NEXT: riscv.zext.h
  zext.h s0, a0
# CHECK-NEXT: riscv.orc.b
  orc.b s0, a0
# CHECK-NEXT: riscv.rev8
  rev8 s0, a0
# CHECK-NEXT: riscv.lui 74565 : !riscv.reg<s1>
  lui s1, 0x12345
# CHECK-NEXT: %[[LB:.+]] = riscv.lb -1(%[[ADD]]) : (!riscv.reg<a0>) -> !riscv.reg<a4>
  lb a4, -1(a0)
# CHECK-NEXT: riscv.lh
  lh a4, 2(a0)
# CHECK-NEXT: riscv.lw
  lw a4, 4(a0)
# CHECK-NEXT: riscv.ld
  ld a4, 8(a0)
# CHECK-NEXT: riscv.lbu
  lbu a4, 1(a0)
# CHECK-NEXT: riscv.lhu
  lhu a4, 2(a0)
# CHECK-NEXT: %[[LWU:.+]] = riscv.lwu
  lwu a4, 4(a0)
# CHECK-NEXT: riscv.sb %[[LWU]], 1(%[[ADD]]) : !riscv.reg<a4>, !riscv.reg<a0>
  sb a4, 1(a0)
# CHECK-NEXT: riscv.sh
  sh a4, 2(a0)
# CHECK-NEXT: riscv.sw
  sw a4, 4(a0)
# CHECK-NEXT: %[[ZERO:.+]] = riscv.constant 0 : !riscv.reg<zero>
# CHECK-NEXT: riscv.sd %[[ZERO]], -8(%[[ADD]]) : !riscv.reg<zero>, !riscv.reg<a0>
  sd zero, -8(a0)
# The conditional move reads its destination's old value.
# CHECK-NEXT: %[[MV:.+]] = riscv.th.mveqz %[[A1]], %[[A2]], %[[LWU]] : !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a4>
  th.mveqz a4, a1, a2
# CHECK-NEXT: riscv.th.mvnez %[[A1]], %[[A2]], %[[MV]] : !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a4>
  th.mvnez a4, a1, a2
# CHECK-NEXT: riscv.fence 3, 3
  fence rw, rw
# CHECK-NEXT: riscv.fence.i
  fence.i
# Writes to x0 vanish, loads into x0 included.
# CHECK-NEXT: riscv.constant 0 : !riscv.reg<zero>
# CHECK-NEXT: riscv.addi {{.*}}, 5 : (!riscv.reg<zero>) -> !riscv.reg<t0>
  add zero, a0, a1
  lw zero, 0(a0)
  nop
  li t0, 5
# CHECK-NEXT: riscv.ecall({{.*}}) : (!riscv.reg<t0>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>) -> (!riscv.reg<a0>, !riscv.reg<a1>)
  ecall
# CHECK-NEXT: riscv.ebreak
  ebreak

# CHECK-LABEL: riscv.func @trap
# CHECK-NEXT: riscv.unimp
  .globl trap
trap:
  unimp

# Each op is located at its guest address, in the ELF file.
# LOC: riscv.add {{.*}} loc(fused["pc:0x{{[0-9a-f]+}}", "{{.*}}instructions.s.tmp.elf":0:0])
