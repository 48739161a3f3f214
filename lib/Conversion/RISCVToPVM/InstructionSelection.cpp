//===- InstructionSelection.cpp - riscv instructions to pvm instructions --===//
//
// Instruction selection from the `riscv` dialect to the `pvm` dialect: one
// conversion pattern per op family, with the x0 forms of transpile-abi.md
// §9. The program around the instructions (functions, jump table, data) is
// rebuilt before the patterns run (ProgramStructure.cpp).
//
//===----------------------------------------------------------------------===//

#include "grey/Conversion/RISCVToPVM.h"

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/RISCV/RISCVOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace grey;
namespace rv = grey::riscv;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {

/// A read of x0: always 0.
bool isZero(Value value) {
  auto type = dyn_cast<rv::RegType>(value.getType());
  return type && type.getReg() == rv::Reg::Zero;
}

/// `rd = value`, in the shortest form.
Value loadConstant(OpBuilder &builder, Location loc, Type rd, int64_t value) {
  if (value == int64_t(int32_t(value)))
    return pvm::LoadImmOp::create(builder, loc, rd,
                                  builder.getI64IntegerAttr(value));
  return pvm::LoadImm64Op::create(builder, loc, rd,
                                  builder.getI64IntegerAttr(value));
}

/// `rd = source`: the source itself when it already lives in rd.
Value copyInto(OpBuilder &builder, Location loc, Type rd, Value source) {
  if (source.getType() == rd)
    return source;
  return pvm::MoveRegOp::create(builder, loc, rd, source);
}

/// `rd = sext32(source)`.
Value signExtend32(OpBuilder &builder, Location loc, Type rd, Value source) {
  return pvm::AddImm32Op::create(builder, loc, rd, source,
                                 builder.getI64IntegerAttr(0));
}

/// `rd = (source == 0) ? -1 : 0`, reading source once.
Value allOnesIfZero(OpBuilder &builder, Location loc, Type rd, Value source) {
  Value isZero = pvm::SetLtUImmOp::create(builder, loc, rd, source,
                                          builder.getI64IntegerAttr(1));
  return pvm::NegAddImm64Op::create(builder, loc, rd, isZero,
                                    builder.getI64IntegerAttr(0));
}

template <typename SourceOp>
struct RISCVPattern : OpConversionPattern<SourceOp> {
  using OpConversionPattern<SourceOp>::OpConversionPattern;

  Type convert(Type type) const {
    return this->getTypeConverter()->convertType(type);
  }
};

//===----------------------------------------------------------------------===//
// Register-register instructions
//===----------------------------------------------------------------------===//

/// The cheap x0 forms of a register-register instruction (transpile-abi.md
/// §9), or a null value when there is none. `other` is the converted
/// operand that is not x0.
Value lowerRegRegWithZero(Operation *op, bool lhsZero, Value other, Type rd,
                          OpBuilder &b) {
  Location loc = op->getLoc();
  auto zero = [&] { return loadConstant(b, loc, rd, 0); };
  auto copy = [&] { return copyInto(b, loc, rd, other); };
  auto imm = [&](int64_t v) { return b.getI64IntegerAttr(v); };
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case<rv::AddOp, rv::OrOp, rv::XorOp>([&](auto) { return copy(); })
      .Case<rv::AddwOp>([&](auto) { return signExtend32(b, loc, rd, other); })
      .Case<rv::SubOp>([&](auto) -> Value {
        if (!lhsZero)
          return copy();
        return pvm::NegAddImm64Op::create(b, loc, rd, other, imm(0));
      })
      .Case<rv::SubwOp>([&](auto) -> Value {
        if (!lhsZero)
          return signExtend32(b, loc, rd, other);
        return pvm::NegAddImm32Op::create(b, loc, rd, other, imm(0));
      })
      .Case<rv::AndOp, rv::MulOp, rv::MulhOp, rv::MulhsuOp, rv::MulhuOp,
            rv::MulwOp>([&](auto) { return zero(); })
      .Case<rv::SllOp, rv::SrlOp, rv::SraOp, rv::RolOp, rv::RorOp>(
          [&](auto) { return lhsZero ? zero() : copy(); })
      .Case<rv::SllwOp, rv::SrlwOp, rv::SrawOp, rv::RolwOp, rv::RorwOp>(
          [&](auto) {
            return lhsZero ? zero() : signExtend32(b, loc, rd, other);
          })
      .Case<rv::SltOp>([&](auto) -> Value {
        if (lhsZero) // 0 < x
          return pvm::SetGtSImmOp::create(b, loc, rd, other, imm(0));
        return pvm::SetLtSImmOp::create(b, loc, rd, other, imm(0));
      })
      .Case<rv::SltuOp>([&](auto) -> Value {
        if (lhsZero) // 0 <u x, i.e. x != 0
          return pvm::SetGtUImmOp::create(b, loc, rd, other, imm(0));
        return zero();
      })
      // Division by zero: all ones for div, the dividend for rem. Zero
      // divided by x: all ones when x is 0, else 0 (there is no overflow);
      // zero modulo anything: 0. Both read x only once, so rd may be x.
      .Case<rv::DivOp, rv::DivuOp>([&](auto) -> Value {
        if (!lhsZero)
          return loadConstant(b, loc, rd, -1);
        return allOnesIfZero(b, loc, rd, other);
      })
      .Case<rv::DivwOp, rv::DivuwOp>([&](auto) -> Value {
        if (!lhsZero)
          return loadConstant(b, loc, rd, -1);
        return allOnesIfZero(b, loc, rd, signExtend32(b, loc, rd, other));
      })
      .Case<rv::RemOp, rv::RemuOp>(
          [&](auto) { return lhsZero ? zero() : copy(); })
      .Case<rv::RemwOp, rv::RemuwOp>([&](auto) {
        return lhsZero ? zero() : signExtend32(b, loc, rd, other);
      })
      // umax(x, 0) = x, umin(x, 0) = 0. The signed forms have no such
      // identity: with rd = x they need a scratch register, which
      // expandScratchInstructions provides beforehand.
      .Case<rv::MaxuOp>([&](auto) { return copy(); })
      .Case<rv::MinuOp>([&](auto) { return zero(); })
      .Case<rv::AndnOp>([&](auto) { return lhsZero ? zero() : copy(); })
      .Case<rv::OrnOp>([&](auto) -> Value {
        if (lhsZero) // 0 | ~x
          return pvm::XorImmOp::create(b, loc, rd, other, imm(-1));
        return loadConstant(b, loc, rd, -1);
      })
      .Case<rv::XnorOp>([&](auto) -> Value {
        return pvm::XorImmOp::create(b, loc, rd, other, imm(-1));
      })
      .Default([](Operation *) { return Value(); });
}

template <typename SourceOp, typename TargetOp>
struct RegRegLowering : RISCVPattern<SourceOp> {
  using RISCVPattern<SourceOp>::RISCVPattern;

  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type rd = this->convert(op.getType());
    Location loc = op.getLoc();
    bool lhsZero = isZero(op.getRs1()), rhsZero = isZero(op.getRs2());
    Value lhs = adaptor.getRs1(), rhs = adaptor.getRs2();
    if (!lhsZero && !rhsZero) {
      rewriter.replaceOpWithNewOp<TargetOp>(op, rd, lhs, rhs);
      return success();
    }
    if (lhsZero != rhsZero)
      if (Value result = lowerRegRegWithZero(op, lhsZero,
                                             lhsZero ? rhs : lhs, rd,
                                             rewriter)) {
        rewriter.replaceOp(op, result);
        return success();
      }
    // No special form: put 0 into rd and use it for the x0 operand(s).
    Value other = lhsZero ? rhs : lhs;
    if (lhsZero != rhsZero && other.getType() == rd)
      return op.emitOpError("reads x0 and overwrites its other operand; "
                            "expandScratchInstructions must give it a "
                            "scratch register first");
    Value zero = loadConstant(rewriter, loc, rd, 0);
    rewriter.replaceOpWithNewOp<TargetOp>(op, rd, lhsZero ? zero : lhs,
                                          rhsZero ? zero : rhs);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Register-immediate and unary instructions
//===----------------------------------------------------------------------===//

/// The value of a register-immediate instruction whose source is x0.
int64_t evaluateOnZero(Operation *op, int64_t imm) {
  return llvm::TypeSwitch<Operation *, int64_t>(op)
      .Case<rv::AddiOp, rv::XoriOp, rv::OriOp>([&](auto) { return imm; })
      .Case<rv::AddiwOp>([&](auto) { return int64_t(int32_t(imm)); })
      .Case<rv::SltiOp>([&](auto) { return int64_t(0 < imm); })
      .Case<rv::SltiuOp>([&](auto) { return int64_t(imm != 0); })
      .Case<rv::ClzOp, rv::CtzOp>([](auto) { return int64_t(64); })
      .Case<rv::ClzwOp, rv::CtzwOp>([](auto) { return int64_t(32); })
      // and, shifts, rotates, popcounts, extensions, rev8, orc.b of 0.
      .Default([](Operation *) { return int64_t(0); });
}

template <typename SourceOp, typename TargetOp>
struct RegImmLowering : RISCVPattern<SourceOp> {
  using RISCVPattern<SourceOp>::RISCVPattern;

  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type rd = this->convert(op.getType());
    int64_t imm = op.getImm();
    if (isZero(op.getRs1())) {
      rewriter.replaceOp(op, loadConstant(rewriter, op.getLoc(), rd,
                                          evaluateOnZero(op, imm)));
      return success();
    }
    if (std::is_same_v<SourceOp, rv::AddiOp> && imm == 0) {
      rewriter.replaceOp(op, copyInto(rewriter, op.getLoc(), rd,
                                      adaptor.getRs1()));
      return success();
    }
    rewriter.replaceOpWithNewOp<TargetOp>(op, rd, adaptor.getRs1(),
                                          rewriter.getI64IntegerAttr(imm));
    return success();
  }
};

template <typename SourceOp, typename TargetOp>
struct UnaryLowering : RISCVPattern<SourceOp> {
  using RISCVPattern<SourceOp>::RISCVPattern;

  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type rd = this->convert(op.getType());
    if (isZero(op.getRs1())) {
      rewriter.replaceOp(op, loadConstant(rewriter, op.getLoc(), rd,
                                          evaluateOnZero(op, 0)));
      return success();
    }
    rewriter.replaceOpWithNewOp<TargetOp>(op, rd, adaptor.getRs1());
    return success();
  }
};

struct OrcBLowering : RISCVPattern<rv::OrcBOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::OrcBOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (isZero(op.getRs1())) {
      rewriter.replaceOp(op, loadConstant(rewriter, op.getLoc(),
                                          convert(op.getType()), 0));
      return success();
    }
    return op.emitOpError("has no PVM equivalent; "
                          "expandScratchInstructions must expand it first");
  }
};

//===----------------------------------------------------------------------===//
// Constants, loads and stores
//===----------------------------------------------------------------------===//

struct ConstantLowering : RISCVPattern<rv::ConstantOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // A read of x0 becomes an unallocated constant that the x0 forms leave
    // dead; the pass removes it afterwards.
    rewriter.replaceOp(op, loadConstant(rewriter, op.getLoc(),
                                        convert(op.getType()), op.getValue()));
    return success();
  }
};

struct LuiLowering : RISCVPattern<rv::LuiOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::LuiOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    int64_t value = int64_t(int32_t(uint32_t(op.getImm()) << 12));
    rewriter.replaceOp(op, loadConstant(rewriter, op.getLoc(),
                                        convert(op.getType()), value));
    return success();
  }
};

struct AuipcLowering : RISCVPattern<rv::AuipcOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::AuipcOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // Data keeps its ELF address, so pc-relative data addresses stay valid.
    int64_t value = op.getPc() + int64_t(int32_t(uint32_t(op.getImm()) << 12));
    rewriter.replaceOp(op, loadConstant(rewriter, op.getLoc(),
                                        convert(op.getType()), value));
    return success();
  }
};

template <typename SourceOp, typename IndirectOp, typename AbsoluteOp>
struct LoadLowering : RISCVPattern<SourceOp> {
  using RISCVPattern<SourceOp>::RISCVPattern;
  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type rd = this->convert(op.getType());
    IntegerAttr offset = op.getImmAttr();
    if (isZero(op.getRs1()))
      rewriter.replaceOpWithNewOp<AbsoluteOp>(op, rd, offset);
    else
      rewriter.replaceOpWithNewOp<IndirectOp>(op, rd, adaptor.getRs1(),
                                              offset);
    return success();
  }
};

template <typename SourceOp, typename IndirectOp, typename AbsoluteOp,
          typename ImmIndirectOp, typename ImmAbsoluteOp>
struct StoreLowering : RISCVPattern<SourceOp> {
  using RISCVPattern<SourceOp>::RISCVPattern;
  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    IntegerAttr offset = op.getImmAttr();
    IntegerAttr zero = rewriter.getI64IntegerAttr(0);
    bool valueZero = isZero(op.getRs2()), baseZero = isZero(op.getRs1());
    if (valueZero && baseZero)
      rewriter.replaceOpWithNewOp<ImmAbsoluteOp>(op, offset, zero);
    else if (valueZero)
      rewriter.replaceOpWithNewOp<ImmIndirectOp>(op, adaptor.getRs1(), offset,
                                                 zero);
    else if (baseZero)
      rewriter.replaceOpWithNewOp<AbsoluteOp>(op, adaptor.getRs2(), offset);
    else
      rewriter.replaceOpWithNewOp<IndirectOp>(op, adaptor.getRs2(),
                                              adaptor.getRs1(), offset);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Conditional moves
//===----------------------------------------------------------------------===//

template <typename SourceOp, typename TargetOp, typename TargetImmOp,
          bool kMovesOnZero>
struct CondMovLowering : RISCVPattern<SourceOp> {
  using RISCVPattern<SourceOp>::RISCVPattern;
  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type rd = this->convert(op.getType());
    Location loc = op.getLoc();
    if (isZero(op.getRs2())) {
      // The condition register is x0: mveqz always moves, mvnez never.
      if (!kMovesOnZero) {
        rewriter.replaceOp(op, adaptor.getPrev());
      } else if (isZero(op.getRs1())) {
        rewriter.replaceOp(op, loadConstant(rewriter, loc, rd, 0));
      } else {
        rewriter.replaceOp(op, copyInto(rewriter, loc, rd, adaptor.getRs1()));
      }
      return success();
    }
    if (isZero(op.getRs1()))
      rewriter.replaceOpWithNewOp<TargetImmOp>(op, rd, adaptor.getRs2(),
                                               rewriter.getI64IntegerAttr(0),
                                               adaptor.getPrev());
    else
      rewriter.replaceOpWithNewOp<TargetOp>(op, rd, adaptor.getRs1(),
                                            adaptor.getRs2(),
                                            adaptor.getPrev());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// System instructions
//===----------------------------------------------------------------------===//

template <typename SourceOp>
struct EraseLowering : RISCVPattern<SourceOp> {
  using RISCVPattern<SourceOp>::RISCVPattern;
  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.eraseOp(op); // fences order nothing on a single PVM thread
    return success();
  }
};

template <typename SourceOp>
struct TrapLowering : RISCVPattern<SourceOp> {
  using RISCVPattern<SourceOp>::RISCVPattern;
  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<pvm::TrapOp>(op);
    return success();
  }
};

template <typename SourceOp>
struct CsrLowering : RISCVPattern<SourceOp> {
  using RISCVPattern<SourceOp>::RISCVPattern;
  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor,
                  ConversionPatternRewriter &) const override {
    return op.emitOpError("accesses CSR ")
           << op.getCsr() << ", which does not exist on PVM";
  }
};

/// The slot of `li t0, N; ecall`: the constant in t0.
std::optional<int64_t> ecallSlot(rv::EcallOp op) {
  for (Value use : op.getUses()) {
    if (cast<rv::RegType>(use.getType()).getReg() != rv::Reg::T0)
      continue;
    if (auto addi = use.getDefiningOp<rv::AddiOp>())
      if (isZero(addi.getRs1()))
        return addi.getImm();
    if (auto constant = use.getDefiningOp<rv::ConstantOp>())
      return constant.getValue();
  }
  return std::nullopt;
}

struct EcallLowering : RISCVPattern<rv::EcallOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::EcallOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    std::optional<int64_t> slot = ecallSlot(op);
    if (!slot)
      return op.emitOpError(
          "host call slot is not a constant: expected `li t0, N` before it");
    if (*slot < 0 || *slot > 127)
      return op.emitOpError("host call slot ")
             << *slot << " is not a capability slot (0-127)";
    SmallVector<Type> defs;
    if (failed(getTypeConverter()->convertTypes(op.getResultTypes(), defs)))
      return failure();
    rewriter.replaceOpWithNewOp<pvm::EcalliOp>(
        op, defs, rewriter.getI64IntegerAttr(*slot), adaptor.getUses());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

/// Which PVM branch implements a RISC-V branch, and its x0 forms
/// (transpile-abi.md §8.3).
template <typename SourceOp> struct BranchInfo;
#define GREY_BRANCH(SRC, DST, RHS_ZERO, LHS_ZERO, LHS_ZERO_IMM, BOTH)          \
  template <> struct BranchInfo<rv::SRC> {                                     \
    using Target = pvm::DST;                                                   \
    /* rs2 = x0: compare rs1 with 0. */                                        \
    using RhsZero = pvm::RHS_ZERO;                                             \
    /* rs1 = x0: compare rs2 with LHS_ZERO_IMM. */                             \
    using LhsZero = pvm::LHS_ZERO;                                             \
    static constexpr int64_t kLhsZeroImm = LHS_ZERO_IMM;                       \
    /* both x0: whether it is taken. */                                        \
    static constexpr bool kTakenOnZeros = BOTH;                                \
  };
GREY_BRANCH(BeqOp, BranchEqOp, BranchEqImmOp, BranchEqImmOp, 0, true)
GREY_BRANCH(BneOp, BranchNeOp, BranchNeImmOp, BranchNeImmOp, 0, false)
// 0 < rs2 is rs2 > 0; 0 >= rs2 is rs2 <= 0.
GREY_BRANCH(BltOp, BranchLtSOp, BranchLtSImmOp, BranchGtSImmOp, 0, false)
GREY_BRANCH(BgeOp, BranchGeSOp, BranchGeSImmOp, BranchLeSImmOp, 0, true)
// 0 <u rs2 is rs2 != 0; 0 >=u rs2 is rs2 == 0.
GREY_BRANCH(BltuOp, BranchLtUOp, BranchLtUImmOp, BranchNeImmOp, 0, false)
GREY_BRANCH(BgeuOp, BranchGeUOp, BranchGeUImmOp, BranchEqImmOp, 0, true)
#undef GREY_BRANCH

/// Replaces `op` by an unconditional transfer to `dest`: `fallthrough` (one
/// byte, the cheap end of a gas block) into the block laid out next, as the
/// reference does, else `jump`.
void replaceWithJump(Operation *op, Block *dest, ValueRange args,
                     ConversionPatternRewriter &rewriter) {
  if (op->getBlock()->getNextNode() == dest)
    rewriter.replaceOpWithNewOp<pvm::FallthroughOp>(op, args, dest);
  else
    rewriter.replaceOpWithNewOp<pvm::JumpOp>(op, args, dest);
}

template <typename SourceOp>
struct BranchLowering : RISCVPattern<SourceOp> {
  using RISCVPattern<SourceOp>::RISCVPattern;
  using Info = BranchInfo<SourceOp>;

  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Block *target = op.getTarget(), *next = op.getNext();
    ValueRange targetArgs = adaptor.getTargetOperands();
    ValueRange nextArgs = adaptor.getNextOperands();
    bool lhsZero = isZero(op.getRs1()), rhsZero = isZero(op.getRs2());
    if (lhsZero && rhsZero) {
      if (Info::kTakenOnZeros)
        replaceWithJump(op, target, targetArgs, rewriter);
      else
        replaceWithJump(op, next, nextArgs, rewriter);
      return success();
    }
    if (rhsZero || lhsZero) {
      Value compared = rhsZero ? adaptor.getRs1() : adaptor.getRs2();
      int64_t imm = rhsZero ? 0 : Info::kLhsZeroImm;
      if (rhsZero)
        rewriter.replaceOpWithNewOp<typename Info::RhsZero>(
            op, compared, rewriter.getI64IntegerAttr(imm), targetArgs,
            nextArgs, target, next);
      else
        rewriter.replaceOpWithNewOp<typename Info::LhsZero>(
            op, compared, rewriter.getI64IntegerAttr(imm), targetArgs,
            nextArgs, target, next);
      return success();
    }
    rewriter.replaceOpWithNewOp<typename Info::Target>(
        op, adaptor.getRs1(), adaptor.getRs2(), targetArgs, nextArgs, target,
        next);
    return success();
  }
};

struct JalLowering : RISCVPattern<rv::JalOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::JalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    replaceWithJump(op, op.getDest(), adaptor.getDestOperands(), rewriter);
    return success();
  }
};

struct JalrLowering : RISCVPattern<rv::JalrOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::JalrOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (isZero(op.getRs1()))
      return op.emitOpError("jumps to a fixed RISC-V address, which has no "
                            "PVM counterpart");
    rewriter.replaceOpWithNewOp<pvm::JumpIndOp>(
        op, adaptor.getRs1(), op.getImmAttr(), adaptor.getUses(),
        op.getTargets());
    return success();
  }
};

/// Declares jump-table entry `index` at the start of `block`.
void declareEntry(OpBuilder &builder, Location loc, Block *block,
                  int64_t index) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(block);
  pvm::JumpTableEntryOp::create(builder, loc,
                                builder.getI64IntegerAttr(index));
}

/// A call ends its block with a `riscv.jal` to the return site (the pass
/// splits blocks so); the PVM call replaces both.
template <typename SourceOp>
FailureOr<Block *> takeContinuation(SourceOp op,
                                    ConversionPatternRewriter &rewriter) {
  auto jal = dyn_cast_or_null<rv::JalOp>(op->getNextNode());
  if (!jal || !jal.getDestOperands().empty())
    return op.emitOpError("must be followed by a jump to its return site");
  Block *continuation = jal.getDest();
  rewriter.eraseOp(jal);
  auto index = op->template getAttrOfType<IntegerAttr>(kJumpTableIndexAttr);
  declareEntry(rewriter, op.getLoc(), continuation, index.getInt());
  return continuation;
}

struct CallLowering : RISCVPattern<rv::CallOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::CallOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> defs;
    if (failed(getTypeConverter()->convertTypes(op.getResultTypes(), defs)))
      return failure();
    FailureOr<Block *> continuation = takeContinuation(op, rewriter);
    if (failed(continuation))
      return failure();
    // The link register is the first of the callee's definitions.
    rewriter.replaceOpWithNewOp<pvm::CallOp>(
        op, defs.front(), ArrayRef(defs).drop_front(), op.getCalleeAttr(),
        adaptor.getUses(), *continuation);
    return success();
  }
};

struct CallIndirectLowering : RISCVPattern<rv::CallIndirectOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::CallIndirectOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (isZero(op.getRs1()))
      return op.emitOpError("calls a fixed RISC-V address, which has no "
                            "PVM counterpart");
    SmallVector<Type> defs;
    if (failed(getTypeConverter()->convertTypes(op.getResultTypes(), defs)))
      return failure();
    if (defs.front() == adaptor.getRs1().getType())
      return op.emitOpError("links into its own target register, which PVM "
                            "overwrites before the jump reads it; "
                            "expandScratchInstructions must move the target "
                            "first");
    FailureOr<Block *> continuation = takeContinuation(op, rewriter);
    if (failed(continuation))
      return failure();
    rewriter.replaceOpWithNewOp<pvm::CallIndirectOp>(
        op, defs.front(), ArrayRef(defs).drop_front(), adaptor.getRs1(),
        op.getImmAttr(), adaptor.getUses(), *continuation);
    return success();
  }
};

struct TailLowering : RISCVPattern<rv::TailOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::TailOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<pvm::TailCallOp>(op, op.getCalleeAttr(),
                                                 adaptor.getUses());
    return success();
  }
};

/// A labelled block: its jump-table entry, numbered by the pass.
struct CodeLabelLowering : RISCVPattern<rv::CodeLabelOp> {
  using RISCVPattern::RISCVPattern;
  LogicalResult
  matchAndRewrite(rv::CodeLabelOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto index = op->getAttrOfType<IntegerAttr>(kJumpTableIndexAttr);
    if (!index) {
      rewriter.eraseOp(op); // nothing refers to this block any more
      return success();
    }
    rewriter.replaceOpWithNewOp<pvm::JumpTableEntryOp>(op, index);
    return success();
  }
};

/// Converts the block signatures of a function whose body still holds
/// `riscv` ops.
struct FuncBodyConversion : OpConversionPattern<pvm::FuncOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(pvm::FuncOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(rewriter.convertRegionTypes(&op.getBody(), *typeConverter)))
      return failure();
    rewriter.modifyOpInPlace(op, [] {});
    return success();
  }
};

} // namespace

void grey::populateRISCVToPVMPatterns(RISCVToPVMTypeConverter &converter,
                                      RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<
      // RV64I and M register-register.
      RegRegLowering<rv::AddOp, pvm::Add64Op>,
      RegRegLowering<rv::SubOp, pvm::Sub64Op>,
      RegRegLowering<rv::SllOp, pvm::ShloL64Op>,
      RegRegLowering<rv::SltOp, pvm::SetLtSOp>,
      RegRegLowering<rv::SltuOp, pvm::SetLtUOp>,
      RegRegLowering<rv::XorOp, pvm::XorOp>,
      RegRegLowering<rv::SrlOp, pvm::ShloR64Op>,
      RegRegLowering<rv::SraOp, pvm::SharR64Op>,
      RegRegLowering<rv::OrOp, pvm::OrOp>,
      RegRegLowering<rv::AndOp, pvm::AndOp>,
      RegRegLowering<rv::AddwOp, pvm::Add32Op>,
      RegRegLowering<rv::SubwOp, pvm::Sub32Op>,
      RegRegLowering<rv::SllwOp, pvm::ShloL32Op>,
      RegRegLowering<rv::SrlwOp, pvm::ShloR32Op>,
      RegRegLowering<rv::SrawOp, pvm::SharR32Op>,
      RegRegLowering<rv::MulOp, pvm::Mul64Op>,
      RegRegLowering<rv::MulhOp, pvm::MulUpperSSOp>,
      RegRegLowering<rv::MulhsuOp, pvm::MulUpperSUOp>,
      RegRegLowering<rv::MulhuOp, pvm::MulUpperUUOp>,
      RegRegLowering<rv::DivOp, pvm::DivS64Op>,
      RegRegLowering<rv::DivuOp, pvm::DivU64Op>,
      RegRegLowering<rv::RemOp, pvm::RemS64Op>,
      RegRegLowering<rv::RemuOp, pvm::RemU64Op>,
      RegRegLowering<rv::MulwOp, pvm::Mul32Op>,
      RegRegLowering<rv::DivwOp, pvm::DivS32Op>,
      RegRegLowering<rv::DivuwOp, pvm::DivU32Op>,
      RegRegLowering<rv::RemwOp, pvm::RemS32Op>,
      RegRegLowering<rv::RemuwOp, pvm::RemU32Op>,
      // Zbb register-register.
      RegRegLowering<rv::AndnOp, pvm::AndInvOp>,
      RegRegLowering<rv::OrnOp, pvm::OrInvOp>,
      RegRegLowering<rv::XnorOp, pvm::XnorOp>,
      RegRegLowering<rv::MaxOp, pvm::MaxOp>,
      RegRegLowering<rv::MaxuOp, pvm::MaxUOp>,
      RegRegLowering<rv::MinOp, pvm::MinOp>,
      RegRegLowering<rv::MinuOp, pvm::MinUOp>,
      RegRegLowering<rv::RolOp, pvm::RotL64Op>,
      RegRegLowering<rv::RorOp, pvm::RotR64Op>,
      RegRegLowering<rv::RolwOp, pvm::RotL32Op>,
      RegRegLowering<rv::RorwOp, pvm::RotR32Op>,
      // Register-immediate.
      RegImmLowering<rv::AddiOp, pvm::AddImm64Op>,
      RegImmLowering<rv::SltiOp, pvm::SetLtSImmOp>,
      RegImmLowering<rv::SltiuOp, pvm::SetLtUImmOp>,
      RegImmLowering<rv::XoriOp, pvm::XorImmOp>,
      RegImmLowering<rv::OriOp, pvm::OrImmOp>,
      RegImmLowering<rv::AndiOp, pvm::AndImmOp>,
      RegImmLowering<rv::AddiwOp, pvm::AddImm32Op>,
      RegImmLowering<rv::SlliOp, pvm::ShloLImm64Op>,
      RegImmLowering<rv::SrliOp, pvm::ShloRImm64Op>,
      RegImmLowering<rv::SraiOp, pvm::SharRImm64Op>,
      RegImmLowering<rv::RoriOp, pvm::RotR64ImmOp>,
      RegImmLowering<rv::SlliwOp, pvm::ShloLImm32Op>,
      RegImmLowering<rv::SrliwOp, pvm::ShloRImm32Op>,
      RegImmLowering<rv::SraiwOp, pvm::SharRImm32Op>,
      RegImmLowering<rv::RoriwOp, pvm::RotR32ImmOp>,
      // Unary (Zbb).
      UnaryLowering<rv::ClzOp, pvm::LeadingZeroBits64Op>,
      UnaryLowering<rv::ClzwOp, pvm::LeadingZeroBits32Op>,
      UnaryLowering<rv::CtzOp, pvm::TrailingZeroBits64Op>,
      UnaryLowering<rv::CtzwOp, pvm::TrailingZeroBits32Op>,
      UnaryLowering<rv::CpopOp, pvm::CountSetBits64Op>,
      UnaryLowering<rv::CpopwOp, pvm::CountSetBits32Op>,
      UnaryLowering<rv::SextBOp, pvm::SignExtend8Op>,
      UnaryLowering<rv::SextHOp, pvm::SignExtend16Op>,
      UnaryLowering<rv::ZextHOp, pvm::ZeroExtend16Op>,
      UnaryLowering<rv::Rev8Op, pvm::ReverseBytesOp>, OrcBLowering,
      // Constants.
      ConstantLowering, LuiLowering, AuipcLowering,
      // Memory.
      LoadLowering<rv::LbOp, pvm::LoadIndI8Op, pvm::LoadI8Op>,
      LoadLowering<rv::LhOp, pvm::LoadIndI16Op, pvm::LoadI16Op>,
      LoadLowering<rv::LwOp, pvm::LoadIndI32Op, pvm::LoadI32Op>,
      LoadLowering<rv::LdOp, pvm::LoadIndU64Op, pvm::LoadU64Op>,
      LoadLowering<rv::LbuOp, pvm::LoadIndU8Op, pvm::LoadU8Op>,
      LoadLowering<rv::LhuOp, pvm::LoadIndU16Op, pvm::LoadU16Op>,
      LoadLowering<rv::LwuOp, pvm::LoadIndU32Op, pvm::LoadU32Op>,
      StoreLowering<rv::SbOp, pvm::StoreIndU8Op, pvm::StoreU8Op,
                    pvm::StoreImmIndU8Op, pvm::StoreImmU8Op>,
      StoreLowering<rv::ShOp, pvm::StoreIndU16Op, pvm::StoreU16Op,
                    pvm::StoreImmIndU16Op, pvm::StoreImmU16Op>,
      StoreLowering<rv::SwOp, pvm::StoreIndU32Op, pvm::StoreU32Op,
                    pvm::StoreImmIndU32Op, pvm::StoreImmU32Op>,
      StoreLowering<rv::SdOp, pvm::StoreIndU64Op, pvm::StoreU64Op,
                    pvm::StoreImmIndU64Op, pvm::StoreImmU64Op>,
      // XTheadCondMov.
      CondMovLowering<rv::ThMveqzOp, pvm::CmovIzOp, pvm::CmovIzImmOp, true>,
      CondMovLowering<rv::ThMvnezOp, pvm::CmovNzOp, pvm::CmovNzImmOp, false>,
      // System.
      EraseLowering<rv::FenceOp>, EraseLowering<rv::FenceIOp>,
      CsrLowering<rv::CsrrwOp>, CsrLowering<rv::CsrrsOp>,
      CsrLowering<rv::CsrrcOp>, CsrLowering<rv::CsrrwiOp>,
      CsrLowering<rv::CsrrsiOp>, CsrLowering<rv::CsrrciOp>, EcallLowering,
      TrapLowering<rv::EbreakOp>, TrapLowering<rv::UnimpOp>,
      // Control flow.
      BranchLowering<rv::BeqOp>, BranchLowering<rv::BneOp>,
      BranchLowering<rv::BltOp>, BranchLowering<rv::BgeOp>,
      BranchLowering<rv::BltuOp>, BranchLowering<rv::BgeuOp>, JalLowering,
      JalrLowering, CallLowering, CallIndirectLowering, TailLowering,
      CodeLabelLowering, FuncBodyConversion>(converter, ctx);
}
