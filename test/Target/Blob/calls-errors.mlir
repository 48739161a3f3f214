// RUN: grey-opt %s --split-input-file --verify-diagnostics

pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %a = pvm.load_imm 5 : !pvm.reg<r7>
    // expected-error @+1 {{continuation must start with a pvm.jump_table_entry}}
    %link, %r = pvm.call @main(%a), ^bb1 : (!pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %f = pvm.load_imm 2 : !pvm.reg<r0>
    // expected-error @+1 {{writes its target register '!pvm.reg<r0>' before the jump reads it}}
    %link = pvm.call_indirect %f, 0 (), ^bb1 : !pvm.reg<r0>, () -> !pvm.reg<r0>
  ^bb1:
    pvm.jump_table_entry 0
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    // expected-error @+1 {{callee @nowhere is not a pvm.func}}
    pvm.tail_call @nowhere
  }
}
