//===- ChooseForms.cpp - pvm-choose-forms -----------------------------------===//
//
// Among equivalent encodings of an instruction, the one the gas model
// charges least for, decided per gas block with the cost query.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Support/OptBisect.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMCHOOSEFORMS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

/// A commutative three-register instruction: its operands can trade places.
bool isSwappable(Operation *op) {
  auto inst = dyn_cast<InstructionOpInterface>(op);
  return inst && inst.getFormat() == Format::ThreeReg &&
         op->hasTrait<OpTrait::IsCommutative>() && op->getNumOperands() == 2 &&
         op->getOperand(0) != op->getOperand(1);
}

void swapOperands(Operation *op) {
  Value lhs = op->getOperand(0);
  op->setOperand(0, op->getOperand(1));
  op->setOperand(1, lhs);
}

/// Tries both operand orders of every commutative instruction of the gas
/// block `ops`, in order, keeping a swap when the block costs less.
bool chooseOperandOrder(ArrayRef<Operation *> ops,
                        const gas::CostOptions &options) {
  bool changed = false;
  uint64_t cost = sequenceCost(ops, options);
  for (Operation *op : ops) {
    if (!isSwappable(op))
      continue;
    swapOperands(op);
    uint64_t swapped = sequenceCost(ops, options);
    if (swapped < cost &&
        shouldApplyRewrite(op, "pvm-choose-forms", "swap operands")) {
      cost = swapped;
      changed = true;
    } else {
      swapOperands(op);
    }
  }
  return changed;
}

struct ChooseFormsPass
    : public grey::pvm::impl::PVMChooseFormsBase<ChooseFormsPass> {
  using PVMChooseFormsBase::PVMChooseFormsBase;

  void runOnOperation() override {
    FuncOp func = getOperation();
    gas::CostOptions options =
        optimizerCostOptionsFor(func, threeRegisterRuleNamed(gasModel));
    bool changed = false;
    for (Block &block : func.getBody()) {
      SmallVector<Operation *> gasBlock;
      for (Operation &op : block) {
        gasBlock.push_back(&op);
        if (endsGasBlock(&op) || &op == &block.back()) {
          changed |= chooseOperandOrder(gasBlock, options);
          gasBlock.clear();
        }
      }
    }
    if (!changed)
      markAllAnalysesPreserved();
  }
};

} // namespace
