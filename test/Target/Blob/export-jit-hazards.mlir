// RUN: grey-translate --export-pvm-blob %s --split-input-file --verify-diagnostics -o /dev/null
// RUN: grey-translate --export-pvm-blob --pvm-allow-jit-hazards %s --split-input-file -o /dev/null
// RUN: grey-opt %s --split-input-file --pvm-legalize-jit-hazards | grey-translate --export-pvm-blob --split-input-file -o /dev/null

// The blob writer refuses code that javm's recompiler miscompiles, naming
// the op, the PC and the pattern: IR that skipped (or came after)
// pvm-legalize-jit-hazards. --pvm-allow-jit-hazards writes it anyway, and
// after the pass there is nothing to refuse.

pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %r4 = pvm.load_imm -2128394905 : !pvm.reg<r4>
    %r7 = pvm.load_imm 5 : !pvm.reg<r7>
    // expected-error @+2 {{internal error: javm's recompiler miscompiles this (JIT hazard A, shift-into-phi12, at PC 9: shlo_l_32 r12, r4, r7)}}
    // expected-note @+1 {{the pass --pvm-legalize-jit-hazards rewrites it}}
    %s = pvm.shlo_l_32 %r4, %r7 : (!pvm.reg<r4>, !pvm.reg<r7>) -> !pvm.reg<r12>
    pvm.ecalli 0(%s) : (!pvm.reg<r12>) -> ()
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %r11 = pvm.get_register : !pvm.reg<r11>
    // expected-note @+1 {{the pattern starts here}}
    %r12 = pvm.shlo_l_imm_64 %r11, 1 : (!pvm.reg<r11>) -> !pvm.reg<r12>
    %r7 = pvm.add_imm_64 %r11, 65536 : (!pvm.reg<r11>) -> !pvm.reg<r7>
    %sum = pvm.add_64 %r7, %r12 : (!pvm.reg<r7>, !pvm.reg<r12>) -> !pvm.reg<r7>
    // expected-error @+2 {{(JIT hazard B, stale-scaled-address, at PC 12: load_ind_u8 r12, r7, 0): address compiled as [r7 + r11*2] from a record made at PC 0, but r7 was written since}}
    // expected-note @+1 {{rewrites it}}
    %v = pvm.load_ind_u8 %sum, 0 : (!pvm.reg<r7>) -> !pvm.reg<r12>
    pvm.ecalli 0(%v) : (!pvm.reg<r12>) -> ()
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %i = pvm.get_register : !pvm.reg<r2>
    %b = pvm.get_register : !pvm.reg<r5>
    // expected-error @+2 {{(JIT hazard C, scaled-index-fusion, at PC 0: add_64 r3, r2, r2)}}
    // expected-note @+1 {{rewrites it}}
    %d1 = pvm.add_64 %i, %i : (!pvm.reg<r2>, !pvm.reg<r2>) -> !pvm.reg<r3>
    %d2 = pvm.add_64 %d1, %d1 : (!pvm.reg<r3>, !pvm.reg<r3>) -> !pvm.reg<r3>
    %e = pvm.add_64 %b, %d2 : (!pvm.reg<r5>, !pvm.reg<r3>) -> !pvm.reg<r4>
    %v = pvm.load_ind_u8 %e, 0 : (!pvm.reg<r4>) -> !pvm.reg<r6>
    pvm.ecalli 0(%v, %d2) : (!pvm.reg<r6>, !pvm.reg<r3>) -> ()
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %r2 = pvm.get_register : !pvm.reg<r2>
    %r9 = pvm.get_register : !pvm.reg<r9>
    %r10 = pvm.get_register : !pvm.reg<r10>
    %r12 = pvm.get_register : !pvm.reg<r12>
    %sum = pvm.add_64 %r2, %r9 : (!pvm.reg<r2>, !pvm.reg<r9>) -> !pvm.reg<r9>
    %c1 = pvm.set_lt_u %r10, %r12 : (!pvm.reg<r10>, !pvm.reg<r12>) -> !pvm.reg<r11>
    // expected-error @+2 {{(JIT hazard D, stale-carry-flag, at PC 6: set_lt_u r12, r9, r2)}}
    // expected-note @+1 {{rewrites it}}
    %c2 = pvm.set_lt_u %sum, %r2 : (!pvm.reg<r9>, !pvm.reg<r2>) -> !pvm.reg<r12>
    pvm.ecalli 0(%c1, %c2) : (!pvm.reg<r11>, !pvm.reg<r12>) -> ()
    pvm.trap
  }
}

// -----

pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %a = pvm.get_register : !pvm.reg<r8>
    %b = pvm.get_register : !pvm.reg<r9>
    // expected-error @+2 {{(JIT hazard E, division, at PC 0: rem_s_32 r7, r8, r9): divisor r9 is not visibly an extended 32-bit value (x86 divides by zero when only its high half is nonzero); dividend r8 is not visibly sign-extended (by zero the recompiler returns it whole); nothing rules out MIN / -1 (x86 idiv traps)}}
    // expected-note @+1 {{rewrites it}}
    %r = pvm.rem_s_32 %a, %b : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r7>
    pvm.ecalli 0(%r) : (!pvm.reg<r7>) -> ()
    pvm.trap
  }
}
