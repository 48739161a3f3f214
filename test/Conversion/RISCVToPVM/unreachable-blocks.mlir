// RUN: grey-opt %s --convert-riscv-to-pvm | FileCheck %s

// A labelled block nothing refers to (the program's code pointer names
// another function's copy of the same code) and no edge reaches is erased
// before the jump table is numbered: its call used to take entry 1, which
// no block then declared (found by the ELF fuzzer; the pvm verifier
// reported "index 2 leaves a gap").

riscv.program entry @f {
  // CHECK-LABEL: pvm.func @f
  // CHECK: pvm.call @g({{.*}}), ^[[RET:bb[0-9]+]]
  // CHECK: ^[[RET]]:
  // CHECK-NEXT: pvm.jump_table_entry 0
  // CHECK-NOT: pvm.call
  // CHECK-NOT: pvm.jump_table_entry
  riscv.func @f at 4096 {
  ^bb0(%sp: !riscv.reg<sp>, %ra: !riscv.reg<ra>):
    %c:1 = riscv.call @g(%sp) : (!riscv.reg<sp>) -> (!riscv.reg<ra>)
    riscv.jalr 0(%ra) [] : !riscv.reg<ra>
  ^bb1(%sp1: !riscv.reg<sp>):
    riscv.code_label 4112
    %d:1 = riscv.call @g(%sp1) : (!riscv.reg<sp>) -> (!riscv.reg<ra>)
    riscv.unimp
  }
  // CHECK-LABEL: pvm.func @g
  // CHECK: pvm.jump_table_entry 1
  riscv.func @g at 8192 {
  ^bb0(%ra: !riscv.reg<ra>):
    riscv.code_label 8196
    riscv.jalr 0(%ra) [] : !riscv.reg<ra>
  }
  riscv.segment @".data" at 65536 size 8 writable
  riscv.code_pointer @g, 8196 at 65536 size 8
}
