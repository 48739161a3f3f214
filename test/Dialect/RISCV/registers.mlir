// RUN: grey-opt %s | FileCheck %s

// Register names: ABI names, `fp` and xN are accepted; ABI names are printed.
// CHECK: func.func private @names(!riscv.reg<zero>, !riscv.reg<ra>, !riscv.reg<s0>, !riscv.reg<s0>, !riscv.reg<a5>, !riscv.reg<t2>)
func.func private @names(!riscv.reg<x0>, !riscv.reg<x1>, !riscv.reg<fp>, !riscv.reg<x8>, !riscv.reg<x15>, !riscv.reg<t2>)
