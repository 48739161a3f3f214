//===- InstructionEncoder.h - instructions to PVM bytes --------*- C++ -*-===//
//
// Writes one instruction in the canonical encoding of pvm-isa.md §2.4
// (immediates in the minimal width of {0, 1, 2, 4} bytes, branch and jump
// offsets 4 bytes, unused nibbles 0), or with the field widths the
// instruction records (any of 0-4 bytes that holds the value).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_BLOB_INSTRUCTIONENCODER_H
#define GREY_TARGET_BLOB_INSTRUCTIONENCODER_H

#include "grey/Target/Blob/Instruction.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

namespace grey::blob {

/// Bytes of a branch or jump offset in the canonical encoding (pvm-isa.md
/// §2.4).
inline constexpr unsigned kOffsetBytes = 4;

/// The fewest bytes n ∈ {0, 1, 2, 4} with X_n(value) = value, or
/// std::nullopt when `value` is outside the sign-extended 32-bit range.
std::optional<unsigned> minimalImmediateWidth(int64_t value);

/// The encoded length (1 + ℓ) of `inst`. Fails like encodeInstruction on
/// immediates that do not fit.
llvm::Expected<unsigned> encodedLength(const Instruction &inst);

/// Appends the bytes of `inst` to `out`. Uses `opcode`, the registers,
/// `immX`/`immY`, for branches and jumps `target - pc`, and the recorded
/// field widths. Fails on an invalid opcode, a register above 12, or an
/// immediate or offset outside the sign-extended 32-bit range or its
/// recorded width.
llvm::Error encodeInstruction(const Instruction &inst,
                              llvm::SmallVectorImpl<uint8_t> &out);

} // namespace grey::blob

#endif // GREY_TARGET_BLOB_INSTRUCTIONENCODER_H
