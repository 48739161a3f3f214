//===- PVMDialect.td - the PVM dialect definition ----------*- tablegen -*-===//
//
// The `pvm` dialect: one op per JAVM/PVM opcode, on register-typed SSA.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMDIALECT_TD
#define GREY_DIALECT_PVM_PVMDIALECT_TD

include "mlir/IR/OpBase.td"

def PVM_Dialect : Dialect {
  let name = "pvm";
  let cppNamespace = "::grey::pvm";
  let summary = "The JAVM virtual machine's instruction set (PVM)";
  let description = [{
    One operation per PVM opcode (pvm-isa.md, 141 in all), plus the program
    structure a JAR v2 blob needs: a program with data segments, functions
    and a jump table. Values are 64-bit registers whose type names the
    machine register once allocated (`!pvm.reg<r7>`) and nothing before
    (`!pvm.reg`). Each instruction op records its opcode number, its
    operand format class and whether the gas model treats it as a block
    terminator; encoder, decoder, gas model and interpreter read these.
  }];
  let useDefaultTypePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    void registerTypes();
  }];
}

class PVM_Op<string mnemonic, list<Trait> traits = []>
    : Op<PVM_Dialect, mnemonic, traits>;

#endif // GREY_DIALECT_PVM_PVMDIALECT_TD
