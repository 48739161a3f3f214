// RUN: grey-opt %s --split-input-file --pvm-verify-registers --verify-diagnostics | FileCheck %s

// Reusing a register once its value is dead is fine, and so is a cmov
// whose `prev` is the old value of its own register.
// CHECK-LABEL: pvm.func @reuse
pvm.program entry @reuse stack 0 heap 0 layout current {
  pvm.func @reuse {
    %a = pvm.load_imm 1 : !pvm.reg<r7>
    %b = pvm.add_imm_64 %a, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %c = pvm.load_imm 0 : !pvm.reg<r8>
    %d = pvm.cmov_iz %c, %c, %b : !pvm.reg<r8>, !pvm.reg<r8>, !pvm.reg<r7>
    %u = pvm.load_imm 5 : !pvm.reg
    %v = pvm.load_imm 6 : !pvm.reg
    pvm.branch_eq_imm %d, 0, ^bb1(%d : !pvm.reg<r7>), ^bb2 : !pvm.reg<r7>
  ^bb1(%x: !pvm.reg<r7>):
    // %d is both passed as %x and live in: one value, one register.
    %r = pvm.ecalli 0(%x, %d, %u, %v) : (!pvm.reg<r7>, !pvm.reg<r7>, !pvm.reg, !pvm.reg) -> !pvm.reg<r7>
    pvm.trap
  ^bb2:
    %s = pvm.ecalli 0(%d) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}

// -----

pvm.program entry @clobber stack 0 heap 0 layout current {
  pvm.func @clobber {
    // expected-note @+1 {{the live value is defined here}}
    %a = pvm.load_imm 1 : !pvm.reg<r7>
    // expected-error @+1 {{value of type '!pvm.reg<r7>' overwrites a register that holds a value still live}}
    %b = pvm.load_imm 2 : !pvm.reg<r7>
    %s = pvm.add_64 %a, %b : (!pvm.reg<r7>, !pvm.reg<r7>) -> !pvm.reg<r8>
    pvm.trap
  }
}

// -----

// A value live across a block boundary is clobbered in the next block.
pvm.program entry @across stack 0 heap 0 layout current {
  pvm.func @across {
    // expected-note @+1 {{the live value is defined here}}
    %a = pvm.load_imm 1 : !pvm.reg<r9>
    pvm.jump ^bb1
  ^bb1:
    // expected-error @+1 {{overwrites a register that holds a value still live}}
    %b = pvm.load_imm 2 : !pvm.reg<r9>
    %s = pvm.add_64 %a, %b : (!pvm.reg<r9>, !pvm.reg<r9>) -> !pvm.reg<r8>
    pvm.trap
  }
}

// -----

// A value defined in a loop clobbers one that is live around the loop.
pvm.program entry @loop stack 0 heap 0 layout current {
  pvm.func @loop {
    // expected-note @+1 {{the live value is defined here}}
    %a = pvm.load_imm 1 : !pvm.reg<r9>
    %n = pvm.load_imm 10 : !pvm.reg<r10>
    pvm.jump ^bb1(%n : !pvm.reg<r10>)
  ^bb1(%i: !pvm.reg<r10>):
    // expected-error @+1 {{overwrites a register that holds a value still live}}
    %t = pvm.add_imm_64 %i, -1 : (!pvm.reg<r10>) -> !pvm.reg<r9>
    %j = pvm.move_reg %t : (!pvm.reg<r9>) -> !pvm.reg<r10>
    pvm.branch_ne_imm %j, 0, ^bb1(%j : !pvm.reg<r10>), ^bb2 : !pvm.reg<r10>
  ^bb2:
    %r = pvm.ecalli 0(%a) : (!pvm.reg<r9>) -> !pvm.reg<r7>
    pvm.trap
  }
}
