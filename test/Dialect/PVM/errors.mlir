// RUN: grey-opt %s --split-input-file --verify-diagnostics

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    // expected-error @+1 {{unknown PVM register 'r13'}}
    %0 = pvm.load_imm 1 : !pvm.reg<r13>
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    // expected-error @+1 {{'value' failed to satisfy constraint}}
    %0 = pvm.load_imm 2147483648 : !pvm.reg<r7>
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    // expected-error @+1 {{'address' failed to satisfy constraint}}
    %0 = pvm.load_u8 4294967296 : !pvm.reg<r7>
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    %0 = pvm.load_imm 1 : !pvm.reg<r7>
    %1 = pvm.load_imm 1 : !pvm.reg<r8>
    // expected-error @+1 {{all of {prev, rd} have same type}}
    %2 = "pvm.cmov_iz"(%0, %1, %1) : (!pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r8>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    %0 = pvm.load_imm 2 : !pvm.reg<r0>
    // expected-error @+1 {{writes its jump base register '!pvm.reg<r0>' before the jump reads it}}
    %1 = pvm.load_imm_jump_ind %0, 4, 0 [] : !pvm.reg<r0> -> !pvm.reg<r0>
  }
}

// -----

// expected-error @+1 {{entry 'missing' is not a pvm.func}}
pvm.program entry @missing stack 0 heap 0 layout current {
  pvm.func @main {
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  // expected-error @+1 {{entry block must have no arguments}}
  pvm.func @main {
  ^bb0(%a: !pvm.reg<r7>):
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    pvm.trap
  }
  // expected-error @+1 {{initial contents (3 bytes) exceed the segment size (2)}}
  pvm.segment @data base 4096 size 2 rw init "abc"
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    pvm.trap
  }
  // expected-error @+1 {{extends past the 32-bit address space}}
  pvm.segment @data base 4294963200 size 8192 ro
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    pvm.jump ^bb1
  ^bb1:
    %0 = pvm.load_imm 1 : !pvm.reg<r7>
    // expected-error @+1 {{must be at the start of its block}}
    pvm.jump_table_entry 0
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    pvm.jump ^bb1
  ^bb1:
    // expected-error @+1 {{index 1 leaves a gap: the program has 1 jump-table entries}}
    pvm.jump_table_entry 1
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    pvm.jump ^bb1
  ^bb1:
    pvm.jump_table_entry 0
    // expected-error @+1 {{index 0 is declared twice}}
    pvm.jump_table_entry 0
    pvm.trap
  }
}

// -----

// expected-error @+1 {{'stack_size' failed to satisfy constraint}}
pvm.program entry @main stack -1 heap 0 layout current {
  pvm.func @main {
    pvm.trap
  }
}
