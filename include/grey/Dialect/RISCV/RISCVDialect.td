//===- RISCVDialect.td - the RISC-V dialect definition -----*- tablegen -*-===//
//
// The `riscv` dialect: rv64em + Zbb + XTheadCondMov as register-typed SSA.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_RISCV_RISCVDIALECT_TD
#define GREY_DIALECT_RISCV_RISCVDIALECT_TD

include "mlir/IR/OpBase.td"

def RISCV_Dialect : Dialect {
  let name = "riscv";
  let cppNamespace = "::grey::riscv";
  let summary = "RISC-V rv64em + Zbb + XTheadCondMov, as imported from an ELF";
  let description = [{
    One operation per instruction the JAVM target may contain, plus control
    flow and program structure. Every value lives in a named RISC-V register,
    recorded in its type (`!riscv.reg<a0>`): imported IR is fully allocated.
    Immediates are attributes with the ranges the encodings allow.
  }];
  let useDefaultTypePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerTypes();
  }];
}

class RISCV_Op<string mnemonic, list<Trait> traits = []>
    : Op<RISCV_Dialect, mnemonic, traits>;

#endif // GREY_DIALECT_RISCV_RISCVDIALECT_TD
