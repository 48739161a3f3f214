//===- BlockFrequency.h - how often blocks and edges of pvm IR run -*- C++ -*-===//
//
// Branch probabilities and block frequencies for the control-flow passes:
// from a profile when the function carries one (`pvm.profile`), else from
// static heuristics.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_ANALYSIS_BLOCKFREQUENCY_H
#define GREY_DIALECT_PVM_ANALYSIS_BLOCKFREQUENCY_H

#include "mlir/IR/Block.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace grey::pvm {

/// Without a profile: the probability that a loop's branch stays in the
/// loop rather than leave it (about 32 iterations per entry).
inline constexpr double kStaticLoopStayProbability = 31.0 / 32;

class FuncOp;
class ProgramOp;

/// The name of the discardable attribute of a `pvm.func` that holds its
/// profile: a `DenseI64ArrayAttr` of (guest address, count) pairs, where a
/// guest address is the RISC-V address of an instruction (the `pc:0x...`
/// name in op locations) and the count is how often a gas block that
/// starts with that instruction ran. grey-compile --profile-use attaches it
/// (pvm-attach-profile); lit tests write it by hand.
constexpr llvm::StringLiteral kProfileAttrName = "pvm.profile";

/// The guest (RISC-V) address an op was translated from: the `pc:0x...`
/// name the ELF importer gives every instruction's location.
std::optional<uint64_t> guestAddressOf(mlir::Operation *op);

/// The functions of a program that never return to their caller: no path
/// from their entry leaves them by a return, an indirect jump or a tail
/// call to a function that may return (every path ends in `trap`, in a
/// call to such a function, or loops forever). Calls to them are cold.
class NoReturnFunctions {
public:
  explicit NoReturnFunctions(ProgramOp program);
  bool contains(llvm::StringRef function) const {
    return noReturn.contains(function);
  }

private:
  llvm::DenseSet<llvm::StringRef> noReturn;
};

/// Whether the function left by `block` can be left from it normally:
/// whether some path from `block` reaches a return, an indirect jump, or a
/// call or tail call that returns. Blocks that cannot are on paths to
/// `trap`, to functions that never return (panic handlers), or in loops
/// that never end.
llvm::DenseSet<mlir::Block *>
blocksThatCanLeave(mlir::Region &body, const NoReturnFunctions *noReturn);

/// Branch probabilities and block frequencies of one function.
///
/// With a profile (`pvm.profile`), a block's frequency is the count of the
/// guest address of its first instruction; an edge's probability comes from
/// the counts of successors that have no other predecessor, and blocks the
/// profile does not name get the flow of their predecessors.
///
/// Without one, probabilities come from static heuristics, first match wins:
///   1. a successor from which the function cannot be left normally (paths
///      to trap, noreturn calls, panics): 1/1024;
///   2. a loop back edge, or staying in the loop against leaving it: 31/32;
///   3. equality compared (`branch_eq*`): 3/8, inequality 5/8;
///   4. otherwise 1/2.
/// Frequencies then follow Wu and Larus: propagated in reverse post-order
/// from 1 at the entry, each loop header's inflow scaled by 1/(1 - p) where
/// p is the probability of returning to the header from it.
class BlockFrequency {
public:
  BlockFrequency(FuncOp func, const NoReturnFunctions *noReturn = nullptr);

  /// Executions of `block`: per entry of the function without a profile,
  /// absolute with one.
  double getFrequency(mlir::Block *block) const {
    return frequency.lookup(block);
  }
  /// The probability that `block` goes on to its successor number `index`.
  double getProbability(mlir::Block *block, unsigned index) const;
  /// How often the edge from `block` to its successor `index` runs.
  double getEdgeFrequency(mlir::Block *block, unsigned index) const {
    return getFrequency(block) * getProbability(block, index);
  }
  /// Whether the function cannot be left normally from `block`.
  bool isCold(mlir::Block *block) const { return !canLeave.contains(block); }
  /// Whether the frequencies come from a profile.
  bool hasProfile() const { return profiled; }

private:
  void computeProbabilities(FuncOp func);
  void applyProfile(FuncOp func);
  void computeFrequencies(FuncOp func);

  bool profiled = false;
  llvm::DenseSet<mlir::Block *> canLeave;
  llvm::DenseMap<mlir::Block *, llvm::SmallVector<double, 2>> probability;
  llvm::DenseMap<mlir::Block *, double> frequency;
  /// Counts the profile gives, by block.
  llvm::DenseMap<mlir::Block *, double> counted;
};

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_ANALYSIS_BLOCKFREQUENCY_H
