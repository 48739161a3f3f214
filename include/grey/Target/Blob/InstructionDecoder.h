//===- InstructionDecoder.h - PVM bytes to instructions --------*- C++ -*-===//
//
// Decodes one PVM instruction at a PC from code bytes and the unpacked
// bitmask, exactly as the machine does (pvm-isa.md §2): skip lengths capped
// at 24, operand lengths from ℓ, registers clamped to 12, code past the end
// read as zero. Needs no MLIR context, so interpreters can use it directly.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_BLOB_INSTRUCTIONDECODER_H
#define GREY_TARGET_BLOB_INSTRUCTIONDECODER_H

#include "grey/Target/Blob/Instruction.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

namespace grey::blob {

/// Why no instruction could be decoded (each is a panic when executed).
enum class DecodeStatus : uint8_t {
  Ok,
  /// pc ≥ code length.
  PcOutOfRange,
  /// The bitmask bit at pc is 0.
  NotInstructionStart,
  /// The byte at pc is none of the 141 opcodes.
  InvalidOpcode,
};

/// ℓ(pc): the distance from pc + 1 to the next bitmask-1 position, at most
/// 24. Positions at or past the end of `bitmask` count as 1.
/// `bitmask` holds one 0/1 byte per code byte.
uint32_t skipLength(llvm::ArrayRef<uint8_t> bitmask, uint32_t pc);

/// Decodes the instruction at `pc` into `out`. Never reads outside `code`
/// or `bitmask`.
DecodeStatus decodeInstruction(llvm::ArrayRef<uint8_t> code,
                               llvm::ArrayRef<uint8_t> bitmask, uint32_t pc,
                               Instruction &out);

/// As decodeInstruction, with an error naming the code offset and the
/// offending byte.
llvm::Expected<Instruction> decodeInstructionAt(llvm::ArrayRef<uint8_t> code,
                                                llvm::ArrayRef<uint8_t> bitmask,
                                                uint32_t pc);

/// The set G of gas-block starts (pvm-isa.md §5.2): PC 0 and every
/// instruction start directly after a gas terminator. Instructions that do
/// not decode end nothing. `result[pc]` is 1 for members.
std::vector<uint8_t> gasBlockStarts(llvm::ArrayRef<uint8_t> code,
                                    llvm::ArrayRef<uint8_t> bitmask);

} // namespace grey::blob

#endif // GREY_TARGET_BLOB_INSTRUCTIONDECODER_H
