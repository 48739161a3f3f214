//===- BlockFrequency.cpp - how often blocks and edges of pvm IR run ------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "mlir/Analysis/CFGLoopInfo.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/RegionGraphTraits.h"
#include "llvm/ADT/PostOrderIterator.h"

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

/// Static probabilities (see the class comment).
constexpr double kColdProbability = 1.0 / 1024;
constexpr double kEqualProbability = 3.0 / 8;
/// A loop is assumed to repeat at most this often per entry.
constexpr double kMaxLoopScale = 4096;

} // namespace

std::optional<uint64_t> pvm::guestAddressOf(Operation *op) {
  std::optional<uint64_t> address;
  op->getLoc()->walk([&](Location loc) {
    auto name = dyn_cast<NameLoc>(loc);
    uint64_t value;
    if (name && name.getName().strref().starts_with("pc:0x") &&
        !name.getName().strref().drop_front(5).getAsInteger(16, value)) {
      address = value;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return address;
}

//===----------------------------------------------------------------------===//
// Leaving a function
//===----------------------------------------------------------------------===//

llvm::DenseSet<Block *>
pvm::blocksThatCanLeave(Region &body, const NoReturnFunctions *noReturn) {
  auto returns = [&](StringRef callee) {
    return !noReturn || !noReturn->contains(callee);
  };
  llvm::DenseSet<Block *> leave;
  SmallVector<Block *> worklist;
  auto mark = [&](Block *block) {
    if (leave.insert(block).second)
      worklist.push_back(block);
  };
  for (Block &block : body) {
    Operation *terminator = block.getTerminator();
    if (isa<JumpIndOp, LoadImmJumpIndOp>(terminator))
      mark(&block);
    else if (auto tail = dyn_cast<TailCallOp>(terminator);
             tail && returns(tail.getCallee()))
      mark(&block);
  }
  while (!worklist.empty()) {
    Block *block = worklist.pop_back_val();
    for (Block *pred : block->getPredecessors()) {
      // The continuation of a call that never returns is never reached.
      if (auto call = dyn_cast<CallOp>(pred->getTerminator());
          call && !returns(call.getCallee()))
        continue;
      mark(pred);
    }
  }
  return leave;
}

NoReturnFunctions::NoReturnFunctions(ProgramOp program) {
  SmallVector<FuncOp> funcs;
  for (auto func : program.getBody().front().getOps<FuncOp>()) {
    funcs.push_back(func);
    noReturn.insert(func.getSymName());
  }
  // Greatest fixpoint: start with every function and drop those that can
  // be left, until none changes.
  bool changed = true;
  while (changed) {
    changed = false;
    for (FuncOp func : funcs) {
      if (!noReturn.contains(func.getSymName()))
        continue;
      Region &body = func.getBody();
      if (blocksThatCanLeave(body, this).contains(&body.front())) {
        noReturn.erase(func.getSymName());
        changed = true;
      }
    }
  }
}

//===----------------------------------------------------------------------===//
// Probabilities
//===----------------------------------------------------------------------===//

/// The first op of `block` that becomes an instruction.
static Operation *firstInstruction(Block *block) {
  for (Operation &op : *block)
    if (!blob::emitsNoCode(&op))
      return &op;
  return nullptr;
}

double BlockFrequency::getProbability(Block *block, unsigned index) const {
  auto it = probability.find(block);
  if (it == probability.end())
    return block->getNumSuccessors() ? 1.0 / block->getNumSuccessors() : 0;
  return it->second[index];
}

/// The loops of `body` (MLIR builds no dominator tree for one block, which
/// cannot loop: the entry block has no predecessors).
static std::unique_ptr<CFGLoopInfo> findLoops(Region &body) {
  if (body.hasOneBlock())
    return nullptr;
  DominanceInfo dominance(body.getParentOp());
  return std::make_unique<CFGLoopInfo>(dominance.getDomTree(&body));
}

void BlockFrequency::computeProbabilities(FuncOp func) {
  Region &body = func.getBody();
  std::unique_ptr<CFGLoopInfo> loops = findLoops(body);
  for (Block &block : body) {
    unsigned count = block.getNumSuccessors();
    if (count == 0)
      continue;
    SmallVector<double, 2> &probs = probability[&block];
    probs.assign(count, 1.0 / count);
    Operation *terminator = block.getTerminator();
    if (!isa<ConditionalBranchOpInterface>(terminator))
      continue;
    Block *target = terminator->getSuccessor(0);
    Block *next = terminator->getSuccessor(1);
    if (target == next)
      continue;
    auto setTarget = [&](double p) {
      probs[0] = p;
      probs[1] = 1 - p;
    };
    // 1. Cold paths.
    if (isCold(target) != isCold(next)) {
      setTarget(isCold(target) ? kColdProbability : 1 - kColdProbability);
      continue;
    }
    // 2. Loops: stay in the innermost loop of the branch.
    if (CFGLoop *loop = loops ? loops->getLoopFor(&block) : nullptr) {
      bool staysTarget = loop->contains(target);
      bool staysNext = loop->contains(next);
      if (staysTarget != staysNext) {
        setTarget(staysTarget ? kStaticLoopStayProbability
                               : 1 - kStaticLoopStayProbability);
        continue;
      }
    }
    // 3. Equality is the rarer outcome.
    if (isa<BranchEqOp, BranchEqImmOp>(terminator))
      setTarget(kEqualProbability);
    else if (isa<BranchNeOp, BranchNeImmOp>(terminator))
      setTarget(1 - kEqualProbability);
  }
}

void BlockFrequency::applyProfile(FuncOp func) {
  auto attr = func->getAttrOfType<DenseI64ArrayAttr>(kProfileAttrName);
  if (!attr)
    return;
  profiled = true;
  llvm::DenseMap<uint64_t, double> byAddress;
  ArrayRef<int64_t> pairs = attr.asArrayRef();
  for (size_t i = 0; i + 1 < pairs.size(); i += 2)
    byAddress[uint64_t(pairs[i])] = double(pairs[i + 1]);
  for (Block &block : func.getBody()) {
    Operation *first = firstInstruction(&block);
    if (!first)
      continue;
    std::optional<uint64_t> address = guestAddressOf(first);
    // A block the profile does not name did not start a gas block when the
    // profile was taken: it gets its predecessors' flow.
    if (address && byAddress.count(*address))
      counted[&block] = byAddress.lookup(*address);
  }
  // Edge counts from successors entered only from this block.
  for (Block &block : func.getBody()) {
    Operation *terminator = block.getTerminator();
    if (!isa<ConditionalBranchOpInterface>(terminator) ||
        !counted.count(&block))
      continue;
    double total = counted.lookup(&block);
    if (total <= 0)
      continue;
    auto edgeCount = [&](unsigned index) -> std::optional<double> {
      Block *succ = terminator->getSuccessor(index);
      if (!succ->getSinglePredecessor() || !counted.count(succ))
        return std::nullopt;
      return counted.lookup(succ);
    };
    std::optional<double> taken = edgeCount(0), notTaken = edgeCount(1);
    if (!taken && notTaken)
      taken = std::max(0.0, total - *notTaken);
    if (!taken)
      continue;
    double p = std::clamp(*taken / total, 0.0, 1.0);
    SmallVector<double, 2> &probs = probability[&block];
    probs[0] = p;
    probs[1] = 1 - p;
  }
}

//===----------------------------------------------------------------------===//
// Frequencies
//===----------------------------------------------------------------------===//

void BlockFrequency::computeFrequencies(FuncOp func) {
  Region &body = func.getBody();
  std::unique_ptr<CFGLoopInfo> loops = findLoops(body);

  SmallVector<Block *> rpo;
  llvm::DenseMap<Block *, unsigned> rpoIndex;
  for (Block *block : llvm::ReversePostOrderTraversal<Block *>(&body.front())) {
    rpoIndex[block] = rpo.size();
    rpo.push_back(block);
  }
  // The flow into `block` over forward edges, from `weight`.
  auto inflow = [&](Block *block, auto &&weight, auto &&inScope) {
    double sum = 0;
    unsigned index = rpoIndex.lookup(block);
    for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it) {
      Block *pred = *it;
      auto found = rpoIndex.find(pred);
      if (found == rpoIndex.end() || found->second >= index || !inScope(pred))
        continue;
      sum += weight(pred) * getProbability(pred, it.getSuccessorIndex());
    }
    return sum;
  };

  // How often each loop repeats per entry, innermost first.
  llvm::DenseMap<Block *, double> scale; // by header
  SmallVector<CFGLoop *> order;
  if (loops)
    order = loops->getLoopsInPreorder();
  for (CFGLoop *loop : llvm::reverse(order)) {
    Block *header = loop->getHeader();
    llvm::DenseMap<Block *, double> local;
    local[header] = 1;
    auto weight = [&](Block *b) { return local.lookup(b); };
    auto inLoop = [&](Block *b) { return loop->contains(b); };
    for (Block *block : rpo) {
      if (block == header || !loop->contains(block))
        continue;
      double f = inflow(block, weight, inLoop);
      if (scale.count(block))
        f *= scale.lookup(block);
      local[block] = f;
    }
    double cyclic = 0;
    for (auto it = header->pred_begin(), e = header->pred_end(); it != e; ++it)
      if (loop->contains(*it))
        cyclic += local.lookup(*it) * getProbability(*it, it.getSuccessorIndex());
    scale[header] = 1 / (1 - std::min(cyclic, 1 - 1 / kMaxLoopScale));
  }

  auto weight = [&](Block *b) { return frequency.lookup(b); };
  auto anywhere = [](Block *) { return true; };
  for (Block *block : rpo) {
    if (auto it = counted.find(block); it != counted.end()) {
      frequency[block] = it->second;
      continue;
    }
    double f = block == &body.front() ? 1 : inflow(block, weight, anywhere);
    if (scale.count(block))
      f *= scale.lookup(block);
    frequency[block] = f;
  }
}

BlockFrequency::BlockFrequency(FuncOp func,
                               const NoReturnFunctions *noReturn) {
  canLeave = blocksThatCanLeave(func.getBody(), noReturn);
  computeProbabilities(func);
  applyProfile(func);
  computeFrequencies(func);
}
