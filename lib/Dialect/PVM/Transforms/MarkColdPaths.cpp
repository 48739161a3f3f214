//===- MarkColdPaths.cpp - pvm-mark-cold-paths ----------------------------===//
//
// Makes branches to cold targets cheap: a branch costs 1 instead of 20 when
// its target starts with `trap` or `unlikely`. Targets that only lead to a
// trap become a shared `trap` block; other cold targets get an `unlikely`
// block in front when the frequencies say it pays.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/ControlFlow.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/OpInstruction.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMMARKCOLDPATHS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-mark-cold-paths";

/// Whether `op` can run before a trap without anyone noticing: no memory
/// effect (a load could fault first, a store be read), no host call, and no
/// write to φ7, which the caller of a trapped VM receives (kernel-abi.md
/// §7). Unallocated results might end up in φ7.
bool isUnobservable(Operation &op) {
  if (!isMemoryEffectFree(&op) || isa<GetRegisterOp, EcalliOp, EcallOp>(op))
    return false;
  return llvm::all_of(op.getResultTypes(), [](Type type) {
    std::optional<Reg> reg = registerOf(type);
    return reg && *reg != Reg(7);
  });
}

/// The blocks from which every path reaches `trap` with nothing observable
/// on the way (least fixpoint: loops that never trap are not included).
llvm::DenseSet<Block *> blocksThatOnlyTrap(Region &body) {
  llvm::DenseSet<Block *> trapping;
  bool changed = true;
  while (changed) {
    changed = false;
    for (Block &block : body) {
      if (trapping.contains(&block) ||
          !llvm::all_of(block.without_terminator(), isUnobservable))
        continue;
      Operation *terminator = block.getTerminator();
      bool traps =
          isa<TrapOp>(terminator) ||
          (isa<JumpOp, FallthroughOp, UnlikelyOp,
               ConditionalBranchOpInterface>(terminator) &&
           llvm::all_of(terminator->getSuccessors(), [&](Block *succ) {
             return trapping.contains(succ);
           }));
      if (traps) {
        trapping.insert(&block);
        changed = true;
      }
    }
  }
  return trapping;
}

class ColdPathMarker {
public:
  ColdPathMarker(FuncOp func, const NoReturnFunctions &noReturn)
      : func(func), frequency(func, &noReturn),
        options(optimizerCostOptionsFor(func)) {}
  void run();

private:
  /// The function's block that holds only `trap`, made on first use.
  Block *trapBlock();
  bool branchToTrap(Operation *branch);
  bool markUnlikely(Operation *branch);

  FuncOp func;
  BlockFrequency frequency;
  gas::CostOptions options;
  Block *trap = nullptr;
};

Block *ColdPathMarker::trapBlock() {
  if (trap)
    return trap;
  Region &body = func.getBody();
  for (Block &block : body)
    if (block.getNumArguments() == 0 && &block.front() == &block.back() &&
        isa<TrapOp>(block.front()) && &block != &body.front())
      return trap = &block;
  trap = new Block();
  body.push_back(trap);
  OpBuilder builder = OpBuilder::atBlockEnd(trap);
  TrapOp::create(builder, func.getLoc());
  return trap;
}

bool ColdPathMarker::branchToTrap(Operation *branch) {
  if (!shouldApplyRewrite(func, kPassName, "branch straight to trap"))
    return false;
  Block *dest = trapBlock();
  cast<BranchOpInterface>(branch)
      .getSuccessorOperands(0)
      .getMutableForwardedOperands()
      .clear();
  branch->setSuccessor(dest, 0);
  return true;
}

bool ColdPathMarker::markUnlikely(Operation *branch) {
  Block *block = branch->getBlock();
  Block *target = branch->getSuccessor(0);
  if (target->getSinglePredecessor() != block || isJumpTableEntry(target))
    return false;
  // Without a profile, only paths that cannot leave the function are known
  // to be rare enough.
  if (!frequency.hasProfile() &&
      (frequency.isCold(block) || !frequency.isCold(target)))
    return false;
  double runs = frequency.getFrequency(block);
  double taken = frequency.getEdgeFrequency(block, 0);
  uint64_t before = blockCost(block, options);

  Block *landing = insertUnlikelyLanding(target);
  branch->setSuccessor(landing, 0);

  uint64_t after = blockCost(block, options);
  uint64_t hint = blockCost(landing, options);
  bool pays = after < before && runs * double(before - after) >
                                    taken * double(hint);
  if (!pays ||
      !shouldApplyRewrite(func, kPassName, "mark a branch target unlikely")) {
    branch->setSuccessor(target, 0);
    landing->erase();
    return false;
  }
  return true;
}

void ColdPathMarker::run() {
  Region &body = func.getBody();
  llvm::DenseSet<Block *> trapping = blocksThatOnlyTrap(body);
  SmallVector<Operation *> branches;
  for (Block &block : body)
    if (isa<ConditionalBranchOpInterface>(block.getTerminator()))
      branches.push_back(block.getTerminator());
  bool changed = false;
  for (Operation *branch : branches) {
    Block *target = branch->getSuccessor(0);
    if (target == branch->getSuccessor(1) || isCheapBranchTarget(target))
      continue;
    if (trapping.contains(target))
      changed |= branchToTrap(branch);
    else
      changed |= markUnlikely(branch);
  }
  if (changed)
    eraseUnreachableBlocks(body);
}

struct MarkColdPathsPass
    : public grey::pvm::impl::PVMMarkColdPathsBase<MarkColdPathsPass> {
  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) {
      NoReturnFunctions noReturn(program);
      for (FuncOp func : program.getBody().front().getOps<FuncOp>())
        ColdPathMarker(func, noReturn).run();
    });
  }
};

} // namespace
