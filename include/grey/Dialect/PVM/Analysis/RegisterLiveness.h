//===- RegisterLiveness.h - live machine registers of pvm IR ---*- C++ -*-===//
//
// Which PVM registers hold a value that is still needed, at block boundaries
// and around every op of a function.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_ANALYSIS_REGISTERLIVENESS_H
#define GREY_DIALECT_PVM_ANALYSIS_REGISTERLIVENESS_H

#include "grey/Dialect/PVM/PVMTypes.h"

#include "mlir/Analysis/Liveness.h"
#include "llvm/ADT/DenseMap.h"

#include <cstdint>
#include <optional>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace grey::pvm {

/// A set of PVM machine registers φ0…φ12.
class RegisterSet {
public:
  RegisterSet() = default;
  static RegisterSet all() { return RegisterSet((1u << kNumRegs) - 1); }

  bool contains(Reg reg) const { return bits >> unsigned(reg) & 1; }
  bool empty() const { return bits == 0; }
  unsigned size() const { return __builtin_popcount(bits); }
  void insert(Reg reg) { bits |= 1u << unsigned(reg); }
  void erase(Reg reg) { bits &= ~(1u << unsigned(reg)); }
  /// Adds the register of `type` (nothing for an unallocated value).
  void insert(mlir::Type type);
  void insert(mlir::ValueRange values);

  RegisterSet operator|(RegisterSet other) const {
    return RegisterSet(bits | other.bits);
  }
  RegisterSet operator&(RegisterSet other) const {
    return RegisterSet(bits & other.bits);
  }
  RegisterSet operator-(RegisterSet other) const {
    return RegisterSet(bits & ~other.bits);
  }
  RegisterSet &operator|=(RegisterSet other) {
    bits |= other.bits;
    return *this;
  }
  bool operator==(RegisterSet other) const { return bits == other.bits; }
  bool operator!=(RegisterSet other) const { return bits != other.bits; }

  /// The lowest-numbered register in the set, if any.
  std::optional<Reg> first() const;
  /// Calls `fn(Reg)` for each member, lowest first.
  template <typename Fn>
  void forEach(Fn fn) const {
    for (unsigned r = 0; r < kNumRegs; ++r)
      if (bits >> r & 1)
        fn(Reg(r));
  }
  /// Prints `{r1, r7}`.
  void print(llvm::raw_ostream &os) const;

private:
  explicit RegisterSet(uint16_t bits) : bits(bits) {}
  uint16_t bits = 0;
};

/// The register `type` names, if it is an allocated `!pvm.reg<rN>`.
std::optional<Reg> registerOf(mlir::Type type);

/// Register liveness of one function (a `pvm.func`), derived from the value
/// liveness of its register-typed SSA (mlir::Liveness). Because calls,
/// returns, tail calls, indirect jumps and host calls list the registers they
/// read as operands, and a call's or host call's results name the registers
/// it writes, value liveness is register liveness without special cases:
/// a register is live at a point exactly when an allocated value of that
/// register is. Blocks reached through the jump table are successors of the
/// indirect jumps or calls that reach them, so cross-block liveness is exact
/// there too. Unallocated values (`!pvm.reg`) occupy no register; ask
/// getValueLiveness() about them.
///
/// Any pass may `getAnalysis<RegisterLiveness>()` on a pvm.func; passes that
/// change the function's values must not preserve it.
class RegisterLiveness {
public:
  explicit RegisterLiveness(mlir::Operation *function);

  /// Registers live on entry to / on exit from `block`.
  RegisterSet getLiveIn(mlir::Block *block) const;
  RegisterSet getLiveOut(mlir::Block *block) const;
  /// Registers live just before `op` runs (its operands included).
  RegisterSet getLiveBefore(mlir::Operation *op) const;
  /// Registers live just after `op` (its used results included).
  RegisterSet getLiveAfter(mlir::Operation *op) const;
  /// Registers whose value lives through `op` untouched: live before and
  /// after it and not written by it.
  RegisterSet getLiveAcross(mlir::Operation *op) const;

  /// The underlying value liveness.
  const mlir::Liveness &getValueLiveness() const { return liveness; }

private:
  /// The values live at the end of `block`, including those a branch passes
  /// to used block arguments.
  llvm::SmallVector<mlir::Value> liveOutValues(mlir::Block *block) const;
  /// Computes getLiveAfter for every op of `block`, once.
  void computeBlock(mlir::Block *block) const;

  mlir::Liveness liveness;
  mutable llvm::DenseMap<mlir::Operation *, RegisterSet> liveAfter;
  mutable llvm::DenseMap<mlir::Block *, RegisterSet> liveIn;
};

/// The registers written by `op`: its allocated results, used or not.
RegisterSet registersWrittenBy(mlir::Operation *op);

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_ANALYSIS_REGISTERLIVENESS_H
