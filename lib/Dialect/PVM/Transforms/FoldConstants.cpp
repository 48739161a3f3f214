//===- FoldConstants.cpp - pvm-fold-constants -----------------------------===//
//
// Rewrites instructions with an operand defined by `load_imm K` into their
// immediate forms. Each rewrite keeps the result's register; the load_imm
// goes away only when nothing reads it any more.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Support/OptBisect.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMFOLDCONSTANTS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

/// The value of `v` if a `load_imm` defines it (an immediate form can only
/// hold sign-extended 32-bit values, which is what load_imm holds).
std::optional<int64_t> immediateOf(Value v) {
  if (auto load = v.getDefiningOp<LoadImmOp>())
    return load.getValue();
  if (auto load = v.getDefiningOp<LoadImm64Op>())
    if (load.getValue() == int64_t(int32_t(load.getValue())))
      return load.getValue();
  return std::nullopt;
}

bool fitsImm32(int64_t v) { return v == int64_t(int32_t(v)); }

/// `rd = lhs op rhs` → `rd = x opImm K` when `rhs` is K, and, when `lhs` is
/// K, `rd = x opImmLhs K` (the `_alt`, `neg_add` or flipped-comparison form;
/// the same op for commutative ones). `RhsNegated` turns `x - K` into
/// `x + (-K)`.
template <typename Op, typename RhsImmOp, typename LhsImmOp,
          bool RhsNegated = false>
struct ThreeRegToImm : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
  LogicalResult matchAndRewrite(Op op,
                                PatternRewriter &rewriter) const override {
    Type rd = op.getType();
    if (std::optional<int64_t> k = immediateOf(op.getRhs())) {
      int64_t imm = RhsNegated ? -*k : *k;
      if (fitsImm32(imm)) {
        rewriter.replaceOpWithNewOp<RhsImmOp>(op, rd, op.getLhs(),
                                              rewriter.getI64IntegerAttr(imm));
        return success();
      }
    }
    if (std::optional<int64_t> k = immediateOf(op.getLhs())) {
      rewriter.replaceOpWithNewOp<LhsImmOp>(op, rd, op.getRhs(),
                                            rewriter.getI64IntegerAttr(*k));
      return success();
    }
    return failure();
  }
};

/// A two-register branch on a constant becomes the immediate branch; with
/// the constant on the left the comparison flips (`K < x` is `x > K`).
template <typename Op, typename RhsImmOp, typename LhsImmOp>
struct BranchToImm : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
  LogicalResult matchAndRewrite(Op op,
                                PatternRewriter &rewriter) const override {
    Value x;
    std::optional<int64_t> k = immediateOf(op.getRhs());
    bool flipped = false;
    if (k) {
      x = op.getLhs();
    } else if ((k = immediateOf(op.getLhs()))) {
      x = op.getRhs();
      flipped = true;
    } else {
      return failure();
    }
    auto imm = rewriter.getI64IntegerAttr(*k);
    if (flipped)
      rewriter.replaceOpWithNewOp<LhsImmOp>(
          op, x, imm, op.getTargetOperands(), op.getNextOperands(),
          op.getTarget(), op.getNext());
    else
      rewriter.replaceOpWithNewOp<RhsImmOp>(
          op, x, imm, op.getTargetOperands(), op.getNextOperands(),
          op.getTarget(), op.getNext());
    return success();
  }
};

/// The absolute address `lo32(base + offset)` of an access whose base is a
/// constant; both forms compute the same address (pvm-isa.md §4.1).
IntegerAttr absoluteAddress(PatternRewriter &rewriter, int64_t base,
                            int64_t offset) {
  return rewriter.getI64IntegerAttr(
      int64_t(uint32_t(uint64_t(base) + uint64_t(offset))));
}

template <typename IndirectOp, typename AbsoluteOp>
struct LoadFromConstantBase : OpRewritePattern<IndirectOp> {
  using OpRewritePattern<IndirectOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(IndirectOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<int64_t> base = immediateOf(op.getBase());
    if (!base)
      return failure();
    rewriter.replaceOpWithNewOp<AbsoluteOp>(
        op, op.getType(), absoluteAddress(rewriter, *base, op.getOffset()));
    return success();
  }
};

template <typename IndirectOp, typename AbsoluteOp, typename ImmIndirectOp,
          typename ImmAbsoluteOp>
struct StoreOfConstants : OpRewritePattern<IndirectOp> {
  using OpRewritePattern<IndirectOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(IndirectOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<int64_t> base = immediateOf(op.getBase());
    std::optional<int64_t> value = immediateOf(op.getValue());
    if (base && value)
      rewriter.replaceOpWithNewOp<ImmAbsoluteOp>(
          op, absoluteAddress(rewriter, *base, op.getOffset()),
          rewriter.getI64IntegerAttr(*value));
    else if (base)
      rewriter.replaceOpWithNewOp<AbsoluteOp>(
          op, op.getValue(), absoluteAddress(rewriter, *base, op.getOffset()));
    else if (value)
      rewriter.replaceOpWithNewOp<ImmIndirectOp>(
          op, op.getBase(), op.getOffsetAttr(),
          rewriter.getI64IntegerAttr(*value));
    else
      return failure();
    return success();
  }
};

template <typename Op, typename ImmOp>
struct CmovOfConstant : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
  LogicalResult matchAndRewrite(Op op,
                                PatternRewriter &rewriter) const override {
    std::optional<int64_t> value = immediateOf(op.getValue());
    if (!value)
      return failure();
    rewriter.replaceOpWithNewOp<ImmOp>(op, op.getType(), op.getCond(),
                                       rewriter.getI64IntegerAttr(*value),
                                       op.getPrev());
    return success();
  }
};

/// `x rotl K` is `x rotr (width - K)`; PVM has only the right-rotate
/// immediate forms.
template <typename Op, typename ImmOp, unsigned Width>
struct RotateLeftByConstant : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
  LogicalResult matchAndRewrite(Op op,
                                PatternRewriter &rewriter) const override {
    std::optional<int64_t> k = immediateOf(op.getRhs());
    if (!k)
      return failure();
    int64_t amount = (Width - (uint64_t(*k) % Width)) % Width;
    rewriter.replaceOpWithNewOp<ImmOp>(op, op.getType(), op.getLhs(),
                                       rewriter.getI64IntegerAttr(amount));
    return success();
  }
};

struct FoldConstantsPass
    : public grey::pvm::impl::PVMFoldConstantsBase<FoldConstantsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<
        // 64-bit arithmetic and logic.
        ThreeRegToImm<Add64Op, AddImm64Op, AddImm64Op>,
        ThreeRegToImm<Sub64Op, AddImm64Op, NegAddImm64Op, true>,
        ThreeRegToImm<Mul64Op, MulImm64Op, MulImm64Op>,
        ThreeRegToImm<AndOp, AndImmOp, AndImmOp>,
        ThreeRegToImm<OrOp, OrImmOp, OrImmOp>,
        ThreeRegToImm<XorOp, XorImmOp, XorImmOp>,
        // 32-bit arithmetic.
        ThreeRegToImm<Add32Op, AddImm32Op, AddImm32Op>,
        ThreeRegToImm<Sub32Op, AddImm32Op, NegAddImm32Op, true>,
        ThreeRegToImm<Mul32Op, MulImm32Op, MulImm32Op>,
        // Shifts and rotates: a constant shifted value takes the _alt form.
        ThreeRegToImm<ShloL64Op, ShloLImm64Op, ShloLImmAlt64Op>,
        ThreeRegToImm<ShloR64Op, ShloRImm64Op, ShloRImmAlt64Op>,
        ThreeRegToImm<SharR64Op, SharRImm64Op, SharRImmAlt64Op>,
        ThreeRegToImm<ShloL32Op, ShloLImm32Op, ShloLImmAlt32Op>,
        ThreeRegToImm<ShloR32Op, ShloRImm32Op, ShloRImmAlt32Op>,
        ThreeRegToImm<SharR32Op, SharRImm32Op, SharRImmAlt32Op>,
        ThreeRegToImm<RotR64Op, RotR64ImmOp, RotR64ImmAltOp>,
        ThreeRegToImm<RotR32Op, RotR32ImmOp, RotR32ImmAltOp>,
        RotateLeftByConstant<RotL64Op, RotR64ImmOp, 64>,
        RotateLeftByConstant<RotL32Op, RotR32ImmOp, 32>,
        // Comparisons: K < x is x > K.
        ThreeRegToImm<SetLtUOp, SetLtUImmOp, SetGtUImmOp>,
        ThreeRegToImm<SetLtSOp, SetLtSImmOp, SetGtSImmOp>,
        // Branches.
        BranchToImm<BranchEqOp, BranchEqImmOp, BranchEqImmOp>,
        BranchToImm<BranchNeOp, BranchNeImmOp, BranchNeImmOp>,
        BranchToImm<BranchLtUOp, BranchLtUImmOp, BranchGtUImmOp>,
        BranchToImm<BranchLtSOp, BranchLtSImmOp, BranchGtSImmOp>,
        BranchToImm<BranchGeUOp, BranchGeUImmOp, BranchLeUImmOp>,
        BranchToImm<BranchGeSOp, BranchGeSImmOp, BranchLeSImmOp>,
        // Memory.
        LoadFromConstantBase<LoadIndU8Op, LoadU8Op>,
        LoadFromConstantBase<LoadIndI8Op, LoadI8Op>,
        LoadFromConstantBase<LoadIndU16Op, LoadU16Op>,
        LoadFromConstantBase<LoadIndI16Op, LoadI16Op>,
        LoadFromConstantBase<LoadIndU32Op, LoadU32Op>,
        LoadFromConstantBase<LoadIndI32Op, LoadI32Op>,
        LoadFromConstantBase<LoadIndU64Op, LoadU64Op>,
        StoreOfConstants<StoreIndU8Op, StoreU8Op, StoreImmIndU8Op,
                         StoreImmU8Op>,
        StoreOfConstants<StoreIndU16Op, StoreU16Op, StoreImmIndU16Op,
                         StoreImmU16Op>,
        StoreOfConstants<StoreIndU32Op, StoreU32Op, StoreImmIndU32Op,
                         StoreImmU32Op>,
        StoreOfConstants<StoreIndU64Op, StoreU64Op, StoreImmIndU64Op,
                         StoreImmU64Op>,
        // Conditional moves of a constant.
        CmovOfConstant<CmovIzOp, CmovIzImmOp>,
        CmovOfConstant<CmovNzOp, CmovNzImmOp>>(&getContext());
    // Block order is the layout: never merge or erase blocks. And constants
    // stay where they are: hoisting or sharing one would move a value into
    // its register where another value still lives.
    GreedyRewriteConfig config;
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    config.enableConstantCSE(false);
    FrozenRewritePatternSet frozen(std::move(patterns));
    getOperation()->walk([&](FuncOp func) {
      if (!grey::shouldApplyRewrite(func, getArgument(), "fold constants"))
        return;
      if (failed(applyPatternsGreedily(func, frozen, config)))
        signalPassFailure();
    });
  }
};

} // namespace
