//===- PVMInterfaces.td - PVM op interfaces ----------------*- tablegen -*-===//
//
// The interface every op that encodes to exactly one PVM instruction has.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMINTERFACES_TD
#define GREY_DIALECT_PVM_PVMINTERFACES_TD

include "mlir/IR/OpBase.td"

def PVM_InstructionOpInterface : OpInterface<"InstructionOpInterface"> {
  let cppNamespace = "::grey::pvm";
  let description = [{
    An op that is exactly one PVM instruction. Its opcode, operand format and
    gas-model terminator flag are static facts of the op class (`kOpcode`,
    `kFormat`, `kIsTerminator`), written once in PVMOps.td.
  }];
  let methods = [
    StaticInterfaceMethod<"The opcode byte.", "unsigned", "getOpcode", (ins),
      [{ return ConcreteOp::kOpcode; }]>,
    StaticInterfaceMethod<"The operand layout.", "::grey::pvm::Format",
      "getFormat", (ins), [{ return ConcreteOp::kFormat; }]>,
    StaticInterfaceMethod<
      "Whether the gas model ends a gas block after this instruction.",
      "bool", "isGasTerminator", (ins),
      [{ return ConcreteOp::kIsTerminator; }]>,
  ];
}

#endif // GREY_DIALECT_PVM_PVMINTERFACES_TD
