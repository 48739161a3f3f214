//===- ScratchInstructions.cpp - instructions that need a scratch ---------===//
//
// Three kinds of riscv instruction have no PVM form under the fixed register
// mapping without one more register:
//
// - `max`/`min rd, rd, x0` (either operand order): x0 is no register and
//   PVM's max/min take no immediate, so 0 must sit in a register while rd
//   still holds the other operand. (maxu/minu, div and rem have identities
//   that need none; instruction selection uses them.)
// - `orc.b`: PVM has no such opcode, and the expansion keeps two values.
// - `jalr rd, imm(rd)`: PVM writes the link before it reads the target
//   (pvm-isa.md §3.8), so the target must move to another register first.
//
// A register is free at an instruction when no value of its type is live
// into it (mlir::Liveness over the register-typed SSA). The rewrite stays in
// the riscv dialect, so instruction selection converts the result as usual.
//
//===----------------------------------------------------------------------===//

#include "ScratchInstructions.h"

#include "grey/Conversion/RISCVToPVM.h"

#include "mlir/Analysis/Liveness.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Dominance.h"
#include "llvm/ADT/BitVector.h"

using namespace mlir;
using namespace grey;
namespace rv = grey::riscv;

namespace {

/// The registers a scratch is taken from, in order of preference:
/// temporaries first, sp last. x0, gp and tp have no PVM register.
constexpr rv::Reg kScratchOrder[] = {
    rv::Reg::T0, rv::Reg::T1, rv::Reg::T2, rv::Reg::A5, rv::Reg::A4,
    rv::Reg::A3, rv::Reg::A2, rv::Reg::A1, rv::Reg::A0, rv::Reg::S1,
    rv::Reg::S0, rv::Reg::RA, rv::Reg::SP};
constexpr unsigned kNumRegisters = 16;

/// The register `value` lives in, if it has a PVM counterpart.
std::optional<rv::Reg> registerOf(Value value) {
  auto type = dyn_cast<rv::RegType>(value.getType());
  if (!type || !mapRISCVRegister(type.getReg()))
    return std::nullopt;
  return type.getReg();
}

bool isZero(Value value) {
  auto type = dyn_cast<rv::RegType>(value.getType());
  return type && type.getReg() == rv::Reg::Zero;
}

enum class Need { None, ZeroOperand, OrcB, LinkIsTarget };

Need needOf(Operation *op) {
  if (isa<rv::MaxOp, rv::MinOp>(op)) {
    Value lhs = op->getOperand(0), rhs = op->getOperand(1);
    if (isZero(lhs) == isZero(rhs))
      return Need::None;
    Value other = isZero(lhs) ? rhs : lhs;
    return other.getType() == op->getResult(0).getType() ? Need::ZeroOperand
                                                         : Need::None;
  }
  if (auto orc = dyn_cast<rv::OrcBOp>(op))
    return isZero(orc.getRs1()) ? Need::None : Need::OrcB;
  if (auto call = dyn_cast<rv::CallIndirectOp>(op))
    return call->getNumResults() && !isZero(call.getRs1()) &&
                   call.getRs1().getType() == call->getResult(0).getType()
               ? Need::LinkIsTarget
               : Need::None;
  return Need::None;
}

/// An instruction that needs a scratch register and what liveness says
/// about the registers at it.
struct Site {
  Operation *op = nullptr;
  Need need = Need::None;
  /// Registers that hold a value the instruction reads or that outlives
  /// it, and the register it writes (a call's results are written after
  /// the jump has read its target, so they do not count).
  llvm::BitVector occupied = llvm::BitVector(kNumRegisters);
  /// Values live across the instruction, not read by it, whose uses all
  /// lie in its block: they can be saved and restored around it.
  SmallVector<Value> spillable;
  /// The stack pointer live into the instruction, if any.
  Value stackPointer;
};

/// Every instruction of `func` that needs a scratch register, in program
/// order, with the registers live at it.
SmallVector<Site> findSites(rv::FuncOp func) {
  SmallVector<Site> sites;
  Liveness liveness(func);
  for (Block &block : func.getBody()) {
    if (llvm::none_of(block, [](Operation &op) {
          return needOf(&op) != Need::None;
        }))
      continue;
    const LivenessBlockInfo *info = liveness.getLiveness(&block);
    llvm::SmallPtrSet<Value, 16> live(info->out().begin(), info->out().end());
    SmallVector<Site> inBlock;
    for (Operation &op : llvm::reverse(block)) {
      for (Value result : op.getResults())
        live.erase(result);
      if (Need need = needOf(&op); need != Need::None) {
        Site site;
        site.op = &op;
        site.need = need;
        auto occupy = [&](Value value) {
          std::optional<rv::Reg> reg = registerOf(value);
          if (!reg)
            return;
          site.occupied.set(unsigned(*reg));
          if (*reg == rv::Reg::SP)
            site.stackPointer = value;
        };
        for (Value value : live) {
          occupy(value);
          if (registerOf(value) && !info->isLiveOut(value) &&
              !llvm::is_contained(op.getOperands(), value))
            site.spillable.push_back(value);
        }
        for (Value operand : op.getOperands())
          occupy(operand);
        if (!isa<rv::CallIndirectOp>(op))
          for (Value result : op.getResults())
            if (std::optional<rv::Reg> reg = registerOf(result))
              site.occupied.set(unsigned(*reg));
        inBlock.push_back(std::move(site));
      }
      for (Value operand : op.getOperands())
        live.insert(operand);
    }
    sites.append(std::make_move_iterator(inBlock.rbegin()),
                 std::make_move_iterator(inBlock.rend()));
  }
  return sites;
}

std::optional<rv::Reg> freeRegister(const Site &site) {
  for (rv::Reg reg : kScratchOrder)
    if (!site.occupied.test(unsigned(reg)))
      return reg;
  return std::nullopt;
}

/// `max`/`min` of v and x0 into v's register, with no register to spare:
/// branch around `li rd, 0`. max(v, 0) is v when v >= 0, min(v, 0) is v
/// when v < 0.
void branchAroundZero(Operation *op) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  Value zero = isZero(lhs) ? lhs : rhs, value = isZero(lhs) ? rhs : lhs;
  Location loc = op->getLoc();
  Block *head = op->getBlock();
  Block *join = head->splitBlock(op);
  auto *setZero = new Block();
  setZero->insertBefore(join);
  Value result = join->addArgument(value.getType(), loc);

  OpBuilder builder = OpBuilder::atBlockEnd(head);
  if (isa<rv::MaxOp>(op))
    rv::BgeOp::create(builder, loc, value, zero, ValueRange{value},
                      ValueRange{}, join, setZero);
  else
    rv::BltOp::create(builder, loc, value, zero, ValueRange{value},
                      ValueRange{}, join, setZero);
  builder.setInsertionPointToEnd(setZero);
  Value zeroed = rv::ConstantOp::create(builder, loc, value.getType(),
                                        builder.getI64IntegerAttr(0));
  rv::JalOp::create(builder, loc, ValueRange{zeroed}, join);

  op->getResult(0).replaceAllUsesWith(result);
  op->erase();
}

/// orc.b of `x` into a `rd` value, using one `scratch` register: or the
/// bits of each byte into its lowest bit (shifts by 1, 2, 4 stay within the
/// byte for that bit), keep those bits, and spread each over its byte as
/// (b << 8) - b.
Value buildOrcB(OpBuilder &builder, Location loc, Value x, Type rd,
                Type scratch) {
  auto imm = [&](int64_t value) { return builder.getI64IntegerAttr(value); };
  auto shiftedRight = [&](Value value, int64_t amount) -> Value {
    return rv::SrliOp::create(builder, loc, scratch, value, imm(amount));
  };
  Value folded = rv::OrOp::create(builder, loc, rd, x, shiftedRight(x, 1));
  folded = rv::OrOp::create(builder, loc, rd, folded, shiftedRight(folded, 2));
  folded = rv::OrOp::create(builder, loc, rd, folded, shiftedRight(folded, 4));
  Value lowBits = rv::ConstantOp::create(builder, loc, scratch,
                                         imm(0x0101010101010101));
  Value flags = rv::AndOp::create(builder, loc, rd, folded, lowBits);
  Value shifted = rv::SlliOp::create(builder, loc, scratch, flags, imm(8));
  return rv::SubOp::create(builder, loc, rd, shifted, flags);
}

/// The stack pointer's value at `op`: the one live into it, else the last
/// definition of sp before it in its block (orc.b into sp may not read the
/// old sp, which is then dead but still in the register).
Value stackPointerAt(const Site &site) {
  if (site.stackPointer)
    return site.stackPointer;
  auto isSP = [](Value value) { return registerOf(value) == rv::Reg::SP; };
  for (Operation *op = site.op->getPrevNode(); op; op = op->getPrevNode())
    for (Value result : op->getResults())
      if (isSP(result))
        return result;
  for (BlockArgument arg : site.op->getBlock()->getArguments())
    if (isSP(arg))
      return arg;
  return {};
}

/// orc.b when every register is occupied: borrow one (two when rd is sp,
/// since sp must address the slots until the end) and keep its value in
/// the bytes just below the stack pointer meanwhile (docs/Conversion.md).
LogicalResult orcBWithSpill(const Site &site) {
  auto orc = cast<rv::OrcBOp>(site.op);
  std::optional<rv::Reg> rd = registerOf(orc.getResult());
  bool intoSP = rd == rv::Reg::SP;
  Value sp = stackPointerAt(site);
  SmallVector<Value, 2> borrowed;
  for (rv::Reg reg : kScratchOrder) {
    if (borrowed.size() == (intoSP ? 2u : 1u))
      break;
    if (reg == rv::Reg::SP || reg == rd)
      continue;
    for (Value value : site.spillable)
      if (registerOf(value) == reg) {
        borrowed.push_back(value);
        break;
      }
  }
  if (!sp || borrowed.size() < (intoSP ? 2u : 1u))
    return orc.emitOpError("needs a scratch register, but every register "
                           "holds a live value and none can be saved below "
                           "the stack pointer here");

  OpBuilder builder(orc);
  Location loc = orc.getLoc();
  auto slot = [&](unsigned index) {
    return builder.getI64IntegerAttr(-8 * int64_t(index + 1));
  };
  for (auto [index, value] : llvm::enumerate(borrowed))
    rv::SdOp::create(builder, loc, value, sp, slot(index));
  Value result;
  if (!intoSP) {
    result = buildOrcB(builder, loc, orc.getRs1(), orc.getType(),
                       borrowed[0].getType());
  } else {
    Value inBorrowed = buildOrcB(builder, loc, orc.getRs1(),
                                 borrowed[0].getType(), borrowed[1].getType());
    rv::SdOp::create(builder, loc, inBorrowed, sp, slot(2));
  }
  SmallVector<std::pair<Value, Value>> restored;
  for (unsigned index = borrowed.size(); index-- > 0;)
    restored.push_back({borrowed[index],
                        rv::LdOp::create(builder, loc,
                                         borrowed[index].getType(), sp,
                                         slot(index))});
  if (intoSP)
    result = rv::LdOp::create(builder, loc, orc.getType(), sp, slot(2));

  // The borrowed values' remaining uses all followed in this block, or in
  // blocks split off its end by a later max/min (rewritten first), which it
  // dominates.
  Operation *last = orc->getPrevNode();
  DominanceInfo dominance(orc->getParentOfType<rv::FuncOp>());
  for (auto [value, reloaded] : restored)
    value.replaceUsesWithIf(reloaded, [&](OpOperand &use) {
      return dominance.properlyDominates(last, use.getOwner());
    });
  orc.replaceAllUsesWith(result);
  orc.erase();
  return success();
}

LogicalResult expand(const Site &site) {
  Operation *op = site.op;
  std::optional<rv::Reg> scratch = freeRegister(site);
  Type scratchType =
      scratch ? rv::RegType::get(op->getContext(), *scratch) : Type();
  OpBuilder builder(op);
  Location loc = op->getLoc();
  switch (site.need) {
  case Need::None:
    return success();
  case Need::ZeroOperand:
    if (!scratch) {
      branchAroundZero(op);
      return success();
    }
    op->setOperand(isZero(op->getOperand(0)) ? 0 : 1,
                   rv::ConstantOp::create(builder, loc, scratchType,
                                          builder.getI64IntegerAttr(0)));
    return success();
  case Need::OrcB: {
    if (!scratch) {
      return orcBWithSpill(site);
    }
    auto orc = cast<rv::OrcBOp>(op);
    orc.replaceAllUsesWith(
        buildOrcB(builder, loc, orc.getRs1(), orc.getType(), scratchType));
    orc.erase();
    return success();
  }
  case Need::LinkIsTarget: {
    auto call = cast<rv::CallIndirectOp>(op);
    if (!scratch)
      return call.emitOpError(
          "links into its own target register, and every other register is "
          "live at the call, so none can hold the target");
    Value target = rv::AddiOp::create(builder, loc, scratchType,
                                      call.getRs1(),
                                      builder.getI64IntegerAttr(0));
    call.getRs1Mutable().assign(target);
    return success();
  }
  }
  llvm_unreachable("unknown need");
}

} // namespace

LogicalResult grey::expandScratchInstructions(rv::FuncOp func) {
  // Decide everything on the unchanged function, then rewrite backwards:
  // a rewrite leaves the registers live at other instructions as they were,
  // and a branch inserted before an instruction already rewritten moves it
  // whole into the new block.
  SmallVector<Site> sites = findSites(func);
  bool failed = false;
  for (const Site &site : llvm::reverse(sites))
    failed |= mlir::failed(expand(site));
  return mlir::failure(failed);
}
