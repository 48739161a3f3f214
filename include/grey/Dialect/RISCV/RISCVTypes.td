//===- RISCVTypes.td - RISC-V register type ----------------*- tablegen -*-===//
//
// `!riscv.reg<name>`: one of the 16 rv64e integer registers.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_RISCV_RISCVTYPES_TD
#define GREY_DIALECT_RISCV_RISCVTYPES_TD

include "grey/Dialect/RISCV/RISCVDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

// The string of each case is the canonical (ABI) spelling. The parser also
// accepts xN and `fp` (RISCVTypes.cpp).
def RISCV_Reg : I32EnumAttr<"Reg", "rv64e integer register", [
    I32EnumAttrCase<"Zero", 0, "zero">, I32EnumAttrCase<"RA", 1, "ra">,
    I32EnumAttrCase<"SP", 2, "sp">,     I32EnumAttrCase<"GP", 3, "gp">,
    I32EnumAttrCase<"TP", 4, "tp">,     I32EnumAttrCase<"T0", 5, "t0">,
    I32EnumAttrCase<"T1", 6, "t1">,     I32EnumAttrCase<"T2", 7, "t2">,
    I32EnumAttrCase<"S0", 8, "s0">,     I32EnumAttrCase<"S1", 9, "s1">,
    I32EnumAttrCase<"A0", 10, "a0">,    I32EnumAttrCase<"A1", 11, "a1">,
    I32EnumAttrCase<"A2", 12, "a2">,    I32EnumAttrCase<"A3", 13, "a3">,
    I32EnumAttrCase<"A4", 14, "a4">,    I32EnumAttrCase<"A5", 15, "a5">]> {
  let cppNamespace = "::grey::riscv";
  let genSpecializedAttr = 0;
}

def RISCV_RegType : TypeDef<RISCV_Dialect, "Reg"> {
  let mnemonic = "reg";
  let summary = "a 64-bit value held in a named rv64e register";
  let description = [{
    `!riscv.reg<a0>`. Parsed from an ABI name (`a0`, `fp`) or `xN`; printed
    with the ABI name.
  }];
  let parameters = (ins "::grey::riscv::Reg":$reg);
  let hasCustomAssemblyFormat = 1;
}

#endif // GREY_DIALECT_RISCV_RISCVTYPES_TD
