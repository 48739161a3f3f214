//===- JumpTableEntries.h - add and retire jump-table entries ---*- C++ -*-===//
//
// A program's jump-table entries must stay numbered 0…n−1, each declared
// once, because code addresses (`2(N+1)` in registers and data) name them
// by number. Passes that copy a return site need a new number; passes that
// remove the only code an entry points at must keep the number declared.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_TRANSFORMS_JUMPTABLEENTRIES_H
#define GREY_DIALECT_PVM_TRANSFORMS_JUMPTABLEENTRIES_H

#include "grey/Dialect/PVM/PVMOps.h"

namespace grey::pvm {

/// The jump table of one program, for passes that change which blocks
/// declare entries. Numbers are never reused or shifted, so no code address
/// changes meaning.
class JumpTableEntries {
public:
  explicit JumpTableEntries(ProgramOp program);

  /// A number no entry has yet (the next after the last).
  uint64_t allocate() { return next++; }

  /// Moves `entry` to the program's retired-entries function, a block that
  /// only traps: for an entry whose code went away while its number must
  /// stay declared (a return site whose call was inlined, the return sites
  /// of a removed function). A jump to a retired entry traps instead of
  /// running code that no longer means what the address meant.
  void retire(JumpTableEntryOp entry);

  /// The name of the function that holds retired entries.
  static constexpr llvm::StringLiteral kRetiredFunction =
      "__grey_retired_entries";

private:
  ProgramOp program;
  uint64_t next = 0;
  mlir::Block *retired = nullptr;
};

/// The jump-table entry of `call`'s return site when that block belongs to
/// the call alone (only the call enters it, and it declares one entry), so
/// a pass that removes the call may retire the entry; null otherwise.
JumpTableEntryOp privateReturnSite(CallOp call);

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_TRANSFORMS_JUMPTABLEENTRIES_H
