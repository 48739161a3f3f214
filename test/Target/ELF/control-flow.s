# Blocks, edges, calls, tail calls, returns and indirect jumps; block
# arguments are exactly the registers live into each block.
# RUN: llvm-mc -triple=riscv64 -mattr=+e,+m,+zbb,+xtheadcondmov -filetype=obj %s -o %t.o
# RUN: ld.lld --emit-relocs %t.o -o %t.elf
# RUN: grey-translate --import-riscv-elf %t.elf | FileCheck %s
# RUN: grey-translate --import-riscv-elf %t.elf | grey-opt --riscv-verify-registers -o /dev/null

# CHECK-LABEL: riscv.program entry @_start
# CHECK-LABEL: riscv.func @_start
# A call defines every caller-saved register, the link register included.
# CHECK: %[[CALL:.+]]:10 = riscv.call @countdown({{.*}}) : ({{.*}}) -> (!riscv.reg<ra>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>)
# CHECK: riscv.call @branches(
# CHECK: riscv.call @fallthrough(
# CHECK: riscv.call_indirect 0(%{{.*}}) ({{.*}}) : !riscv.reg<a5>, ({{.*}}) -> (!riscv.reg<ra>,
# CHECK: riscv.ecall
# CHECK-NEXT: riscv.unimp
  .globl _start
_start:
  call countdown
  jal ra, branches
  call fallthrough
  ld a5, 0(sp)
  jalr a5
  li t0, 0
  ecall
  unimp

# A loop back to the entry: MLIR entry blocks have no predecessors, so a
# fresh entry block jumps to it.
# CHECK-LABEL: riscv.func @countdown
# CHECK-NEXT: ^bb0(%[[RA:.+]]: !riscv.reg<ra>, %[[SP:.+]]: !riscv.reg<sp>, %[[S0:.+]]: !riscv.reg<s0>, %[[S1:.+]]: !riscv.reg<s1>, %[[A0:.+]]: !riscv.reg<a0>, %[[A1:.+]]: !riscv.reg<a1>):
# CHECK-NEXT: riscv.jal ^bb1(%[[RA]], %[[SP]], %[[S0]], %[[S1]], %[[A0]], %[[A1]] :
# CHECK-NEXT: ^bb1(%{{.*}}: !riscv.reg<ra>, {{.*}}, %[[LA0:.+]]: !riscv.reg<a0>, %{{.*}}: !riscv.reg<a1>):
# CHECK-NEXT: %[[DEC:.+]] = riscv.addi %[[LA0]], -1
# CHECK-NEXT: %[[Z:.+]] = riscv.constant 0 : !riscv.reg<zero>
# CHECK-NEXT: riscv.bne %[[DEC]], %[[Z]], ^bb1({{.*}}), ^bb2({{.*}}) : !riscv.reg<a0>, !riscv.reg<zero>
# A return reads ra as its target and hands back a0, a1 and the saved registers.
# CHECK: ^bb2(%[[RRA:.+]]: !riscv.reg<ra>,
# CHECK-NEXT: riscv.jalr 0(%[[RRA]]) uses({{.*}} : !riscv.reg<sp>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>) [] : !riscv.reg<ra>
  .globl countdown
  .type countdown,@function
countdown:
.Lcountdown:
  addi a0, a0, -1
  bnez a0, .Lcountdown
  ret
  .size countdown, .-countdown

# Each conditional branch names its taken and fall-through blocks; only
# registers live in a block are its arguments (here a2 is dead after the add).
# CHECK-LABEL: riscv.func @branches
# CHECK-NEXT: ^bb0(%{{.*}}: !riscv.reg<ra>, %{{.*}}: !riscv.reg<sp>, %{{.*}}: !riscv.reg<s0>, %{{.*}}: !riscv.reg<s1>, %{{.*}}: !riscv.reg<a0>, %{{.*}}: !riscv.reg<a1>, %{{.*}}: !riscv.reg<a2>):
# CHECK: riscv.beq {{.*}}, ^[[EXIT:bb[0-9]+]]({{.*}}), ^bb1(
# CHECK-NEXT: ^bb1(%{{.*}}: !riscv.reg<ra>, {{.*}}, %{{.*}}: !riscv.reg<a0>, %{{.*}}: !riscv.reg<a1>):
# CHECK-NEXT: riscv.blt
# CHECK: riscv.bge
# CHECK: riscv.bltu
# CHECK: riscv.bgeu
# An unconditional jump within the function.
# CHECK: riscv.jal ^[[EXIT]](
# CHECK: ^[[EXIT]](
# CHECK-NEXT: riscv.jalr 0(
  .globl branches
  .type branches,@function
branches:
  add a1, a1, a2
  beq a0, a1, 1f
  blt a0, a1, 1f
  bge a0, a1, 1f
  bltu a0, a1, 1f
  bgeu a0, a1, 1f
  addi a0, a0, 1
  j 1f
1:
  ret
  .size branches, .-branches

# A function that runs into the next one tail-calls it.
# CHECK-LABEL: riscv.func @fallthrough
# CHECK-NEXT: ^bb0(
# CHECK-NEXT: riscv.addi
# CHECK-NEXT: riscv.tail @tail_caller uses({{.*}} : !riscv.reg<ra>, !riscv.reg<sp>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>)
  .globl fallthrough
  .type fallthrough,@function
fallthrough:
  addi a0, a0, 2
  .size fallthrough, .-fallthrough

# CHECK-LABEL: riscv.func @tail_caller
# CHECK: riscv.tail @countdown uses(
  .globl tail_caller
  .type tail_caller,@function
tail_caller:
  addi a0, a0, 3
  tail countdown
  .size tail_caller, .-tail_caller

# A jump through a register to an unknown place may read every register.
# CHECK-LABEL: riscv.func @computed
# CHECK: riscv.jalr 8(%{{.*}}) uses({{.*}} : !riscv.reg<ra>, !riscv.reg<sp>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>) [] : !riscv.reg<a4>
  .globl computed
  .type computed,@function
computed:
  jr 8(a4)
  .size computed, .-computed

# A call that must not return may be the last word of the code; running off
# the end would fault, so the block ends in a trap.
# CHECK-LABEL: riscv.func @ends_in_call
# CHECK-NEXT: ^bb0(
# CHECK-NEXT: riscv.call @countdown(
# CHECK-NEXT: riscv.unimp
# CHECK-NEXT: }
  .globl ends_in_call
  .type ends_in_call,@function
ends_in_call:
  call countdown
  .size ends_in_call, .-ends_in_call
