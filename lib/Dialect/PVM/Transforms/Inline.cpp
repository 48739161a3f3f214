//===- Inline.cpp - pvm-inline --------------------------------------------===//
//
// Copies callees into their callers in place of direct calls. The copy keeps
// its registers: a call clobbers every caller-saved register, so only values
// in sp, r5 and r6 live across it, and the callee hands those back at every
// return. Where the copy writes one of them, the continuation receives the
// handed-back value as a block argument and later code reads that instead.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/CallGraph.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/JumpTableEntries.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "mlir/Analysis/CFGLoopInfo.h"
#include "mlir/Analysis/Liveness.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

#include <map>

namespace grey::pvm {
#define GEN_PASS_DEF_PVMINLINE
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-inline";

/// Instructions `func` encodes to.
unsigned instructionCount(FuncOp func) {
  unsigned count = 0;
  func.walk([&](Operation *op) {
    if (!isa<FuncOp>(op) && !grey::blob::emitsNoCode(op))
      ++count;
  });
  return count;
}

//===----------------------------------------------------------------------===//
// What a callee looks like
//===----------------------------------------------------------------------===//

/// A function whose body can be copied into a caller, and what the copy
/// needs to know about it.
struct Callee {
  mutable FuncOp body;
  unsigned size = 0;
  /// Registers some value of the body (other than the machine state read
  /// at entry) is typed with: what the copy may overwrite.
  RegisterSet writes;
  /// Registers every return hands back (named among its `uses`).
  RegisterSet handedBack = RegisterSet::all();
  /// The return address is stored (a frame save), so the copy needs its
  /// value.
  bool savesLink = false;
  /// Estimated gas the entry and return blocks cost around the body, for
  /// the per-site saving.
  Block *firstBody = nullptr;
  llvm::SmallVector<JumpIndOp> returns;
};

/// Checks that `func` can be copied and collects what the copy needs, or
/// says why not.
FailureOr<Callee> analyzeCallee(FuncOp func, std::string &why) {
  Callee callee;
  callee.body = func;
  Region &body = func.getBody();
  Block *entry = &body.front();

  // The return sites of the body's own calls: the only blocks besides the
  // entry that may declare jump-table entries (the copy renumbers them).
  llvm::DenseSet<Block *> returnSites;
  func.walk([&](Operation *op) {
    if (auto call = dyn_cast<CallOp>(op))
      returnSites.insert(call.getContinuation());
    else if (auto call = dyn_cast<CallIndirectOp>(op))
      returnSites.insert(call.getContinuation());
  });

  for (Block &block : body) {
    for (BlockArgument arg : block.getArguments()) {
      if (isUnallocated(arg)) {
        why = "it has unallocated values";
        return failure();
      }
      callee.writes.insert(arg.getType());
    }
    unsigned entries = 0;
    for (Operation &op : block) {
      if (isa<JumpTableEntryOp>(op)) {
        ++entries;
        continue;
      }
      // The machine state at entry is what the call passes; elsewhere it
      // is whatever the register holds there, in the copy as well.
      if (isa<GetRegisterOp>(op) && &block == entry)
        continue;
      for (Value result : op.getResults()) {
        if (isUnallocated(result)) {
          why = "it has unallocated values";
          return failure();
        }
        callee.writes.insert(result.getType());
      }
    }
    if (&block != entry && entries &&
        (!returnSites.contains(&block) || entries > 1 ||
         !block.getSinglePredecessor())) {
      why = "code pointers reach into its body (a computed goto or a "
            "shared return site)";
      return failure();
    }

    Operation *terminator = block.getTerminator();
    if (isa<TailCallOp>(terminator)) {
      why = "it makes a tail call";
      return failure();
    }
    if (auto jump = dyn_cast<JumpIndOp>(terminator)) {
      if (!isReturn(jump)) {
        why = "it jumps through a register (a switch table or a computed "
              "jump)";
        return failure();
      }
      callee.returns.push_back(jump);
      RegisterSet passed;
      passed.insert(jump.getUses());
      callee.handedBack = callee.handedBack & passed;
    }
    if (isa<LoadImmJumpIndOp>(terminator)) {
      why = "it jumps through a register";
      return failure();
    }
  }
  if (callee.returns.empty()) {
    why = "it never returns";
    return failure();
  }

  // The return address may be jumped through (a return) or saved in the
  // frame and reloaded for a return; anything else uses it as data.
  llvm::SetVector<Value> link;
  for (auto get : entry->getOps<GetRegisterOp>())
    if (registerOf(get.getType()) == Reg::R0)
      link.insert(get.getResult());
  for (unsigned i = 0; i < link.size(); ++i) {
    for (OpOperand &use : link[i].getUses()) {
      Operation *user = use.getOwner();
      if (auto jump = dyn_cast<JumpIndOp>(user);
          jump && isReturn(jump) && use.getOperandNumber() == 0)
        continue;
      if (auto store = dyn_cast<StoreIndU64Op>(user);
          store && use.getOperandNumber() == 0) {
        callee.savesLink = true;
        continue;
      }
      if (auto move = dyn_cast<MoveRegOp>(user)) {
        link.insert(move.getRd());
        continue;
      }
      if (auto branch = dyn_cast<BranchOpInterface>(user))
        if (std::optional<BlockArgument> arg =
                branch.getSuccessorBlockArgument(use.getOperandNumber())) {
          link.insert(*arg);
          continue;
        }
      why = "it uses its return address as data";
      return failure();
    }
  }

  // The entry reads registers and falls into the body's first block.
  if (auto fall = dyn_cast<FallthroughOp>(entry->getTerminator()))
    callee.firstBody = fall.getDest();
  callee.size = instructionCount(func);
  return callee;
}

//===----------------------------------------------------------------------===//
// One call site
//===----------------------------------------------------------------------===//

/// What inlining one call needs to know about its caller.
struct CallSite {
  CallOp call;
  Block *continuation;
  JumpTableEntryOp returnEntry;
  /// Values of the caller live across the call.
  llvm::SmallVector<Value> liveAcross;
  /// Those the copy may overwrite: later code reads what the copy hands
  /// back instead.
  llvm::SmallVector<Value> handedBack;
  /// Blocks the continuation dominates (itself included).
  llvm::DenseSet<Block *> afterCall;
};

/// Checks that `call` can be replaced by a copy of `callee` and collects
/// what the rewrite needs, or says why not.
FailureOr<CallSite> analyzeSite(CallOp call, const Callee &callee,
                                const Liveness &liveness,
                                DominanceInfo &dominance, std::string &why) {
  CallSite site;
  site.call = call;
  site.continuation = call.getContinuation();
  site.returnEntry = privateReturnSite(call);
  if (!site.returnEntry) {
    why = "its return site is reached from elsewhere";
    return failure();
  }
  Block *cont = site.continuation;
  if (llvm::none_of(call.getUses(), [](Value use) {
        return registerOf(use.getType()) == Reg::R1;
      })) {
    why = "the call does not pass the stack pointer";
    return failure();
  }

  for (Value value : liveness.getLiveIn(cont)) {
    if (value.getDefiningOp() == call.getOperation())
      continue;
    if (isUnallocated(value)) {
      why = "an unallocated value lives across the call";
      return failure();
    }
    site.liveAcross.push_back(value);
  }

  Region &region = *cont->getParent();
  for (Block &block : region)
    if (dominance.dominates(cont, &block))
      site.afterCall.insert(&block);
  for (Value value : site.liveAcross) {
    std::optional<Reg> reg = registerOf(value.getType());
    if (!callee.writes.contains(*reg))
      continue;
    if (!callee.handedBack.contains(*reg)) {
      why = ("the callee writes " + stringifyReg(*reg) +
             ", which a value lives in across the call, and does not hand "
             "it back at every return")
                .str();
      return failure();
    }
    // Later code must read the handed-back value instead, which only the
    // blocks the continuation dominates can see: no other block may read
    // this value on a path from the continuation (a path that passes its
    // definition again reads a new value).
    Block *def = value.getParentBlock();
    llvm::DenseSet<Block *> reachable;
    SmallVector<Block *> worklist{cont};
    while (!worklist.empty())
      for (Block *succ : worklist.pop_back_val()->getSuccessors())
        if (succ != def && reachable.insert(succ).second)
          worklist.push_back(succ);
    for (OpOperand &use : value.getUses()) {
      Block *block = use.getOwner()->getBlock();
      if (block->getParent() == &region && !site.afterCall.contains(block) &&
          reachable.contains(block)) {
        why = ("the value in " + stringifyReg(*reg) +
               " the call preserves is read where the continuation does not "
               "dominate")
                  .str();
        return failure();
      }
    }
    site.handedBack.push_back(value);
  }
  return site;
}

/// Whether `block` ends with a fall-through into a block only it reaches,
/// which declares no jump-table entry; then the two can be one block.
Block *mergeableSuccessor(Block *block) {
  auto fall = dyn_cast<FallthroughOp>(block->getTerminator());
  if (!fall)
    return nullptr;
  Block *next = fall.getDest();
  if (next == block || !next->getSinglePredecessor() ||
      !next->getOps<JumpTableEntryOp>().empty())
    return nullptr;
  return next;
}

/// Appends the block `block` falls into to it.
void mergeWithSuccessor(Block *block) {
  auto fall = cast<FallthroughOp>(block->getTerminator());
  Block *next = fall.getDest();
  for (auto [arg, passed] :
       llvm::zip_equal(next->getArguments(), fall.getDestOperands()))
    arg.replaceAllUsesWith(passed);
  fall.erase();
  block->getOperations().splice(block->end(), next->getOperations());
  next->erase();
}

/// Replaces `site.call` by a copy of `callee`.
void inlineCall(CallSite &site, const Callee &callee, JumpTableEntries &table,
                bool mergeContinuation) {
  CallOp call = site.call;
  Block *callBlock = call->getBlock();
  Block *cont = site.continuation;
  Region &region = *callBlock->getParent();
  Location loc = call.getLoc();
  OpBuilder builder(call);
  int64_t linkAddress = 2 * (int64_t(site.returnEntry.getIndex()) + 1);

  IRMapping mapping;
  callee.body.getBody().cloneInto(&region, Region::iterator(cont), mapping);
  Block *entry = mapping.lookup(&callee.body.getBody().front());
  SmallVector<Block *> copy;
  for (auto it = Region::iterator(entry); &*it != cont; ++it)
    copy.push_back(&*it);

  // The machine state the copy reads at its entry: what the call passes,
  // what the caller keeps in the register, the return address, or
  // whatever the register holds.
  for (Operation &op : llvm::make_early_inc_range(*entry)) {
    if (isa<JumpTableEntryOp>(op)) {
      op.erase();
      continue;
    }
    auto get = dyn_cast<GetRegisterOp>(op);
    if (!get)
      continue;
    Reg reg = *registerOf(get.getType());
    Value value;
    auto inReg = [&](Value v) { return registerOf(v.getType()) == reg; };
    if (auto it = llvm::find_if(call.getUses(), inReg);
        it != call.getUses().end())
      value = *it;
    else if (auto it = llvm::find_if(site.liveAcross, inReg);
             it != site.liveAcross.end())
      value = *it;
    else if (reg == Reg::R0 && callee.savesLink)
      value = LoadImmOp::create(builder, loc, get.getType(),
                                builder.getI64IntegerAttr(linkAddress));
    else
      value = GetRegisterOp::create(builder, loc, get.getType());
    get.replaceAllUsesWith(value);
    get.erase();
  }
  for (Block *block : copy)
    for (auto returnSite : block->getOps<JumpTableEntryOp>())
      returnSite.setIndex(table.allocate());

  // The continuation receives the registers the call defined and those the
  // copy hands back.
  for (Value result : call.getResults()) {
    if (result.use_empty())
      continue;
    result.replaceAllUsesWith(cont->addArgument(result.getType(), loc));
  }
  for (Value kept : site.handedBack) {
    BlockArgument arg = cont->addArgument(kept.getType(), loc);
    kept.replaceUsesWithIf(arg, [&](OpOperand &use) {
      return site.afterCall.contains(use.getOwner()->getBlock());
    });
  }
  for (Block *block : copy) {
    auto ret = dyn_cast<JumpIndOp>(block->getTerminator());
    if (!ret || !isReturn(ret))
      continue;
    OpBuilder at(ret);
    SmallVector<Value> passed;
    for (BlockArgument arg : cont->getArguments()) {
      auto it = llvm::find_if(ret.getUses(), [&](Value v) {
        return v.getType() == arg.getType();
      });
      // A register the callee does not hand back holds whatever it left
      // there, which the caller can only pass on.
      passed.push_back(it != ret.getUses().end()
                           ? *it
                           : GetRegisterOp::create(at, ret.getLoc(),
                                                   arg.getType())
                                 .getResult());
    }
    if (block == copy.back())
      FallthroughOp::create(at, ret.getLoc(), passed, cont);
    else
      JumpOp::create(at, ret.getLoc(), passed, cont);
    ret.erase();
  }
  FallthroughOp::create(builder, loc, ValueRange(), entry);
  call.erase();

  // Nothing jumps to the call's return site any more.
  table.retire(site.returnEntry);
  // Straight-line code where the call was and where the copy returns.
  if (Block *last = cont->getSinglePredecessor();
      mergeContinuation && last && mergeableSuccessor(last) == cont)
    mergeWithSuccessor(last);
  llvm::SmallPtrSet<Block *, 8> merging(copy.begin(), copy.end());
  if (mergeContinuation)
    merging.insert(cont);
  while (Block *next = mergeableSuccessor(callBlock)) {
    if (!merging.contains(next))
      break;
    mergeWithSuccessor(callBlock);
  }
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// What the cost query expects from inlining one call.
struct Estimate {
  /// Gas saved per call.
  int64_t saving = 0;
  /// Whether the block of the callee's single return should run on into
  /// the continuation: not when the continuation's work waits on registers
  /// the return block reloads, so that one block costs more than two.
  bool mergeContinuation = false;
};

/// The gas one inlined call saves, estimated with the cost query: the
/// call's block runs on into the callee's entry and the blocks each falls
/// into alone, and a single return's block may run on into the
/// continuation, as inlineCall merges them.
Estimate estimateInlining(CallOp call, const Callee &callee,
                          const grey::gas::CostOptions &options) {
  auto append = [](SmallVector<Operation *> &ops, Block *block,
                   bool withTerminator) {
    for (Operation &op : *block)
      if (withTerminator || !op.hasTrait<OpTrait::IsTerminator>())
        ops.push_back(&op);
  };
  auto cost = [&](ArrayRef<Operation *> ops) {
    return int64_t(sequenceCost(ops, options));
  };
  Block *cont = call.getContinuation();
  Block *singleReturn = callee.returns.size() == 1
                            ? callee.returns.front()->getBlock()
                            : nullptr;
  int64_t before = blockCost(call->getBlock(), options);
  SmallVector<Operation *> merged;
  append(merged, call->getBlock(), false);
  bool chainReturns = false;
  for (Block *block = &callee.body.getBody().front(); block;) {
    before += blockCost(block, options);
    Block *next = mergeableSuccessor(block);
    chainReturns = block == singleReturn;
    append(merged, block, !next && !chainReturns);
    block = next;
  }
  Estimate estimate;
  if (!singleReturn) {
    estimate.saving = before - cost(merged);
    return estimate;
  }
  // The return's block runs on into the continuation or falls into it.
  int64_t contCost = blockCost(cont, options);
  SmallVector<Operation *> joined, returnAlone;
  if (chainReturns) {
    returnAlone = merged;
    joined = merged;
  } else {
    append(returnAlone, singleReturn, false);
    append(joined, singleReturn, false);
    before += blockCost(singleReturn, options);
  }
  append(joined, cont, true);
  int64_t head = chainReturns ? 0 : cost(merged);
  int64_t apart = head + cost(returnAlone) + contCost;
  int64_t together = head + cost(joined);
  estimate.mergeContinuation = together <= apart;
  estimate.saving = before + contCost - std::min(apart, together);
  return estimate;
}

struct InlinePass : public grey::pvm::impl::PVMInlineBase<InlinePass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) { inlineCalls(program); });
  }

  remark::RemarkOpts remarkNamed(StringRef name) const {
    return remark::RemarkOpts::name(name).category(getArgument());
  }

  void inlineCalls(ProgramOp program);
};

void InlinePass::inlineCalls(ProgramOp program) {
  ProgramCallGraph graph(program);
  JumpTableEntries table(program);
  grey::gas::CostOptions options = optimizerCostOptions();

  uint64_t programSize = 0;
  llvm::DenseMap<FuncOp, unsigned> sizeOf;
  for (FuncOp func : graph.getFunctions())
    programSize += sizeOf[func] = instructionCount(func);
  uint64_t budget = programSize * maxGrowth / 100, grown = 0;

  // Bodies of the functions of one recursive component as they were before
  // any of them changed: a copy of those never grows by itself.
  OwningOpRef<ModuleOp> snapshots = ModuleOp::create(program.getLoc());
  llvm::DenseMap<FuncOp, FuncOp> snapshotOf;
  // Each callee's shape, or why it cannot be copied, by the body copied.
  struct Analyzed {
    std::optional<Callee> callee;
    std::string why;
  };
  // (A std::map: candidates keep pointers into it while it grows.)
  std::map<Operation *, Analyzed> analyzed;

  for (const auto &component : graph.getBottomUpOrder()) {
    bool recursive = graph.isRecursive(component.front());
    if (recursive)
      for (FuncOp func : component) {
        auto copy = cast<FuncOp>(func->clone());
        snapshots->getBody()->push_back(copy);
        snapshotOf[func] = copy;
      }
    // A function's body changes while it is a caller, so it is analyzed
    // as a callee only once its own component is done.
    auto analyze = [&](FuncOp func) -> const Analyzed & {
      FuncOp body = snapshotOf.lookup(func);
      if (!body)
        body = func;
      auto [it, inserted] = analyzed.try_emplace(body.getOperation());
      if (inserted) {
        FailureOr<Callee> callee = analyzeCallee(body, it->second.why);
        if (succeeded(callee))
          it->second.callee = std::move(*callee);
      }
      return it->second;
    };

    for (FuncOp caller : component) {
      SmallVector<CallOp> calls;
      caller.walk([&](CallOp call) {
        if (graph.lookup(call.getCalleeAttr()))
          calls.push_back(call);
      });
      if (calls.empty())
        continue;
      // Sites in deeper loops first, then by saving per instruction.
      DominanceInfo dominance(caller);
      Region &region = caller.getBody();
      std::optional<CFGLoopInfo> loops;
      if (!region.hasOneBlock())
        loops.emplace(dominance.getDomTree(&region));
      struct Candidate {
        CallOp call;
        const Callee *callee;
        FuncOp target;
        unsigned depth;
        Estimate estimate;
        unsigned order;
      };
      SmallVector<Candidate> candidates;
      for (CallOp call : calls) {
        FuncOp target = graph.lookup(call.getCalleeAttr());
        const Analyzed &info = analyze(target);
        if (!info.callee) {
          remark::missed(call.getLoc(), remarkNamed("NotInlined"))
              << remark::reason("@{0} is not inlined: {1}",
                                target.getSymName(), info.why);
          continue;
        }
        unsigned depth = loops ? loops->getLoopDepth(call->getBlock()) : 0;
        candidates.push_back({call, &*info.callee, target, depth,
                              estimateInlining(call, *info.callee, options),
                              unsigned(candidates.size())});
      }
      llvm::sort(candidates, [](const Candidate &a, const Candidate &b) {
        if (a.depth != b.depth)
          return a.depth > b.depth;
        int64_t lhs = a.estimate.saving * int64_t(b.callee->size),
                rhs = b.estimate.saving * int64_t(a.callee->size);
        return lhs != rhs ? lhs > rhs : a.order < b.order;
      });

      for (Candidate &candidate : candidates) {
        const Callee &callee = *candidate.callee;
        FuncOp target = candidate.target;
        bool onlyCaller = graph.getCallSites(target).size() == 1 &&
                          !graph.isAddressTaken(target) &&
                          !graph.isEntry(target) && !recursive;
        uint64_t growth = onlyCaller ? 0 : callee.size;
        auto missed = [&](const Twine &why) {
          remark::missed(candidate.call.getLoc(), remarkNamed("NotInlined"))
              << remark::reason("@{0} is not inlined: {1}",
                                target.getSymName(), why.str());
        };
        if (!onlyCaller && callee.size > maxCalleeSize) {
          missed("it has " + Twine(callee.size) + " instructions (more than " +
                 Twine(maxCalleeSize) + ")");
          continue;
        }
        if (sizeOf[caller] + callee.size > maxFunctionSize) {
          missed("@" + caller.getSymName() + " would grow past " +
                 Twine(maxFunctionSize) + " instructions");
          continue;
        }
        if (grown + growth > budget) {
          missed("the program's growth budget is spent");
          continue;
        }
        if (candidate.estimate.saving <= 0) {
          missed("the cost query finds no saving");
          continue;
        }
        // Liveness and dominance change with every copy: ask anew.
        Liveness liveness(caller);
        DominanceInfo siteDominance(caller);
        std::string why;
        FailureOr<CallSite> site = analyzeSite(
            candidate.call, callee, liveness, siteDominance, why);
        if (failed(site)) {
          missed(why);
          continue;
        }
        if (!grey::shouldApplyRewrite(
                caller, kPassName,
                ("inline @" + target.getSymName() + " at a call").str()))
          continue;
        Location loc = candidate.call.getLoc();
        inlineCall(*site, callee, table, candidate.estimate.mergeContinuation);
        sizeOf[caller] += callee.size;
        grown += growth;
        remark::passed(loc, remarkNamed("Inlined"))
            << remark::add("inlined @{0} ({1} instructions) into @{2}, "
                           "saving about {3} gas per call",
                           target.getSymName(), callee.size,
                           caller.getSymName(), candidate.estimate.saving);
      }
    }
  }
}

} // namespace
