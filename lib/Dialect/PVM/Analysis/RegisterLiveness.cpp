//===- RegisterLiveness.cpp - live machine registers of pvm IR ------------===//
//
// Walks each block backwards from its live-out values once and records the
// registers live after every op.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"

#include "grey/Dialect/PVM/PVMOps.h"

#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace grey::pvm;

std::optional<Reg> grey::pvm::registerOf(Type type) {
  if (auto reg = dyn_cast<RegType>(type))
    return reg.getReg();
  return std::nullopt;
}

void RegisterSet::insert(Type type) {
  if (std::optional<Reg> reg = registerOf(type))
    insert(*reg);
}

void RegisterSet::insert(ValueRange values) {
  for (Value value : values)
    insert(value.getType());
}

std::optional<Reg> RegisterSet::first() const {
  if (bits == 0)
    return std::nullopt;
  return Reg(__builtin_ctz(bits));
}

void RegisterSet::print(llvm::raw_ostream &os) const {
  os << '{';
  bool first = true;
  forEach([&](Reg reg) {
    os << (first ? "" : ", ") << stringifyReg(reg);
    first = false;
  });
  os << '}';
}

RegisterSet grey::pvm::registersWrittenBy(Operation *op) {
  RegisterSet written;
  written.insert(op->getResults());
  return written;
}

RegisterLiveness::RegisterLiveness(Operation *function) : liveness(function) {}

SmallVector<Value> RegisterLiveness::liveOutValues(Block *block) const {
  const Liveness::ValueSetT &out = liveness.getLiveOut(block);
  SmallVector<Value> values(out.begin(), out.end());
  // mlir::Liveness counts a value passed to a block argument as dead after
  // the branch; in registers it is live into the successor, as the
  // argument, when the argument is used.
  Operation *terminator = block->getTerminator();
  if (auto branch = dyn_cast<BranchOpInterface>(terminator))
    for (unsigned i = 0, e = terminator->getNumSuccessors(); i < e; ++i) {
      Block *succ = terminator->getSuccessor(i);
      SuccessorOperands operands = branch.getSuccessorOperands(i);
      for (unsigned j = operands.getProducedOperandCount(),
                    n = operands.size();
           j < n; ++j)
        if (!succ->getArgument(j).use_empty())
          values.push_back(operands[j]);
    }
  return values;
}

void RegisterLiveness::computeBlock(Block *block) const {
  if (liveIn.count(block))
    return;
  // Count live values per register rather than keeping a plain set: in
  // unverified IR two live values may share a register, and one dying must
  // not hide the other.
  unsigned holders[kNumRegs] = {};
  auto add = [&](Value value) {
    if (std::optional<Reg> reg = registerOf(value.getType()))
      ++holders[unsigned(*reg)];
  };
  auto remove = [&](Value value) {
    if (std::optional<Reg> reg = registerOf(value.getType()))
      --holders[unsigned(*reg)];
  };
  auto current = [&] {
    RegisterSet set;
    for (unsigned r = 0; r < kNumRegs; ++r)
      if (holders[r])
        set.insert(Reg(r));
    return set;
  };

  llvm::SmallPtrSet<Value, 16> live;
  for (Value value : liveOutValues(block))
    if (live.insert(value).second)
      add(value);
  for (Operation &op : llvm::reverse(*block)) {
    liveAfter[&op] = current();
    for (Value result : op.getResults())
      if (live.erase(result))
        remove(result);
    for (Value operand : op.getOperands())
      if (live.insert(operand).second)
        add(operand);
  }
  liveIn[block] = current();
}

RegisterSet RegisterLiveness::getLiveIn(Block *block) const {
  computeBlock(block);
  return liveIn.lookup(block);
}

RegisterSet RegisterLiveness::getLiveOut(Block *block) const {
  return getLiveAfter(block->getTerminator());
}

RegisterSet RegisterLiveness::getLiveAfter(Operation *op) const {
  computeBlock(op->getBlock());
  return liveAfter.lookup(op);
}

RegisterSet RegisterLiveness::getLiveBefore(Operation *op) const {
  if (Operation *prev = op->getPrevNode())
    return getLiveAfter(prev);
  return getLiveIn(op->getBlock());
}

RegisterSet RegisterLiveness::getLiveAcross(Operation *op) const {
  return (getLiveBefore(op) & getLiveAfter(op)) - registersWrittenBy(op);
}
