//===- GasCost.cpp - what pvm IR will cost once encoded -------------------===//

#include "grey/Dialect/PVM/Analysis/GasCost.h"

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Gas/BlockCost.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

gas::CostOptions pvm::optimizerCostOptions(unsigned memCycles,
                                           gas::ThreeRegisterRule rule) {
  gas::CostOptions options;
  options.memCycles = memCycles;
  options.threeRegisterRule = rule;
  // The interpreter's rows charge `unlikely` 40 cycles; on code grey emits
  // (no `ecall`, no invalid opcodes, no scaled-index near-miss) they agree
  // with the recompiler's everywhere else (gas-model.md §7).
  options.backend = gas::Backend::Interpreter;
  return options;
}

gas::CostOptions pvm::optimizerCostOptionsFor(Operation *op,
                                              gas::ThreeRegisterRule rule) {
  unsigned memCycles = 25;
  auto program = isa<ProgramOp>(op) ? cast<ProgramOp>(op)
                                    : op->getParentOfType<ProgramOp>();
  if (program)
    if (std::optional<uint64_t> pages = program.getMemoryPages())
      memCycles = gas::memoryCycles(uint32_t(*pages));
  return optimizerCostOptions(memCycles, rule);
}

gas::ThreeRegisterRule pvm::threeRegisterRuleNamed(llvm::StringRef gasModel) {
  return gasModel == "latency" ? gas::ThreeRegisterRule::RealDestination
                               : gas::ThreeRegisterRule::Consensus;
}

bool pvm::endsGasBlock(Operation *op) {
  if (isa<CallOp, CallIndirectOp, TailCallOp>(op))
    return true;
  auto inst = dyn_cast<InstructionOpInterface>(op);
  return inst && inst.isGasTerminator();
}

bool pvm::isCheapBranchTarget(Block *block) {
  for (Operation &op : *block)
    if (!blob::emitsNoCode(&op))
      return isa<TrapOp, UnlikelyOp>(op);
  return false;
}

SmallVector<gas::InstructionCost>
pvm::instructionCosts(ArrayRef<Operation *> ops,
                      const gas::CostOptions &options) {
  // Registers the allocated values of the sequence use; unallocated values
  // take the others, one each.
  unsigned used = 0;
  auto note = [&](Value value) {
    if (std::optional<uint8_t> reg = blob::allocatedRegister(value))
      used |= 1u << *reg;
  };
  for (Operation *op : ops) {
    llvm::for_each(op->getOperands(), note);
    llvm::for_each(op->getResults(), note);
  }
  llvm::DenseMap<Value, uint8_t> virtualRegs;
  unsigned nextFree = 0;
  auto registerOf = [&](Value value) -> std::optional<uint8_t> {
    if (std::optional<uint8_t> reg = blob::allocatedRegister(value))
      return reg;
    auto [it, inserted] = virtualRegs.try_emplace(value, kNumRegs - 1);
    if (inserted) {
      while (nextFree < kNumRegs && (used >> nextFree & 1))
        ++nextFree;
      if (nextFree < kNumRegs)
        it->second = uint8_t(nextFree++);
    }
    return it->second;
  };

  SmallVector<gas::InstructionCost> costs;
  for (Operation *op : ops) {
    if (blob::emitsNoCode(op))
      continue;
    llvm::Expected<blob::Instruction> inst =
        blob::instructionFor(op, registerOf);
    if (!inst) {
      // Not an instruction; verified IR has none.
      llvm::consumeError(inst.takeError());
      continue;
    }
    bool cold = op->getNumSuccessors() == 2 &&
                isa<InstructionOpInterface>(op) &&
                isCheapBranchTarget(op->getSuccessor(0));
    costs.push_back(gas::instructionCost(*inst, cold, options));
  }
  return costs;
}

uint64_t pvm::sequenceCost(ArrayRef<Operation *> ops,
                           const gas::CostOptions &options) {
  return gas::singlePassCost(instructionCosts(ops, options));
}

uint64_t pvm::pathCost(ArrayRef<Operation *> ops,
                       const gas::CostOptions &options) {
  uint64_t total = 0;
  SmallVector<Operation *> gasBlock;
  for (Operation *op : ops) {
    gasBlock.push_back(op);
    if (endsGasBlock(op)) {
      total += sequenceCost(gasBlock, options);
      gasBlock.clear();
    }
  }
  if (!gasBlock.empty())
    total += sequenceCost(gasBlock, options);
  return total;
}

uint64_t pvm::blockCost(Block *block, const gas::CostOptions &options) {
  SmallVector<Operation *> ops;
  for (Operation &op : *block)
    ops.push_back(&op);
  return pathCost(ops, options);
}
