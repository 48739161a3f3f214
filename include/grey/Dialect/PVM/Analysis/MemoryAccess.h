//===- MemoryAccess.h - what a pvm load or store touches -------*- C++ -*-===//
//
// The address and width of every memory op, and which loads cannot fault
// (the optimizer's contract, docs/Optimizer.md).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_ANALYSIS_MEMORYACCESS_H
#define GREY_DIALECT_PVM_ANALYSIS_MEMORYACCESS_H

#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseSet.h"

#include <cstdint>
#include <optional>

namespace grey::pvm {

class FuncOp;

/// The bytes one load or store touches: `lo32(base + offset)` for `width`
/// bytes, or the absolute address `offset` when `base` is null.
struct MemoryAccess {
  mlir::Value base;
  int64_t offset = 0;
  unsigned width = 0;
  bool isStore = false;

  bool isAbsolute() const { return !base; }
  /// Whether this access touches only bytes that `other` touches: the same
  /// base value and a range inside the other's.
  bool isCoveredBy(const MemoryAccess &other) const;
};

/// The access `op` makes, if it is a load or store.
std::optional<MemoryAccess> getMemoryAccess(mlir::Operation *op);

/// The loads of a function that cannot fault: those whose bytes lie inside
/// one of the program's data segments, and those whose bytes an earlier
/// load or store of the same block already touched through the same base
/// value (a fault would have stopped the program there).
class SafeLoads {
public:
  explicit SafeLoads(FuncOp func);
  bool contains(mlir::Operation *load) const { return safe.contains(load); }

private:
  llvm::DenseSet<mlir::Operation *> safe;
};

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_ANALYSIS_MEMORYACCESS_H
