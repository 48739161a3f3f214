//===- RegisterInterference.cpp - two live values in one register ---------===//
//
// Walks each block backwards from its live-out set (mlir::Liveness), so the
// live set at every definition is exact, and compares registers.
//
//===----------------------------------------------------------------------===//

#include "grey/Analysis/RegisterInterference.h"

#include "mlir/Analysis/Liveness.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/DenseMap.h"

using namespace mlir;

namespace {

/// The live values of a block at one point, grouped by register.
class LiveRegisters {
public:
  explicit LiveRegisters(grey::RegisterOf registerOf)
      : registerOf(registerOf) {}

  void add(Value value) {
    if (std::optional<unsigned> reg = registerOf(value.getType()))
      holders[*reg].insert(value);
  }
  void remove(Value value) {
    if (std::optional<unsigned> reg = registerOf(value.getType()))
      holders[*reg].erase(value);
  }
  /// A live value other than `value` in `value`'s register, if any.
  Value otherHolder(Value value) const {
    std::optional<unsigned> reg = registerOf(value.getType());
    if (!reg)
      return {};
    auto it = holders.find(*reg);
    if (it == holders.end())
      return {};
    for (Value holder : it->second)
      if (holder != value)
        return holder;
    return {};
  }
private:
  grey::RegisterOf registerOf;
  llvm::DenseMap<unsigned, llvm::SmallPtrSet<Value, 4>> holders;
};

/// Reports that defining `value` destroys `other`, which shares its register.
void reportClobber(Value value, Value other) {
  InFlightDiagnostic diag =
      emitError(value.getLoc())
      << "value of type " << value.getType()
      << " overwrites a register that holds a value still live";
  diag.attachNote(other.getLoc()) << "the live value is defined here";
}

} // namespace

LogicalResult grey::verifyRegisterInterference(Operation *function,
                                               RegisterOf registerOf) {
  Liveness liveness(function);
  bool failed = false;
  for (Region &region : function->getRegions()) {
    for (Block &block : region) {
      LiveRegisters live(registerOf);
      for (Value value : liveness.getLiveOut(&block))
        live.add(value);
      for (Operation &op : llvm::reverse(block)) {
        for (Value result : op.getResults())
          live.remove(result);
        for (Value result : op.getResults())
          if (Value other = live.otherHolder(result)) {
            reportClobber(result, other);
            failed = true;
          }
        for (Value operand : op.getOperands())
          live.add(operand);
      }
      // Block arguments need no check of their own: the value a branch
      // passes lives in the argument's register at the branch, so a clash
      // with a value live into the block is a clash at one of their
      // definitions, or no clash at all when both are the same value.
    }
  }
  return failure(failed);
}
