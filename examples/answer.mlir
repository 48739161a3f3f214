// A complete PVM program: computes 6 * 7 and replies with it (REPLY is
// `ecalli 0` in the current kernel layout).
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.segment @stack base 0 size 4096 rw
  pvm.func @main {
    %a = pvm.load_imm 6 : !pvm.reg<r7>
    %b = pvm.load_imm 7 : !pvm.reg<r8>
    %p = pvm.mul_64 %a, %b : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r7>
    %r = pvm.ecalli 0(%p) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
}
