// RUN: grey-opt %s | FileCheck %s

// Register names: ABI names, `fp` and xN are accepted; ABI names are printed.
// CHECK: ^bb0(%{{.*}}: !riscv.reg<zero>, %{{.*}}: !riscv.reg<ra>, %{{.*}}: !riscv.reg<s0>, %{{.*}}: !riscv.reg<s0>, %{{.*}}: !riscv.reg<a5>, %{{.*}}: !riscv.reg<t2>):
riscv.program entry @main {
  riscv.func @main at 0 {
  ^bb0(%0: !riscv.reg<x0>, %1: !riscv.reg<x1>, %2: !riscv.reg<fp>, %3: !riscv.reg<x8>, %4: !riscv.reg<x15>, %5: !riscv.reg<t2>):
    riscv.unimp
  }
}
