//===- PVMTypes.td - PVM register type and enums -----------*- tablegen -*-===//
//
// The register type `!pvm.reg<rN>` and the enums shared by ops and C++.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMTYPES_TD
#define GREY_DIALECT_PVM_PVMTYPES_TD

include "grey/Dialect/PVM/PVMDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def PVM_Reg : I32EnumAttr<"Reg", "PVM machine register", [
    I32EnumAttrCase<"R0", 0, "r0">,   I32EnumAttrCase<"R1", 1, "r1">,
    I32EnumAttrCase<"R2", 2, "r2">,   I32EnumAttrCase<"R3", 3, "r3">,
    I32EnumAttrCase<"R4", 4, "r4">,   I32EnumAttrCase<"R5", 5, "r5">,
    I32EnumAttrCase<"R6", 6, "r6">,   I32EnumAttrCase<"R7", 7, "r7">,
    I32EnumAttrCase<"R8", 8, "r8">,   I32EnumAttrCase<"R9", 9, "r9">,
    I32EnumAttrCase<"R10", 10, "r10">, I32EnumAttrCase<"R11", 11, "r11">,
    I32EnumAttrCase<"R12", 12, "r12">]> {
  let cppNamespace = "::grey::pvm";
  let genSpecializedAttr = 0;
}

// The operand layout of an instruction (pvm-isa.md §2.3). Encoder, decoder
// and gas model switch on it.
def PVM_Format : I32EnumAttr<"Format", "PVM instruction operand layout", [
    I32EnumAttrCase<"NoArgs", 0, "no_args">,
    I32EnumAttrCase<"OneImm", 1, "one_imm">,
    I32EnumAttrCase<"OneRegExtImm", 2, "one_reg_ext_imm">,
    I32EnumAttrCase<"TwoImm", 3, "two_imm">,
    I32EnumAttrCase<"OneOffset", 4, "one_offset">,
    I32EnumAttrCase<"OneRegOneImm", 5, "one_reg_one_imm">,
    I32EnumAttrCase<"OneRegTwoImm", 6, "one_reg_two_imm">,
    I32EnumAttrCase<"OneRegImmOffset", 7, "one_reg_imm_offset">,
    I32EnumAttrCase<"TwoReg", 8, "two_reg">,
    I32EnumAttrCase<"TwoRegOneImm", 9, "two_reg_one_imm">,
    I32EnumAttrCase<"TwoRegOneOffset", 10, "two_reg_one_offset">,
    I32EnumAttrCase<"TwoRegTwoImm", 11, "two_reg_two_imm">,
    I32EnumAttrCase<"ThreeReg", 12, "three_reg">]> {
  let cppNamespace = "::grey::pvm";
  let genSpecializedAttr = 0;
}

// Which kernel ABI a program is laid out for (kernel-abi.md §2).
def PVM_CapLayout : I32EnumAttr<"CapLayout", "capability layout of VM 0", [
    I32EnumAttrCase<"Current", 0, "current">,
    I32EnumAttrCase<"Legacy", 1, "legacy">]> {
  let cppNamespace = "::grey::pvm";
}

// Access rights of a DATA capability.
def PVM_Access : I32EnumAttr<"Access", "access rights of a data segment", [
    I32EnumAttrCase<"RO", 0, "ro">,
    I32EnumAttrCase<"RW", 1, "rw">]> {
  let cppNamespace = "::grey::pvm";
}

def PVM_RegType : TypeDef<PVM_Dialect, "Reg"> {
  let mnemonic = "reg";
  let summary = "64-bit PVM register, unallocated when no name is given";
  let description = [{
    `!pvm.reg<r7>` is a value held in machine register φ7; `!pvm.reg` is a
    value not yet assigned a register. Passes that forward a value must keep
    its type, so an assignment is never silently changed.
  }];
  let parameters = (ins OptionalParameter<"std::optional<::grey::pvm::Reg>">:$reg);
  let hasCustomAssemblyFormat = 1;
  let builders = [TypeBuilder<(ins), [{ return $_get($_ctxt, std::nullopt); }]>];
  let extraClassDeclaration = [{
    bool isAllocated() const { return getReg().has_value(); }
  }];
}

#endif // GREY_DIALECT_PVM_PVMTYPES_TD
