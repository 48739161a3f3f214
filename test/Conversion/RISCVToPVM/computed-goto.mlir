// RUN: grey-opt %s --convert-riscv-to-pvm | FileCheck %s

// A block entered only through its address (a computed goto, as clang -O0
// builds one) becomes a target of the function's indirect jumps, and the
// blocks it continues in stay with it. They used to be erased as
// unreachable first, leaving the label's block with a dangling successor
// (found by the ELF fuzzer on switch_table.c built with -O0).

riscv.program entry @f {
  // CHECK-LABEL: pvm.func @f
  riscv.func @f at 4096 {
  ^bb0(%ra: !riscv.reg<ra>):
    %t = riscv.code_addr @f, 4112 : !riscv.reg<a1>
    // CHECK: pvm.jump_ind {{.*}} [^[[LABEL:bb[0-9]+]]]
    riscv.jalr 0(%t) uses(%ra : !riscv.reg<ra>) [] : !riscv.reg<a1>
  // CHECK: ^[[LABEL]]({{.*}}):
  // CHECK-NEXT: pvm.jump_table_entry 0
  // CHECK-NEXT: pvm.fallthrough ^[[NEXT:bb[0-9]+]]
  ^bb1(%ra1: !riscv.reg<ra>):
    riscv.code_label 4112
    riscv.jal ^bb2(%ra1 : !riscv.reg<ra>)
  // CHECK: ^[[NEXT]]({{.*}}):
  // CHECK-NEXT: pvm.jump_ind
  ^bb2(%ra2: !riscv.reg<ra>):
    riscv.jalr 0(%ra2) [] : !riscv.reg<ra>
  }
}
