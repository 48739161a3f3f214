//===- TestPrintLoops.cpp - pvm-test-print-loops ---------------------------===//
//
// Prints LoopAnalysis for lit tests.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/Loops.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"

#include "llvm/Support/raw_ostream.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMTESTPRINTLOOPS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

struct TestPrintLoopsPass
    : public grey::pvm::impl::PVMTestPrintLoopsBase<TestPrintLoopsPass> {
  void runOnOperation() override {
    FuncOp func = getOperation();
    DenseMap<Block *, unsigned> number;
    for (Block &block : func.getBody())
      number[&block] = number.size();
    llvm::raw_ostream &os = llvm::outs();
    auto printBlock = [&](Block *block) { os << "^bb" << number[block]; };
    auto printBlocks = [&](ArrayRef<Block *> blocks) {
      if (blocks.empty())
        os << " none";
      for (Block *block : blocks) {
        os << " ";
        printBlock(block);
      }
    };
    // A value by where it comes from: `^bbN#I` for block arguments, the
    // defining op's name otherwise.
    auto printValue = [&](Value value) {
      if (auto arg = dyn_cast<BlockArgument>(value)) {
        printBlock(arg.getOwner());
        os << "#" << arg.getArgNumber();
      } else {
        os << value.getDefiningOp()->getName().stripDialect();
      }
      os << " " << value.getType();
    };

    const LoopAnalysis &analysis = getAnalysis<LoopAnalysis>();
    os << "loops of @" << func.getSymName() << ": "
       << analysis.getLoops().size() << "\n";
    for (const LoopSummary &loop : analysis.getLoops()) {
      os << "loop ";
      printBlock(loop.header);
      os << " depth " << loop.depth << "\n  blocks";
      SmallVector<Block *> blocks(loop.loop->getBlocks());
      llvm::sort(blocks, [&](Block *a, Block *b) { return number[a] < number[b]; });
      printBlocks(blocks);
      os << "\n  latches";
      printBlocks(loop.latches);
      os << "\n  exits";
      printBlocks(loop.exits);
      os << "\n  preheader ";
      if (loop.preheader)
        printBlock(loop.preheader);
      else
        os << "none";
      os << "\n";
      for (const LoopCounter &counter : loop.counters) {
        os << "  counter ";
        printValue(counter.value);
        os << " step " << counter.step << (counter.is32Bit ? " (32-bit)" : "")
           << " from ";
        if (counter.initial)
          printValue(counter.initial);
        else
          os << "unknown";
        os << "\n";
      }
      for (const LoopExitTest &test : loop.exitTests) {
        os << "  exit test " << test.branch->getName().stripDialect() << " in ";
        printBlock(test.branch->getBlock());
        os << ": counter ";
        printValue(loop.counters[test.counter].value);
        os << (test.afterStep ? " after its step" : "")
           << (test.counterOnRight ? " on the right" : "") << " vs ";
        if (test.constantBound)
          os << *test.constantBound;
        else
          printValue(test.invariantBound);
        os << ", leaves when " << (test.exitSuccessor == 0 ? "true" : "false")
           << "\n";
      }
    }
    markAllAnalysesPreserved();
  }
};

} // namespace
