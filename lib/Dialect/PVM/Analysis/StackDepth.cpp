//===- StackDepth.cpp - how deep a program's stack can grow ---------------===//
//
// A forward dataflow over each function's blocks follows the stack pointer;
// a walk over the code it reaches turns that into the function's own frame
// depth and its calls; the strongly connected components of the call graph
// give the depth of a whole run, or the cycle that makes it unbounded.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/StackDepth.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <cstdlib>
#include <deque>

using namespace mlir;
using namespace grey::pvm;

//===----------------------------------------------------------------------===//
// Where each value is relative to the entry stack pointer
//===----------------------------------------------------------------------===//

namespace {

bool isRegister(Type type, Reg reg) {
  auto regType = dyn_cast<RegType>(type);
  return regType && regType.getReg() == reg;
}

/// What a value is relative to the stack pointer its function was entered
/// with: `sp_entry + o` for some `o` in [lo, hi] (one offset, unless the
/// stack pointer was aligned down), a constant, or neither.
class StackOffset {
public:
  /// Not computed yet (the lattice's bottom).
  StackOffset() = default;
  static StackOffset at(int64_t offset) { return range(offset, offset); }
  static StackOffset range(int64_t lo, int64_t hi) {
    return {Kind::Offset, lo, hi};
  }
  static StackOffset constant(int64_t value) {
    return {Kind::Constant, value, value};
  }
  static StackOffset unknown() { return {Kind::Unknown, 0, 0}; }

  bool isUninitialized() const { return kind == Kind::Uninitialized; }
  /// The offsets from the entry stack pointer the value can have.
  std::optional<std::pair<int64_t, int64_t>> getRange() const {
    if (kind != Kind::Offset)
      return std::nullopt;
    return std::make_pair(lo, hi);
  }
  /// The one offset from the entry stack pointer the value has.
  std::optional<int64_t> getOffset() const {
    return kind == Kind::Offset && lo == hi ? std::optional<int64_t>(lo)
                                            : std::nullopt;
  }
  std::optional<int64_t> getConstant() const {
    return kind == Kind::Constant ? std::optional<int64_t>(lo) : std::nullopt;
  }

  bool operator==(const StackOffset &other) const {
    return kind == other.kind && lo == other.lo && hi == other.hi;
  }
  /// The least value above both; returns whether `*this` changed.
  bool join(const StackOffset &other) {
    StackOffset joined = other.isUninitialized() || *this == other ? *this
                         : isUninitialized()                       ? other
                                                                   : unknown();
    bool changed = !(joined == *this);
    *this = joined;
    return changed;
  }

private:
  enum class Kind { Uninitialized, Offset, Constant, Unknown };
  StackOffset(Kind kind, int64_t lo, int64_t hi) : kind(kind), lo(lo), hi(hi) {}
  Kind kind = Kind::Uninitialized;
  int64_t lo = 0, hi = 0;
};

/// Offsets this far from the entry stack pointer are not a frame; treating
/// them as unknown also keeps the arithmetic below from overflowing.
constexpr int64_t kMaxFrameOffset = int64_t(1) << 32;
/// The largest alignment a function may align its stack pointer to.
constexpr int64_t kMaxStackAlignment = 1 << 16;

StackOffset offsetBy(const StackOffset &base, std::optional<int64_t> delta) {
  auto range = base.getRange();
  if (!range || !delta || std::abs(*delta) > kMaxFrameOffset ||
      std::abs(range->first + *delta) > kMaxFrameOffset ||
      std::abs(range->second + *delta) > kMaxFrameOffset)
    return StackOffset::unknown();
  return StackOffset::range(range->first + *delta, range->second + *delta);
}

/// The program's functions by name, looked up once.
class Functions {
public:
  explicit Functions(llvm::ArrayRef<FuncOp> funcs) {
    for (FuncOp func : funcs)
      byName[func.getSymNameAttr()] = func;
  }
  /// The function `name` refers to, or null.
  FuncOp lookup(FlatSymbolRefAttr name) const {
    return byName.lookup(name.getAttr());
  }

private:
  llvm::DenseMap<StringAttr, FuncOp> byName;
};

/// The blocks control can reach from a function's entry, knowing which
/// functions never return: the continuation of a call to one of those is
/// not reached (code that follows a call to a `noreturn` function, such as
/// a panic, may fall into the next function in the ELF).
class ReachableCode {
public:
  ReachableCode(FuncOp func, const Functions &functions,
                const llvm::DenseSet<FuncOp> &returning)
      : functions(functions), returning(returning) {
    // Depth-first, for a reverse post-order of the reachable blocks.
    llvm::SmallVector<std::pair<Block *, unsigned>> stack;
    Block *entry = &func.getBody().front();
    blocks.insert(entry);
    stack.push_back({entry, 0});
    while (!stack.empty()) {
      auto &[block, next] = stack.back();
      llvm::SmallVector<Block *, 4> successors = successorsOf(block);
      if (next < successors.size()) {
        Block *successor = successors[next++];
        if (blocks.insert(successor).second)
          stack.push_back({successor, 0});
        continue;
      }
      order.push_back(block);
      stack.pop_back();
    }
    std::reverse(order.begin(), order.end());
  }

  bool contains(Block *block) const { return blocks.contains(block); }
  /// The reachable blocks, each after its dominators.
  llvm::ArrayRef<Block *> inOrder() const { return order; }

  llvm::SmallVector<Block *, 4> successorsOf(Block *block) const {
    Operation *terminator = block->getTerminator();
    if (auto call = dyn_cast<CallOp>(terminator)) {
      FuncOp callee = functions.lookup(call.getCalleeAttr());
      if (callee && !returning.contains(callee))
        return {};
    }
    return llvm::SmallVector<Block *, 4>(terminator->getSuccessors());
  }

private:
  const Functions &functions;
  const llvm::DenseSet<FuncOp> &returning;
  llvm::SmallPtrSet<Block *, 16> blocks;
  llvm::SmallVector<Block *> order;
};

/// The functions that may return to their caller: the least set closed
/// under "has a reachable return, computed tail call or unmodelled jump,
/// or tail-calls a function of the set". Every other function only stops,
/// traps, loops or calls functions that do not return.
llvm::DenseSet<FuncOp> returningFunctions(llvm::ArrayRef<FuncOp> funcs,
                                          const Functions &functions) {
  llvm::DenseSet<FuncOp> returning;
  for (bool changed = true; changed;) {
    changed = false;
    for (FuncOp func : funcs) {
      if (returning.contains(func))
        continue;
      ReachableCode code(func, functions, returning);
      bool returns = llvm::any_of(code.inOrder(), [&](Block *block) {
        Operation *terminator = block->getTerminator();
        if (auto tail = dyn_cast<TailCallOp>(terminator)) {
          FuncOp callee = functions.lookup(tail.getCalleeAttr());
          return !callee || returning.contains(callee);
        }
        if (auto jump = dyn_cast<JumpIndOp>(terminator))
          return jump.getTargets().empty();
        return isa<LoadImmJumpIndOp>(terminator);
      });
      if (returns) {
        returning.insert(func);
        changed = true;
      }
    }
  }
  return returning;
}

/// Follows the stack pointer, and constants (frame sizes too large for an
/// immediate come in a register), through the reachable blocks of one
/// function. MLIR's sparse dataflow framework would do the iteration, but
/// it cannot see how a `jump_ind` passes block arguments: its targets
/// receive the machine's registers, which the jump names among its `uses`,
/// not successor operands.
class StackOffsets {
public:
  explicit StackOffsets(const ReachableCode &code) : code(code) {
    for (bool changed = true; changed;) {
      changed = false;
      for (Block *block : code.inOrder())
        changed |= visit(block);
    }
  }

  StackOffset lookup(Value value) const { return values.lookup(value); }

private:
  /// Updates the results of `block` and the arguments of its successors.
  bool visit(Block *block) {
    bool changed = false;
    for (Operation &op : *block) {
      StackOffset result = transfer(&op);
      for (Value value : op.getResults())
        changed |= values[value].join(result);
    }
    Operation *terminator = block->getTerminator();
    auto branch = dyn_cast<BranchOpInterface>(terminator);
    for (auto [index, successor] :
         llvm::enumerate(terminator->getSuccessors())) {
      if (!code.contains(successor))
        continue;
      for (BlockArgument arg : successor->getArguments())
        changed |= values[arg].join(incoming(terminator, branch, index, arg));
    }
    return changed;
  }

  /// What `terminator` passes to argument `arg` of its successor `index`.
  StackOffset incoming(Operation *terminator, BranchOpInterface branch,
                       unsigned index, BlockArgument arg) const {
    if (branch) {
      SuccessorOperands operands = branch.getSuccessorOperands(index);
      Value value = operands[arg.getArgNumber()];
      return value ? lookup(value) : StackOffset::unknown();
    }
    // Anything else hands over the register itself: a `jump_ind` names the
    // registers its targets read among its operands.
    for (Value operand : terminator->getOperands())
      if (operand.getType() == arg.getType())
        return lookup(operand);
    return StackOffset::unknown();
  }

  StackOffset transfer(Operation *op) const {
    auto operand = [&](unsigned i) { return lookup(op->getOperand(i)); };
    return TypeSwitch<Operation *, StackOffset>(op)
        .Case<LoadImmOp, LoadImm64Op>(
            [](auto load) { return StackOffset::constant(load.getValue()); })
        .Case([&](GetRegisterOp get) {
          // The machine's sp before the first instruction of a function
          // is the entry value; anywhere else it is not followed here.
          Block *block = get->getBlock();
          bool atEntry =
              block->isEntryBlock() &&
              llvm::all_of(
                  llvm::make_range(block->begin(), Block::iterator(get)),
                  [](Operation &before) {
                    return isa<GetRegisterOp, JumpTableEntryOp>(before);
                  });
          return isRegister(get.getType(), Reg::R1) && atEntry
                     ? StackOffset::at(0)
                     : StackOffset::unknown();
        })
        .Case([&](AddImm64Op add) {
          if (std::optional<int64_t> k = operand(0).getConstant())
            return StackOffset::constant(int64_t(uint64_t(*k) + add.getImm()));
          return offsetBy(operand(0), add.getImm());
        })
        .Case([&](AddImm32Op add) {
          if (std::optional<int64_t> k = operand(0).getConstant())
            return StackOffset::constant(
                int32_t(uint32_t(*k) + uint32_t(add.getImm())));
          return StackOffset::unknown();
        })
        .Case([&](ShloLImm64Op shift) {
          if (std::optional<int64_t> k = operand(0).getConstant())
            return StackOffset::constant(
                int64_t(uint64_t(*k) << (uint64_t(shift.getImm()) % 64)));
          return StackOffset::unknown();
        })
        .Case([&](AndImmOp mask) {
          // Aligning down to 2^k (`andi sp, sp, -2^k`, for over-aligned
          // locals) moves the stack pointer by up to 2^k - 1 bytes.
          int64_t imm = mask.getImm();
          auto range = operand(0).getRange();
          if (!range || imm >= 0 || -imm > kMaxStackAlignment ||
              !llvm::isPowerOf2_64(uint64_t(-imm)))
            return StackOffset::unknown();
          return StackOffset::range(range->first + imm + 1, range->second);
        })
        .Case([&](Add64Op) {
          StackOffset lhs = operand(0), rhs = operand(1);
          if (lhs.getConstant() && rhs.getConstant())
            return StackOffset::constant(
                int64_t(uint64_t(*lhs.getConstant()) + *rhs.getConstant()));
          if (lhs.getRange())
            return offsetBy(lhs, rhs.getConstant());
          return offsetBy(rhs, lhs.getConstant());
        })
        .Case([&](Sub64Op) {
          StackOffset lhs = operand(0), rhs = operand(1);
          std::optional<int64_t> k = rhs.getConstant();
          if (lhs.getConstant() && k)
            return StackOffset::constant(
                int64_t(uint64_t(*lhs.getConstant()) - uint64_t(*k)));
          if (lhs.getOffset() && rhs.getOffset()) // a pointer difference
            return StackOffset::constant(*lhs.getOffset() - *rhs.getOffset());
          if (k && *k == INT64_MIN)
            return StackOffset::unknown();
          return offsetBy(lhs, k ? std::optional<int64_t>(-*k) : std::nullopt);
        })
        .Case([&](MoveRegOp) { return operand(0); })
        .Default([](Operation *) { return StackOffset::unknown(); });
  }

  const ReachableCode &code;
  llvm::DenseMap<Value, StackOffset> values;
};

//===----------------------------------------------------------------------===//
// Frames
//===----------------------------------------------------------------------===//

/// The base register and immediate offset of an instruction that reads or
/// writes memory at `base + offset`.
std::optional<std::pair<Value, int64_t>> baseAndOffset(Operation *op) {
  using Result = std::optional<std::pair<Value, int64_t>>;
  return TypeSwitch<Operation *, Result>(op)
      .Case<LoadIndU8Op, LoadIndI8Op, LoadIndU16Op, LoadIndI16Op, LoadIndU32Op,
            LoadIndI32Op, LoadIndU64Op, StoreIndU8Op, StoreIndU16Op,
            StoreIndU32Op, StoreIndU64Op, StoreImmIndU8Op, StoreImmIndU16Op,
            StoreImmIndU32Op, StoreImmIndU64Op>([](auto mem) -> Result {
        return std::make_pair(Value(mem.getBase()), int64_t(mem.getOffset()));
      })
      .Default([](Operation *) -> Result { return std::nullopt; });
}

/// The address an instruction that reads or writes a hard-wired address
/// names.
std::optional<uint64_t> absoluteAddress(Operation *op) {
  using Result = std::optional<uint64_t>;
  return TypeSwitch<Operation *, Result>(op)
      .Case<LoadU8Op, LoadI8Op, LoadU16Op, LoadI16Op, LoadU32Op, LoadI32Op,
            LoadU64Op, StoreU8Op, StoreU16Op, StoreU32Op, StoreU64Op,
            StoreImmU8Op, StoreImmU16Op, StoreImmU32Op, StoreImmU64Op>(
          [](auto mem) -> Result { return uint32_t(mem.getAddress()); })
      .Default([](Operation *) -> Result { return std::nullopt; });
}

/// Whether `value` is read, and only as a branch's condition operand: then
/// it is compared, never used as an address.
bool onlyCompared(Value value) {
  return !value.use_empty() && llvm::all_of(value.getUses(), [](OpOperand &use) {
    auto branch = dyn_cast<BranchOpInterface>(use.getOwner());
    return branch && !branch.getSuccessorBlockArgument(use.getOperandNumber());
  });
}

/// The stack-pointer value among a call's or jump's `uses`.
Value stackPointerIn(ValueRange uses) {
  for (Value use : uses)
    if (isRegister(use.getType(), Reg::R1))
      return use;
  return nullptr;
}

/// Whether code may read or write its caller's frame, at or above the
/// entry stack pointer. Addresses derived from the stack pointer are
/// followed through arithmetic and block arguments; each may only be an
/// access base the offsets place below the entry value, or be compared.
/// Anything else counts: such an address stored or handed to a call or
/// jump (a `va_list` passed on), or used as a base the offsets do not pin
/// (a pointer moved by a run-time amount or around a loop, as varargs code
/// walks from its register save area into the caller's stack arguments).
bool mayTouchCallerFrame(const ReachableCode &code,
                         const StackOffsets &offsets) {
  llvm::SetVector<Value> derived;
  auto seed = [&](Value value) {
    if (offsets.lookup(value).getRange())
      derived.insert(value);
  };
  for (Block *block : code.inOrder()) {
    for (BlockArgument arg : block->getArguments())
      seed(arg);
    for (Operation &op : *block)
      for (Value result : op.getResults())
        seed(result);
  }
  for (unsigned i = 0; i < derived.size(); ++i) {
    Value value = derived[i];
    std::optional<std::pair<int64_t, int64_t>> range =
        offsets.lookup(value).getRange();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (!code.contains(user->getBlock()))
        continue;
      // The stack pointer itself is passed to every call and exit.
      if (isRegister(value.getType(), Reg::R1) &&
          isa<CallOp, CallIndirectOp, TailCallOp, JumpIndOp>(user))
        continue;
      if (auto access = baseAndOffset(user)) {
        bool stored = isa<StoreIndU8Op, StoreIndU16Op, StoreIndU32Op,
                          StoreIndU64Op>(user) &&
                      use.getOperandNumber() == 0;
        if (stored || !range || range->second + access->second >= 0)
          return true;
        continue;
      }
      if (auto branch = dyn_cast<BranchOpInterface>(user)) {
        if (std::optional<BlockArgument> arg =
                branch.getSuccessorBlockArgument(use.getOperandNumber()))
          derived.insert(*arg);
        continue;
      }
      if (isa<CallOp, CallIndirectOp, TailCallOp, JumpIndOp, LoadImmJumpIndOp,
              EcalliOp, EcallOp, StoreU8Op, StoreU16Op, StoreU32Op,
              StoreU64Op>(user))
        return true;
      for (Value result : user->getResults())
        derived.insert(result);
    }
  }
  return false;
}

/// Fills `frame` from the code of `func` its entry reaches.
void summarizeFrame(FuncOp func, const Functions &functions,
                    const llvm::DenseSet<FuncOp> &returning,
                    StackDepthAnalysis::Frame &frame) {
  ReachableCode code(func, functions, returning);
  StackOffsets offsets(code);
  auto rangeOf = [&](Value value) { return offsets.lookup(value).getRange(); };
  auto problem = [&](Operation *at, const Twine &what) {
    if (!frame.problem)
      frame.problem = {at->getLoc(), what.str()};
  };
  auto reach = [&](int64_t offset) {
    if (offset < 0)
      frame.ownBytes = std::max<uint64_t>(frame.ownBytes, uint64_t(-offset));
  };
  // Every value derived from sp by a constant is an address the function
  // may use, unless branches only compare it (memmove's `dst - src` with a
  // constant `src`); sp itself must always be one.
  auto noteValue = [&](Value value) {
    if (auto range = rangeOf(value))
      return onlyCompared(value) ? void() : reach(range->first);
    if (!isRegister(value.getType(), Reg::R1))
      return;
    if (auto arg = dyn_cast<BlockArgument>(value))
      return problem(&arg.getOwner()->front(),
                     "the stack pointer entering this block is not its "
                     "entry value plus one constant");
    Operation *definer = value.getDefiningOp();
    problem(definer, "'" + definer->getName().getStringRef() +
                         "' sets the stack pointer to a value that is not its "
                         "entry value plus a constant (a dynamic stack "
                         "allocation such as alloca or a variable-length "
                         "array?)");
  };
  // Where sp may be at a call or an exit, relative to the entry value.
  auto stackPointerAt =
      [&](Operation *op,
          ValueRange uses) -> std::optional<std::pair<int64_t, int64_t>> {
    Value sp = stackPointerIn(uses);
    if (!sp) {
      problem(op, "'" + op->getName().getStringRef() +
                      "' does not name the stack pointer among the registers "
                      "it passes on");
      return std::nullopt;
    }
    auto range = rangeOf(sp);
    if (!range)
      problem(op, "the stack pointer at '" + op->getName().getStringRef() +
                      "' is not its entry value plus a constant");
    return range;
  };
  auto calleeOf = [&](Operation *op, FlatSymbolRefAttr name) {
    FuncOp callee = functions.lookup(name);
    if (!callee)
      problem(op, "calls " + name.getValue() +
                      ", which is not a function of the program");
    return callee;
  };
  auto call = [&](Operation *op, FuncOp callee, ValueRange uses) {
    auto sp = stackPointerAt(op, uses);
    if (!sp)
      return;
    if (sp->second > 0)
      return problem(op, "calls with the stack pointer " + Twine(sp->second) +
                             " bytes above its entry value");
    frame.calls.push_back({op, callee, uint64_t(-sp->first)});
  };
  auto exitWithEntryStack = [&](Operation *op, ValueRange uses) {
    auto sp = stackPointerAt(op, uses);
    if (!sp)
      return false;
    if (sp->first == 0 && sp->second == 0)
      return true;
    if (sp->first == sp->second)
      problem(op, "leaves the function with the stack pointer " +
                      Twine(std::abs(sp->first)) + " bytes " +
                      (sp->first < 0 ? "below" : "above") + " its entry value");
    else
      problem(op, "leaves the function with the stack pointer aligned, "
                  "not back at its entry value");
    return false;
  };

  for (Block *block : code.inOrder()) {
    for (BlockArgument arg : block->getArguments())
      noteValue(arg);
    for (Operation &op : *block) {
      for (Value result : op.getResults())
        noteValue(result);
      if (auto access = baseAndOffset(&op)) {
        if (auto base = rangeOf(access->first))
          reach(base->first + access->second);
        if (auto k = offsets.lookup(access->first).getConstant())
          frame.fixedAddresses.try_emplace(
              uint32_t(uint64_t(*k) + uint64_t(access->second)), &op);
      }
      if (std::optional<uint64_t> address = absoluteAddress(&op))
        frame.fixedAddresses.try_emplace(*address, &op);
      // `sp - n` is where a dynamic allocation (alloca, a variable-length
      // array) starts. It is flagged here even when its new stack pointer
      // is never written: dead-code elimination drops a stack-pointer write
      // nothing reads, leaving the allocation below sp. A difference only
      // branches compare addresses nothing (memmove's `dst - src` once
      // inlined into a caller whose `dst` is on the stack).
      if (auto sub = dyn_cast<Sub64Op>(op);
          sub && rangeOf(sub.getLhs()) && !rangeOf(sub.getRhs()) &&
          !offsets.lookup(sub.getRhs()).getConstant() &&
          !onlyCompared(sub.getResult()))
        problem(sub, "subtracts a run-time amount from the stack pointer (a "
                     "dynamic stack allocation such as alloca or a "
                     "variable-length array?)");
      TypeSwitch<Operation *>(&op)
          .Case([&](CallOp c) {
            if (FuncOp callee = calleeOf(c, c.getCalleeAttr()))
              call(c, callee, c.getUses());
          })
          .Case([&](TailCallOp c) {
            FuncOp callee = calleeOf(c, c.getCalleeAttr());
            if (callee && exitWithEntryStack(c, c.getUses()))
              frame.calls.push_back({c, callee, 0});
          })
          .Case([&](CallIndirectOp c) { call(c, nullptr, c.getUses()); })
          .Case([&](JumpIndOp jump) {
            if (!jump.getTargets().empty())
              return; // a jump inside the function (a switch)
            bool isReturn = isRegister(jump.getBase().getType(), Reg::R0) &&
                            jump.getOffset() == 0;
            // Anything else leaves for another function's entry: a
            // computed tail call.
            if (exitWithEntryStack(jump, jump.getUses()) && !isReturn)
              frame.calls.push_back({jump, nullptr, 0});
          })
          .Case<LoadImmJumpIndOp, SbrkOp>([&](Operation *other) {
            problem(other, "'" + other->getName().getStringRef() +
                               "' is not modelled by the stack analysis");
          });
    }
  }
  frame.touchesCallerFrame = mayTouchCallerFrame(code, offsets);
}

} // namespace

//===----------------------------------------------------------------------===//
// The call graph
//===----------------------------------------------------------------------===//

namespace {

struct CallNode;
struct CallEdge {
  CallNode *callee;
  const StackDepthAnalysis::Frame::Call *call;
};
struct CallNode {
  FuncOp func;
  const StackDepthAnalysis::Frame *frame;
  llvm::SmallVector<CallEdge> edges;
};
/// Every function of a program, with one edge per possible callee of each
/// call, below a root without a function that calls them all (so one walk
/// reaches everything).
struct CallGraph {
  std::deque<CallNode> nodes;
  CallNode root;
};

} // namespace

template <> struct llvm::GraphTraits<CallGraph *> {
  using NodeRef = CallNode *;
  static NodeRef calleeOf(const CallEdge &edge) { return edge.callee; }
  using ChildIteratorType =
      llvm::mapped_iterator<llvm::SmallVector<CallEdge>::iterator,
                            decltype(&calleeOf)>;
  static NodeRef getEntryNode(CallGraph *graph) { return &graph->root; }
  static ChildIteratorType child_begin(NodeRef node) {
    return {node->edges.begin(), &calleeOf};
  }
  static ChildIteratorType child_end(NodeRef node) {
    return {node->edges.end(), &calleeOf};
  }
};

StackDepthAnalysis::StackDepthAnalysis(ProgramOp program) {
  llvm::SmallVector<FuncOp> funcs(program.getBody().front().getOps<FuncOp>());
  Functions functions(funcs);
  llvm::DenseSet<FuncOp> returning = returningFunctions(funcs, functions);
  llvm::SmallVector<FuncOp> addressTaken;
  for (FuncOp func : funcs) {
    summarizeFrame(func, functions, returning, frames[func]);
    if (!func.getBody().front().getOps<JumpTableEntryOp>().empty())
      addressTaken.push_back(func);
  }

  CallGraph graph;
  llvm::DenseMap<FuncOp, CallNode *> nodeOf;
  for (FuncOp func : funcs) {
    graph.nodes.push_back({func, &frames[func], {}});
    nodeOf[func] = &graph.nodes.back();
    graph.root.edges.push_back({&graph.nodes.back(), nullptr});
  }
  for (CallNode &node : graph.nodes)
    for (const Frame::Call &call : node.frame->calls) {
      if (call.callee) {
        node.edges.push_back({nodeOf.at(call.callee), &call});
        continue;
      }
      for (FuncOp target : addressTaken)
        node.edges.push_back({nodeOf.at(target), &call});
    }

  // Components come callees first, so every edge leaving a component leads
  // to one whose depth is settled.
  for (auto scc = llvm::scc_begin(&graph); !scc.isAtEnd(); ++scc) {
    if (scc->front() == &graph.root)
      continue;
    llvm::SmallPtrSet<CallNode *, 8> members(scc->begin(), scc->end());
    StackDepth result{0, "", std::nullopt};
    auto fail = [&](const std::string &reason, Location where) {
      if (result.bytes)
        result = {std::nullopt, reason, where};
    };
    for (CallNode *node : *scc) {
      if (const auto &problem = node->frame->problem)
        fail("@" + node->func.getSymName().str() + ": " + problem->second,
             problem->first);
      if (result.bytes)
        result.bytes = std::max(*result.bytes, node->frame->ownBytes);
      for (const CallEdge &edge : node->edges) {
        if (!members.contains(edge.callee)) {
          const StackDepth &callee = depths.at(edge.callee->func);
          if (!callee.bytes)
            fail(callee.reason, *callee.where);
          else if (result.bytes)
            result.bytes =
                std::max(*result.bytes, edge.call->atBytes + *callee.bytes);
          continue;
        }
        if (edge.call->atBytes == 0)
          continue; // a cycle that does not grow the stack
        std::string cycle;
        for (CallNode *member : *scc)
          cycle +=
              (cycle.empty() ? "@" : ", @") + member->func.getSymName().str();
        fail("recursion: a call in the cycle through " + cycle + " is made " +
                 std::to_string(edge.call->atBytes) +
                 " bytes below its function's entry stack pointer, so the "
                 "stack grows with every round",
             edge.call->site->getLoc());
      }
    }
    for (CallNode *node : *scc)
      depths[node->func] = result;
  }
}

StackDepth StackDepthAnalysis::depthFrom(FuncOp root) const {
  return depths.at(root);
}
