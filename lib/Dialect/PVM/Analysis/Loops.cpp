//===- Loops.cpp - natural loops, counters and exit tests -----------------===//

#include "grey/Dialect/PVM/Analysis/Loops.h"

#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SetVector.h"

#include <functional>

using namespace mlir;
using namespace grey::pvm;

namespace {

/// The values the edges into `block` from the predecessors `from` accepts
/// pass for argument `index`, one per edge; empty when such a
/// predecessor's terminator does not say (an indirect jump). A null value
/// is one the terminator produces itself.
SmallVector<Value> incomingValues(Block *block, unsigned index,
                                  llvm::function_ref<bool(Block *)> from) {
  SmallVector<Value> incoming;
  llvm::SmallPtrSet<Block *, 4> seen;
  for (Block *pred : block->getPredecessors()) {
    if (!from(pred) || !seen.insert(pred).second)
      continue;
    auto branch = dyn_cast<BranchOpInterface>(pred->getTerminator());
    if (!branch)
      return {};
    for (unsigned s = 0, e = branch->getNumSuccessors(); s != e; ++s)
      if (branch->getSuccessor(s) == block)
        incoming.push_back(branch.getSuccessorOperands(s)[index]);
  }
  return incoming;
}

/// The values the latches of `loop` hand back for header argument `index`.
SmallVector<Value> backEdgeValues(const CFGLoop *loop, unsigned index) {
  return incomingValues(loop->getHeader(), index,
                        [&](Block *pred) { return loop->contains(pred); });
}

} // namespace

LoopAnalysis::LoopAnalysis(Operation *func) : dominance(func) {
  Region &body = cast<FuncOp>(func).getBody();
  // The entry block has no predecessors, so one block makes no loop.
  if (body.hasOneBlock())
    return;
  loopInfo = std::make_unique<CFGLoopInfo>(dominance.getDomTree(&body));
  for (CFGLoop *loop : loopInfo->getLoopsInPreorder())
    summarize(loop);
  // Outer before inner, and in the order the headers are laid out.
  DenseMap<Block *, unsigned> position;
  for (Block &block : body)
    position[&block] = position.size();
  llvm::sort(loops, [&](const LoopSummary &a, const LoopSummary &b) {
    if (a.depth != b.depth)
      return a.depth < b.depth;
    return position[a.header] < position[b.header];
  });
}

std::optional<std::pair<int64_t, bool>>
LoopAnalysis::stepOf(Value stepped, Value from, const CFGLoop *loop) const {
  Operation *def = forwardedFrom(stepped, loop).getDefiningOp();
  if (auto add = dyn_cast_or_null<AddImm64Op>(def);
      add && forwardedFrom(add.getRs(), loop) == from)
    return std::make_pair(add.getImm(), false);
  if (auto add = dyn_cast_or_null<AddImm32Op>(def);
      add && forwardedFrom(add.getRs(), loop) == from)
    return std::make_pair(add.getImm(), true);
  return std::nullopt;
}

Value LoopAnalysis::forwardedFrom(Value value, const CFGLoop *loop) const {
  DenseMap<Value, Value> resolved;
  DenseSet<Value> visiting;
  // A block argument is the value all its edges bring, not counting edges
  // that bring the argument itself back around a cycle of the body (an
  // inner loop that does not change it).
  std::function<Value(Value)> resolve = [&](Value value) -> Value {
    // Only copies made in the loop: a copy made before it may outlive the
    // register it copied, which another value may take before the loop.
    for (auto move = value.getDefiningOp<MoveRegOp>();
         move && loop->contains(move->getBlock());
         move = value.getDefiningOp<MoveRegOp>())
      value = move.getRs();
    auto arg = dyn_cast<BlockArgument>(value);
    if (!arg || arg.getOwner() == loop->getHeader() ||
        !loop->contains(arg.getOwner()))
      return value;
    if (auto known = resolved.find(arg); known != resolved.end())
      return known->second;
    if (!visiting.insert(arg).second)
      return arg;
    Value common;
    bool unique = true;
    SmallVector<Value> incoming = incomingValues(
        arg.getOwner(), arg.getArgNumber(), [](Block *) { return true; });
    // A value the terminator makes itself is no forwarded one.
    if (llvm::is_contained(incoming, Value()))
      incoming.clear();
    for (Value in : incoming) {
      Value from = resolve(in);
      if (from == arg)
        continue;
      unique &= !common || common == from;
      common = from;
    }
    visiting.erase(arg);
    Value result = !incoming.empty() && unique && common ? common : arg;
    resolved[arg] = result;
    return result;
  };
  return resolve(value);
}

Value LoopAnalysis::invariantOrigin(Value value, const CFGLoop *loop) const {
  Value origin = forwardedFrom(value, loop);
  if (!loop->contains(origin.getParentBlock()))
    return origin;
  auto arg = dyn_cast<BlockArgument>(origin);
  if (!arg || arg.getOwner() != loop->getHeader())
    return {};
  SmallVector<Value> back = backEdgeValues(loop, arg.getArgNumber());
  bool unchanged = !back.empty() && llvm::all_of(back, [&](Value v) {
    return v && forwardedFrom(v, loop) == arg;
  });
  return unchanged ? origin : Value();
}

void LoopAnalysis::summarize(CFGLoop *loop) {
  LoopSummary info;
  info.loop = loop;
  info.header = loop->getHeader();
  info.depth = loop->getLoopDepth();
  loop->getLoopLatches(info.latches);
  SmallVector<Block *> exits;
  loop->getExitBlocks(exits);
  // Exit blocks repeat once per exiting edge.
  info.exits = llvm::SetVector<Block *>(exits.begin(), exits.end()).takeVector();
  Block *outside = nullptr;
  for (Block *pred : info.header->getPredecessors())
    if (!loop->contains(pred)) {
      if (outside && outside != pred) {
        outside = nullptr;
        break;
      }
      outside = pred;
    }
  info.preheader = outside && outside->getNumSuccessors() == 1 ? outside : nullptr;

  // Counters: header arguments every latch hands back stepped by the same
  // constant.
  for (BlockArgument arg : info.header->getArguments()) {
    SmallVector<Value> back = backEdgeValues(loop, arg.getArgNumber());
    std::optional<std::pair<int64_t, bool>> step;
    for (Value value : back) {
      std::optional<std::pair<int64_t, bool>> here =
          value ? stepOf(value, arg, loop) : std::nullopt;
      if (!here || (step && *step != *here)) {
        step.reset();
        break;
      }
      step = here;
    }
    if (back.empty() || !step || step->first == 0)
      continue;
    LoopCounter counter{arg, step->first, step->second, Value()};
    SmallVector<Value> entering = incomingValues(
        info.header, arg.getArgNumber(),
        [&](Block *pred) { return !loop->contains(pred); });
    if (!entering.empty() && llvm::all_equal(entering))
      counter.initial = entering.front();
    info.counters.push_back(counter);
  }

  // Exit tests: two-way branches with one successor outside the loop whose
  // operands are a counter and a bound.
  for (Block *block : loop->getBlocks()) {
    Operation *branch = block->getTerminator();
    if (branch->getNumSuccessors() != 2 ||
        loop->contains(branch->getSuccessor(0)) ==
            loop->contains(branch->getSuccessor(1)))
      continue;
    unsigned exitSuccessor = loop->contains(branch->getSuccessor(0)) ? 1 : 0;
    auto imm = branch->getAttrOfType<IntegerAttr>("imm");
    // Compare branches read one register and an immediate, or two registers.
    unsigned registers = imm ? 1 : 2;
    if (branch->getNumOperands() < registers)
      continue;
    for (unsigned side = 0; side < registers; ++side) {
      Value read = forwardedFrom(branch->getOperand(side), loop);
      for (auto [index, counter] : llvm::enumerate(info.counters)) {
        bool before = read == counter.value;
        bool after = !before && stepOf(read, counter.value, loop).has_value();
        if (!before && !after)
          continue;
        LoopExitTest test{branch, unsigned(index), after, side == 1,
                          std::nullopt, Value(), exitSuccessor};
        if (imm) {
          test.constantBound = imm.getInt();
        } else {
          Value bound = branch->getOperand(1 - side);
          if (!isInvariant(bound, loop))
            continue;
          test.invariantBound = forwardedFrom(bound, loop);
        }
        info.exitTests.push_back(test);
      }
    }
  }
  loops.push_back(std::move(info));
}
