//===- EliminateDeadStores.cpp - pvm-eliminate-dead-stores ----------------===//
//
// Removes stores whose bytes nothing reads before they are overwritten or
// forgotten (a private frame slot when the function returns).
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/MemoryAccess.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Support/OptBisect.h"

#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMELIMINATEDEADSTORES
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-eliminate-dead-stores";

/// How many ops the search after one store may visit before it gives up
/// (and keeps the store): bounds the pass on huge functions.
constexpr unsigned kSearchBudget = 20000;

class DeadStores {
public:
  DeadStores(FuncOp func, const StackArgumentAreas &areas)
      : func(func), model(func, &areas) {}

  /// Removes the dead stores it can prove cannot fault. Returns whether it
  /// removed any.
  bool run();

private:
  /// Whether no path from `store` reads its bytes before a store that
  /// covers them.
  bool isDead(Operation *store) const;

  FuncOp func;
  MemoryModel model;
};

bool DeadStores::isDead(Operation *store) const {
  std::optional<MemoryLocation> loc = model.getLocation(store);
  if (!loc || !loc->hasKnownOffset())
    return false;

  // 1: the bytes are read (the store lives); -1: this path ends without a
  // read (overwritten, or the function leaves with the bytes private);
  // 0: go on.
  auto step = [&](Operation &op) -> int {
    if (std::optional<MemoryLocation> other = model.getLocation(&op)) {
      if (op.getNumResults() == 1)
        return model.mayAlias(*loc, *other) ? 1 : 0;
      return loc->isCoveredBy(*other) ? -1 : 0;
    }
    if (model.mayAccess(&op, *loc))
      return 1;
    // The path leaves the function (or the program) with the bytes unread.
    bool leaves = isa<TailCallOp, TrapOp>(op) ||
                  (isa<JumpIndOp>(op) && leavesForOtherCode(&op));
    return leaves ? -1 : 0;
  };

  unsigned budget = kSearchBudget;
  SmallVector<Block *> worklist;
  llvm::SmallPtrSet<Block *, 16> visited;
  auto scan = [&](Block *block, Block::iterator from) -> bool {
    for (Operation &op : llvm::make_range(from, block->end())) {
      if (--budget == 0)
        return false;
      int found = step(op);
      if (found > 0)
        return false;
      if (found < 0)
        return true;
    }
    for (Block *succ : block->getSuccessors())
      if (visited.insert(succ).second)
        worklist.push_back(succ);
    return true;
  };
  if (!scan(store->getBlock(), std::next(store->getIterator())))
    return false;
  while (!worklist.empty()) {
    Block *block = worklist.pop_back_val();
    if (!scan(block, block->begin()))
      return false;
  }
  return true;
}

bool DeadStores::run() {
  SmallVector<Operation *> dead;
  func.walk([&](Operation *op) {
    if (op->getNumResults() == 0 && model.getLocation(op) && isDead(op))
      dead.push_back(op);
  });
  // Each store removed must be one that cannot fault, proven by the code
  // as it is then: one at a time, so that two stores never prove each
  // other and both go. Past a few, prove them all at once without the
  // others (cheaper, less often successful).
  constexpr unsigned kOneAtATime = 32;
  llvm::DenseSet<Operation *> going;
  if (dead.size() > kOneAtATime)
    going.insert(dead.begin(), dead.end());
  std::optional<SafeAccesses> safe;
  bool changed = false;
  for (Operation *store : dead) {
    if (!safe)
      safe.emplace(func, going);
    if (!safe->contains(store))
      continue;
    std::string what;
    llvm::raw_string_ostream os(what);
    os << "remove " << store->getName().stripDialect() << " ";
    model.getLocation(store)->print(os);
    if (!grey::shouldApplyRewrite(func, kPassName, what))
      continue;
    store->erase();
    changed = true;
    if (going.empty())
      safe.reset(); // what the store proved is gone
  }
  return changed;
}

struct EliminateDeadStoresPass
    : public grey::pvm::impl::PVMEliminateDeadStoresBase<
          EliminateDeadStoresPass> {
  void runOnOperation() override {
    ProgramOp program = getOperation();
    StackArgumentAreas areas(program);
    bool changed = false;
    for (FuncOp func : program.getOps<FuncOp>())
      changed |= DeadStores(func, areas).run();
    if (!changed)
      markAllAnalysesPreserved();
  }
};

} // namespace
