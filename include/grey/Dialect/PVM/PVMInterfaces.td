//===- PVMInterfaces.td - PVM op interfaces ----------------*- tablegen -*-===//
//
// The interfaces of PVM ops: every op that encodes to exactly one PVM
// instruction, and the conditional branches.
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

def PVM_ConditionalBranchOpInterface
    : OpInterface<"ConditionalBranchOpInterface"> {
  let cppNamespace = "::grey::pvm";
  let description = [{
    A two-way branch: successor 0 (`target`) when its condition holds,
    successor 1 (`next`, the block laid out next) otherwise. Every one has
    an inverse with the same operands and the opposite condition, so a
    branch can swap its successors (branch inversion).
  }];
  let methods = [
    StaticInterfaceMethod<
      "The name of the branch whose condition is the negation of this one's.",
      "::llvm::StringRef", "getInverseName", (ins),
      [{ return ConcreteOp::kInverseName; }]>,
  ];
}

#endif // GREY_DIALECT_PVM_PVMINTERFACES_TD
