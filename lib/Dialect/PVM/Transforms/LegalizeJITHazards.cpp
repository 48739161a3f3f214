//===- LegalizeJITHazards.cpp - pvm-legalize-jit-hazards -------------------===//
//
// Rewrites the instruction patterns javm's x86-64 recompiler miscompiles
// (found by blob::findJITHazards on each block's encoded instructions) into
// equivalent forms, choosing the one whose block the gas model charges least.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Gas/BlockCost.h"
#include "grey/Target/Blob/JITHazards.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "mlir/Analysis/Liveness.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Dominance.h"
#include "llvm/ADT/DenseSet.h"

#include <bitset>
#include <functional>

namespace grey::pvm {
#define GEN_PASS_DEF_PVMLEGALIZEJITHAZARDS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;
using blob::Instruction;
using blob::JITHazard;
using blob::JITHazardKind;

namespace {

using RegisterSet = std::bitset<kNumRegs>;

/// φ1, the RISC-V stack pointer: memory just below it is free stack.
constexpr unsigned kStackPointer = 1;

std::optional<unsigned> registerOf(Value value) {
  auto type = dyn_cast<RegType>(value.getType());
  if (!type || !type.isAllocated())
    return std::nullopt;
  return unsigned(*type.getReg());
}

Type registerType(MLIRContext *ctx, unsigned reg) {
  return RegType::get(ctx, Reg(reg));
}

/// The values holding a register at the point just before `op`: defined
/// earlier in the block or live into it, and read at or after `op` or live
/// out of the block. The pass's only question about liveness, so a register
/// liveness analysis can answer it instead.
SmallVector<Value> liveValuesBefore(Operation *op, const Liveness &liveness) {
  Block *block = op->getBlock();
  const LivenessBlockInfo *info = liveness.getLiveness(block);
  auto isLive = [&](Value value) {
    if (info && info->isLiveOut(value))
      return true;
    for (Operation *user : value.getUsers()) {
      Operation *here = block->findAncestorOpInBlock(*user);
      if (here && (here == op || op->isBeforeInBlock(here)))
        return true;
    }
    return false;
  };
  SmallVector<Value> live;
  auto consider = [&](Value value) {
    if (registerOf(value) && isLive(value))
      live.push_back(value);
  };
  if (info)
    for (Value value : info->in())
      if (value.getParentBlock() != block)
        consider(value);
  for (BlockArgument arg : block->getArguments())
    consider(arg);
  for (Operation &earlier : *block) {
    if (&earlier == op)
      break;
    for (Value result : earlier.getResults())
      consider(result);
  }
  return live;
}

RegisterSet registersOf(ArrayRef<Value> values) {
  RegisterSet regs;
  for (Value value : values)
    regs.set(*registerOf(value));
  return regs;
}

//===----------------------------------------------------------------------===//
// Blocks as instruction streams
//===----------------------------------------------------------------------===//

/// The instructions a block encodes to, with the op each comes from.
struct Stream {
  SmallVector<Operation *> ops;
  std::vector<Instruction> insts;

  size_t indexOf(Operation *op) const {
    return size_t(llvm::find(ops, op) - ops.begin());
  }
};

Stream streamOf(Block &block, const DenseSet<Operation *> &skip = {}) {
  Stream stream;
  for (Operation &op : block) {
    if (blob::emitsNoCode(&op) || skip.contains(&op))
      continue;
    Instruction inst = blob::instructionOrUnknown(&op);
    inst.pc = uint32_t(stream.insts.size());
    stream.ops.push_back(&op);
    stream.insts.push_back(inst);
  }
  return stream;
}

/// What the recompiler charges for the gas blocks of a stream.
uint64_t costOf(ArrayRef<Instruction> insts) {
  gas::CostOptions options;
  uint64_t total = 0;
  size_t start = 0;
  for (size_t i = 0; i <= insts.size(); ++i) {
    bool ends = i == insts.size() ||
                lookupOpcode(insts[i].opcode).isGasTerminator ||
                !lookupOpcode(insts[i].opcode).isValid();
    if (!ends)
      continue;
    size_t end = std::min(i + 1, insts.size());
    if (end > start)
      total += gas::straightLineCost(insts.slice(start, end - start), options);
    start = end;
  }
  return total;
}

//===----------------------------------------------------------------------===//
// Rewrites
//===----------------------------------------------------------------------===//

/// One way to remove a hazard, built in place: new ops, ops they replace
/// and the values whose uses move.
struct Rewrite {
  SmallVector<Operation *> added;
  /// In the order they can be erased (users first).
  SmallVector<Operation *> removed;
  SmallVector<std::pair<Value, Value>> replaced;

  /// Where the rewritten code ends (for reloading borrowed registers).
  Operation *last() const { return added.back(); }

  template <typename OpT, typename... Args>
  OpT add(OpBuilder &builder, Location loc, Args &&...args) {
    auto op = OpT::create(builder, loc, std::forward<Args>(args)...);
    added.push_back(op);
    return op;
  }
  Operation *clone(OpBuilder &builder, Operation *op) {
    Operation *copy = builder.clone(*op);
    added.push_back(copy);
    return copy;
  }
  void discard() {
    for (Operation *op : llvm::reverse(added))
      op->erase();
    added.clear();
  }
  void commit() {
    for (auto [from, to] : replaced)
      from.replaceAllUsesWith(to);
    for (Operation *op : removed)
      op->erase();
  }
};

/// Builds one candidate rewrite; returns false (leaving `rewrite` to be
/// discarded) when it does not apply.
using Candidate = std::function<bool(Rewrite &)>;

/// Registers a rewrite may write: those holding no live value just before
/// the hazardous op, and just after it (which adds its dying operands).
struct Scratch {
  RegisterSet before, after;
};

/// Hands out registers of a set, lowest first.
class RegisterPool {
public:
  explicit RegisterPool(RegisterSet free) : free(free) {}
  std::optional<unsigned> take() {
    for (unsigned r = 0; r < kNumRegs; ++r)
      if (free.test(r)) {
        free.reset(r);
        return r;
      }
    return std::nullopt;
  }
  void give(unsigned r) { free.set(r); }

private:
  RegisterSet free;
};

IntegerAttr imm(OpBuilder &builder, int64_t value) {
  return builder.getI64IntegerAttr(value);
}

/// A: compute the shift into another register and move it to φ12, or move
/// the count out of φ12 first.
void shiftCandidates(Operation *shift, const Scratch &scratch,
                     SmallVectorImpl<Candidate> &out) {
  MLIRContext *ctx = shift->getContext();
  Value result = shift->getResult(0);
  unsigned resultReg = *registerOf(result);
  for (unsigned t = 0; t < kNumRegs; ++t) {
    if (t == resultReg || !scratch.after.test(t))
      continue;
    out.push_back([=](Rewrite &rewrite) {
      OpBuilder builder(shift);
      Operation *into = rewrite.clone(builder, shift);
      into->getResult(0).setType(registerType(ctx, t));
      auto move = rewrite.add<MoveRegOp>(builder, shift->getLoc(),
                                         result.getType(), into->getResult(0));
      rewrite.removed.push_back(shift);
      rewrite.replaced.push_back({result, move});
      return true;
    });
  }
  // The count is the last register operand (`rhs`, or `rs` of the _alt
  // forms).
  unsigned countIndex = shift->getNumOperands() - 1;
  Value count = shift->getOperand(countIndex);
  if (registerOf(count) != resultReg)
    return;
  for (unsigned t = 0; t < kNumRegs; ++t) {
    if (t == resultReg || !scratch.before.test(t))
      continue;
    out.push_back([=](Rewrite &rewrite) {
      OpBuilder builder(shift);
      auto move = rewrite.add<MoveRegOp>(builder, shift->getLoc(),
                                         registerType(ctx, t), count);
      Operation *copy = rewrite.clone(builder, shift);
      copy->setOperand(countIndex, move);
      rewrite.removed.push_back(shift);
      rewrite.replaced.push_back({result, copy->getResult(0)});
      return true;
    });
  }
}

/// B: the shift or add that started the address record, without a record:
/// `move_reg D,S` and an in-place shift, or a multiply.
void addressCandidates(Operation *root, SmallVectorImpl<Candidate> &out) {
  Value source = root->getOperand(0);
  int64_t shift = 1;
  if (auto shl = dyn_cast<ShloLImm64Op>(root))
    shift = shl.getImm() % 64;
  Value result = root->getResult(0);
  Type type = result.getType();
  Location loc = root->getLoc();
  out.push_back([=](Rewrite &rewrite) {
    OpBuilder builder(root);
    auto copy = rewrite.add<MoveRegOp>(builder, loc, type, source);
    auto shifted = rewrite.add<ShloLImm64Op>(builder, loc, type, copy,
                                             imm(builder, shift));
    rewrite.removed.push_back(root);
    rewrite.replaced.push_back({result, shifted});
    return true;
  });
  out.push_back([=](Rewrite &rewrite) {
    OpBuilder builder(root);
    auto product = rewrite.add<MulImm64Op>(builder, loc, type, source,
                                           imm(builder, int64_t(1) << shift));
    rewrite.removed.push_back(root);
    rewrite.replaced.push_back({result, product});
    return true;
  });
}

/// C: `D = A + A; D = D + D` as one shift or multiply, or the second add as
/// a shift.
void fusionCandidates(Operation *first, Operation *second,
                      SmallVectorImpl<Candidate> &out) {
  Value a = first->getOperand(0), twice = first->getResult(0);
  Value result = second->getResult(0);
  Type type = result.getType();
  Location loc = second->getLoc();
  bool onlyFeedsSecond = llvm::all_of(
      twice.getUsers(), [&](Operation *user) { return user == second; });
  if (onlyFeedsSecond) {
    out.push_back([=](Rewrite &rewrite) {
      OpBuilder builder(first);
      Value from = a;
      if (a.getType() != type)
        from = rewrite.add<MoveRegOp>(builder, loc, type, a);
      auto shifted =
          rewrite.add<ShloLImm64Op>(builder, loc, type, from, imm(builder, 2));
      rewrite.removed.append({second, first});
      rewrite.replaced.push_back({result, shifted});
      return true;
    });
    out.push_back([=](Rewrite &rewrite) {
      OpBuilder builder(first);
      auto product =
          rewrite.add<MulImm64Op>(builder, loc, type, a, imm(builder, 4));
      rewrite.removed.append({second, first});
      rewrite.replaced.push_back({result, product});
      return true;
    });
  }
  out.push_back([=](Rewrite &rewrite) {
    OpBuilder builder(second);
    auto shifted =
        rewrite.add<ShloLImm64Op>(builder, loc, type, twice, imm(builder, 1));
    rewrite.removed.push_back(second);
    rewrite.replaced.push_back({result, shifted});
    return true;
  });
}

/// D: any instruction but an add or a compare between the add and the
/// `set_lt_u` clears the recompiler's carry record: a move into a free
/// register, or a store of φ1 just below the stack pointer.
void carryCandidates(Operation *compare, const Scratch &scratch,
                     ArrayRef<Value> liveBefore,
                     SmallVectorImpl<Candidate> &out) {
  MLIRContext *ctx = compare->getContext();
  Location loc = compare->getLoc();
  Value any = compare->getOperand(0);
  for (unsigned t = 0; t < kNumRegs; ++t) {
    if (!scratch.before.test(t))
      continue;
    out.push_back([=](Rewrite &rewrite) {
      OpBuilder builder(compare);
      rewrite.add<MoveRegOp>(builder, loc, registerType(ctx, t), any);
      return true;
    });
  }
  auto sp = llvm::find_if(liveBefore, [](Value value) {
    return registerOf(value) == kStackPointer;
  });
  if (sp == liveBefore.end())
    return;
  Value stackPointer = *sp;
  out.push_back([=](Rewrite &rewrite) {
    OpBuilder builder(compare);
    rewrite.add<StoreIndU64Op>(builder, loc, stackPointer, stackPointer,
                               imm(builder, -8));
    return true;
  });
}

/// E: extend the operands the recompiler needs extended and guard a signed
/// division so it never sees MIN / -1 (the divisor becomes 1 exactly when
/// it is -1 and the dividend 0 or MIN, where a / 1 = a / -1 and
/// a % 1 = a % -1).
void divisionCandidates(Operation *division, uint8_t issues,
                        const Scratch &scratch, ArrayRef<Value> liveAfter,
                        SmallVectorImpl<Candidate> &out) {
  bool is32 = isa<DivU32Op, DivS32Op, RemU32Op, RemS32Op>(division);
  bool isRemainder = isa<RemU32Op, RemS32Op, RemU64Op, RemS64Op>(division);
  Value a = division->getOperand(0), b = division->getOperand(1);
  // An operand's own register can hold its replacement when nothing reads
  // the operand after the division.
  auto dies = [&](Value value) {
    return a != b && !llvm::is_contained(liveAfter, value);
  };
  bool aDies = dies(a), bDies = dies(b);
  out.push_back([=](Rewrite &rewrite) {
    MLIRContext *ctx = division->getContext();
    Location loc = division->getLoc();
    OpBuilder builder(division);
    RegisterPool pool(scratch.before);
    auto scratchType = [&](Value operand, bool inPlace) -> std::optional<Type> {
      if (inPlace)
        return operand.getType();
      if (std::optional<unsigned> r = pool.take())
        return registerType(ctx, *r);
      return std::nullopt;
    };
    auto extend = [&](Type type, Value value) -> Value {
      return rewrite.add<AddImm32Op>(builder, loc, type, value,
                                     imm(builder, 0));
    };
    Value newA = a, newB = b;
    if (issues & blob::SignedOverflow) {
      std::optional<unsigned> condition = pool.take();
      if (!condition)
        return false;
      Type conditionType = registerType(ctx, *condition);
      Value t;
      if (is32)
        t = rewrite.add<AddImm32Op>(builder, loc, conditionType, b,
                                    imm(builder, 1));
      else
        t = rewrite.add<AddImm64Op>(builder, loc, conditionType, b,
                                    imm(builder, 1));
      if (!isRemainder) {
        std::optional<unsigned> doubled = pool.take();
        if (!doubled)
          return false;
        Type doubledType = registerType(ctx, *doubled);
        Value y;
        if (is32)
          y = rewrite.add<ShloLImm32Op>(builder, loc, doubledType, a,
                                        imm(builder, 1));
        else
          y = rewrite.add<ShloLImm64Op>(builder, loc, doubledType, a,
                                        imm(builder, 1));
        t = rewrite.add<OrOp>(builder, loc, conditionType, t, y);
        pool.give(*doubled);
      }
      std::optional<Type> guardType = scratchType(b, bDies);
      if (!guardType)
        return false;
      Value previous = b;
      if (is32 && (issues & blob::UnextendedDivisor))
        previous = extend(*guardType, b);
      else if (*guardType != b.getType())
        previous = rewrite.add<MoveRegOp>(builder, loc, *guardType, b);
      newB = rewrite.add<CmovIzImmOp>(builder, loc, *guardType, t,
                                      imm(builder, 1), previous);
      pool.give(*condition);
    } else if (issues & blob::UnextendedDivisor) {
      std::optional<Type> type = scratchType(b, bDies);
      if (!type)
        return false;
      newB = extend(*type, b);
    }
    if (issues & blob::UnextendedDividend) {
      if (a == b && newB != b && !(issues & blob::SignedOverflow)) {
        newA = newB;
      } else {
        std::optional<Type> type = scratchType(a, aDies);
        if (!type)
          return false;
        newA = extend(*type, a);
      }
    }
    Operation *copy = rewrite.clone(builder, division);
    copy->setOperand(0, newA);
    copy->setOperand(1, newB);
    rewrite.removed.push_back(division);
    rewrite.replaced.push_back({division->getResult(0), copy->getResult(0)});
    return true;
  });
}

//===----------------------------------------------------------------------===//
// Borrowing registers
//===----------------------------------------------------------------------===//

/// Whether every read of `value` after `op` could be renamed to a reload
/// placed right after `op`'s rewrite.
bool canRename(Value value, Operation *op, DominanceInfo &dominance,
               const Liveness &liveness) {
  Block *block = op->getBlock();
  const LivenessBlockInfo *info = liveness.getLiveness(block);
  bool liveOut = info && info->isLiveOut(value);
  for (Operation *user : value.getUsers()) {
    if (Operation *here = block->findAncestorOpInBlock(*user)) {
      if (here == op)
        return false; // `op` itself reads it
      continue; // before `op` it keeps the value, after it is renamed
    }
    if (liveOut && !dominance.dominates(block, user->getBlock()))
      return false;
  }
  return true;
}

/// Live values whose registers are lent to a rewrite: each is stored just
/// below the stack pointer before `op` and reloaded after the rewrite.
class Loan {
public:
  Loan(ArrayRef<Value> values, Operation *op, Value stackPointer)
      : values(values), stackPointer(stackPointer) {
    OpBuilder builder(op);
    for (auto [k, value] : llvm::enumerate(values))
      spills.push_back(StoreIndU64Op::create(
          builder, op->getLoc(), value, stackPointer,
          builder.getI64IntegerAttr(offset(k))));
  }

  RegisterSet registers() const { return registersOf(values); }

  /// The reloads, placed after `last`; later reads still name the old
  /// values until rename().
  SmallVector<Operation *> reload(Operation *last) {
    SmallVector<Operation *> reloads;
    OpBuilder builder(last->getBlock(), std::next(Block::iterator(last)));
    for (auto [k, value] : llvm::enumerate(values))
      reloads.push_back(LoadIndU64Op::create(
          builder, last->getLoc(), value.getType(), stackPointer,
          builder.getI64IntegerAttr(offset(k))));
    return reloads;
  }

  /// Points every read after a reload at it.
  void rename(ArrayRef<Operation *> reloads, DominanceInfo &dominance) {
    for (auto [k, value] : llvm::enumerate(values)) {
      Operation *reload = reloads[k];
      Operation *spill = spills[k];
      Value old = value;
      old.replaceUsesWithIf(reload->getResult(0), [&](OpOperand &use) {
        return use.getOwner() != spill &&
               dominance.properlyDominates(reload, use.getOwner());
      });
    }
  }

  void cancel() {
    for (Operation *spill : spills)
      spill->erase();
    spills.clear();
  }

private:
  static int64_t offset(size_t k) { return -8 * int64_t(k + 1); }

  SmallVector<Value, 2> values;
  Value stackPointer;
  SmallVector<Operation *, 2> spills;
};

//===----------------------------------------------------------------------===//
// The driver
//===----------------------------------------------------------------------===//

class Legalizer {
public:
  explicit Legalizer(FuncOp func) : func(func) {}

  LogicalResult run() {
    for (Block &block : func.getBody()) {
      // Every accepted rewrite removes at least one hazard of the block.
      while (true) {
        Stream stream = streamOf(block);
        std::vector<JITHazard> hazards = blob::findJITHazards(stream.insts);
        if (hazards.empty())
          break;
        if (failed(fix(block, stream, hazards.front(), hazards.size())))
          return failure();
      }
    }
    return success();
  }

private:
  /// What the rewrite of one hazard may use.
  struct Context {
    Operation *op;
    Scratch scratch;
    SmallVector<Value> liveBefore, liveAfter;
  };

  LogicalResult fix(Block &block, const Stream &stream,
                    const JITHazard &hazard, size_t hazardsBefore);
  void collectCandidates(const Stream &stream, const JITHazard &hazard,
                         const Context &context, RegisterSet lent,
                         SmallVectorImpl<Candidate> &out);

  FuncOp func;
};

void Legalizer::collectCandidates(const Stream &stream, const JITHazard &hazard,
                                  const Context &context, RegisterSet lent,
                                  SmallVectorImpl<Candidate> &out) {
  Operation *op = context.op;
  Scratch scratch = context.scratch;
  scratch.before |= lent;
  scratch.after |= lent;
  switch (hazard.kind) {
  case JITHazardKind::ShiftIntoCountRegister:
    return shiftCandidates(op, scratch, out);
  case JITHazardKind::StaleScaledAddress:
    return addressCandidates(stream.ops[hazard.cause], out);
  case JITHazardKind::ScaledIndexFusion:
    return fusionCandidates(op, stream.ops[hazard.index + 1], out);
  case JITHazardKind::StaleCarryFlag:
    return carryCandidates(op, scratch, context.liveBefore, out);
  case JITHazardKind::Division:
    return divisionCandidates(op, hazard.divisionIssues, scratch,
                              context.liveAfter, out);
  }
}

LogicalResult Legalizer::fix(Block &block, const Stream &stream,
                             const JITHazard &hazard, size_t hazardsBefore) {
  Operation *op = stream.ops[hazard.index];
  Liveness liveness(func);
  DominanceInfo dominance(func);
  Context context{op, {}, liveValuesBefore(op, liveness), {}};
  if (Operation *next = op->getNextNode())
    context.liveAfter = liveValuesBefore(next, liveness);
  context.scratch = {~registersOf(context.liveBefore),
                     ~registersOf(context.liveAfter)};

  // What may be lent: values live across `op` whose later reads can be
  // renamed, stored relative to the stack pointer.
  Value stackPointer;
  SmallVector<Value> lendable;
  for (Value value : context.liveBefore)
    if (registerOf(value) == kStackPointer)
      stackPointer = value;
  for (Value value : context.liveBefore)
    if (stackPointer && value != stackPointer &&
        !llvm::is_contained(op->getOperands(), value) &&
        canRename(value, op, dominance, liveness))
      lendable.push_back(value);
  // Loans to try, smallest first: none, each value, each pair.
  SmallVector<SmallVector<Value, 2>> loans = {{}};
  for (Value value : lendable)
    loans.push_back({value});
  for (size_t i = 0; i < lendable.size(); ++i)
    for (size_t j = i + 1; j < lendable.size(); ++j)
      loans.push_back({lendable[i], lendable[j]});

  // Build each rewrite, measure the block with it, take it back; keep the
  // cheapest that removes a hazard, borrowing as few registers as possible.
  struct Choice {
    size_t loan, candidate;
    uint64_t cost;
    size_t length;
  };
  std::optional<Choice> best;
  for (auto [loanIndex, values] : llvm::enumerate(loans)) {
    if (best && values.size() > loans[best->loan].size())
      break;
    Loan loan(values, op, stackPointer);
    SmallVector<Candidate> candidates;
    collectCandidates(stream, hazard, context, loan.registers(), candidates);
    for (auto [index, candidate] : llvm::enumerate(candidates)) {
      Rewrite rewrite;
      if (candidate(rewrite)) {
        SmallVector<Operation *> reloads;
        if (!values.empty())
          reloads = loan.reload(rewrite.last());
        DenseSet<Operation *> removed(rewrite.removed.begin(),
                                      rewrite.removed.end());
        Stream after = streamOf(block, removed);
        size_t hazards = blob::findJITHazards(after.insts).size();
        uint64_t cost = costOf(after.insts);
        size_t length = after.insts.size();
        if (hazards < hazardsBefore &&
            (!best || cost < best->cost ||
             (cost == best->cost && length < best->length)))
          best = Choice{loanIndex, index, cost, length};
        for (Operation *reload : reloads)
          reload->erase();
      }
      rewrite.discard();
    }
    loan.cancel();
  }
  if (!best)
    return op->emitError("internal error: cannot rewrite JIT hazard ")
           << blob::hazardLetter(hazard.kind) << " ("
           << blob::hazardName(hazard.kind) << "): " << hazard.detail;

  ArrayRef<Value> values = loans[best->loan];
  Loan loan(values, op, stackPointer);
  SmallVector<Candidate> candidates;
  collectCandidates(stream, hazard, context, loan.registers(), candidates);
  Rewrite rewrite;
  bool built = candidates[best->candidate](rewrite);
  assert(built && "a chosen rewrite builds again");
  (void)built;
  Operation *last = rewrite.last();
  rewrite.commit();
  if (!values.empty()) {
    SmallVector<Operation *> reloads = loan.reload(last);
    DominanceInfo updated(func);
    loan.rename(reloads, updated);
  }
  return success();
}

struct LegalizeJITHazardsPass
    : public grey::pvm::impl::PVMLegalizeJITHazardsBase<
          LegalizeJITHazardsPass> {
  void runOnOperation() override {
    bool failed = false;
    getOperation()->walk([&](FuncOp func) {
      failed |= mlir::failed(Legalizer(func).run());
    });
    if (failed)
      signalPassFailure();
  }
};

} // namespace
