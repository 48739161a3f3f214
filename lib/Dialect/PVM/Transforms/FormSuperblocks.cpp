//===- FormSuperblocks.cpp - pvm-form-superblocks -------------------------===//
//
// Grows gas blocks along jump and fall-through edges: merges a block into
// its only predecessor, threads edges past blocks that only jump, and copies
// small blocks into predecessors that jump to them when the cost query says
// it pays, within bounds on code growth.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/ControlFlow.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "mlir/IR/IRMapping.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMFORMSUPERBLOCKS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-form-superblocks";
/// Rounds of tail duplication (each followed by merging and threading).
constexpr unsigned kMaxRounds = 4;

unsigned instructionCount(Region &body) {
  unsigned count = 0;
  for (Block &block : body)
    count += blob::instructionCount(&block);
  return count;
}

unsigned numPredecessorEdges(Block *block) {
  return std::distance(block->pred_begin(), block->pred_end());
}

/// The blocks whose terminator requires `block` to be laid out after them.
SmallVector<Block *> blocksRequiring(Block *block) {
  SmallVector<Block *> result;
  for (Block *pred : block->getPredecessors())
    if (layoutSuccessor(pred->getTerminator()) == block &&
        !llvm::is_contained(result, pred))
      result.push_back(pred);
  return result;
}

/// A short name for a block in bisection messages: its index.
std::string blockName(Block *block) {
  unsigned index = 0;
  for (Block &b : *block->getParent()) {
    if (&b == block)
      break;
    ++index;
  }
  return "^bb" + std::to_string(index);
}

/// Maps the arguments of `block` to the values `edge` passes them, copying a
/// value with `move_reg` (inserted before `edge`) where its type differs
/// from the argument's, so every use keeps the type it had.
void bindArguments(Block *block, Operation *edge, unsigned successor,
                   IRMapping &mapping) {
  auto branch = cast<BranchOpInterface>(edge);
  OperandRange passed =
      branch.getSuccessorOperands(successor).getForwardedOperands();
  OpBuilder builder(edge);
  for (auto [arg, value] : llvm::zip(block->getArguments(), passed)) {
    Value bound = value;
    if (value.getType() != arg.getType())
      bound = MoveRegOp::create(builder, edge->getLoc(), arg.getType(), value);
    mapping.map(arg, bound);
  }
}

struct Candidate {
  Block *pred;
  Block *tail;
  double score;
};

class SuperblockFormer {
public:
  SuperblockFormer(ProgramOp program, unsigned maxBlockSize,
                   unsigned functionGrowth, unsigned programGrowth)
      : program(program), noReturn(program),
        options(optimizerCostOptionsFor(program)), maxBlockSize(maxBlockSize) {
    unsigned total = 0;
    for (FuncOp func : program.getBody().front().getOps<FuncOp>()) {
      unsigned size = instructionCount(func.getBody());
      total += size;
      functionBudget[func] = 16 + size * functionGrowth / 100;
    }
    programBudget = 64 + total * programGrowth / 100;
  }

  void run();

private:
  /// Threads and merges until nothing changes; then drops unreachable
  /// blocks and restores a legal layout.
  void simplify(FuncOp func);
  bool threadEdges(FuncOp func);
  bool mergeBlocks(FuncOp func);
  /// One round of tail duplication over the program; returns the functions
  /// it changed.
  SmallVector<FuncOp> duplicateTails();
  /// Whether `tail` may be copied into `pred` (which jumps or falls to it),
  /// and if so how much gas one pass over the edge saves.
  std::optional<uint64_t> duplicationSaving(Block *pred, Block *tail);
  /// Copies `tail` into `pred`; true if it did (and it paid).
  bool duplicate(Block *pred, Block *tail);
  /// Clones `tail`'s code for appending to `pred` into the detached
  /// `scratch`, the terminator adapted so it can follow `pred`.
  void cloneTail(Block *pred, Block *tail, Block *scratch);

  ProgramOp program;
  NoReturnFunctions noReturn;
  gas::CostOptions options;
  unsigned maxBlockSize;
  llvm::DenseMap<Operation *, unsigned> functionBudget;
  unsigned programBudget;
};

bool SuperblockFormer::threadEdges(FuncOp func) {
  bool changed = false;
  for (Block &block : func.getBody()) {
    Operation *terminator = block.getTerminator();
    auto branch = dyn_cast<BranchOpInterface>(terminator);
    if (!branch || isa<UnlikelyOp>(terminator))
      continue;
    for (unsigned index = 0; index < terminator->getNumSuccessors(); ++index) {
      Block *forwarder = terminator->getSuccessor(index);
      if (forwarder == &block || !isForwarder(forwarder))
        continue;
      Operation *edge = forwarder->getTerminator();
      Block *dest = edge->getSuccessor(0);
      if (dest == forwarder || dest == &block)
        continue;
      // What this edge passes to the forwarder's destination instead.
      OperandRange passed =
          branch.getSuccessorOperands(index).getForwardedOperands();
      SmallVector<Value> operands;
      for (Value value : edge->getOperands()) {
        auto arg = dyn_cast<BlockArgument>(value);
        operands.push_back(arg && arg.getOwner() == forwarder
                               ? passed[arg.getArgNumber()]
                               : value);
      }
      if (!llvm::all_of(llvm::zip(operands, dest->getArgumentTypes()),
                        [](auto pair) {
                          return canPassToArgument(
                              std::get<0>(pair).getType(), std::get<1>(pair));
                        }))
        continue;
      // On the edge that must fall through, the destination must then be
      // free to follow this block.
      if (layoutSuccessor(terminator) == forwarder &&
          (isa<CallOp, CallIndirectOp>(terminator) ||
           index != (isa<ConditionalBranchOpInterface>(terminator) ? 1u : 0u)))
        continue;
      bool isLayoutEdge =
          layoutSuccessor(terminator) == forwarder &&
          llvm::count(terminator->getSuccessors(), forwarder) == 1;
      if (layoutSuccessor(terminator) == forwarder && !isLayoutEdge)
        continue;
      if (isLayoutEdge) {
        bool forwarderDies = numPredecessorEdges(forwarder) == 1 &&
                             !isJumpTableEntry(forwarder);
        bool free = llvm::all_of(blocksRequiring(dest), [&](Block *other) {
          return other == forwarder && forwarderDies;
        });
        if (!free)
          continue;
      }
      if (!shouldApplyRewrite(func, kPassName,
                              "thread " + blockName(&block) + " past " +
                                  blockName(forwarder)))
        continue;
      branch.getSuccessorOperands(index).getMutableForwardedOperands().assign(
          operands);
      terminator->setSuccessor(dest, index);
      changed = true;
    }
  }
  return changed;
}

bool SuperblockFormer::mergeBlocks(FuncOp func) {
  bool changed = false;
  Region &body = func.getBody();
  for (Block &block : llvm::make_early_inc_range(llvm::drop_begin(body))) {
    Block *pred = block.getSinglePredecessor();
    if (!pred || pred == &block || isJumpTableEntry(&block) ||
        !isPlainEdge(pred->getTerminator()))
      continue;
    if (!shouldApplyRewrite(func, kPassName,
                            "merge " + blockName(&block) + " into " +
                                blockName(pred)))
      continue;
    Operation *edge = pred->getTerminator();
    IRMapping mapping;
    bindArguments(&block, edge, 0, mapping);
    for (BlockArgument arg : block.getArguments())
      arg.replaceAllUsesWith(mapping.lookup(arg));
    edge->erase();
    pred->getOperations().splice(pred->end(), block.getOperations());
    block.erase();
    changed = true;
  }
  return changed;
}

void SuperblockFormer::simplify(FuncOp func) {
  Region &body = func.getBody();
  bool changed = true;
  while (changed) {
    changed = threadEdges(func);
    changed |= eraseUnreachableBlocks(body);
    changed |= mergeBlocks(func);
  }
  restoreLayout(body);
}

void SuperblockFormer::cloneTail(Block *pred, Block *tail, Block *scratch) {
  Operation *edge = pred->getTerminator();
  IRMapping mapping;
  // Copies of arguments whose types differ go in the scratch block too.
  OpBuilder builder(edge->getContext());
  builder.setInsertionPointToEnd(scratch);
  OperandRange passed = edge->getOperands();
  for (auto [arg, value] : llvm::zip(tail->getArguments(), passed)) {
    Value bound = value;
    if (value.getType() != arg.getType())
      bound = MoveRegOp::create(builder, edge->getLoc(), arg.getType(), value);
    mapping.map(arg, bound);
  }
  for (Operation &op : tail->without_terminator())
    if (!isa<JumpTableEntryOp>(op))
      builder.clone(op, mapping);
  Operation *terminator = tail->getTerminator();
  if (auto fallthrough = dyn_cast<FallthroughOp>(terminator)) {
    SmallVector<Value> operands;
    for (Value value : fallthrough.getDestOperands())
      operands.push_back(mapping.lookupOrDefault(value));
    JumpOp::create(builder, terminator->getLoc(), operands,
                   fallthrough.getDest());
    return;
  }
  Operation *copy = builder.clone(*terminator, mapping);
  // The copy falls through to the taken successor instead.
  if (isa<ConditionalBranchOpInterface>(copy))
    invertBranch(copy);
}

std::optional<uint64_t> SuperblockFormer::duplicationSaving(Block *pred,
                                                           Block *tail) {
  Operation *edge = pred->getTerminator();
  if (!isPlainEdge(edge) || edge->getSuccessor(0) != tail || tail == pred ||
      numPredecessorEdges(tail) < 2 || tail == &tail->getParent()->front())
    return std::nullopt;
  if (blob::instructionCount(tail) > maxBlockSize ||
      !definesOnlyLocalValues(tail))
    return std::nullopt;
  if (llvm::any_of(*tail, [](Operation &op) {
        return isa<GetRegisterOp>(op);
      }))
    return std::nullopt;
  Operation *terminator = tail->getTerminator();
  if (isa<CallOp, CallIndirectOp, UnlikelyOp>(terminator))
    return std::nullopt;
  if (isa<ConditionalBranchOpInterface>(terminator)) {
    // The copy must fall through to the taken successor.
    Block *target = terminator->getSuccessor(0);
    if (target == pred || target == terminator->getSuccessor(1) ||
        !blocksRequiring(target).empty())
      return std::nullopt;
  }
  Block scratch;
  cloneTail(pred, tail, &scratch);
  SmallVector<Operation *> merged;
  for (Operation &op : pred->without_terminator())
    merged.push_back(&op);
  for (Operation &op : scratch)
    merged.push_back(&op);
  uint64_t after = pathCost(merged, options);
  uint64_t before = blockCost(pred, options) + blockCost(tail, options);
  scratch.dropAllReferences();
  if (after >= before)
    return std::nullopt;
  return before - after;
}

bool SuperblockFormer::duplicate(Block *pred, Block *tail) {
  auto func = pred->getParentOp();
  unsigned size = blob::instructionCount(tail);
  unsigned &budget = functionBudget[func];
  if (size > budget || size > programBudget)
    return false;
  if (!duplicationSaving(pred, tail))
    return false;
  if (!shouldApplyRewrite(func, kPassName,
                          "copy " + blockName(tail) + " into " +
                              blockName(pred)))
    return false;
  Block scratch;
  cloneTail(pred, tail, &scratch);
  pred->getTerminator()->erase();
  pred->getOperations().splice(pred->end(), scratch.getOperations());
  budget -= size;
  programBudget -= size;
  return true;
}

SmallVector<FuncOp> SuperblockFormer::duplicateTails() {
  SmallVector<Candidate> candidates;
  for (FuncOp func : program.getBody().front().getOps<FuncOp>()) {
    BlockFrequency frequency(func, &noReturn);
    for (Block &pred : func.getBody()) {
      if (!isPlainEdge(pred.getTerminator()))
        continue;
      Block *tail = pred.getTerminator()->getSuccessor(0);
      std::optional<uint64_t> saving = duplicationSaving(&pred, tail);
      if (!saving)
        continue;
      double weight = frequency.getEdgeFrequency(&pred, 0);
      if (frequency.hasProfile() && weight <= 0)
        continue; // never ran: no reason to grow it
      candidates.push_back(
          {&pred, tail,
           weight * double(*saving) /
               std::max(1u, blob::instructionCount(tail))});
    }
  }
  llvm::stable_sort(candidates, [](const Candidate &a, const Candidate &b) {
    return a.score > b.score;
  });
  SmallVector<FuncOp> changed;
  for (const Candidate &candidate : candidates) {
    if (!duplicate(candidate.pred, candidate.tail))
      continue;
    auto func = cast<FuncOp>(candidate.pred->getParentOp());
    if (!llvm::is_contained(changed, func))
      changed.push_back(func);
  }
  return changed;
}

void SuperblockFormer::run() {
  for (FuncOp func : program.getBody().front().getOps<FuncOp>())
    simplify(func);
  for (unsigned round = 0; round < kMaxRounds; ++round) {
    SmallVector<FuncOp> changed = duplicateTails();
    if (changed.empty())
      break;
    for (FuncOp func : changed)
      simplify(func);
  }
}

struct FormSuperblocksPass
    : public grey::pvm::impl::PVMFormSuperblocksBase<FormSuperblocksPass> {
  using PVMFormSuperblocksBase::PVMFormSuperblocksBase;
  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) {
      SuperblockFormer(program, maxBlockSize, maxFunctionGrowth,
                       maxProgramGrowth)
          .run();
    });
  }
};

} // namespace
