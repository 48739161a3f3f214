//===- Schedule.cpp - pvm-schedule ------------------------------------------===//
//
// List scheduling of each gas block under the single-pass gas model: the
// instructions between two gas-block boundaries are reordered, within their
// register and memory dependences, so that long-latency instructions start
// early and the block's latest completion comes sooner. A new order is kept
// only when the model says the whole gas block costs less.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Dialect/PVM/Analysis/MemoryAccess.h"
#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Gas/BlockCost.h"
#include "grey/Support/OptBisect.h"
#include "grey/Target/Blob/JITHazards.h"
#include "grey/Target/Blob/OpInstruction.h"

#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/DenseMap.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMSCHEDULE
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey;
using namespace grey::pvm;

namespace {

/// Whether `op` may move among its neighbours at all: instructions whose
/// only effects are on registers, and loads and stores (kept in order among
/// themselves).
bool isMovable(Operation *op) {
  if (blob::emitsNoCode(op) || endsGasBlock(op) ||
      op->hasTrait<OpTrait::IsTerminator>())
    return false;
  return isMemoryEffectFree(op) || getMemoryAccess(op).has_value();
}

/// The ordering constraints among the ops of one region: `preds[i]` must
/// come before op i.
struct DependenceGraph {
  SmallVector<Operation *> ops;
  SmallVector<SmallVector<unsigned, 4>> preds;
  SmallVector<SmallVector<unsigned, 4>> succs;

  void addEdge(unsigned from, unsigned to) {
    if (from == to || llvm::is_contained(preds[to], from))
      return;
    preds[to].push_back(from);
    succs[from].push_back(to);
  }
};

/// Whether two memory ops must keep their order: one of them stores, and
/// their bytes may overlap (they are not provably apart: the same base
/// value, or both absolute, with disjoint ranges). Loads may pass loads: if
/// both can fault, the program faults either way.
bool mayConflict(const MemoryAccess &a, const MemoryAccess &b) {
  if (!a.isStore && !b.isStore)
    return false;
  if (a.base != b.base)
    return true;
  return a.offset < b.offset + int64_t(b.width) &&
         b.offset < a.offset + int64_t(a.width);
}

/// Builds the dependences of `ops` (in their original order): a value's
/// definition before its uses; a register's readers before its next writer
/// and its writers in order, since values are pinned to registers; memory
/// ops that may touch the same bytes, one of them a store, in their order.
DependenceGraph buildDependences(ArrayRef<Operation *> ops) {
  DependenceGraph graph;
  graph.ops.assign(ops.begin(), ops.end());
  graph.preds.resize(ops.size());
  graph.succs.resize(ops.size());
  llvm::DenseMap<Operation *, unsigned> index;
  for (auto [i, op] : llvm::enumerate(ops))
    index[op] = i;

  std::optional<unsigned> lastWriter[kNumRegs];
  SmallVector<unsigned, 4> readers[kNumRegs];
  SmallVector<std::pair<unsigned, MemoryAccess>> memory;
  for (auto [i, op] : llvm::enumerate(ops)) {
    for (Value operand : op->getOperands()) {
      if (Operation *def = operand.getDefiningOp())
        if (auto it = index.find(def); it != index.end())
          graph.addEdge(it->second, i);
      if (std::optional<Reg> reg = registerOf(operand.getType()))
        readers[unsigned(*reg)].push_back(i);
    }
    for (Value result : op->getResults()) {
      std::optional<Reg> reg = registerOf(result.getType());
      if (!reg)
        continue;
      unsigned r = unsigned(*reg);
      for (unsigned reader : readers[r])
        graph.addEdge(reader, i);
      if (lastWriter[r])
        graph.addEdge(*lastWriter[r], i);
      readers[r].clear();
      lastWriter[r] = i;
    }
    if (std::optional<MemoryAccess> access = getMemoryAccess(op)) {
      for (auto &[j, earlier] : memory)
        if (mayConflict(earlier, *access))
          graph.addEdge(j, i);
      memory.push_back({i, *access});
    }
  }
  return graph;
}

/// A gas block: the ops ahead of a region, the region in `order`, the rest.
SmallVector<Operation *> withOrder(ArrayRef<Operation *> before,
                                   ArrayRef<Operation *> order,
                                   ArrayRef<Operation *> after) {
  SmallVector<Operation *> ops(before.begin(), before.end());
  ops.append(order.begin(), order.end());
  ops.append(after.begin(), after.end());
  return ops;
}

/// How many of javm's recompiler hazards (JITHazards.h) `ops` contain. An
/// order that adds one would be rewritten by pvm-legalize-jit-hazards at a
/// cost the schedule does not see (carry chains of add_64 and set_lt_u
/// reordered into hazard D), so the scheduler never adds any.
size_t hazardsIn(ArrayRef<Operation *> ops) {
  std::vector<blob::Instruction> insts;
  for (Operation *op : ops) {
    if (blob::emitsNoCode(op))
      continue;
    blob::Instruction inst = blob::instructionOrUnknown(op);
    inst.pc = uint32_t(insts.size());
    insts.push_back(inst);
  }
  return blob::findJITHazards(insts).size();
}

/// List-schedules `graph`: repeatedly places, among the ops whose
/// predecessors are placed, the one with the highest `priority`, breaking
/// ties by the cycle the model would complete it at if placed now, then by
/// original order. `rows` are the ops' cost rows; `start` is the simulator
/// after the gas block's ops ahead of the region.
SmallVector<Operation *> listSchedule(const DependenceGraph &graph,
                                      ArrayRef<uint64_t> priority,
                                      ArrayRef<gas::InstructionCost> rows,
                                      const gas::SinglePassSimulator &start) {
  unsigned n = graph.ops.size();
  SmallVector<unsigned> waiting(n);
  for (unsigned i = 0; i < n; ++i)
    waiting[i] = graph.preds[i].size();
  SmallVector<bool> placed(n, false);
  SmallVector<Operation *> order;
  gas::SinglePassSimulator sim = start;
  for (unsigned step = 0; step < n; ++step) {
    std::optional<unsigned> best;
    uint64_t bestDone = 0;
    for (unsigned i = 0; i < n; ++i) {
      if (placed[i] || waiting[i])
        continue;
      gas::SinglePassSimulator trial = sim;
      uint64_t done = trial.feed(rows[i]);
      if (!best || priority[i] > priority[*best] ||
          (priority[i] == priority[*best] && done < bestDone)) {
        best = i;
        bestDone = done;
      }
    }
    placed[*best] = true;
    sim.feed(rows[*best]);
    order.push_back(graph.ops[*best]);
    for (unsigned succ : graph.succs[*best])
      --waiting[succ];
  }
  return order;
}

/// Latency-weighted longest path from each op to the end of the gas block,
/// counting the cycles of ops that read its results, and of the gas block's
/// last instruction (`tail`) when it reads them.
SmallVector<uint64_t> criticalPaths(const DependenceGraph &graph,
                                    ArrayRef<gas::InstructionCost> rows,
                                    ArrayRef<Operation *> tail,
                                    const gas::CostOptions &options) {
  unsigned n = graph.ops.size();
  SmallVector<uint64_t> latency(n, 0);
  for (unsigned i = 0; i < n; ++i)
    latency[i] = rows[i].isMove ? 0 : rows[i].cycles;
  uint64_t tailCycles = 0;
  for (const gas::InstructionCost &cost : instructionCosts(tail, options))
    tailCycles = std::max<uint64_t>(tailCycles, cost.cycles);

  SmallVector<uint64_t> path(n, 0);
  for (unsigned i = n; i-- > 0;) {
    uint64_t below = 0;
    for (unsigned succ : graph.succs[i])
      below = std::max(below, path[succ]);
    for (Operation *user : graph.ops[i]->getUsers())
      if (llvm::is_contained(tail, user))
        below = std::max(below, tailCycles);
    path[i] = latency[i] + below;
  }
  return path;
}

class Scheduler {
public:
  Scheduler(FuncOp func, const gas::CostOptions &options)
      : func(func), options(options) {}

  /// Reorders each gas block of the function where it pays; returns
  /// whether anything moved.
  bool run();

private:
  /// Reorders `region` (movable ops between `before` and `after` in one gas
  /// block) when an order costs less; returns the new order.
  std::optional<SmallVector<Operation *>>
  scheduleRegion(ArrayRef<Operation *> before, ArrayRef<Operation *> region,
                 ArrayRef<Operation *> after);

  FuncOp func;
  gas::CostOptions options;
};

std::optional<SmallVector<Operation *>>
Scheduler::scheduleRegion(ArrayRef<Operation *> before,
                          ArrayRef<Operation *> region,
                          ArrayRef<Operation *> after) {
  if (region.size() < 2)
    return std::nullopt;
  DependenceGraph graph = buildDependences(region);
  SmallVector<gas::InstructionCost> rows = instructionCosts(region, options);
  if (rows.size() != region.size())
    return std::nullopt; // something here is not an instruction
  SmallVector<uint64_t> priority = criticalPaths(graph, rows, after, options);
  gas::SinglePassSimulator start;
  for (const gas::InstructionCost &row : instructionCosts(before, options))
    start.feed(row);

  SmallVector<Operation *> original = withOrder(before, region, after);
  uint64_t bestCost = sequenceCost(original, options);
  size_t hazards = hazardsIn(original);
  std::optional<SmallVector<Operation *>> best;
  auto consider = [&](SmallVector<Operation *> order) {
    SmallVector<Operation *> sequence = withOrder(before, order, after);
    uint64_t cost = sequenceCost(sequence, options);
    if (cost < bestCost && hazardsIn(sequence) <= hazards) {
      bestCost = cost;
      best = std::move(order);
    }
  };
  consider(listSchedule(graph, priority, rows, start));
  // Memory ops first: their 25 cycles overlap only when they start early.
  SmallVector<uint64_t> memoryFirst(priority);
  for (auto [i, op] : llvm::enumerate(graph.ops))
    if (getMemoryAccess(op))
      memoryFirst[i] += 1000;
  consider(listSchedule(graph, memoryFirst, rows, start));

  if (!best || !shouldApplyRewrite(region.front(), "pvm-schedule",
                                   "reorder a gas block"))
    return std::nullopt;
  Operation *anchor = region.back()->getNextNode();
  for (Operation *op : *best)
    op->moveBefore(anchor);
  return best;
}

bool Scheduler::run() {
  bool changed = false;
  for (Block &block : func.getBody()) {
    SmallVector<Operation *> ops;
    for (Operation &op : block)
      ops.push_back(&op);
    size_t start = 0;
    while (start < ops.size()) {
      // One gas block: up to and including the op that ends it.
      size_t end = start;
      while (end < ops.size() && !endsGasBlock(ops[end]))
        ++end;
      end = std::min(end + 1, ops.size());
      MutableArrayRef<Operation *> gasBlock(ops.data() + start, end - start);
      // Each maximal run of movable ops in it is scheduled on its own.
      for (size_t i = 0; i < gasBlock.size();) {
        if (!isMovable(gasBlock[i])) {
          ++i;
          continue;
        }
        size_t j = i;
        while (j < gasBlock.size() && isMovable(gasBlock[j]))
          ++j;
        if (std::optional<SmallVector<Operation *>> order = scheduleRegion(
                gasBlock.take_front(i), gasBlock.slice(i, j - i),
                gasBlock.drop_front(j))) {
          llvm::copy(*order, gasBlock.begin() + i);
          changed = true;
        }
        i = j;
      }
      start = end;
    }
  }
  return changed;
}

struct SchedulePass
    : public grey::pvm::impl::PVMScheduleBase<SchedulePass> {
  using PVMScheduleBase::PVMScheduleBase;

  void runOnOperation() override {
    FuncOp func = getOperation();
    // Scheduling moves allocated code; an unallocated value has no register
    // to check dependences with.
    bool allocated = true;
    func.walk([&](Operation *op) {
      for (Value result : op->getResults())
        allocated &= registerOf(result.getType()).has_value();
    });
    if (!allocated)
      return markAllAnalysesPreserved();
    if (!Scheduler(func, optimizerCostOptionsFor(
                              func, threeRegisterRuleNamed(gasModel)))
             .run())
      markAllAnalysesPreserved();
  }
};

} // namespace
