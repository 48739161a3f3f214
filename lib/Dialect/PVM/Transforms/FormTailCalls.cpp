//===- FormTailCalls.cpp - pvm-form-tail-calls ----------------------------===//
//
// A direct call whose return site only runs the function's return sequence
// becomes that sequence followed by a tail call: the callee returns to the
// caller's caller, and the call's return site, its return jump and the
// return address it writes go away.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/CallGraph.h"
#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"
#include "grey/Dialect/PVM/Analysis/StackDepth.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/JumpTableEntries.h"
#include "grey/Support/OptBisect.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMFORMTAILCALLS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

bool inRegister(Value value, Reg reg) {
  return registerOf(value.getType()) == reg;
}

/// Whether `func` hands an address in its own frame to code that could keep
/// it: a value derived from the stack pointer (other than the stack pointer
/// itself, which every call passes) is stored to memory or passed to a
/// call, tail call or jump. Host calls only read it while they run.
bool frameEscapes(FuncOp func) {
  llvm::SetVector<Value> derived;
  func.walk([&](Operation *op) {
    for (Value result : op->getResults())
      if (inRegister(result, Reg::R1))
        derived.insert(result);
  });
  for (Block &block : func.getBody())
    for (BlockArgument arg : block.getArguments())
      if (inRegister(arg, Reg::R1))
        derived.insert(arg);
  for (unsigned i = 0; i < derived.size(); ++i) {
    Value value = derived[i];
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      bool stackPointer = inRegister(value, Reg::R1);
      // The stack pointer goes to every call and exit; any other frame
      // address there escapes (the targets of a jump_ind are not followed).
      if (isa<CallOp, CallIndirectOp, TailCallOp, JumpIndOp, LoadImmJumpIndOp>(
              user)) {
        if (!stackPointer)
          return true;
        continue;
      }
      if (isa<StoreIndU8Op, StoreIndU16Op, StoreIndU32Op, StoreIndU64Op,
              StoreU8Op, StoreU16Op, StoreU32Op, StoreU64Op>(user) &&
          use.getOperandNumber() == 0)
        return true;
      if (auto branch = dyn_cast<BranchOpInterface>(user)) {
        if (std::optional<BlockArgument> arg =
                branch.getSuccessorBlockArgument(use.getOperandNumber()))
          derived.insert(*arg);
        continue;
      }
      // A load's result is what memory holds, not an address; anything
      // else computed from a frame address may be one.
      if (isa<LoadIndU8Op, LoadIndI8Op, LoadIndU16Op, LoadIndI16Op,
              LoadIndU32Op, LoadIndI32Op, LoadIndU64Op, EcalliOp, EcallOp>(
              user))
        continue;
      for (Value result : user->getResults())
        derived.insert(result);
    }
  }
  return false;
}

/// The functions that may touch their caller's frame: their own code does
/// (StackDepth's `touchesCallerFrame`, or code it does not understand), or
/// they tail-call one that does (a computed tail call may reach any).
llvm::DenseSet<FuncOp> touchingCallerFrame(ProgramOp program,
                                           const ProgramCallGraph &graph) {
  StackDepthAnalysis stack(program);
  llvm::DenseSet<FuncOp> touching;
  for (bool changed = true; changed;) {
    changed = false;
    for (FuncOp func : graph.getFunctions()) {
      if (touching.contains(func))
        continue;
      const StackDepthAnalysis::Frame &frame = stack.getFrame(func);
      bool touches = frame.touchesCallerFrame || frame.problem.has_value() ||
                     llvm::any_of(frame.calls, [&](const auto &call) {
                       return isa<TailCallOp, JumpIndOp>(call.site) &&
                              (!call.callee || touching.contains(call.callee));
                     });
      if (touches) {
        touching.insert(func);
        changed = true;
      }
    }
  }
  return touching;
}

/// The code a call returns to, when it runs straight into a return: the
/// continuation and the blocks it jumps or falls into (return blocks that
/// several paths share), in order.
struct ReturnPath {
  JumpTableEntryOp entry;
  SmallVector<Block *> blocks;
  JumpIndOp ret;
};

/// Follows the unconditional jumps from the continuation of `call`; fails
/// unless they end in a return.
FailureOr<ReturnPath> followReturnPath(CallOp call) {
  ReturnPath path;
  llvm::SmallPtrSet<Block *, 4> seen;
  for (Block *block = call.getContinuation(); seen.insert(block).second;) {
    path.blocks.push_back(block);
    Operation *terminator = block->getTerminator();
    if (auto ret = dyn_cast<JumpIndOp>(terminator); ret && isReturn(ret)) {
      path.ret = ret;
      return path;
    }
    if (!isa<JumpOp, FallthroughOp>(terminator))
      return failure();
    block = terminator->getSuccessor(0);
  }
  return failure();
}

/// What the return sequence does, as it runs after the call.
struct ReturnSequence {
  /// The reloads, stack-pointer adjustments and copies, in order.
  SmallVector<Operation *> ops;
  /// What each block argument along the path stands for, and each result
  /// of `ops` once copied.
  IRMapping values;

  /// The value `value` stands for before the call: through the block
  /// arguments it was passed along, and the copies of `ops`.
  Value resolve(Value value) const {
    while (Value mapped = values.lookupOrNull(value))
      value = mapped;
    return value;
  }
};

/// Checks that the path of `call` only runs a return sequence that can
/// run before the call, or says why not.
FailureOr<ReturnSequence> matchReturnSequence(CallOp call, ReturnPath &path,
                                              std::string &why) {
  path.entry = privateReturnSite(call);
  if (!path.entry) {
    why = "its return site is reached from elsewhere";
    return failure();
  }
  Block *cont = call.getContinuation();

  // The call's results go with it: only its return path may read them.
  llvm::SmallPtrSet<Block *, 4> onPath(path.blocks.begin(), path.blocks.end());
  if (llvm::any_of(call->getUsers(), [&](Operation *user) {
        return !onPath.contains(user->getBlock());
      })) {
    why = "what it returns, or its return address, is read off its return "
          "path";
    return failure();
  }

  ReturnSequence sequence;
  auto fromCall = [&](Value value) {
    return sequence.resolve(value).getDefiningOp() == call.getOperation();
  };
  // Registers the sequence writes.
  RegisterSet written;
  for (Block *block : path.blocks) {
    for (Operation &op : block->without_terminator()) {
      if (isa<JumpTableEntryOp>(op)) {
        if (block != cont) {
          why = "its return path passes a code address";
          return failure();
        }
        continue;
      }
      bool reload =
          isa<LoadIndU64Op>(op) && inRegister(op.getOperand(0), Reg::R1);
      bool popFrame = isa<AddImm64Op>(op) &&
                      inRegister(op.getOperand(0), Reg::R1) &&
                      inRegister(op.getResult(0), Reg::R1);
      if (!reload && !popFrame && !isa<MoveRegOp>(op)) {
        why = ("its return path does more than return ('" +
               op.getName().getStringRef() + "')")
                  .str();
        return failure();
      }
      if (llvm::any_of(op.getOperands(), fromCall)) {
        why = "its return path computes with what the callee returns";
        return failure();
      }
      written.insert(op.getResult(0).getType());
      sequence.ops.push_back(&op);
    }
    if (auto branch = dyn_cast<BranchOpInterface>(block->getTerminator()))
      for (auto [arg, passed] : llvm::zip_equal(
               branch->getSuccessor(0)->getArguments(),
               branch.getSuccessorOperands(0).getForwardedOperands()))
        sequence.values.map(Value(arg), passed);
  }
  JumpIndOp ret = path.ret;
  if (llvm::none_of(ret.getUses(),
                    [](Value use) { return inRegister(use, Reg::R1); })) {
    why = "its return does not pass the stack pointer";
    return failure();
  }
  if (fromCall(ret.getBase())) {
    why = "it returns through the call's own return address";
    return failure();
  }

  // The callee runs after the sequence now: it must not overwrite what the
  // callee reads, and the callee must hand back what it reloads (the return
  // address and the stack pointer are the callee's to return with).
  for (Value use : call.getUses()) {
    Reg reg = *registerOf(use.getType());
    if (reg != Reg::R1 && written.contains(reg)) {
      why = ("the return path reloads " + stringifyReg(reg) +
             ", which the call passes to the callee")
                .str();
      return failure();
    }
  }
  for (Value def : call.getDefs()) {
    Reg reg = *registerOf(def.getType());
    if (reg != Reg::R0 && reg != Reg::R1 && written.contains(reg)) {
      why = ("the return path reloads " + stringifyReg(reg) +
             ", which the callee changes")
                .str();
      return failure();
    }
  }
  return sequence;
}

/// Blocks no branch reaches any more go, with the blocks only they reached.
void eraseUnreachable(Block *block) {
  SmallVector<Block *> worklist{block};
  while (!worklist.empty()) {
    Block *dead = worklist.pop_back_val();
    if (!dead->hasNoPredecessors() || dead->isEntryBlock())
      continue;
    SmallVector<Block *> successors(dead->getSuccessors());
    dead->dropAllDefinedValueUses();
    dead->erase();
    llvm::append_range(worklist, successors);
  }
}

/// Replaces `call` by a copy of its return sequence and a tail call.
void formTailCall(CallOp call, ReturnPath &path, ReturnSequence &sequence,
                  JumpTableEntries &table) {
  OpBuilder builder(call);
  for (Operation *op : sequence.ops) {
    for (Value operand : op->getOperands())
      if (Value resolved = sequence.resolve(operand); resolved != operand)
        sequence.values.map(operand, resolved);
    builder.clone(*op, sequence.values);
  }
  // The callee reads what the call passed, with the stack pointer as the
  // return hands it back, and hands back what the return did: the values
  // the callee does not compute itself and the return address.
  SmallVector<Value> uses;
  auto passOn = [&](Value value) {
    value = sequence.resolve(value);
    if (value.getDefiningOp() == call.getOperation())
      return;
    if (llvm::none_of(uses,
                      [&](Value v) { return v.getType() == value.getType(); }))
      uses.push_back(value);
  };
  for (Value use : path.ret.getUses())
    passOn(use);
  passOn(path.ret.getBase());
  for (Value use : call.getUses())
    passOn(use);
  TailCallOp::create(builder, call.getLoc(), call.getCalleeAttr(), uses);

  // The path's blocks that only the call reached go with it; only they
  // read its results.
  Block *cont = call.getContinuation();
  table.retire(path.entry);
  call->dropAllUses();
  call.erase();
  eraseUnreachable(cont);
}

struct FormTailCallsPass
    : public grey::pvm::impl::PVMFormTailCallsBase<FormTailCallsPass> {
  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) { formTailCalls(program); });
  }

  void formTailCalls(ProgramOp program);
};

void FormTailCallsPass::formTailCalls(ProgramOp program) {
  ProgramCallGraph graph(program);
  llvm::DenseSet<FuncOp> touching = touchingCallerFrame(program, graph);
  JumpTableEntries table(program);
  auto remarkNamed = [&](StringRef name) {
    return remark::RemarkOpts::name(name).category(getArgument());
  };

  for (FuncOp func : graph.getFunctions()) {
    // The calls followed by a return, at the end of unconditional jumps.
    SmallVector<std::pair<CallOp, ReturnPath>> calls;
    func.walk([&](CallOp call) {
      if (FailureOr<ReturnPath> path = followReturnPath(call); succeeded(path))
        calls.push_back({call, std::move(*path)});
    });
    if (calls.empty())
      continue;
    bool escapes = frameEscapes(func);
    for (auto &[call, path] : calls) {
      auto missed = [&](const Twine &why) {
        remark::missed(call.getLoc(), remarkNamed("NotTailCall"))
            << remark::reason("the call of @{0} stays a call: {1}",
                              call.getCallee(), why.str());
      };
      FuncOp callee = graph.lookup(call.getCalleeAttr());
      if (!callee)
        continue;
      if (escapes) {
        missed("an address in @" + func.getSymName() +
               "'s frame escapes (stored, or passed to a call or jump)");
        continue;
      }
      if (touching.contains(callee)) {
        missed("@" + callee.getSymName() +
               " may touch its caller's frame (stack arguments, varargs, or "
               "code the stack analysis does not understand)");
        continue;
      }
      std::string why;
      FailureOr<ReturnSequence> sequence = matchReturnSequence(call, path, why);
      if (failed(sequence)) {
        missed(why);
        continue;
      }
      if (!grey::shouldApplyRewrite(
              func, getArgument(),
              ("tail-call @" + callee.getSymName() + " at a call").str()))
        continue;
      Location loc = call.getLoc();
      formTailCall(call, path, *sequence, table);
      remark::passed(loc, remarkNamed("TailCall"))
          << remark::add("the call of @{0} in @{1} is now a tail call",
                         callee.getSymName(), func.getSymName());
    }
  }
}

} // namespace
