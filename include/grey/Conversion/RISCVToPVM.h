//===- RISCVToPVM.h - riscv to pvm conversion -----------------*- C++ -*-===//
//
// The register mapping and the conversion patterns from the `riscv` dialect
// to the `pvm` dialect.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_CONVERSION_RISCVTOPVM_H
#define GREY_CONVERSION_RISCVTOPVM_H

#include "grey/Dialect/PVM/PVMTypes.h"
#include "grey/Dialect/RISCV/RISCVTypes.h"

#include "mlir/Transforms/DialectConversion.h"

#include <optional>

namespace grey {

/// The reference's fixed mapping (transpile-abi.md §6). x0 has no PVM
/// register; gp and tp are not available.
std::optional<pvm::Reg> mapRISCVRegister(riscv::Reg reg);

/// Converts `!riscv.reg<r>` to `!pvm.reg<mapped r>`; x0 values become
/// unallocated (`!pvm.reg`), which the conversion only uses for constants
/// that the x0 forms make dead.
class RISCVToPVMTypeConverter : public mlir::TypeConverter {
public:
  RISCVToPVMTypeConverter();
};

/// The discardable attribute that carries the jump-table index the pass
/// assigned to a call's return site (on the call) or to a labelled block (on
/// its `riscv.code_label`).
inline constexpr llvm::StringLiteral kJumpTableIndexAttr =
    "grey.jump_table_index";

/// Adds the patterns that convert every `riscv` instruction inside
/// `pvm.func` bodies. Calls must already end their block with a
/// `riscv.jal` to the return site, return sites and labels must carry
/// kJumpTableIndexAttr, and the instructions that need a scratch register
/// must have been expanded (the pass prepares all three).
void populateRISCVToPVMPatterns(RISCVToPVMTypeConverter &converter,
                                mlir::RewritePatternSet &patterns);

} // namespace grey

#endif // GREY_CONVERSION_RISCVTOPVM_H
