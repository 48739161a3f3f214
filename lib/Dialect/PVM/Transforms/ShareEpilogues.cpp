//===- ShareEpilogues.cpp - pvm-share-epilogues ---------------------------===//
//
// Returns that end in the same instructions (the reloads, the frame pop,
// the return itself) keep one copy of them: each such return block jumps
// to a block holding the shared copy. That saves code bytes but adds a
// jump and a gas block to every return it touches, so only returns that
// run rarely enough, by the block frequencies, are shared.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/Analysis/CallGraph.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/PVMTypes.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/InstructionEncoder.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Remarks.h"
#include "llvm/ADT/STLExtras.h"

#include <map>

namespace grey::pvm {
#define GEN_PASS_DEF_PVMSHAREEPILOGUES
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-share-epilogues";

/// Bytes a `jump` may take: the opcode and an offset of up to 4 bytes (the
/// writer picks the length from the distance, unknown here).
constexpr unsigned kJumpBytes = 5;
/// Bytes a `fallthrough` takes.
constexpr unsigned kFallthroughBytes = 1;

/// The encoded length of `op`, 0 for ops that emit no code.
unsigned encodedBytes(Operation *op) {
  if (blob::emitsNoCode(op))
    return 0;
  llvm::Expected<blob::Instruction> inst = blob::instructionFor(op);
  if (!inst) {
    llvm::consumeError(inst.takeError());
    return 0;
  }
  llvm::Expected<unsigned> length = blob::encodedLength(*inst);
  if (!length) {
    llvm::consumeError(length.takeError());
    return 0;
  }
  return *length;
}

/// The op `distance` ops before the end of `block` (0 is the terminator).
Operation *opFromEnd(Block *block, unsigned distance) {
  auto it = block->rbegin();
  std::advance(it, distance);
  return &*it;
}

/// Whether every operand and result of `op` has its register.
bool isAllocated(Operation *op) {
  auto allocated = [](Value value) { return !isUnallocated(value); };
  return llvm::all_of(op->getOperands(), allocated) &&
         llvm::all_of(op->getResults(), allocated);
}

/// Whether `a` and `b` encode the same instruction on the same registers:
/// same op, attributes, operand and result registers.
bool sameInstruction(Operation *a, Operation *b) {
  return a->getName() == b->getName() && isAllocated(a) && isAllocated(b) &&
         a->getAttrDictionary() == b->getAttrDictionary() &&
         a->getOperandTypes() == b->getOperandTypes() &&
         a->getResultTypes() == b->getResultTypes() &&
         a->getNumSuccessors() == 0 && b->getNumSuccessors() == 0 &&
         a->getNumRegions() == 0 && b->getNumRegions() == 0;
}

/// How many ops before the return of `a` and `b` (which both end in one)
/// are the same instruction: the length of their common epilogue, the
/// return not counted; nothing when the returns differ. A jump-table entry
/// marks its block's start and stays.
std::optional<unsigned> commonEpilogueLength(Block *a, Block *b) {
  if (!sameInstruction(a->getTerminator(), b->getTerminator()))
    return std::nullopt;
  unsigned length = 0;
  auto ia = std::next(a->rbegin()), ib = std::next(b->rbegin());
  for (; ia != a->rend() && ib != b->rend(); ++ia, ++ib, ++length)
    if (isa<JumpTableEntryOp>(*ia) || !sameInstruction(&*ia, &*ib))
      break;
  return length;
}

/// The ops of `block`'s epilogue of `length` ops, with the return.
SmallVector<Operation *> epilogueOps(Block *block, unsigned length) {
  SmallVector<Operation *> ops;
  for (unsigned d = length + 1; d-- > 0;)
    ops.push_back(opFromEnd(block, d));
  return ops;
}

/// The values the epilogue of `length` ops of `block` reads from before
/// it, one per register, or nothing when one register would hold two
/// (which valid allocation rules out). Also fails when an operand comes
/// from a different epilogue position than in `reference`.
std::optional<std::map<Reg, Value>>
valuesReadBy(Block *block, Block *reference, unsigned length) {
  SmallVector<Operation *> ops = epilogueOps(block, length);
  SmallVector<Operation *> refOps = epilogueOps(reference, length);
  llvm::DenseMap<Operation *, unsigned> position;
  for (auto [i, op] : llvm::enumerate(ops))
    position[op] = i;
  llvm::DenseMap<Operation *, unsigned> refPosition;
  for (auto [i, op] : llvm::enumerate(refOps))
    refPosition[op] = i;
  std::map<Reg, Value> read;
  for (auto [op, ref] : llvm::zip_equal(ops, refOps)) {
    for (auto [operand, refOperand] :
         llvm::zip_equal(op->getOperands(), ref->getOperands())) {
      Operation *def = operand.getDefiningOp();
      Operation *refDef = refOperand.getDefiningOp();
      auto inside = def ? position.find(def) : position.end();
      auto refInside = refDef ? refPosition.find(refDef) : refPosition.end();
      bool isInside = inside != position.end();
      if (isInside != (refInside != refPosition.end()))
        return std::nullopt;
      if (isInside) {
        if (inside->second != refInside->second ||
            cast<OpResult>(operand).getResultNumber() !=
                cast<OpResult>(refOperand).getResultNumber())
          return std::nullopt;
        continue;
      }
      std::optional<Reg> reg = registerOf(operand.getType());
      if (!reg)
        return std::nullopt;
      auto [it, inserted] = read.try_emplace(*reg, operand);
      if (!inserted && it->second != operand)
        return std::nullopt;
    }
  }
  return read;
}

/// A set of return blocks and the epilogue they share.
struct Sharing {
  SmallVector<Block *> blocks;
  unsigned length = 0;
  int64_t bytesSaved = 0;
};

class EpilogueSharer {
public:
  EpilogueSharer(FuncOp func, const NoReturnFunctions &noReturn,
                 double maxGasIncrease)
      : func(func), frequency(func, &noReturn),
        options(optimizerCostOptionsFor(func)),
        maxGasIncrease(maxGasIncrease) {}

  /// Shares the best epilogue of the function, if any pays; returns how
  /// many returns now share it.
  unsigned run();

private:
  /// The best set of returns to share an epilogue of `length` ops with
  /// `seed`, among `returns`, within the gas budget.
  Sharing choose(Block *seed, ArrayRef<Block *> returns, unsigned length);
  /// The gas one run of `block` costs more once its epilogue of `length`
  /// ops moves to a block of its own that it jumps to.
  int64_t addedGas(Block *block, unsigned length);
  /// Rewrites `sharing`: a new block holds the epilogue, each block of it
  /// jumps there (the hottest falls through to it).
  void apply(const Sharing &sharing);

  FuncOp func;
  BlockFrequency frequency;
  gas::CostOptions options;
  double maxGasIncrease;
  /// The gas budget: what the function may cost more per run of its
  /// entry, as frequencies count.
  double budget = 0;
};

int64_t EpilogueSharer::addedGas(Block *block, unsigned length) {
  SmallVector<Operation *> all;
  for (Operation &op : *block)
    all.push_back(&op);
  size_t split = all.size() - (length + 1);
  ArrayRef<Operation *> prefix = ArrayRef(all).take_front(split);
  ArrayRef<Operation *> epilogue = ArrayRef(all).drop_front(split);
  // A detached jump stands for the edge to the shared block; the jump's
  // cost does not depend on where it goes.
  OpBuilder builder(func.getContext());
  Operation *jump = JumpOp::create(builder, block->getTerminator()->getLoc(),
                                   ValueRange{}, block);
  SmallVector<Operation *> jumping(prefix);
  jumping.push_back(jump);
  int64_t after = int64_t(pathCost(jumping, options)) +
                  int64_t(pathCost(epilogue, options));
  jump->erase();
  return after - int64_t(blockCost(block, options));
}

Sharing EpilogueSharer::choose(Block *seed, ArrayRef<Block *> returns,
                               unsigned length) {
  SmallVector<Operation *> ops = epilogueOps(seed, length);
  int64_t epilogueBytes = 0;
  for (Operation *op : ops)
    epilogueBytes += encodedBytes(op);
  struct Candidate {
    Block *block;
    double weightedGas;
  };
  SmallVector<Candidate> candidates;
  for (Block *block : returns) {
    if (block != seed &&
        commonEpilogueLength(seed, block).value_or(0) < length)
      continue;
    if (block != seed && !valuesReadBy(block, seed, length))
      continue;
    candidates.push_back(
        {block, frequency.getFrequency(block) * double(addedGas(block, length))});
  }
  // Cheapest first, while the budget lasts.
  llvm::stable_sort(candidates, [](const Candidate &a, const Candidate &b) {
    return a.weightedGas < b.weightedGas;
  });
  Sharing sharing;
  sharing.length = length;
  double spent = 0;
  for (const Candidate &candidate : candidates) {
    if (spent + candidate.weightedGas > budget)
      break;
    spent += candidate.weightedGas;
    sharing.blocks.push_back(candidate.block);
  }
  if (sharing.blocks.size() < 2)
    return Sharing();
  // Each block gives up its copy for a jump; one copy is added, and the
  // hottest block falls through to it instead of jumping.
  sharing.bytesSaved = int64_t(sharing.blocks.size()) *
                           (epilogueBytes - int64_t(kJumpBytes)) -
                       epilogueBytes + kJumpBytes - kFallthroughBytes;
  return sharing;
}

void EpilogueSharer::apply(const Sharing &sharing) {
  Block *reference = sharing.blocks.front();
  // The hottest block is laid out before the shared one and falls through.
  Block *hottest = *llvm::max_element(sharing.blocks, [&](Block *a, Block *b) {
    return frequency.getFrequency(a) < frequency.getFrequency(b);
  });
  std::map<Reg, Value> arguments =
      *valuesReadBy(reference, reference, sharing.length);

  Block *shared = new Block();
  shared->insertAfter(hottest);
  IRMapping mapping;
  for (auto &[reg, value] : arguments)
    mapping.map(value, shared->addArgument(value.getType(), value.getLoc()));
  OpBuilder builder = OpBuilder::atBlockEnd(shared);
  for (Operation *op : epilogueOps(reference, sharing.length))
    builder.clone(*op, mapping);

  // What each block passes, read before any block changes.
  SmallVector<SmallVector<Value>> passed;
  for (Block *block : sharing.blocks) {
    std::map<Reg, Value> read =
        *valuesReadBy(block, reference, sharing.length);
    passed.push_back(llvm::to_vector(llvm::make_second_range(read)));
  }
  for (auto [block, operands] : llvm::zip_equal(sharing.blocks, passed)) {
    SmallVector<Operation *> ops = epilogueOps(block, sharing.length);
    Location loc = ops.back()->getLoc();
    for (Operation *op : llvm::reverse(ops)) {
      op->dropAllUses();
      op->erase();
    }
    builder.setInsertionPointToEnd(block);
    if (block == hottest)
      FallthroughOp::create(builder, loc, operands, shared);
    else
      JumpOp::create(builder, loc, operands, shared);
  }
}

unsigned EpilogueSharer::run() {
  SmallVector<Block *> returns;
  for (Block &block : func.getBody())
    if (auto ret = dyn_cast<JumpIndOp>(block.getTerminator());
        ret && isReturn(ret))
      returns.push_back(&block);
  if (returns.size() < 2)
    return 0;

  double total = 0;
  for (Block &block : func.getBody())
    total += frequency.getFrequency(&block) * double(blockCost(&block, options));
  budget = maxGasIncrease / 100.0 * total;

  // Each return in turn seeds a set: the returns whose epilogue agrees
  // with it over `length` ops, for each length one of them gives.
  Sharing best;
  for (Block *seed : returns) {
    SmallVector<unsigned> lengths;
    for (Block *other : returns)
      if (other != seed)
        if (unsigned length = commonEpilogueLength(seed, other).value_or(0);
            length > 0 && !llvm::is_contained(lengths, length))
          lengths.push_back(length);
    for (unsigned length : lengths) {
      Sharing sharing = choose(seed, returns, length);
      if (sharing.bytesSaved > best.bytesSaved)
        best = std::move(sharing);
    }
  }
  if (best.bytesSaved <= 0 ||
      !shouldApplyRewrite(func, kPassName,
                          ("share an epilogue of " +
                           std::to_string(best.length) + " instructions")
                              .c_str()))
    return 0;
  apply(best);
  remark::passed(func.getLoc(),
                 remark::RemarkOpts::name("SharedEpilogue").category(kPassName))
      << remark::add("{0} returns of @{1} share an epilogue of {2} "
                     "instructions and the return ({3} bytes less)",
                     best.blocks.size(), func.getSymName(), best.length,
                     best.bytesSaved);
  return best.blocks.size();
}

struct ShareEpiloguesPass
    : public grey::pvm::impl::PVMShareEpiloguesBase<ShareEpiloguesPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) {
      NoReturnFunctions noReturn(program);
      for (FuncOp func : program.getBody().front().getOps<FuncOp>())
        EpilogueSharer(func, noReturn, maxGasIncrease).run();
    });
  }
};

} // namespace
