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

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_PVMOPCODETABLE_H
