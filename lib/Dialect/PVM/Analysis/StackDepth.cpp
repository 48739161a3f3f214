//===- StackDepth.cpp - how deep a program's stack can grow ---------------===//
//
// A forward dataflow over each function's blocks follows the stack pointer;
// a walk over the code it reaches turns that into the function's own frame
// depth and its calls; the strongly connected components of the call graph
// give the depth of a whole run, or the cycle that makes it unbounded.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/StackDepth.h"

#include "mlir/IR/RegionGraphTraits.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/TypeSwitch.h"

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
/// with: `sp_entry + offset`, a constant, or neither.
class StackOffset {
public:
  /// Not computed yet (the lattice's bottom).
  StackOffset() = default;
  static StackOffset at(int64_t offset) { return {Kind::Offset, offset}; }
  static StackOffset constant(int64_t value) { return {Kind::Constant, value}; }
  static StackOffset unknown() { return {Kind::Unknown, 0}; }

  std::optional<int64_t> getOffset() const { return get(Kind::Offset); }
  std::optional<int64_t> getConstant() const { return get(Kind::Constant); }
  bool isUninitialized() const { return kind == Kind::Uninitialized; }

  bool operator==(const StackOffset &other) const {
    return kind == other.kind && value == other.value;
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
  StackOffset(Kind kind, int64_t value) : kind(kind), value(value) {}
  std::optional<int64_t> get(Kind wanted) const {
    return kind == wanted ? std::optional<int64_t>(value) : std::nullopt;
  }
  Kind kind = Kind::Uninitialized;
  int64_t value = 0;
};

/// Offsets this far from the entry stack pointer are not a frame; treating
/// them as unknown also keeps the arithmetic below from overflowing.
constexpr int64_t kMaxFrameOffset = int64_t(1) << 32;

StackOffset offsetBy(const StackOffset &base, std::optional<int64_t> delta) {
  std::optional<int64_t> offset = base.getOffset();
  if (!offset || !delta || std::abs(*delta) > kMaxFrameOffset ||
      std::abs(*offset + *delta) > kMaxFrameOffset)
    return StackOffset::unknown();
  return StackOffset::at(*offset + *delta);
}

/// Follows the stack pointer, and constants (frame sizes too large for an
/// immediate come in a register), through the blocks of one function that
/// its entry reaches. MLIR's sparse dataflow framework would do the
/// iteration, but it cannot see how a `jump_ind` passes block arguments:
/// its targets receive the machine's registers, which the jump names among
/// its `uses`, not successor operands.
class StackOffsets {
public:
  explicit StackOffsets(FuncOp func) {
    llvm::ReversePostOrderTraversal<Region *> order(&func.getBody());
    for (Block *block : order)
      reachable.insert(block);
    for (bool changed = true; changed;) {
      changed = false;
      for (Block *block : order)
        changed |= visit(block);
    }
  }

  bool isReachable(Block *block) const { return reachable.contains(block); }
  std::optional<int64_t> offsetOf(Value value) const {
    return lookup(value).getOffset();
  }
  std::optional<int64_t> constantOf(Value value) const {
    return lookup(value).getConstant();
  }

private:
  StackOffset lookup(Value value) const { return values.lookup(value); }

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
      for (BlockArgument arg : successor->getArguments())
        changed |= values[arg].join(
            incoming(terminator, branch, index, arg));
    }
    return changed;
  }

  /// What `terminator` passes to argument `arg` of its successor `index`.
  StackOffset incoming(Operation *terminator, BranchOpInterface branch,
                       unsigned index, BlockArgument arg) {
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

  StackOffset transfer(Operation *op) {
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
              llvm::all_of(llvm::make_range(block->begin(),
                                            Block::iterator(get)),
                           [](Operation &before) {
                             return isa<GetRegisterOp, JumpTableEntryOp>(
                                 before);
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
        .Case([&](Add64Op) {
          StackOffset lhs = operand(0), rhs = operand(1);
          if (lhs.getConstant() && rhs.getConstant())
            return StackOffset::constant(
                int64_t(uint64_t(*lhs.getConstant()) + *rhs.getConstant()));
          if (lhs.getOffset())
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

  llvm::SmallPtrSet<Block *, 16> reachable;
  llvm::DenseMap<Value, StackOffset> values;
};

} // namespace

//===----------------------------------------------------------------------===//
// Frames
//===----------------------------------------------------------------------===//

namespace {

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

/// The stack-pointer value among a call's or jump's `uses`.
Value stackPointerIn(ValueRange uses) {
  for (Value use : uses)
    if (isRegister(use.getType(), Reg::R1))
      return use;
  return nullptr;
}

/// Fills `frame` from the code of `func` its entry reaches.
void summarizeFrame(FuncOp func, StackDepthAnalysis::Frame &frame) {
  StackOffsets offsets(func);
  auto offsetOf = [&](Value value) { return offsets.offsetOf(value); };
  auto problem = [&](Operation *at, const Twine &what) {
    if (!frame.problem)
      frame.problem = {at->getLoc(), what.str()};
  };
  auto reach = [&](int64_t offset) {
    if (offset < 0)
      frame.ownBytes = std::max<uint64_t>(frame.ownBytes, uint64_t(-offset));
  };
  // Every value derived from sp by a constant is an address the function
  // may use; sp itself must always be one.
  auto noteValue = [&](Value value) {
    if (std::optional<int64_t> offset = offsetOf(value))
      return reach(*offset);
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
  // Where sp is at a call or an exit, relative to the entry value.
  auto stackPointerAt = [&](Operation *op,
                            ValueRange uses) -> std::optional<int64_t> {
    Value sp = stackPointerIn(uses);
    if (!sp) {
      problem(op, "'" + op->getName().getStringRef() +
                      "' does not name the stack pointer among the registers "
                      "it passes on");
      return std::nullopt;
    }
    std::optional<int64_t> offset = offsetOf(sp);
    if (!offset)
      problem(op, "the stack pointer at '" + op->getName().getStringRef() +
                      "' is not its entry value plus a constant");
    return offset;
  };
  auto calleeOf = [&](Operation *op, FlatSymbolRefAttr name) {
    auto callee = SymbolTable::lookupNearestSymbolFrom<FuncOp>(op, name);
    if (!callee)
      problem(op, "calls " + name.getValue() +
                      ", which is not a function of the program");
    return callee;
  };
  auto call = [&](Operation *op, FuncOp callee, ValueRange uses) {
    std::optional<int64_t> sp = stackPointerAt(op, uses);
    if (!sp)
      return;
    if (*sp > 0)
      return problem(op, "calls with the stack pointer " + Twine(*sp) +
                             " bytes above its entry value");
    frame.calls.push_back({op, callee, uint64_t(-*sp)});
  };
  auto exitWithEntryStack = [&](Operation *op, ValueRange uses) {
    std::optional<int64_t> sp = stackPointerAt(op, uses);
    if (sp && *sp != 0)
      problem(op, "leaves the function with the stack pointer " +
                      Twine(std::abs(*sp)) + " bytes " +
                      (*sp < 0 ? "below" : "above") + " its entry value");
    return sp && *sp == 0;
  };

  for (Block &block : func.getBody()) {
    if (!offsets.isReachable(&block))
      continue;
    for (BlockArgument arg : block.getArguments())
      noteValue(arg);
    for (Operation &op : block) {
      for (Value result : op.getResults())
        noteValue(result);
      if (auto access = baseAndOffset(&op))
        if (std::optional<int64_t> base = offsetOf(access->first))
          reach(*base + access->second);
      // `sp - n` is where a dynamic allocation (alloca, a variable-length
      // array) starts. It is flagged here even when its new stack pointer
      // is never written: dead-code elimination drops a stack-pointer write
      // nothing reads, leaving the allocation below sp.
      if (auto sub = dyn_cast<Sub64Op>(op);
          sub && offsetOf(sub.getLhs()) && !offsetOf(sub.getRhs()) &&
          !offsets.constantOf(sub.getRhs()))
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

template <>
struct llvm::GraphTraits<CallGraph *> {
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
  llvm::SmallVector<FuncOp> addressTaken;
  for (FuncOp func : funcs) {
    summarizeFrame(func, frames[func]);
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
            result.bytes = std::max(*result.bytes,
                                    edge.call->atBytes + *callee.bytes);
          continue;
        }
        if (edge.call->atBytes == 0)
          continue; // a cycle that does not grow the stack
        std::string cycle;
        for (CallNode *member : *scc)
          cycle += (cycle.empty() ? "@" : ", @") +
                   member->func.getSymName().str();
        fail("recursion: a call in the cycle through " + cycle +
                 " is made " + std::to_string(edge.call->atBytes) +
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
