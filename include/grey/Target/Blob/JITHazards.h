//===- JITHazards.h - code javm's x86-64 recompiler miscompiles -*- C++ -*-===//
//
// Finds the instruction patterns that trigger the known bugs of javm's
// recompiler (anchors/javm-recompiler-bugs.md): one description shared by
// `grey-run --check-jit-hazards`, the blob writer's check and the
// pvm-legalize-jit-hazards pass.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_BLOB_JITHAZARDS_H
#define GREY_TARGET_BLOB_JITHAZARDS_H

#include "grey/Target/Blob/BlobFormat.h"
#include "grey/Target/Blob/Instruction.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <string>
#include <vector>

namespace grey::blob {

/// The known recompiler bugs, lettered as in the anchors file.
enum class JITHazardKind : uint8_t {
  /// A: a shift or rotate by a register whose destination is φ12 (RCX).
  ShiftIntoCountRegister,
  /// B: a load or store through a recorded `base + index << s` whose base
  /// or index register was overwritten after the record was made.
  StaleScaledAddress,
  /// C: the scaled-index peephole (`add_64 D,A,A; add_64 D,D,D;
  /// add_64 E,B,D`) engages: it either fuses with the access and never
  /// writes D or E, or misses and charges instructions 2-4 twice.
  ScaledIndexFusion,
  /// D: a `set_lt_u` reuses the carry flag of an earlier `add_64` after the
  /// flags or the compared registers changed.
  StaleCarryFlag,
  /// E: a division the recompiler gets wrong or crashes on.
  Division,
};

/// What is wrong with a division (kind E); several may hold at once.
enum DivisionIssue : uint8_t {
  /// A 32-bit division whose divisor is not visibly an extended 32-bit
  /// value: a divisor with zero low half and nonzero high half passes the
  /// recompiler's 64-bit zero test and divides by zero (SIGFPE).
  UnextendedDivisor = 1,
  /// `rem_*_32` whose dividend is not visibly sign-extended: by zero the
  /// recompiler returns the whole 64-bit dividend instead of sx32(A32).
  UnextendedDividend = 2,
  /// A signed division or remainder where MIN / -1 is not ruled out: x86
  /// `idiv` traps (SIGFPE).
  SignedOverflow = 4,
};

/// One occurrence of a hazard in a scanned instruction sequence.
struct JITHazard {
  JITHazardKind kind;
  /// The instruction the recompiler gets wrong (index into the scanned
  /// sequence).
  size_t index = 0;
  /// The instruction a fix rewrites: for B the shift or add that started
  /// the address record, for C the first add; otherwise `index`.
  size_t cause = 0;
  /// For kind E, a mask of DivisionIssue.
  uint8_t divisionIssues = 0;
  /// A sentence on what goes wrong, naming the registers involved.
  std::string detail;
};

/// The hazard's letter in the anchors file ('A' to 'E').
char hazardLetter(JITHazardKind kind);
/// A short name: "shift-into-phi12", "stale-scaled-address", ….
llvm::StringRef hazardName(JITHazardKind kind);

/// Scans instructions in layout order, as the recompiler compiles them: a
/// gas block starts at the first instruction and after every gas
/// terminator, and an instruction with an invalid opcode ends the scan's
/// knowledge (the next one is treated as a block start). Every B, C and D
/// finding is exact with respect to the recompiler's peephole state; E is
/// decided from what the gas block itself shows about the operands (see
/// JITHazards.cpp), so a value computed in an earlier block counts as
/// unknown.
std::vector<JITHazard> findJITHazards(llvm::ArrayRef<Instruction> insts);

/// The instructions of a code sub-blob, in PC order (instruction starts of
/// the bitmask; an undecodable start holds its raw opcode byte), with the
/// hazards found in them. Hazard indices refer to `insts`.
struct CodeHazards {
  std::vector<Instruction> insts;
  std::vector<JITHazard> hazards;
};
CodeHazards findJITHazards(const CodeBlob &code);

} // namespace grey::blob

#endif // GREY_TARGET_BLOB_JITHAZARDS_H
