//===- KernelTest.cpp - loading and running whole blobs -------------------===//
//
// Root-VM loading (jar-blob.md §5), host calls (kernel-abi.md §5) and the
// exact gas of jar-blob.md §6 examples A and B.
//
//===----------------------------------------------------------------------===//

#include "CodeBuilder.h"

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Interpreter/Kernel.h"

#include "gtest/gtest.h"

using namespace grey;
using namespace grey::interp;
using grey::testing::CodeBuilder;
namespace ops = grey::pvm;

namespace {

/// The bytes of a code sub-blob (jar-blob.md §3), written by hand with
/// 4-byte jump-table entries.
std::vector<uint8_t> subBlob(const blob::CodeBlob &code) {
  std::vector<uint8_t> out;
  auto le = [&](uint64_t value, unsigned bytes) {
    for (unsigned i = 0; i < bytes; ++i)
      out.push_back(uint8_t(value >> (8 * i)));
  };
  le(code.jumpTable.size(), 4);
  le(4, 1);
  le(code.code.size(), 4);
  for (uint32_t entry : code.jumpTable)
    le(entry, 4);
  out.insert(out.end(), code.code.begin(), code.code.end());
  std::vector<uint8_t> packed((code.code.size() + 7) / 8, 0);
  for (size_t i = 0; i < code.bitmask.size(); ++i)
    if (code.bitmask[i])
      packed[i / 8] |= uint8_t(1 << (i % 8));
  out.insert(out.end(), packed.begin(), packed.end());
  return out;
}

blob::CapEntry codeCap(const CodeBuilder &code, uint8_t slot = 64) {
  blob::CapEntry cap;
  cap.slot = slot;
  cap.kind = blob::CapKind::Code;
  cap.bytes = subBlob(code.code);
  return cap;
}

blob::CapEntry dataCap(uint8_t slot, uint32_t basePage, uint32_t pages,
                       blob::Access access, std::vector<uint8_t> bytes = {}) {
  blob::CapEntry cap;
  cap.slot = slot;
  cap.kind = blob::CapKind::Data;
  cap.basePage = basePage;
  cap.pageCount = pages;
  cap.access = access;
  cap.bytes = std::move(bytes);
  return cap;
}

blob::Blob blobOf(const CodeBuilder &code, uint32_t memoryPages = 0) {
  blob::Blob blob;
  blob.memoryPages = memoryPages;
  blob.invokeCap = 64;
  blob.caps.push_back(codeCap(code));
  return blob;
}

/// Options with `gas` and the defaults otherwise.
RunOptions withGas(uint64_t gas) {
  RunOptions options;
  options.gas = gas;
  return options;
}

RunResult run(const blob::Blob &blob, RunOptions options = {}) {
  llvm::Expected<RunResult> result = runBlob(blob, options);
  if (!result) {
    ADD_FAILURE() << llvm::toString(result.takeError());
    return {};
  }
  return *result;
}

std::string runError(const blob::Blob &blob, RunOptions options = {}) {
  llvm::Expected<RunResult> result = runBlob(blob, options);
  if (result) {
    ADD_FAILURE() << "expected a load error";
    return "";
  }
  return llvm::toString(result.takeError());
}

/// load_imm φ7, 42; ecalli 0; trap (jar-blob.md §6.1).
CodeBuilder exampleA() {
  CodeBuilder code;
  code.raw({ops::LoadImmOp::kOpcode, 7, 42})
      .ecalli(0)
      .noArgs(ops::TrapOp::kOpcode);
  return code;
}

TEST(KernelTest, ExampleAHaltsWith42After107Gas) {
  RunResult result = run(blobOf(exampleA()), withGas(1000));
  EXPECT_EQ(result.exit, ExitKind::Halt);
  EXPECT_EQ(result.regs[7], 42u);
  EXPECT_EQ(result.gasUsed, 107u);
  EXPECT_EQ(result.gasRemaining, 893u);
  EXPECT_EQ(result.loadGas, 0u);
  EXPECT_EQ(result.instructions, 2u);
  EXPECT_EQ(result.blocks, 1u);
  EXPECT_EQ(result.pc, 4u);
}

TEST(KernelTest, ExampleBChargesADataPageAtLoad) {
  blob::Blob blob = blobOf(exampleA(), 1);
  blob.caps.push_back(dataCap(65, 0, 1, blob::Access::ReadWrite));
  RunResult result = run(blob, withGas(10000));
  EXPECT_EQ(result.exit, ExitKind::Halt);
  EXPECT_EQ(result.loadGas, 1500u);
  EXPECT_EQ(result.gasUsed, 1607u);
}

TEST(KernelTest, TooLittleGasForTheLoadChargeRunsNothing) {
  blob::Blob blob = blobOf(exampleA(), 2);
  blob.caps.push_back(dataCap(65, 0, 2, blob::Access::ReadWrite));
  RunResult result = run(blob, withGas(2999));
  EXPECT_EQ(result.exit, ExitKind::OutOfGas);
  EXPECT_EQ(result.instructions, 0u);
  EXPECT_EQ(result.gasUsed, 2999u);
}

TEST(KernelTest, OutOfGasInsideTheProgram) {
  RunResult result = run(blobOf(exampleA()), withGas(100));
  // 97 for the first block, 10 for the call: REPLY is skipped when less
  // than 10 is left (Rust continues), then the trap block runs out.
  EXPECT_EQ(result.exit, ExitKind::Trap);
  RunResult starved = run(blobOf(exampleA()), withGas(96));
  EXPECT_EQ(starved.exit, ExitKind::OutOfGas);
  EXPECT_EQ(starved.pc, 0u);
  EXPECT_EQ(starved.gasUsed, 96u); // recompiler: all gas gone
}

TEST(KernelTest, GasServiceAnswersLikeTheKernel) {
  CodeBuilder code;
  code.raw({ops::LoadImmOp::kOpcode, 8, 5}).ecalli(1).ecalli(0);
  // Block {load_imm, ecalli 1} = 97, kernel 10: φ7 = 10000 - 107.
  RunResult recompiled = run(blobOf(code), withGas(10000));
  EXPECT_EQ(recompiled.exit, ExitKind::Halt);
  EXPECT_EQ(recompiled.regs[7], 10000u - 107);
  EXPECT_EQ(recompiled.regs[8], 5u); // inline fast path leaves φ8
  EXPECT_EQ(recompiled.gasUsed, 214u);
  RunOptions interpreter = withGas(10000);
  interpreter.backend = gas::Backend::Interpreter;
  RunResult interpreted = run(blobOf(code), interpreter);
  EXPECT_EQ(interpreted.regs[7], 10000u - 107);
  EXPECT_EQ(interpreted.regs[8], 0u);
}

TEST(KernelTest, ProtocolCallsStopOrAreAnswered) {
  CodeBuilder code;
  code.ecalli(2).ecalli(0);
  RunResult stopped = run(blobOf(code), withGas(10000));
  EXPECT_EQ(stopped.exit, ExitKind::HostCall);
  EXPECT_EQ(stopped.slot, 2u);
  EXPECT_EQ(stopped.pc, 2u);
  EXPECT_EQ(stopped.gasUsed, 107u);
  EXPECT_NE(stopped.detail.find("FETCH"), std::string::npos);

  RunOptions answering = withGas(10000);
  answering.hostCallResult = 77;
  RunResult answered = run(blobOf(code), answering);
  EXPECT_EQ(answered.exit, ExitKind::Halt);
  EXPECT_EQ(answered.regs[7], 77u);
  EXPECT_EQ(answered.hostCalls, 2u);
  EXPECT_EQ(answered.gasUsed, 214u);
}

TEST(KernelTest, CallsOnEmptySlotsAndLargeImmediates) {
  CodeBuilder empty;
  empty.ecalli(40).ecalli(0);
  RunResult what = run(blobOf(empty), withGas(10000));
  EXPECT_EQ(what.exit, ExitKind::Halt);
  EXPECT_EQ(what.regs[7], kResultWhat);

  // ecalli 200 (two-byte immediate): φ7 = 200, no kernel charge.
  CodeBuilder large;
  large.raw({ops::EcalliOp::kOpcode, 200, 0}).ecalli(0);
  RunResult result = run(blobOf(large), withGas(10000));
  EXPECT_EQ(result.exit, ExitKind::Halt);
  EXPECT_EQ(result.regs[7], 200u);
  EXPECT_EQ(result.gasUsed, 97u + 97 + 10);
}

TEST(KernelTest, CreateIsReportedAsUnsupported) {
  CodeBuilder code;
  code.ecalli(64).ecalli(0);
  RunResult result = run(blobOf(code), withGas(10000));
  EXPECT_EQ(result.exit, ExitKind::Unsupported);
  EXPECT_EQ(result.slot, 64u);
}

TEST(KernelTest, EcallDispatchesAndEndsABlockOnlyInTheInterpreter) {
  CodeBuilder code;
  // φ12 = subject 40 (an empty slot) in bits 32-63; φ11 = 0 (CALL).
  code.loadImm64(12, uint64_t(40) << 32);
  code.noArgs(ops::EcallOp::kOpcode);
  code.ecalli(0);
  // Recompiler: one block {load_imm_64, ecall, ecalli} = 97, plus 10 + 10.
  RunResult recompiled = run(blobOf(code), withGas(10000));
  EXPECT_EQ(recompiled.exit, ExitKind::Halt);
  EXPECT_EQ(recompiled.regs[7], kResultWhat);
  EXPECT_EQ(recompiled.gasUsed, 117u);
  EXPECT_EQ(recompiled.blocks, 1u);
  // Interpreter: {load_imm_64, ecall} = 1, {ecalli} = 97, plus 10 + 10.
  RunOptions interpreter = withGas(10000);
  interpreter.backend = gas::Backend::Interpreter;
  RunResult interpreted = run(blobOf(code), interpreter);
  EXPECT_EQ(interpreted.regs[7], kResultWhat);
  EXPECT_EQ(interpreted.gasUsed, 118u);
  EXPECT_EQ(interpreted.blocks, 2u);

  // Management operations (φ11 = 2, MAP) are reported, not modelled.
  CodeBuilder map;
  map.oneRegImm(ops::LoadImmOp::kOpcode, 11, 2);
  map.noArgs(ops::EcallOp::kOpcode);
  map.ecalli(0);
  RunResult unsupported = run(blobOf(map), withGas(10000));
  EXPECT_EQ(unsupported.exit, ExitKind::Unsupported);
  EXPECT_NE(unsupported.detail.find("operation 2"), std::string::npos);
}

TEST(KernelTest, ArgumentsArriveInSlotZero) {
  CodeBuilder code;
  // φ7 = byte 1 of the arguments.
  code.twoRegImm(ops::LoadIndU8Op::kOpcode, 7, 8, 1).ecalli(0);
  blob::Blob blob = blobOf(code, 4);
  blob.caps.push_back(dataCap(0, 3, 1, blob::Access::ReadWrite));
  RunOptions withArgs = withGas(10000);
  withArgs.args = {5, 7, 9};
  RunResult result = run(blob, withArgs);
  EXPECT_EQ(result.exit, ExitKind::Halt);
  EXPECT_EQ(result.regs[7], 7u);
  EXPECT_EQ(result.regs[8], 3u * 4096);
  EXPECT_EQ(result.regs[9], 3u);

  // Without arguments φ8 is 0.
  RunResult none = run(blob, withGas(10000));
  EXPECT_EQ(none.regs[8], 0u);
  EXPECT_EQ(none.exit, ExitKind::PageFault);
  EXPECT_EQ(none.faultAddress, 1u);

  std::vector<uint8_t> tooMany(4097, 1);
  withArgs.args = tooMany;
  EXPECT_NE(runError(blob, withArgs).find("do not fit"), std::string::npos);
}

TEST(KernelTest, LegacyLayoutRepliesWithEcalli255) {
  CodeBuilder code;
  code.twoRegImm(ops::LoadIndU8Op::kOpcode, 7, 8, 0);
  code.raw({ops::EcalliOp::kOpcode, 0xFF}); // sign-extends to 0xFFFFFFFF
  code.noArgs(ops::TrapOp::kOpcode);
  blob::Blob blob = blobOf(code, 1);
  blob.caps.push_back(dataCap(255, 0, 1, blob::Access::ReadWrite));
  RunOptions legacy = withGas(10000);
  legacy.layout = pvm::CapLayout::Legacy;
  legacy.args = {33};
  RunResult result = run(blob, legacy);
  EXPECT_EQ(result.exit, ExitKind::Halt);
  EXPECT_EQ(result.regs[7], 33u);
}

TEST(KernelTest, ReadOnlyDataIsMappedReadOnly) {
  CodeBuilder code;
  code.oneRegImm(ops::LoadU8Op::kOpcode, 7, 0x10001);
  code.oneRegImm(ops::StoreU8Op::kOpcode, 7, 0x10001);
  code.ecalli(0);
  blob::Blob blob = blobOf(code, 1);
  blob.caps.push_back(dataCap(66, 16, 1, blob::Access::ReadOnly, {1, 2}));
  RunResult result = run(blob, withGas(10000));
  EXPECT_EQ(result.exit, ExitKind::PageFault);
  EXPECT_EQ(result.faultAddress, 0x10001u);
  EXPECT_EQ(result.pc, 6u);
  EXPECT_EQ(result.regs[7], 2u);
}

TEST(KernelTest, BadBlobsAreErrors) {
  blob::Blob noCode = blobOf(exampleA());
  noCode.invokeCap = 65;
  EXPECT_NE(runError(noCode).find("no CODE cap"), std::string::npos);

  blob::Blob overBudget = blobOf(exampleA(), 1);
  overBudget.caps.push_back(dataCap(65, 0, 2, blob::Access::ReadWrite));
  EXPECT_NE(runError(overBudget).find("memory_pages"), std::string::npos);

  blob::Blob truncated = blobOf(exampleA());
  truncated.caps[0].bytes.resize(5);
  EXPECT_FALSE(runError(truncated).empty());

  blob::Blob outside = blobOf(exampleA(), 2);
  outside.caps.push_back(dataCap(65, 0xFFFFF, 2, blob::Access::ReadWrite));
  EXPECT_NE(runError(outside).find("address space"), std::string::npos);
}

TEST(KernelTest, ProfileCountsBlockEntries) {
  CodeBuilder code;
  // φ1 = 3; loop: φ1 -= 1; branch_ne_imm φ1, 0 -> loop; ecalli 0.
  code.oneRegImm(ops::LoadImmOp::kOpcode, 1, 3); // 0
  code.noArgs(ops::FallthroughOp::kOpcode);      // 6
  uint32_t loop = code.pc();                     // 7
  code.twoRegImm(ops::AddImm64Op::kOpcode, 1, 1, -1);
  code.branchImm(ops::BranchNeImmOp::kOpcode, 1, 0, loop);
  code.ecalli(0);
  RunOptions profiling = withGas(10000);
  profiling.profile = true;
  RunResult result = run(blobOf(code), profiling);
  ASSERT_EQ(result.exit, ExitKind::Halt);
  using Profile = std::vector<std::pair<uint32_t, uint64_t>>;
  EXPECT_EQ(result.blockProfile, (Profile{{0, 1}, {7, 3}, {23, 1}}));
  EXPECT_EQ(result.blocks, 5u);
}

} // namespace
