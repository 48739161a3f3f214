//===- ForwardLoads.cpp - pvm-forward-loads -------------------------------===//
//
// Replaces a load whose bytes an earlier store or load left in a register
// (or wrote as an immediate) on every path with register operations.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/Analysis/MemoryAccess.h"
#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Dialect/PVM/Transforms/RegisterAssignment.h"
#include "grey/Support/OptBisect.h"

#include "mlir/Analysis/CFGLoopInfo.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/RegionGraphTraits.h"
#include "mlir/IR/Remarks.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/TypeSwitch.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMFORWARDLOADS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

constexpr llvm::StringLiteral kPassName = "pvm-forward-loads";

/// How the bits of a register above a location's width relate to its
/// bytes: unknown (a stored register), zero or the sign (a load's result).
enum class Extension { None, Zero, Sign };

/// What a load leaves in its register: the extension its opcode applies.
Extension extensionOf(Operation *load) {
  return llvm::TypeSwitch<Operation *, Extension>(load)
      .Case<LoadI8Op, LoadI16Op, LoadI32Op, LoadIndI8Op, LoadIndI16Op,
            LoadIndI32Op>([](Operation *) { return Extension::Sign; })
      .Default([](Operation *) { return Extension::Zero; });
}

/// The immediate a store writes (its low bytes), if it stores one.
std::optional<int64_t> storedImmediate(Operation *store) {
  return llvm::TypeSwitch<Operation *, std::optional<int64_t>>(store)
      .Case<StoreImmU8Op, StoreImmU16Op, StoreImmU32Op, StoreImmU64Op,
            StoreImmIndU8Op, StoreImmIndU16Op, StoreImmIndU32Op,
            StoreImmIndU64Op>(
          [](auto op) -> std::optional<int64_t> { return op.getValue(); })
      .Default([](Operation *) { return std::nullopt; });
}

/// The register a store writes to memory, if it stores one.
Value storedValue(Operation *store) {
  return llvm::TypeSwitch<Operation *, Value>(store)
      .Case<StoreU8Op, StoreU16Op, StoreU32Op, StoreU64Op, StoreIndU8Op,
            StoreIndU16Op, StoreIndU32Op, StoreIndU64Op>(
          [](auto op) { return op.getValue(); })
      .Default([](Operation *) { return Value(); });
}

/// Bytes whose value is known at a point: held in the low bytes of a
/// register (extended as `extension` says), or a constant.
struct Available {
  MemoryLocation loc;
  /// Null for a constant.
  Value holder;
  int64_t constant = 0;
  Extension extension = Extension::None;
  /// The store or load after which `holder` is known to hold the bytes (a
  /// copy placed right after it lives shortest); null when the paths that
  /// meet here disagree, and then the holder's definition is used.
  Operation *origin = nullptr;

  bool sameContent(const Available &other) const {
    return loc.address == other.loc.address && loc.width == other.loc.width &&
           holder == other.holder && constant == other.constant &&
           extension == other.extension;
  }
  bool operator==(const Available &other) const {
    return sameContent(other) && origin == other.origin;
  }
};

using State = SmallVector<Available, 8>;

bool sameState(const State &a, const State &b) {
  return a.size() == b.size() && llvm::all_of(a, [&](const Available &x) {
           return llvm::is_contained(b, x);
         });
}

/// Whether the register of `value` holds it just before `point`: no other
/// value of that register is defined on a path from its definition.
/// `value` dominates `point`.
bool stillHolds(Value value, Operation *point) {
  std::optional<Reg> reg = registerOf(value.getType());
  if (!reg)
    return false;
  // 1: reached the definition; -1: another value of the register; 0: keep
  // looking in the predecessors.
  auto scan = [&](Block *block, Block::iterator end) {
    for (auto it = end; it != block->begin();) {
      --it;
      for (Value result : it->getResults()) {
        if (result == value)
          return 1;
        if (registerOf(result.getType()) == reg)
          return -1;
      }
    }
    for (BlockArgument arg : block->getArguments()) {
      if (arg == value)
        return 1;
      if (registerOf(arg.getType()) == reg)
        return -1;
    }
    return block->isEntryBlock() ? -1 : 0;
  };
  Block *start = point->getBlock();
  if (int found = scan(start, point->getIterator()))
    return found > 0;
  SmallVector<Block *> worklist(start->getPredecessors());
  llvm::SmallPtrSet<Block *, 16> visited;
  while (!worklist.empty()) {
    Block *block = worklist.pop_back_val();
    if (!visited.insert(block).second)
      continue;
    int found = scan(block, block->end());
    if (found < 0)
      return false;
    if (found == 0)
      llvm::append_range(worklist, block->getPredecessors());
  }
  return true;
}

/// Where a copy of `holder` made right after `origin` (or its definition)
/// goes.
void setInsertionAfter(OpBuilder &builder, Value holder, Operation *origin) {
  if (!origin)
    origin = holder.getDefiningOp();
  if (origin && !origin->hasTrait<OpTrait::IsTerminator>()) {
    builder.setInsertionPointAfter(origin);
    return;
  }
  // A block argument, or a call's result: the start of the block where it
  // is available, after the jump-table declarations that must come first.
  Block *block = origin ? origin->getSuccessor(0) : holder.getParentBlock();
  auto it = block->begin();
  while (it != block->end() && isa<JumpTableEntryOp>(*it))
    ++it;
  builder.setInsertionPoint(block, it);
}

class LoadForwarding {
public:
  LoadForwarding(FuncOp func, const StackArgumentAreas &areas,
                 const ReadOnlyMemory &readOnly,
                 const grey::gas::CostOptions &costs)
      : func(func), model(func, &areas), readOnly(readOnly), costs(costs),
        dominance(func) {
    if (!func.getBody().hasOneBlock())
      loops.emplace(dominance.getDomTree(&func.getBody()));
  }

  void run();

private:
  /// The facts after `op`, given those before it (updates `state`).
  void transfer(Operation *op, State &state) const;
  /// The facts on entry to `block`, from its predecessors' exits.
  State meet(Block *block) const;
  /// The fact that holds every byte `load` reads, if any: one of `state`,
  /// or the constant bytes of read-only data (kept in `constantBytes`).
  std::optional<Available> findCover(Operation *load, const State &state) const;
  /// Replaces `load` with register operations on `fact`. Returns whether it
  /// did.
  bool forward(Operation *load, Available fact);
  std::string describe(Operation *load) const;
  /// Says why `load` stays (-Rpass-missed=pvm-forward-loads).
  void keep(Operation *load, StringRef why);

  FuncOp func;
  MemoryModel model;
  const ReadOnlyMemory &readOnly;
  const grey::gas::CostOptions &costs;
  /// The function's loops (none for one block): the blocks do not change.
  DominanceInfo dominance;
  std::optional<CFGLoopInfo> loops;
  llvm::DenseMap<Block *, State> exitStates;
  llvm::DenseSet<Block *> visited;
  /// Results of forwarded loads and what replaced them: facts found before
  /// the rewrite may name them as holders. The loads are destroyed at the
  /// end, so that no new value takes a removed one's place in this map.
  llvm::DenseMap<Value, Value> replaced;
  SmallVector<Operation *> removed;
};

void LoadForwarding::transfer(Operation *op, State &state) const {
  if (std::optional<MemoryLocation> loc = model.getLocation(op)) {
    bool isStore = op->getNumResults() == 0;
    if (!isStore) {
      if (findCover(op, state) || !loc->hasKnownOffset())
        return; // the covering fact lives on (the load will go)
      state.push_back({*loc, op->getResult(0), 0, extensionOf(op), op});
      return;
    }
    llvm::erase_if(state, [&](const Available &fact) {
      return model.mayAlias(fact.loc, *loc);
    });
    if (!loc->hasKnownOffset())
      return;
    if (std::optional<int64_t> imm = storedImmediate(op))
      state.push_back({*loc, {}, *imm, Extension::None, op});
    else
      state.push_back({*loc, storedValue(op), 0, Extension::None, op});
    return;
  }
  if (isMemoryEffectFree(op))
    return; // most ops: quick
  llvm::erase_if(state, [&](const Available &fact) {
    return model.mayAccess(op, fact.loc);
  });
}

State LoadForwarding::meet(Block *block) const {
  if (block->isEntryBlock())
    return {};
  // The exits of the predecessors visited so far (a back edge not yet seen
  // is optimistic), with the values each edge passes to the arguments.
  SmallVector<const State *> exits;
  SmallVector<std::optional<SuccessorOperands>> edges;
  for (auto it = block->pred_begin(), e = block->pred_end(); it != e; ++it) {
    if (!visited.contains(*it))
      continue;
    exits.push_back(&exitStates.find(*it)->second);
    auto branch = dyn_cast<BranchOpInterface>((*it)->getTerminator());
    edges.push_back(branch ? std::optional<SuccessorOperands>(
                                 branch.getSuccessorOperands(
                                     it.getSuccessorIndex()))
                           : std::nullopt);
  }
  if (exits.empty())
    return {};

  State result;
  for (const Available &fact : *exits.front()) {
    Available merged = fact;
    SmallVector<Value> holders{fact.holder};
    bool present = true;
    for (const State *exit : llvm::drop_begin(exits)) {
      const Available *match = nullptr;
      for (const Available &other : *exit) {
        bool alike = other.loc.address == fact.loc.address &&
                     other.loc.width == fact.loc.width &&
                     other.extension == fact.extension &&
                     !other.holder == !fact.holder &&
                     (fact.holder || other.constant == fact.constant);
        if (alike && (!match || other.holder == fact.holder))
          match = &other;
      }
      if (!match) {
        present = false;
        break;
      }
      holders.push_back(match->holder);
      if (match->origin != merged.origin)
        merged.origin = nullptr;
    }
    if (!present)
      continue;
    if (llvm::all_equal(holders)) {
      result.push_back(merged);
      continue;
    }
    // Different registers on different edges: an argument of the block
    // that receives exactly them holds the bytes.
    for (BlockArgument arg : block->getArguments()) {
      bool receives = true;
      for (auto [operands, holder] : llvm::zip(edges, holders))
        receives &= operands && (*operands)[arg.getArgNumber()] == holder;
      if (receives) {
        merged.holder = arg;
        merged.origin = nullptr;
        result.push_back(merged);
        break;
      }
    }
  }
  return result;
}

std::optional<Available>
LoadForwarding::findCover(Operation *load, const State &state) const {
  std::optional<MemoryLocation> loc = model.getLocation(load);
  if (!loc || !loc->hasKnownOffset())
    return std::nullopt;
  for (const Available &fact : llvm::reverse(state))
    if (loc->isCoveredBy(fact.loc))
      return fact;
  if (std::optional<uint64_t> bytes = readOnly.read(*loc))
    return Available{*loc, {}, int64_t(*bytes), Extension::None, nullptr};
  return std::nullopt;
}

/// The value the loaded bytes have as a sign-extended constant.
int64_t extractConstant(int64_t stored, unsigned storeWidth, int64_t shift,
                        unsigned width, Extension extension) {
  uint64_t bits = uint64_t(stored);
  if (storeWidth < 8)
    bits &= (uint64_t(1) << (8 * storeWidth)) - 1;
  bits >>= 8 * shift;
  if (width == 8)
    return int64_t(bits);
  unsigned pad = 64 - 8 * width;
  if (extension == Extension::Sign)
    return int64_t(bits << pad) >> pad;
  return int64_t((bits << pad) >> pad);
}

/// Builds the ops that turn `source` (holding `fact`'s bytes) into what
/// `load` reads, each writing `type`. Returns the final value, or `source`
/// itself when no op is needed.
Value buildExtraction(OpBuilder &builder, Location loc, Value source,
                      const Available &fact, int64_t shift, unsigned width,
                      Extension extension, Type type) {
  unsigned srcWidth = fact.loc.width;
  // Bits above the source's bytes that already are what the load leaves.
  auto upperBitsMatch = [&] {
    return srcWidth == 8 || fact.extension == extension;
  };
  if (shift == 0 && width == srcWidth && (width == 8 || upperBitsMatch()))
    return source;
  if (shift > 0 && shift + width == srcWidth && upperBitsMatch()) {
    int64_t bits = 8 * shift;
    if (extension == Extension::Sign)
      return SharRImm64Op::create(builder, loc, type, source, bits);
    return ShloRImm64Op::create(builder, loc, type, source, bits);
  }
  if (shift == 0) {
    // Extend the low bytes.
    switch (width) {
    case 1:
      if (extension == Extension::Sign)
        return SignExtend8Op::create(builder, loc, type, source);
      return AndImmOp::create(builder, loc, type, source, 0xFF);
    case 2:
      if (extension == Extension::Sign)
        return SignExtend16Op::create(builder, loc, type, source);
      return ZeroExtend16Op::create(builder, loc, type, source);
    case 4:
      if (extension == Extension::Sign)
        return AddImm32Op::create(builder, loc, type, source, 0);
      break;
    default:
      break;
    }
  }
  // Move the field to the top, then back down extending.
  int64_t high = 64 - 8 * (shift + width);
  Value top = source;
  if (high > 0)
    top = ShloLImm64Op::create(builder, loc, type, source, high);
  int64_t down = 64 - 8 * width;
  if (extension == Extension::Sign)
    return SharRImm64Op::create(builder, loc, type, top, down);
  return ShloRImm64Op::create(builder, loc, type, top, down);
}

bool LoadForwarding::forward(Operation *load, Available fact) {
  // A holder that was itself a forwarded load's result (stored on): its
  // replacement holds the bytes now.
  for (auto it = replaced.find(fact.holder); it != replaced.end();
       it = replaced.find(fact.holder))
    fact.holder = it->second;

  // Bytes a loop left in a register, read after the loop: forwarding them
  // would make a value of the loop live after it, which keeps the loop from
  // being unrolled, for at most one load per exit.
  if (fact.holder && loops) {
    Block *from = fact.origin ? fact.origin->getBlock()
                              : fact.holder.getParentBlock();
    if (CFGLoop *loop = loops->getLoopFor(from);
        loop && !loop->contains(load->getBlock())) {
      keep(load, "its bytes are a value of a loop it comes after");
      return false;
    }
  }

  MemoryLocation loc = *model.getLocation(load);
  int64_t shift = *loc.distanceFrom(fact.loc);
  Value result = load->getResult(0);
  Type type = result.getType();
  Extension extension = extensionOf(load);
  Block *block = load->getBlock();
  uint64_t before = blockCost(block, costs);

  OpBuilder builder(load);
  Location where = load->getLoc();
  Operation *previous = load->getPrevNode();
  Operation *copy = nullptr;
  uint64_t copyBlockBefore = 0;
  Value replacement;
  if (!fact.holder) {
    int64_t value = extractConstant(fact.constant, fact.loc.width, shift,
                                    loc.width, extension);
    if (value == int64_t(int32_t(value)))
      replacement = LoadImmOp::create(builder, where, type, value);
    else
      replacement = LoadImm64Op::create(builder, where, type, value);
  } else {
    Value source = fact.holder;
    if (!stillHolds(source, load)) {
      // The register was overwritten: copy the bytes into a register of
      // their own where they are still there.
      OpBuilder copyBuilder(func.getContext());
      setInsertionAfter(copyBuilder, fact.holder, fact.origin);
      copyBlockBefore = blockCost(copyBuilder.getBlock(), costs);
      copy = MoveRegOp::create(copyBuilder, where,
                               RegType::get(func.getContext()), fact.holder);
      source = copy->getResult(0);
    }
    replacement = buildExtraction(builder, where, source, fact, shift,
                                  loc.width, extension, type);
    if (replacement.getType() != type)
      replacement = MoveRegOp::create(builder, where, type, replacement);
  }
  // The ops built just before the load (the copy may be among them when
  // the bytes were stored right before).
  SmallVector<Operation *> added;
  for (Operation *op = load->getPrevNode(); op != previous;
       op = op->getPrevNode())
    if (op != copy)
      added.push_back(op);

  // Take the load out (unlinked, reading nothing) so that liveness sees
  // the code as rewritten; it goes back on undo.
  SmallVector<OpOperand *> uses =
      llvm::map_to_vector(result.getUses(), [](OpOperand &use) { return &use; });
  SmallVector<Value> operands(load->getOperands());
  // Where the load goes back on undo: before what followed it (new ops are
  // only ever placed before the load, or after the holder's origin).
  Operation *next = load->getNextNode();
  result.replaceAllUsesWith(replacement);
  load->remove();
  load->dropAllReferences();

  auto undo = [&] {
    OpBuilder back(func.getContext());
    if (next)
      back.setInsertionPoint(next);
    else
      back.setInsertionPointToEnd(block);
    back.insert(load);
    load->setOperands(operands);
    for (OpOperand *use : uses)
      use->set(result);
    for (Operation *op : added)
      op->erase();
    if (copy)
      copy->erase();
    return false;
  };

  if (copy) {
    RegisterAssigner assigner(func);
    SmallVector<Reg> preferred;
    if (std::optional<Reg> reg = registerOf(type))
      preferred.push_back(*reg);
    if (failed(assigner.assign(copy->getResult(0), preferred))) {
      keep(load, "no register is free to keep the bytes from where they "
                 "are stored");
      return undo();
    }
    // The copy may have taken the load's own register: then the final move
    // is a no-op.
    if (auto move = replacement.getDefiningOp<MoveRegOp>();
        move && move.getRs().getType() == type) {
      replacement = move.getRs();
      for (OpOperand *use : uses)
        use->set(replacement);
      llvm::erase(added, move.getOperation());
      move.erase();
    }
  }
  uint64_t after = blockCost(block, costs);
  uint64_t copyBlockAfter =
      copy && copy->getBlock() != block ? blockCost(copy->getBlock(), costs)
                                        : copyBlockBefore;
  if (after + copyBlockAfter > before + copyBlockBefore) {
    keep(load, "register operations would cost more gas than the load");
    return undo();
  }
  remark::passed(load->getLoc(), remark::RemarkOpts::name("Forwarded")
                                     .category(kPassName)
                                     .function(func.getSymName()))
      << remark::add("{0} replaced by register operations", describe(load));
  replaced[result] = replacement;
  removed.push_back(load);
  return true;
}

void LoadForwarding::keep(Operation *load, StringRef why) {
  remark::missed(load->getLoc(), remark::RemarkOpts::name("NotForwarded")
                                     .category(kPassName)
                                     .function(func.getSymName()))
      << remark::reason("{0} stays: {1}", describe(load), why);
}

/// "load_ind_u64 frame-8 width 8" for bisection output.
std::string LoadForwarding::describe(Operation *load) const {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "forward " << load->getName().stripDialect() << " ";
  model.getLocation(load)->print(os);
  return text;
}

void LoadForwarding::run() {
  Region &body = func.getBody();
  SmallVector<Block *> order;
  for (Block *block : llvm::ReversePostOrderTraversal<Region *>(&body))
    order.push_back(block);

  // Available facts at every block exit, to a fixed point.
  constexpr unsigned kMaxRounds = 20;
  bool converged = false;
  for (unsigned round = 0; round < kMaxRounds && !converged; ++round) {
    // The first round sees back edges optimistically: never final.
    converged = round > 0;
    for (Block *block : order) {
      State state = meet(block);
      for (Operation &op : *block)
        transfer(&op, state);
      visited.insert(block);
      auto [it, inserted] = exitStates.try_emplace(block, state);
      if (!inserted && !sameState(it->second, state)) {
        it->second = std::move(state);
        converged = false;
      }
    }
  }
  if (!converged)
    return;

  // Entry states first: rewriting changes the ops the states talk about.
  llvm::DenseMap<Block *, State> entryStates;
  for (Block *block : order)
    entryStates[block] = meet(block);
  for (Block *block : order) {
    // Which loads of the block are covered, found before any rewrite
    // (covered loads add no facts, so rewriting them changes none), then
    // rewritten last first, so that each cost comparison sees the later
    // loads already gone.
    State state = entryStates[block];
    SmallVector<std::pair<Operation *, Available>> covered;
    for (Operation &op : *block) {
      if (op.getNumResults() == 1 && model.getLocation(&op))
        if (std::optional<Available> fact = findCover(&op, state))
          covered.push_back({&op, *fact});
      transfer(&op, state);
    }
    for (auto &[load, fact] : llvm::reverse(covered))
      if (grey::shouldApplyRewrite(func, kPassName, describe(load)))
        forward(load, fact);
  }
  for (Operation *load : removed)
    load->destroy();
}

struct ForwardLoadsPass
    : public grey::pvm::impl::PVMForwardLoadsBase<ForwardLoadsPass> {
  void runOnOperation() override {
    ProgramOp program = getOperation();
    grey::gas::CostOptions costs = optimizerCostOptionsFor(program);
    StackArgumentAreas areas(program);
    ReadOnlyMemory readOnly(program);
    for (FuncOp func : program.getOps<FuncOp>())
      LoadForwarding(func, areas, readOnly, costs).run();
  }
};

} // namespace
