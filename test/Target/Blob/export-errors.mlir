// RUN: grey-translate --export-pvm-blob %s --split-input-file --verify-diagnostics --allow-unregistered-dialect -o /dev/null

// Every check the blob writer makes, one per split.

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    // expected-error @+1 {{cannot be encoded: not a PVM instruction}}
    "test.unknown"() : () -> ()
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    // expected-error @+1 {{cannot encode: result has type '!pvm.reg', not an allocated register}}
    %0 = pvm.load_imm 1 : !pvm.reg
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    %0 = pvm.get_register : !pvm.reg
    // expected-error @+1 {{cannot encode: operand #0 has type '!pvm.reg', not an allocated register}}
    pvm.store_u8 %0, 4096 : !pvm.reg
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    // expected-error @+1 {{ecalli 128 is not a CALL the current kernel accepts (slots 0-127)}}
    pvm.ecalli 128 () : () -> ()
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    // expected-error @+1 {{ecalli 255 is not a CALL the current kernel accepts}}
    pvm.ecalli 255 () : () -> ()
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout legacy {
  pvm.func @main {
    // expected-error @+1 {{ecalli -1 is not a CALL the legacy kernel accepts (slots 0-127 and 255)}}
    pvm.ecalli -1 () : () -> ()
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    %0 = pvm.load_imm 1 : !pvm.reg<r1>
    // expected-error @+1 {{sbrk panics on the current machine and must not be emitted}}
    %1 = pvm.sbrk %0 : (!pvm.reg<r1>) -> !pvm.reg<r2>
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    // expected-error @+1 {{its fall-through successor must be the block laid out next}}
    pvm.fallthrough ^second
  ^first:
    pvm.trap
  ^second:
    pvm.jump ^first
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    %0 = pvm.load_imm 1 : !pvm.reg<r1>
    // expected-error @+1 {{its fall-through successor must be the block laid out next}}
    pvm.branch_eq_imm %0, 0, ^next, ^last : !pvm.reg<r1>
  ^next:
    pvm.trap
  ^last:
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    pvm.fallthrough ^loop
  ^loop:
    %0 = pvm.load_imm 1 : !pvm.reg<r1>
    // expected-error @+1 {{the code ends with pvm.branch_ne_imm, which can fall off the end; end it with pvm.trap}}
    pvm.branch_ne_imm %0, 0, ^loop, ^loop : !pvm.reg<r1>
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    // expected-error @+1 {{jump-table entry 0 points at PC 0, which a jump table must never hold}}
    pvm.jump_table_entry 0
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  // expected-error @+1 {{cannot be exported: a program holds only pvm.func and pvm.segment ops}}
  "test.stray"() : () -> ()
  pvm.func @main {
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  // expected-error @+1 {{segment @gas: cap slot 3 is reserved for kernel caps}}
  pvm.segment @gas base 65536 size 4096 ro {slot = 3}
  pvm.func @main {
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  // expected-error @+1 {{segment @untyped: cap slot 254 is reserved for kernel caps}}
  pvm.segment @untyped base 65536 size 4096 ro {slot = 254}
  pvm.func @main {
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout legacy {
  // expected-error @+1 {{segment @zero: cap slot 0 is reserved for kernel caps}}
  pvm.segment @zero base 65536 size 4096 ro {slot = 0}
  pvm.func @main {
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.segment @a base 65536 size 4096 ro {slot = 66}
  // expected-error @+1 {{segment @b: cap slot 66 is already used by segment @a}}
  pvm.segment @b base 69632 size 4096 ro {slot = 66}
  pvm.func @main {
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  // expected-error @+1 {{segment @code: cap slot 64 is already used by the CODE cap}}
  pvm.segment @code base 65536 size 4096 ro {slot = 64}
  pvm.func @main {
    pvm.trap
  }
}

// -----

// expected-error @+1 {{the argument buffer: cap slot 0 is already used by segment @args}}
pvm.program entry @main stack 0 heap 0 layout current {
  pvm.segment @args base 65536 size 4096 rw {slot = 0}
  pvm.func @main {
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 8192 heap 0 layout current {
  // expected-error @+1 {{segment @low: pages [1, 2) overlap the stack at pages [0, 2)}}
  pvm.segment @low base 4096 size 4096 ro
  pvm.func @main {
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 0 heap 0 layout current {
  pvm.segment @a base 65536 size 8192 ro
  // expected-error @+1 {{segment @b: pages [17, 18) overlap segment @a at pages [16, 18)}}
  pvm.segment @b base 69632 size 100 rw
  pvm.func @main {
    pvm.trap
  }
}

// -----

// expected-error @+1 {{the heap: pages [1048576, 1048577) extend past the 4 GiB address space}}
pvm.program entry @main stack 0 heap 4096 layout current {
  pvm.segment @top base 4294963200 size 4096 rw
  pvm.func @main {
    pvm.trap
  }
}

// -----

// expected-error @+1 {{memory_pages 1 is less than the 2 pages its DATA caps need}}
pvm.program entry @main stack 4096 heap 0 layout current attributes {memory_pages = 1} {
  pvm.func @main {
    pvm.trap
  }
}

// -----

// expected-error @+1 {{expected exactly one pvm.program, found 0}}
module {
}

// -----

// expected-error @+1 {{code_slot 254 is reserved for kernel caps}}
pvm.program entry @main stack 0 heap 0 layout current attributes {code_slot = 254} {
  pvm.func @main {
    pvm.trap
  }
}
