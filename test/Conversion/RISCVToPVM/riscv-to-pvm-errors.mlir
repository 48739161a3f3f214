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

// jalr ra, 0(ra) needs another register for the target (PVM writes the
// link before it reads the target, pvm-isa.md §3.8). The ELF importer's
// calls never read temporaries, so one is always free; a call that reads
// every register leaves none.
riscv.program entry @f {
  riscv.func @f at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %sp: !riscv.reg<sp>, %t0: !riscv.reg<t0>, %t1: !riscv.reg<t1>, %t2: !riscv.reg<t2>, %s0: !riscv.reg<s0>, %s1: !riscv.reg<s1>, %a0: !riscv.reg<a0>, %a1: !riscv.reg<a1>, %a2: !riscv.reg<a2>, %a3: !riscv.reg<a3>, %a4: !riscv.reg<a4>, %a5: !riscv.reg<a5>):
    // expected-error @+1 {{links into its own target register, and every other register is live at the call}}
    %0 = riscv.call_indirect 0(%ra) (%sp, %t0, %t1, %t2, %s0, %s1, %a0, %a1, %a2, %a3, %a4, %a5) : !riscv.reg<ra>, (!riscv.reg<sp>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>) -> !riscv.reg<ra>
    riscv.unimp
  }
}

// -----

// orc.b with every register live borrows one and restores it in the same
// block; here every value it could borrow is used in another block without
// passing through a block argument, which the ELF importer never produces.
riscv.program entry @f {
  riscv.func @f at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %sp: !riscv.reg<sp>, %t0: !riscv.reg<t0>, %t1: !riscv.reg<t1>, %t2: !riscv.reg<t2>, %s0: !riscv.reg<s0>, %s1: !riscv.reg<s1>, %a0: !riscv.reg<a0>, %a1: !riscv.reg<a1>, %a2: !riscv.reg<a2>, %a3: !riscv.reg<a3>, %a4: !riscv.reg<a4>, %a5: !riscv.reg<a5>):
    // expected-error @+1 {{needs a scratch register, but every register holds a live value and none can be saved below the stack pointer here}}
    %0 = riscv.orc.b %a0 : (!riscv.reg<a0>) -> !riscv.reg<a0>
    riscv.jal ^bb1
  ^bb1:
    riscv.jalr 0(%ra) uses(%sp, %t0, %t1, %t2, %s0, %s1, %0, %a1, %a2, %a3, %a4, %a5 : !riscv.reg<sp>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>) [] : !riscv.reg<ra>
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
