//===- ImportExportTest.cpp - blob <-> pvm IR -----------------------------===//
//
// Every opcode through the importer and back; the examples of jar-blob.md
// §6 written from IR; importer errors on malformed and unrepresentable code.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMDialect.h"
#include "grey/Dialect/PVM/PVMOpcodeTable.h"
#include "grey/Target/Blob/BlobFormat.h"
#include "grey/Target/Blob/ExportPVMBlob.h"
#include "grey/Target/Blob/ImportPVMBlob.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace grey;

namespace {

class ImportExportTest : public ::testing::Test {
protected:
  ImportExportTest() {
    context.getOrLoadDialect<pvm::PVMDialect>();
    handler.emplace(&context, [this](mlir::Diagnostic &diag) {
      diagnostics += diag.str() + "\n";
      return mlir::success();
    });
  }

  /// A blob holding `code` (one CODE cap, no memory), as in jar-blob.md §6.1.
  /// A blob whose code is the instruction `code` followed by `trap`.
  static std::vector<uint8_t> blobWithInstruction(std::vector<uint8_t> code) {
    std::vector<uint8_t> bitmask(code.size(), 0);
    bitmask[0] = 1;
    code.push_back(0x00); // trap
    bitmask.push_back(1);
    return blobWithCode(code, bitmask);
  }

  static std::vector<uint8_t> blobWithCode(std::vector<uint8_t> code,
                                           std::vector<uint8_t> bitmask,
                                           std::vector<uint32_t> table = {}) {
    blob::CodeBlob sub;
    sub.code = std::move(code);
    sub.bitmask = std::move(bitmask);
    sub.jumpTable = std::move(table);
    blob::Blob result;
    result.invokeCap = 64;
    blob::CapEntry cap;
    cap.slot = 64;
    cap.kind = blob::CapKind::Code;
    cap.bytes = blob::writeCodeBlob(sub);
    result.caps.push_back(cap);
    return blob::writeBlob(result);
  }

  mlir::OwningOpRef<mlir::ModuleOp> import(const std::vector<uint8_t> &bytes) {
    diagnostics.clear();
    return importPVMBlob(bytes, mlir::UnknownLoc::get(&context));
  }

  std::vector<uint8_t> exportModule(mlir::Operation *op,
                                    ExportPVMBlobOptions options = {}) {
    std::string out;
    llvm::raw_string_ostream os(out);
    EXPECT_TRUE(succeeded(exportPVMBlob(op, os, options))) << diagnostics;
    return {out.begin(), out.end()};
  }

  std::vector<uint8_t> exportSource(llvm::StringRef source) {
    mlir::OwningOpRef<mlir::ModuleOp> module =
        mlir::parseSourceString<mlir::ModuleOp>(source, &context);
    EXPECT_TRUE(module) << diagnostics;
    if (!module)
      return {};
    return exportModule(*module);
  }

  mlir::MLIRContext context;
  std::optional<mlir::ScopedDiagnosticHandler> handler;
  std::string diagnostics;
};

/// One instruction per opcode, followed by `trap` at the instruction's own
/// length, so every offset below is that length (pvm-isa.md §2.3; the
/// operand bytes are those of InstructionCodecTest).
std::vector<uint8_t> instructionFor(uint8_t op) {
  if (op <= 3)
    return {op};
  if (op == 10)
    return {op, 0x01};
  if (op == 20)
    return {op, 0x03, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11};
  if (op >= 30 && op <= 33)
    return {op, 0x02, 0x00, 0x10, 0xFF};
  if (op == 40)
    return {op, 0x05, 0x00, 0x00, 0x00};
  if (op >= 50 && op <= 62)
    return {op, 0x05, 0xFE};
  if (op >= 70 && op <= 73)
    return {op, 0x11, 0xF8, 0x64};
  if (op >= 80 && op <= 90)
    return {op, 0x17, 0x07, 0x07, 0x00, 0x00, 0x00};
  if (op >= 100 && op <= 111)
    return {op, 0x38};
  if (op >= 120 && op <= 161)
    return {op, 0x19, 0xFC};
  if (op >= 170 && op <= 175)
    return {op, 0x42, 0x06, 0x00, 0x00, 0x00};
  if (op == 180)
    return {op, 0x50, 0x01, 0x04, 0x02};
  if (op >= 190 && op <= 230)
    return {op, 0x98, 0x0C};
  return {};
}

TEST_F(ImportExportTest, EveryOpcodeRoundTrips) {
  unsigned tested = 0;
  for (unsigned op = 0; op < 256; ++op) {
    std::vector<uint8_t> code = instructionFor(uint8_t(op));
    if (code.empty() || op == 101) // sbrk is checked below
      continue;
    SCOPED_TRACE("opcode " + std::to_string(op));
    std::vector<uint8_t> bytes = blobWithInstruction(code);
    mlir::OwningOpRef<mlir::ModuleOp> module = import(bytes);
    ASSERT_TRUE(module) << diagnostics;
    // A lone division or shift by a register may be a recompiler hazard.
    ExportPVMBlobOptions options;
    options.allowJITHazards = true;
    EXPECT_EQ(exportModule(*module, options), bytes);
    ++tested;
  }
  EXPECT_EQ(tested, 140u);
}

/// The instructions of instructionFor with every variable-width field
/// encoded wider (or, for offsets, narrower) than grey writes it, as other
/// encoders do (the reference writes patched 4-byte immediates), and the
/// widths pvm.widths must record. Each is followed by `trap` at its own
/// length, which is where its offset points.
std::pair<std::vector<uint8_t>, std::vector<int32_t>>
wideInstructionFor(uint8_t op) {
  if (op == 10) // ecalli 1 in 2 bytes
    return {{op, 0x01, 0x00}, {2}};
  if (op >= 30 && op <= 33) // X = 0x1000 in 4 bytes, Y = -1 in 2
    return {{op, 0x04, 0x00, 0x10, 0x00, 0x00, 0xFF, 0xFF}, {4, 2}};
  if (op == 40) // a 2-byte offset
    return {{op, 0x03, 0x00}, {2}};
  if (op >= 50 && op <= 62) // -2 in 3 bytes, extended from bit 23
    return {{op, 0x05, 0xFE, 0xFF, 0xFF}, {3}};
  if (op >= 70 && op <= 73) // X = -8 in 2 bytes, Y = 100 in 4
    return {{op, 0x21, 0xF8, 0xFF, 0x64, 0x00, 0x00, 0x00}, {2, 4}};
  if (op >= 80 && op <= 90) // X = 7 in 2 bytes, a 1-byte offset
    return {{op, 0x27, 0x07, 0x00, 0x05}, {2, 1}};
  if (op >= 120 && op <= 161) // -4 in 4 bytes
    return {{op, 0x19, 0xFC, 0xFF, 0xFF, 0xFF}, {4}};
  if (op >= 170 && op <= 175) // a 2-byte offset
    return {{op, 0x42, 0x04, 0x00}, {2}};
  if (op == 180) // X = 4 in 2 bytes, Y = 2 in 2
    return {{op, 0x50, 0x02, 0x04, 0x00, 0x02, 0x00}, {2, 2}};
  return {};
}

TEST_F(ImportExportTest, NonCanonicalWidthsRoundTrip) {
  unsigned tested = 0;
  for (unsigned op = 0; op < 256; ++op) {
    auto [code, widths] = wideInstructionFor(uint8_t(op));
    if (code.empty())
      continue;
    SCOPED_TRACE("opcode " + std::to_string(op));
    std::vector<uint8_t> bytes = blobWithInstruction(code);
    mlir::OwningOpRef<mlir::ModuleOp> module = import(bytes);
    ASSERT_TRUE(module) << diagnostics;
    mlir::DenseI32ArrayAttr recorded;
    module->walk([&](mlir::Operation *inst) {
      if (auto attr = inst->getAttrOfType<mlir::DenseI32ArrayAttr>(
              pvm::kWidthsAttrName))
        recorded = attr;
    });
    ASSERT_TRUE(recorded);
    EXPECT_EQ(recorded.asArrayRef(), llvm::ArrayRef(widths));
    EXPECT_EQ(exportModule(*module), bytes);
    ++tested;
  }
  // Every opcode with an immediate or offset but load_imm_64 (always 8
  // bytes): ecalli, 4 store_imm, jump, 13 + 4 + 11 + 42 + 6, and
  // load_imm_jump_ind.
  EXPECT_EQ(tested, 83u);
}

TEST_F(ImportExportTest, CanonicalWidthsAreNotRecorded) {
  // load_imm r7, 5 in one byte: what grey writes, so no pvm.widths.
  mlir::OwningOpRef<mlir::ModuleOp> module =
      import(blobWithCode({0x33, 0x07, 0x05, 0x00}, {1, 0, 0, 1}));
  ASSERT_TRUE(module) << diagnostics;
  bool recorded = false;
  module->walk([&](mlir::Operation *inst) {
    recorded |= inst->hasAttr(pvm::kWidthsAttrName);
  });
  EXPECT_FALSE(recorded);
}

TEST_F(ImportExportTest, RecordedWidthsMustHoldTheirValues) {
  // A 1-byte offset cannot reach 200 bytes ahead; a 1-byte immediate
  // cannot hold 300.
  std::string out;
  llvm::raw_string_ostream os(out);
  auto exportsWithError = [&](llvm::StringRef source, llvm::StringRef text) {
    diagnostics.clear();
    mlir::OwningOpRef<mlir::ModuleOp> module =
        mlir::parseSourceString<mlir::ModuleOp>(source, &context);
    ASSERT_TRUE(module) << diagnostics;
    EXPECT_TRUE(failed(exportPVMBlob(*module, os)));
    EXPECT_NE(diagnostics.find(text), std::string::npos) << diagnostics;
  };
  exportsWithError(R"mlir(
    pvm.program entry @f stack 0 heap 0 layout current {
      pvm.func @f {
        %0 = pvm.load_imm 300 {pvm.widths = array<i32: 1>} : !pvm.reg<r7>
        pvm.trap
      }
    })mlir",
                   "immediate = 300 does not fit its recorded width of 1 "
                   "bytes");
}

TEST_F(ImportExportTest, SbrkIsNeverWritten) {
  std::vector<uint8_t> bytes = blobWithCode({101, 0x38, 0x00}, {1, 0, 1});
  EXPECT_FALSE(import(bytes));
  EXPECT_NE(diagnostics.find("sbrk panics"), std::string::npos) << diagnostics;
}

TEST_F(ImportExportTest, ExportsExampleA) {
  // jar-blob.md §6.1: no memory, no argument cap.
  std::vector<uint8_t> bytes = exportSource(R"mlir(
    pvm.program entry @main stack 0 heap 0 layout current
        attributes {memory_pages = 0, args_pages = 0} {
      pvm.func @main {
        %0 = pvm.load_imm 42 : !pvm.reg<r7>
        pvm.ecalli 0 (%0) : (!pvm.reg<r7>) -> ()
        pvm.trap
      }
    })mlir");
  std::vector<uint8_t> expected = {
      0x4a, 0x41, 0x52, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x40, 0x40,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x0f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x01, 0x05, 0x00, 0x00, 0x00, 0x33, 0x07, 0x2a, 0x0a, 0x00, 0x19};
  EXPECT_EQ(bytes, expected);
  mlir::OwningOpRef<mlir::ModuleOp> module = import(expected);
  ASSERT_TRUE(module) << diagnostics;
  EXPECT_EQ(exportModule(*module), expected);
}

TEST_F(ImportExportTest, ExportsExampleB) {
  // jar-blob.md §6.2: a one-page stack at page 0 and memory_pages 1.
  std::vector<uint8_t> bytes = exportSource(R"mlir(
    pvm.program entry @main stack 4096 heap 0 layout current
        attributes {memory_pages = 1, args_pages = 0} {
      pvm.func @main {
        %0 = pvm.load_imm 42 : !pvm.reg<r7>
        pvm.ecalli 0 (%0) : (!pvm.reg<r7>) -> ()
        pvm.trap
      }
    })mlir");
  std::vector<uint8_t> expected = {
      0x4a, 0x41, 0x52, 0x02, 0x01, 0x00, 0x00, 0x00, 0x02, 0x40, 0x40,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x0f, 0x00, 0x00, 0x00, 0x41, 0x01, 0x00, 0x00,
      0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x05, 0x00,
      0x00, 0x00, 0x33, 0x07, 0x2a, 0x0a, 0x00, 0x19};
  EXPECT_EQ(bytes, expected);
  mlir::OwningOpRef<mlir::ModuleOp> module = import(expected);
  ASSERT_TRUE(module) << diagnostics;
  EXPECT_EQ(exportModule(*module), expected);
}

TEST_F(ImportExportTest, WritesTheStandardManifest) {
  // kernel-abi.md §2 / transpile-abi.md §5: CODE@64, stack@65 at page 0,
  // RO@66, RW@67, heap@68 after the data, args@0 after the heap, and
  // memory_pages = all DATA pages + 16.
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(R"mlir(
    pvm.program entry @main stack 65536 heap 65536 layout current {
      pvm.segment @ro base 65536 size 100 ro init "abc"
      pvm.segment @rw base 69632 size 4097 rw
      pvm.func @main {
        pvm.trap
      }
    })mlir",
                                              &context);
  ASSERT_TRUE(module) << diagnostics;
  auto program = *module->getOps<pvm::ProgramOp>().begin();
  mlir::FailureOr<blob::Blob> result = buildPVMBlob(program);
  ASSERT_TRUE(succeeded(result)) << diagnostics;
  struct Expected {
    uint8_t slot;
    blob::CapKind kind;
    uint32_t basePage, pageCount;
    blob::Access access;
    size_t dataLen;
  };
  const Expected expected[] = {
      {64, blob::CapKind::Code, 0, 0, blob::Access::ReadOnly, 9 + 1 + 1},
      {65, blob::CapKind::Data, 0, 16, blob::Access::ReadWrite, 0},
      {66, blob::CapKind::Data, 16, 1, blob::Access::ReadOnly, 3},
      {67, blob::CapKind::Data, 17, 2, blob::Access::ReadWrite, 0},
      {68, blob::CapKind::Data, 19, 16, blob::Access::ReadWrite, 0},
      {0, blob::CapKind::Data, 35, 1, blob::Access::ReadWrite, 0},
  };
  ASSERT_EQ(result->caps.size(), std::size(expected));
  EXPECT_EQ(result->invokeCap, 64);
  EXPECT_EQ(result->memoryPages, 16u + 1 + 2 + 16 + 1 + 16);
  for (size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE("cap " + std::to_string(i));
    const blob::CapEntry &cap = result->caps[i];
    EXPECT_EQ(cap.slot, expected[i].slot);
    EXPECT_EQ(cap.kind, expected[i].kind);
    EXPECT_EQ(cap.basePage, expected[i].basePage);
    EXPECT_EQ(cap.pageCount, expected[i].pageCount);
    EXPECT_EQ(cap.access, expected[i].access);
    EXPECT_EQ(cap.bytes.size(), expected[i].dataLen);
  }
}

TEST_F(ImportExportTest, LegacyLayoutPutsArgumentsInSlot255) {
  std::vector<uint8_t> bytes = exportSource(R"mlir(
    pvm.program entry @main stack 0 heap 0 layout legacy {
      pvm.func @main {
        pvm.ecalli 255 () : () -> ()
        pvm.trap
      }
    })mlir");
  llvm::Expected<blob::Blob> parsed = blob::parseBlob(bytes);
  ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
  ASSERT_EQ(parsed->caps.size(), 2u);
  EXPECT_EQ(parsed->caps[1].slot, 255);
  mlir::OwningOpRef<mlir::ModuleOp> module = import(bytes);
  ASSERT_TRUE(module) << diagnostics;
  EXPECT_EQ((*module->getOps<pvm::ProgramOp>().begin()).getCapLayout(),
            pvm::CapLayout::Legacy);
  EXPECT_EQ(exportModule(*module), bytes);
}

/// Imports `bytes` and returns the diagnostics (empty if it imported).
#define EXPECT_IMPORT_ERROR(bytes, text)                                       \
  do {                                                                         \
    EXPECT_FALSE(import(bytes));                                               \
    EXPECT_NE(diagnostics.find(text), std::string::npos) << diagnostics;       \
  } while (false)

TEST_F(ImportExportTest, RejectsCodeItCannotRepresent) {
  // The code of these blobs starts at blob offset 10 + 19 + 9 = 38.
  // Invalid opcode 0x04 at code offset 1.
  EXPECT_IMPORT_ERROR(blobWithCode({0x01, 0x04, 0x00}, {1, 1, 1}),
                      "byte offset 39 (code offset 1): invalid opcode 0x04");
  // PC 0 is not an instruction start.
  EXPECT_IMPORT_ERROR(blobWithCode({0x00, 0x00}, {0, 1}),
                      "byte offset 38 (code offset 0): PC 0 is not an "
                      "instruction start");
  // A gap of 25 argument bytes (ℓ is capped at 24).
  std::vector<uint8_t> longCode(27, 0);
  std::vector<uint8_t> longMask(27, 0);
  longCode[0] = 0x01;
  longMask[0] = longMask[26] = 1;
  EXPECT_IMPORT_ERROR(blobWithCode(longCode, longMask),
                      "code offset 0): fallthrough is followed by more than "
                      "24 bytes");
  // Forms javm reads that widths cannot express: bytes past the 4 that
  // ecalli reads, a length field of 5 (meaning 4), a register nibble 15
  // (meaning r12).
  EXPECT_IMPORT_ERROR(
      blobWithCode({0x0A, 0x01, 0x00, 0x00, 0x00, 0x07, 0x00},
                   {1, 0, 0, 0, 0, 0, 1}),
      "ecalli is encoded as 0a 01 00 00 00 07, which grey cannot write back "
      "(it writes 0a 01 00 00 00)");
  EXPECT_IMPORT_ERROR(
      blobWithCode({30, 0x05, 0x00, 0x10, 0x00, 0x00, 0xFF, 0x00},
                   {1, 0, 0, 0, 0, 0, 0, 1}),
      "store_imm_u8 is encoded as 1e 05 00 10 00 00 ff, which grey cannot "
      "write back (it writes 1e 04 00 10 00 00 ff)");
  EXPECT_IMPORT_ERROR(blobWithCode({100, 0xF7, 0x00}, {1, 0, 1}),
                      "move_reg is encoded as 64 f7, which grey cannot write "
                      "back (it writes 64 c7)");
  // A jump into the middle of a gas block: jump +8 lands after load_imm.
  EXPECT_IMPORT_ERROR(
      blobWithCode({0x28, 0x08, 0, 0, 0, 0x00, 0x33, 0x07, 0x33, 0x07, 0x00},
                   {1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1}),
      "code offset 0): jump targets 8, which is not a gas-block start");
  // A branch back to PC 0.
  EXPECT_IMPORT_ERROR(blobWithCode({0x28, 0x00, 0, 0, 0}, {1, 0, 0, 0, 0}),
                      "jump targets PC 0");
  // Jump-table entry 0 pointing at PC 0; the entry is at blob offset 38.
  EXPECT_IMPORT_ERROR(blobWithCode({0x00}, {1}, {0}),
                      "byte offset 38: jump-table entry 0 targets PC 0");
  // Entry 1 pointing past the code (entries at 38 and 39).
  EXPECT_IMPORT_ERROR(blobWithCode({0x01, 0x00}, {1, 1}, {1, 7}),
                      "byte offset 39: jump-table entry 1 targets 7, which is "
                      "not a gas-block start");
  // Code that falls off the end.
  EXPECT_IMPORT_ERROR(blobWithCode({0x33, 0x07}, {1, 0}),
                      "the code ends with load_imm, which can fall off the "
                      "end");
  // A target right after ecalli (a gas-block start, but mid-IR-block):
  // fallthrough; ecalli 0; fallthrough; jump -1.
  EXPECT_IMPORT_ERROR(
      blobWithCode({0x01, 0x0A, 0x01, 0x28, 0xFF, 0xFF, 0xFF, 0xFF},
                   {1, 1, 1, 1, 0, 0, 0, 0}),
      "code offset 2): is a jump target directly after ecalli");
}

TEST_F(ImportExportTest, RejectsContainersItWouldNotWrite) {
  std::vector<uint8_t> bytes = blobWithCode({0x00}, {1});
  // A trailing byte in the data section.
  std::vector<uint8_t> trailing = bytes;
  trailing.push_back(0);
  EXPECT_IMPORT_ERROR(trailing, "not laid out as grey writes it");
  // A 2-byte jump-table entry size for a table that fits in 1 byte.
  std::vector<uint8_t> wide = blobWithCode({0x00}, {1});
  wide[29 + 4] = 2;
  EXPECT_IMPORT_ERROR(wide, "code sub-blob is not in canonical form");
  // Reader errors pass through with their offset.
  bytes[0] = 0;
  EXPECT_IMPORT_ERROR(bytes, "byte offset 0: bad magic");
}

} // namespace
