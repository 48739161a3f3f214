//===- DialectCoverageTest.cpp - every op is round-trip tested ------------===//
//
// Fails when an op registered by a grey dialect is missing from that
// dialect's round-trip test (test/Dialect/<D>/basic.mlir), and checks that
// the riscv dialect has an op for every instruction of transpile-abi.md §9.
//
//===----------------------------------------------------------------------===//

#include "grey/InitAllDialects.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

#include <set>
#include <string>

namespace {

/// Names of every op in the round-trip test of `dialect`.
std::set<std::string> opsInRoundTripTest(mlir::MLIRContext &context,
                                         llvm::StringRef dialectDir) {
  std::string path =
      std::string(GREY_SOURCE_DIR) + "/test/Dialect/" + dialectDir.str() +
      "/basic.mlir";
  mlir::ParserConfig config(&context);
  mlir::OwningOpRef<mlir::Operation *> module =
      mlir::parseSourceFile(path, config);
  EXPECT_TRUE(module) << "cannot parse " << path;
  std::set<std::string> names;
  if (module)
    module.get()->walk([&](mlir::Operation *op) {
      names.insert(op->getName().getStringRef().str());
    });
  return names;
}

class DialectCoverageTest : public ::testing::Test {
protected:
  DialectCoverageTest() {
    mlir::DialectRegistry registry;
    grey::registerAllDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }

  /// Checks that every registered op of `ns` appears in its basic.mlir.
  void expectAllOpsTested(llvm::StringRef ns, llvm::StringRef dir) {
    std::set<std::string> tested = opsInRoundTripTest(context, dir);
    unsigned registered = 0;
    for (mlir::RegisteredOperationName name :
         context.getRegisteredOperations()) {
      if (name.getDialectNamespace() != ns)
        continue;
      ++registered;
      EXPECT_TRUE(tested.count(name.getStringRef().str()))
          << name.getStringRef().str() << " is not in test/Dialect/" << dir.str()
          << "/basic.mlir";
    }
    EXPECT_GT(registered, 0u);
  }

  mlir::MLIRContext context;
};

TEST_F(DialectCoverageTest, EveryPVMOpIsRoundTripTested) {
  expectAllOpsTested("pvm", "PVM");
}

TEST_F(DialectCoverageTest, EveryRISCVOpIsRoundTripTested) {
  expectAllOpsTested("riscv", "RISCV");
}

TEST_F(DialectCoverageTest, EveryTargetInstructionHasAnOp) {
  // transpile-abi.md §9: rv64em + Zbb + XTheadCondMov, including the
  // instructions the reference rejects (orc.b, CSR forms, unimp).
  const char *instructions[] = {
      // RV64I
      "lui", "auipc", "beq", "bne", "blt", "bge", "bltu", "bgeu", "lb", "lh",
      "lw", "ld", "lbu", "lhu", "lwu", "sb", "sh", "sw", "sd", "addi", "slti",
      "sltiu", "xori", "ori", "andi", "slli", "srli", "srai", "add", "sub",
      "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and", "addiw", "slliw",
      "srliw", "sraiw", "addw", "subw", "sllw", "srlw", "sraw", "fence",
      "fence.i", "ecall", "ebreak", "csrrw", "csrrs", "csrrc", "csrrwi",
      "csrrsi", "csrrci", "unimp", "jal", "jalr",
      // M
      "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "mulw",
      "divw", "divuw", "remw", "remuw",
      // Zbb
      "andn", "orn", "xnor", "clz", "clzw", "ctz", "ctzw", "cpop", "cpopw",
      "max", "maxu", "min", "minu", "sext.b", "sext.h", "zext.h", "rol", "ror",
      "rolw", "rorw", "rori", "roriw", "orc.b", "rev8",
      // XTheadCondMov
      "th.mveqz", "th.mvnez"};
  for (const char *inst : instructions)
    EXPECT_TRUE(mlir::RegisteredOperationName::lookup(
                    std::string("riscv.") + inst, &context))
        << "no op for " << inst;
}

} // namespace
