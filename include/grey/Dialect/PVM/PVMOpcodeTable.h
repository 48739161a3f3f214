//===- PVMOpcodeTable.h - opcode facts indexed by byte --------*- C++ -*-===//
//
// A constant table, built at compile time from the op classes of PVMOps.td,
// that maps each opcode byte to its op name, operand format and gas
// terminator flag. Byte-level code (decoder, interpreter, gas model) reads it
// without creating MLIR operations.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMOPCODETABLE_H
#define GREY_DIALECT_PVM_PVMOPCODETABLE_H

#include "grey/Dialect/PVM/PVMOps.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace grey::pvm {

/// What one opcode byte means.
struct OpcodeInfo {
  /// The op's mnemonic without the dialect prefix; empty for an invalid byte.
  std::string_view name;
  Format format = Format::NoArgs;
  bool isGasTerminator = false;
  bool isValid() const { return !name.empty(); }
};

namespace detail {
template <typename Op>
constexpr void addOpcode(std::array<OpcodeInfo, 256> &table) {
  if constexpr (requires { Op::kOpcode; }) {
    constexpr std::string_view full(Op::getOperationName().data(),
                                    Op::getOperationName().size());
    table[Op::kOpcode] = {full.substr(full.find('.') + 1), Op::kFormat,
                          Op::kIsTerminator};
  }
}
template <typename... Ops>
constexpr std::array<OpcodeInfo, 256> buildOpcodeTable() {
  std::array<OpcodeInfo, 256> table{};
  (addOpcode<Ops>(table), ...);
  return table;
}
template <typename... Ops> constexpr unsigned countInstructionOps() {
  return (0u + ... + (requires { Ops::kOpcode; } ? 1u : 0u));
}
} // namespace detail

/// Opcode byte -> facts, for all 256 byte values.
inline constexpr std::array<OpcodeInfo, 256> kOpcodeTable =
    detail::buildOpcodeTable<
#define GET_OP_LIST
#include "grey/Dialect/PVM/PVMOps.cpp.inc"
        >();

/// How many ops carry an opcode. Equal to the number of valid entries of
/// kOpcodeTable unless two ops claim the same byte.
inline constexpr unsigned kNumInstructionOps = detail::countInstructionOps<
#define GET_OP_LIST
#include "grey/Dialect/PVM/PVMOps.cpp.inc"
    >();

inline const OpcodeInfo &lookupOpcode(uint8_t byte) {
  return kOpcodeTable[byte];
}

/// A field whose width in bytes the encoding chooses (pvm-isa.md §2.3):
/// immediates X and Y (the machine sign-extends 0-4 bytes) and a branch or
/// jump offset.
enum class WidthField : uint8_t { ImmX, ImmY, Offset };

/// The variable-width fields of an instruction of `format`, in byte order.
/// (load_imm_64's immediate is always 8 bytes.)
inline llvm::SmallVector<WidthField, 2> variableWidthFields(Format format) {
  switch (format) {
  case Format::OneImm:
  case Format::OneRegOneImm:
  case Format::TwoRegOneImm:
    return {WidthField::ImmX};
  case Format::TwoImm:
  case Format::OneRegTwoImm:
  case Format::TwoRegTwoImm:
    return {WidthField::ImmX, WidthField::ImmY};
  case Format::OneOffset:
  case Format::TwoRegOneOffset:
    return {WidthField::Offset};
  case Format::OneRegImmOffset:
    return {WidthField::ImmX, WidthField::Offset};
  case Format::NoArgs:
  case Format::OneRegExtImm:
  case Format::TwoReg:
  case Format::ThreeReg:
    return {};
  }
  return {};
}

/// The discardable attribute of an instruction op that records the widths
/// of its variable-width fields (as above, in order) where an imported
/// blob's differ from grey's canonical ones, so that the blob exports to
/// the same bytes: `pvm.add_imm_64 ... {pvm.widths = array<i32: 4>}`.
inline constexpr llvm::StringLiteral kWidthsAttrName = "pvm.widths";

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_PVMOPCODETABLE_H
