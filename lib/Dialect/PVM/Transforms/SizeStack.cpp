//===- SizeStack.cpp - pvm-size-stack -------------------------------------===//
//
// Shrinks the stack cap to the depth the stack-depth analysis proves, and
// moves the first stack pointer down with it. Says why in a remark when it
// cannot.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/StackDepth.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"

#include "mlir/IR/Remarks.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMSIZESTACK
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

/// The start function the conversion emits, `sp = TOP; tail_call @entry`:
/// where the stack top is set and the function that runs on the stack.
struct StartFunction {
  Operation *setStackPointer;
  FuncOp entry;
};

FailureOr<StartFunction> matchStart(ProgramOp program, std::string &why) {
  auto start = SymbolTable::lookupNearestSymbolFrom<FuncOp>(
      program, program.getEntryAttr());
  Block &body = start.getBody().front();
  auto tail = dyn_cast<TailCallOp>(body.getTerminator());
  if (!start.getBody().hasOneBlock() || !tail ||
      body.getOperations().size() != 2) {
    why = "the start function is not 'sp = TOP; tail_call @entry'";
    return failure();
  }
  Operation *set = &body.front();
  std::optional<int64_t> top;
  if (auto load = dyn_cast<LoadImmOp>(set))
    top = load.getValue();
  else if (auto load = dyn_cast<LoadImm64Op>(set))
    top = load.getValue();
  auto reg = dyn_cast<RegType>(set->getResult(0).getType());
  if (!top || !reg || reg.getReg() != Reg::R1 ||
      !llvm::is_contained(tail.getUses(), set->getResult(0))) {
    why = "the start function does not begin by setting sp to a constant";
    return failure();
  }
  if (uint64_t(*top) != program.getStackSize()) {
    why = "the first stack pointer is not the top of the stack cap";
    return failure();
  }
  auto entry =
      SymbolTable::lookupNearestSymbolFrom<FuncOp>(tail, tail.getCalleeAttr());
  if (!entry) {
    why = "the start function calls no function of the program";
    return failure();
  }
  return StartFunction{set, entry};
}

/// " (at pc:0x…)" when `loc` names the guest instruction it came from (the
/// ELF importer's locations do), so a remark points at the code.
std::string guestAddressOf(Location loc) {
  std::string name;
  loc->walk([&](Location inner) {
    if (auto named = dyn_cast<NameLoc>(inner)) {
      name = " (at " + named.getName().str() + ")";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}

struct SizeStackPass : public grey::pvm::impl::PVMSizeStackBase<SizeStackPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation()->walk([&](ProgramOp program) { sizeStack(program); });
  }

  remark::RemarkOpts remarkNamed(StringRef name) const {
    return remark::RemarkOpts::name(name).category(getArgument());
  }

  void sizeStack(ProgramOp program) {
    uint64_t current = program.getStackSize();
    auto keep = [&](Location where, const std::string &why) {
      remark::missed(where, remarkNamed("StackKept"))
          << remark::reason("keeping the {0}-byte stack: {1}{2}", current, why,
                            guestAddressOf(where));
    };

    std::string why;
    FailureOr<StartFunction> start = matchStart(program, why);
    if (failed(start))
      return keep(program.getLoc(), why);

    StackDepthAnalysis analysis(program);
    for (FuncOp func : program.getBody().front().getOps<FuncOp>()) {
      StackDepth fromHere = analysis.depthFrom(func);
      if (fromHere.bytes)
        remark::analysis(func.getLoc(), remarkNamed("StackFrame"))
            << remark::add("@{0}: own frame {1} bytes, {2} bytes with its "
                           "callees",
                           func.getSymName(), analysis.getFrame(func).ownBytes,
                           *fromHere.bytes);
    }
    StackDepth depth = analysis.depthFrom(start->entry);
    if (!depth.bytes)
      return keep(depth.where.value_or(program.getLoc()), depth.reason);

    uint64_t size = llvm::alignTo(*depth.bytes + margin, kPageSize);
    if (size >= current)
      return keep(
          program.getLoc(),
          llvm::formatv("the program may use {0} bytes", *depth.bytes).str());
    // An address the code names outright inside the pages given up would
    // fault where it did not (a guest that finds a buffer by a fixed
    // address in the stack region, as the reference's pixels-service does).
    for (FuncOp func : program.getBody().front().getOps<FuncOp>()) {
      const auto &fixed = analysis.getFrame(func).fixedAddresses;
      auto inside = fixed.lower_bound(size);
      if (inside != fixed.end() && inside->first < current)
        return keep(inside->second->getLoc(),
                    llvm::formatv("@{0} reads or writes address {1:x} by a "
                                  "hard-wired address, inside the stack",
                                  func.getSymName(), inside->first)
                        .str());
    }
    program.setStackSize(size);
    TypeSwitch<Operation *>(start->setStackPointer)
        .Case<LoadImmOp, LoadImm64Op>([&](auto load) {
          load.setValueAttr(
              IntegerAttr::get(IntegerType::get(&getContext(), 64), size));
        });
    remark::passed(program.getLoc(), remarkNamed("StackSized"))
        << remark::add("stack sized to {0} bytes ({1} page{5}) from {2}: the "
                       "deepest call path uses {3} bytes, plus {4} bytes of "
                       "margin",
                       size, size / kPageSize, current, *depth.bytes,
                       uint64_t(margin), size == kPageSize ? "" : "s");
  }
};

} // namespace
