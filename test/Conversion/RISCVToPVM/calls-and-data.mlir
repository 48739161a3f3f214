// RUN: grey-opt %s --convert-riscv-to-pvm --pvm-verify-registers | FileCheck %s

// Calls end their block; the return site gets a jump-table entry and the
// call writes its address (2(N+1)) into the link register. Code addresses,
// in registers or in data, become jump-table addresses: the same function
// gets the same address wherever it is taken (the reference gives each use
// a new entry, hazard H7).
//
// Data keeps its ELF addresses; sections sharing a page merge into one
// segment (the reference shifts RW data placed below page-ceil(ro_max),
// hazard H1).
// CHECK-LABEL: pvm.program entry @__grey_start stack 65536
// The switch-table word at 65552 is relative to 65546: 8 - 65546.
// CHECK: pvm.segment @".rodata" base 65536 size 20 ro init "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\FE\FF\FE\FF"
// CHECK-NEXT: pvm.segment @".data.rel.ro" base 73728 size 4096 ro init "\02\00\00\00\00\00\00\00"
// CHECK-NEXT: pvm.segment @".data" base 77824 size 8 rw
riscv.program entry @main {
  riscv.segment @".rodata" at 65536 size 8
  riscv.segment @".srodata" at 65544 size 12 init "\00\00\00\00\00\00\00\00"
  riscv.segment @".data.rel.ro" at 73728 size 8
  riscv.segment @".relro_padding" at 73736 size 4088
  riscv.segment @".data" at 77824 size 8 writable
  riscv.code_pointer @callee, 4096 at 73728 size 8
  riscv.code_pointer @main, 8208 at 65552 size 4 base 65546

  // CHECK-LABEL: pvm.func @callee
  // CHECK-NEXT: pvm.jump_table_entry 0
  riscv.func @callee at 4096 {
  ^bb0(%ra: !riscv.reg<ra>, %a0: !riscv.reg<a0>):
    // zext.h is zero_extend_16 (the reference emits opcode 70, hazard H7).
    // CHECK: pvm.zero_extend_16 %{{.*}} : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %z = riscv.zext.h %a0 : (!riscv.reg<a0>) -> !riscv.reg<a0>
    // fences vanish; ebreak traps.
    // CHECK-NOT: fence
    riscv.fence 15, 15
    riscv.beq %z, %z, ^bb1, ^bb2 : !riscv.reg<a0>, !riscv.reg<a0>
  ^bb1:
    riscv.jalr 0(%ra) uses(%z : !riscv.reg<a0>) [] : !riscv.reg<ra>
  ^bb2:
    // CHECK: pvm.trap
    riscv.ebreak
  }

  // CHECK-LABEL: pvm.func @main
  riscv.func @main at 8192 {
  ^bb0(%sp: !riscv.reg<sp>, %a0: !riscv.reg<a0>):
    // CHECK: %[[F:.+]] = pvm.load_imm 2 : !pvm.reg<r12>
    %f = riscv.code_addr @callee, 4096 : !riscv.reg<a5>
    // CHECK: %[[LINK:.+]], %[[DEFS:.+]]:2 = pvm.call @callee(%{{.*}}, %{{.*}}), ^[[RET:bb[0-9]+]] : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>, !pvm.reg<r12>)
    %c:3 = riscv.call @callee(%sp, %a0) : (!riscv.reg<sp>, !riscv.reg<a0>) -> (!riscv.reg<ra>, !riscv.reg<a0>, !riscv.reg<a5>)
    // CHECK: ^[[RET]]:
    // CHECK-NEXT: pvm.jump_table_entry 1
    // After the call, a0 is the callee's result, not a constant from before
    // the call (hazard H3).
    // CHECK: %[[G:.+]] = pvm.load_imm 2 : !pvm.reg<r3>
    %g = riscv.code_addr @callee, 4096 : !riscv.reg<t1>
    // CHECK-NEXT: %{{.*}}, %{{.*}} = pvm.call_indirect %[[G]], 0(%[[DEFS]]#0), ^[[RET2:bb[0-9]+]] : !pvm.reg<r3>, (!pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
    %d:2 = riscv.call_indirect 0(%g) (%c#1) : !riscv.reg<t1>, (!riscv.reg<a0>) -> (!riscv.reg<ra>, !riscv.reg<a0>)
    // CHECK: ^[[RET2]]:
    // CHECK-NEXT: pvm.jump_table_entry 2
    riscv.jal ^bb1
  ^bb1:
    // CHECK: pvm.jump_table_entry 3
    riscv.code_label 8208
    // CHECK: pvm.tail_call @callee uses(%{{.*}} : !pvm.reg<r7>)
    riscv.tail @callee uses(%d#1 : !riscv.reg<a0>)
  }
}
