// RUN: grey-opt %s --split-input-file --convert-riscv-to-pvm --verify-diagnostics

// Each unsupported instruction is reported on itself; the conversion
// framework then adds its own "failed to legalize" on the same op.

riscv.program entry @f {
  riscv.func @f at 0 {
  ^bb0(%gp: !riscv.reg<gp>):
    // expected-error @+1 {{reads '!riscv.reg<gp>', which has no PVM register}}
    %0 = riscv.addi %gp, 1 : (!riscv.reg<gp>) -> !riscv.reg<a0>
    riscv.unimp
  }
}

// -----

riscv.program entry @f {
  riscv.func @f at 0 {
  ^bb0(%a0: !riscv.reg<a0>):
    // expected-error @+1 {{writes '!riscv.reg<tp>', which has no PVM register}}
    %0 = riscv.addi %a0, 1 : (!riscv.reg<a0>) -> !riscv.reg<tp>
    riscv.unimp
  }
}

// -----

riscv.program entry @f {
  riscv.func @f at 0 {
  ^bb0(%a0: !riscv.reg<a0>):
    // expected-error @+2 {{failed to legalize}}
// expected-error @+1 {{accesses CSR 3072, which does not exist on PVM}}
    %0 = riscv.csrrs 3072, %a0 : (!riscv.reg<a0>) -> !riscv.reg<a1>
    riscv.unimp
  }
}

// -----

riscv.program entry @f {
  riscv.func @f at 0 {
  ^bb0(%a0: !riscv.reg<a0>):
    // expected-error @+2 {{failed to legalize}}
// expected-error @+1 {{has no PVM equivalent and needs scratch registers}}
    %0 = riscv.orc.b %a0 : (!riscv.reg<a0>) -> !riscv.reg<a1>
    riscv.unimp
  }
}

// -----

riscv.program entry @f {
  riscv.func @f at 0 {
  ^bb0(%t0: !riscv.reg<t0>):
    // expected-error @+2 {{failed to legalize}}
// expected-error @+1 {{host call slot is not a constant}}
    %0 = riscv.ecall(%t0) : (!riscv.reg<t0>) -> !riscv.reg<a0>
    riscv.unimp
  }
}

// -----

riscv.program entry @f {
  riscv.func @f at 0 {
    %z = riscv.constant 0 : !riscv.reg<zero>
    %t0 = riscv.addi %z, 200 : (!riscv.reg<zero>) -> !riscv.reg<t0>
    // expected-error @+2 {{failed to legalize}}
// expected-error @+1 {{host call slot 200 is not a capability slot (0-127)}}
    %0 = riscv.ecall(%t0) : (!riscv.reg<t0>) -> !riscv.reg<a0>
    riscv.unimp
  }
}

// -----

riscv.program entry @f {
  riscv.func @f at 0 {
  ^bb0(%a0: !riscv.reg<a0>):
    %z = riscv.constant 0 : !riscv.reg<zero>
    // expected-error @+2 {{failed to legalize}}
// expected-error @+1 {{reads x0 and overwrites its other operand}}
    %0 = riscv.max %a0, %z : (!riscv.reg<a0>, !riscv.reg<zero>) -> !riscv.reg<a0>
    riscv.unimp
  }
}

// -----

riscv.program entry @f {
  riscv.func @f at 0 {
  ^bb0(%ra: !riscv.reg<ra>):
    // jalr ra, 0(ra): PVM writes the link before it reads the target
    // (pvm-isa.md §3.8), so the reference's translation jumps to the return
    // address (hazard H7).
    // expected-error @+2 {{failed to legalize}}
// expected-error @+1 {{links into its own target register}}
    %0 = riscv.call_indirect 0(%ra) () : !riscv.reg<ra>, () -> !riscv.reg<ra>
    riscv.unimp
  }
}

// -----

riscv.program entry @f {
  riscv.func @f at 0 {
    %z = riscv.constant 0 : !riscv.reg<zero>
    // expected-error @+2 {{failed to legalize}}
// expected-error @+1 {{jumps to a fixed RISC-V address}}
    riscv.jalr 256(%z) [] : !riscv.reg<zero>
  }
}
