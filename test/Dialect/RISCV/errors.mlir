// RUN: grey-opt %s --split-input-file --verify-diagnostics

riscv.program entry @main {
  riscv.func @main at 0 {
    // expected-error @+1 {{unknown rv64e register 'x16'}}
    %0 = riscv.lui 1 : !riscv.reg<x16>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
    // expected-error @+1 {{unknown rv64e register 'x01'}}
    %0 = riscv.lui 1 : !riscv.reg<x01>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
  ^bb0(%a: !riscv.reg<a0>):
    // expected-error @+1 {{'imm' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is -2048 whose maximum value is 2047}}
    %0 = riscv.addi %a, 2048 : (!riscv.reg<a0>) -> !riscv.reg<a1>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
  ^bb0(%a: !riscv.reg<a0>):
    // expected-error @+1 {{'imm' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 0 whose maximum value is 63}}
    %0 = riscv.slli %a, 64 : (!riscv.reg<a0>) -> !riscv.reg<a1>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
  ^bb0(%a: !riscv.reg<a0>):
    // expected-error @+1 {{'imm' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 0 whose maximum value is 31}}
    %0 = riscv.sraiw %a, 32 : (!riscv.reg<a0>) -> !riscv.reg<a1>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
    // expected-error @+1 {{'imm' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 0 whose maximum value is 1048575}}
    %0 = riscv.lui 1048576 : !riscv.reg<a0>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
    // expected-error @+1 {{'csr' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 0 whose maximum value is 4095}}
    %0 = riscv.csrrwi 4096, 1 : !riscv.reg<a0>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
  ^bb0(%a: !riscv.reg<a0>):
    // expected-error @+1 {{result #0 is written to x0, which discards writes}}
    %0 = riscv.addi %a, 1 : (!riscv.reg<a0>) -> !riscv.reg<zero>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
    // expected-error @+1 {{x0 always reads 0, not 5}}
    %0 = riscv.constant 5 : !riscv.reg<zero>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
  ^bb0(%a: !riscv.reg<a0>, %b: !riscv.reg<a1>):
    // expected-error @+1 {{all of {prev, rd} have same type}}
    %0 = "riscv.th.mveqz"(%a, %b, %b) : (!riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a1>) -> !riscv.reg<a0>
    riscv.unimp
  }
}

// -----

// expected-error @+1 {{entry 'nowhere' is not a riscv.func}}
riscv.program entry @nowhere {
  riscv.func @main at 0 {
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
  ^bb0(%a: !riscv.reg<a0>):
    // expected-error @+1 {{callee @missing is not a riscv.func}}
    %0 = riscv.call @missing(%a) : (!riscv.reg<a0>) -> !riscv.reg<ra>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
    riscv.unimp
  }
  // expected-error @+1 {{initial contents (2 bytes) exceed the segment size (1)}}
  riscv.segment @d at 4096 size 1 init "ab"
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
  ^bb0(%a: !riscv.reg<a0>):
    // expected-error @+1 {{callee @missing is not a riscv.func}}
    riscv.tail @missing uses(%a : !riscv.reg<a0>)
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
    // expected-error @+1 {{'uimm' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 0 whose maximum value is 31}}
    %0 = riscv.csrrsi 3072, 32 : !riscv.reg<a0>
    riscv.unimp
  }
}

// -----

riscv.program entry @main {
  riscv.func @main at 0 {
    // expected-error @+1 {{'pred' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 0 whose maximum value is 15}}
    riscv.fence 16, 0
    riscv.unimp
  }
}
