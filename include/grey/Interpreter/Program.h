//===- Program.h - a code blob decoded once for execution -----*- C++ -*-===//
//
// Every instruction of a code sub-blob decoded up front, with static targets
// and jump-table entries resolved to instruction indices and each gas
// block's cost stored on its first instruction, so the interpreter loop
// never decodes bytes or simulates the pipeline.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_INTERPRETER_PROGRAM_H
#define GREY_INTERPRETER_PROGRAM_H

#include "grey/Gas/GasModel.h"
#include "grey/Target/Blob/BlobFormat.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace grey::interp {

/// Internal operations placed in the opcode field of a DecodedInst. They use
/// byte values that are no PVM opcode (checked where they are used).
enum class PseudoOp : uint8_t {
  /// Executing here panics (a position the machine cannot decode).
  Panic = 0xFD,
  /// An invalid opcode the interpreter's fast path steps over.
  Skip = 0xFE,
  /// Past the last instruction.
  EndOfCode = 0xFF,
};

/// Marks an unresolvable target: taking it panics.
inline constexpr uint32_t kPanicTarget = ~uint32_t(0);

/// One predecoded instruction. Operand fields follow blob::Instruction.
struct DecodedInst {
  uint8_t opcode = 0;
  uint8_t regA = 0, regB = 0, regD = 0;
  /// Gas charged when execution reaches this instruction; nonzero exactly at
  /// gas-block starts.
  uint32_t gasCost = 0;
  uint64_t immX = 0, immY = 0;
  /// The instruction's PC.
  uint32_t pc = 0;
  /// Index of the static target, or kPanicTarget.
  uint32_t target = kPanicTarget;
};

/// Options that change decoding and charging.
struct ProgramOptions {
  gas::Backend backend = gas::Backend::Recompiler;
  /// Load/store latency (gas::memoryCycles of the blob's memory_pages).
  unsigned memCycles = 25;
};

/// A predecoded code blob.
class Program {
public:
  /// Decodes `code`. Fails when the recompiler would refuse to compile it (a
  /// static target that is an instruction start but not a gas-block start,
  /// pvm-isa.md §5.3) or the code is too large to index.
  static llvm::Expected<Program> build(const blob::CodeBlob &code,
                                       const ProgramOptions &options);

  /// Instructions in PC order, followed by one EndOfCode (interpreter: trap)
  /// sentinel. Execution starts at index entryIndex().
  const std::vector<DecodedInst> &instructions() const { return insts; }
  /// Index of the instruction at PC 0 (a Panic when PC 0 is not an
  /// instruction start).
  uint32_t entryIndex() const { return 0; }
  /// Instruction index of jump-table entry j (address 2(j+1)), or
  /// kPanicTarget when it is not a valid landing site.
  const std::vector<uint32_t> &jumpTargets() const { return jumpTable; }
  /// Instruction index of the instruction at `pc`, or kPanicTarget.
  uint32_t indexOfPc(uint64_t pc) const {
    return pc < pcToIndex.size() ? pcToIndex[pc] : kPanicTarget;
  }
  const ProgramOptions &options() const { return opts; }
  uint32_t codeSize() const { return uint32_t(pcToIndex.size()); }

private:
  std::vector<DecodedInst> insts;
  std::vector<uint32_t> pcToIndex;
  std::vector<uint32_t> jumpTable;
  ProgramOptions opts;
};

} // namespace grey::interp

#endif // GREY_INTERPRETER_PROGRAM_H
