//===- RegisterAssignment.h - give unallocated values a register -*- C++ -*-===//
//
// The one place that decides which register a `!pvm.reg` value may take.
// pvm-allocate-registers uses it for every unallocated value; a pass that
// creates one (forwarding a value past a redefinition of its register, a
// promoted stack slot, a rematerialized constant) calls assignRegister right
// after its rewrite and undoes the rewrite when no register is free. That is
// the allocator's contract (docs/Optimizer.md): it never spills.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_TRANSFORMS_REGISTERASSIGNMENT_H
#define GREY_DIALECT_PVM_TRANSFORMS_REGISTERASSIGNMENT_H

#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"

#include "mlir/Analysis/Liveness.h"
#include "llvm/ADT/DenseMap.h"

namespace grey::pvm {

/// Answers "which registers could this value take?" over one function,
/// from SSA interference: two values interfere when one is live where the
/// other is defined. A value also interferes with every result of an op
/// that runs while it is live (a result that nothing reads still overwrites
/// its register), with the other results of its own op, and, for indirect
/// calls, with the jump target read after the link is written.
///
/// Built on the function's value liveness, which changing a value's type
/// does not change: assign any number of values with one instance, but
/// build a new one after changing uses or adding ops.
class RegisterAssigner {
public:
  explicit RegisterAssigner(mlir::Operation *function);

  /// Registers `value` may take: none of the values it interferes with
  /// occupies them (unallocated ones occupy nothing yet). For the result of
  /// a conditional move, only its `prev` register, as the instruction reads
  /// and writes one register.
  RegisterSet availableFor(mlir::Value value) const;

  /// Gives the unallocated `value` a register, changing its type: the first
  /// available of `preferred`, else a register of a value it is copied from
  /// or to (`move_reg`, block arguments), else the first available in a
  /// fixed order (temporaries before argument registers before saved ones).
  /// Fails, changing nothing, when every register is taken.
  mlir::FailureOr<Reg> assign(mlir::Value value,
                              llvm::ArrayRef<Reg> preferred = {});

  /// The order assign() tries registers in when nothing is preferred.
  static llvm::ArrayRef<Reg> allocationOrder();

private:
  /// Values live after each op of `block`, computed once.
  const llvm::DenseMap<mlir::Operation *, llvm::SmallVector<mlir::Value, 8>> &
  liveAfterOps(mlir::Block *block) const;
  bool isLiveAfter(mlir::Value value, mlir::Operation *op) const;

  mlir::Operation *function;
  mlir::Liveness liveness;
  mutable llvm::DenseMap<
      mlir::Block *,
      llvm::DenseMap<mlir::Operation *, llvm::SmallVector<mlir::Value, 8>>>
      liveAfter;
};

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_TRANSFORMS_REGISTERASSIGNMENT_H
