// RUN: grey-opt %s --split-input-file --riscv-verify-registers --verify-diagnostics | FileCheck %s

// x0 holds no value, so any number of x0 constants may be live at once.
// CHECK-LABEL: riscv.func @zeros
riscv.program entry @zeros {
  riscv.func @zeros at 0 {
  ^bb0(%a0: !riscv.reg<a0>, %ra: !riscv.reg<ra>):
    %z1 = riscv.constant 0 : !riscv.reg<zero>
    %z2 = riscv.constant 0 : !riscv.reg<zero>
    %s = riscv.add %z1, %a0 : (!riscv.reg<zero>, !riscv.reg<a0>) -> !riscv.reg<a1>
    %t = riscv.sub %z2, %s : (!riscv.reg<zero>, !riscv.reg<a1>) -> !riscv.reg<a0>
    riscv.jalr 0(%ra) uses(%t : !riscv.reg<a0>) [] : !riscv.reg<ra>
  }
}

// -----

riscv.program entry @clobber {
  riscv.func @clobber at 0 {
  // expected-note @+1 {{the live value is defined here}}
  ^bb0(%a0: !riscv.reg<a0>, %ra: !riscv.reg<ra>):
    // expected-error @+1 {{value of type '!riscv.reg<ra>' overwrites a register that holds a value still live}}
    %c:2 = riscv.call @clobber(%a0) : (!riscv.reg<a0>) -> (!riscv.reg<ra>, !riscv.reg<a0>)
    riscv.jalr 0(%ra) uses(%c#1 : !riscv.reg<a0>) [] : !riscv.reg<ra>
  }
}
