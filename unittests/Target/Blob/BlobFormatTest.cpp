//===- BlobFormatTest.cpp - the JAR v2 container, byte for byte -----------===//
//
// The annotated examples of jar-blob.md §6 rebuilt from their field tables,
// and the loader rejections of §4.1 as reader errors with byte offsets.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/Blob/BlobFormat.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace grey;
using namespace grey::blob;

namespace {

/// jar-blob.md §6.1, copied from the hex dump.
const std::vector<uint8_t> kExampleA = {
    0x4a, 0x41, 0x52, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x40, 0x40,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x0f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x05, 0x00, 0x00, 0x00, 0x33, 0x07, 0x2a, 0x0a, 0x00, 0x19};

/// jar-blob.md §6.2, copied from the hex dump.
const std::vector<uint8_t> kExampleB = {
    0x4a, 0x41, 0x52, 0x02, 0x01, 0x00, 0x00, 0x00, 0x02, 0x40, 0x40,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x0f, 0x00, 0x00, 0x00, 0x41, 0x01, 0x00, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x05, 0x00,
    0x00, 0x00, 0x33, 0x07, 0x2a, 0x0a, 0x00, 0x19};

/// The code of both examples, from the field table of §6.1.
CodeBlob exampleCode() {
  CodeBlob code;
  code.code = {0x33, 0x07, 0x2a, 0x0a, 0x00};
  code.bitmask = {1, 0, 0, 1, 1};
  return code;
}

Blob exampleA() {
  Blob blob;
  blob.memoryPages = 0;
  blob.invokeCap = 64;
  CapEntry code;
  code.slot = 64;
  code.kind = CapKind::Code;
  code.bytes = writeCodeBlob(exampleCode());
  blob.caps.push_back(code);
  return blob;
}

Blob exampleB() {
  Blob blob = exampleA();
  blob.memoryPages = 1;
  CapEntry stack;
  stack.slot = 65;
  stack.kind = CapKind::Data;
  stack.basePage = 0;
  stack.pageCount = 1;
  stack.access = Access::ReadWrite;
  blob.caps.push_back(stack);
  return blob;
}

TEST(BlobFormatTest, WritesExampleA) {
  EXPECT_EQ(writeBlob(exampleA()), kExampleA);
}

TEST(BlobFormatTest, WritesExampleB) {
  EXPECT_EQ(writeBlob(exampleB()), kExampleB);
}

TEST(BlobFormatTest, ReadsExampleB) {
  llvm::Expected<Blob> blob = parseBlob(kExampleB);
  ASSERT_TRUE(bool(blob)) << llvm::toString(blob.takeError());
  EXPECT_EQ(blob->memoryPages, 1u);
  EXPECT_EQ(blob->invokeCap, 64);
  ASSERT_EQ(blob->caps.size(), 2u);
  EXPECT_EQ(blob->caps[0].kind, CapKind::Code);
  EXPECT_EQ(blob->caps[0].bytes.size(), 15u);
  EXPECT_EQ(blob->caps[1].slot, 65);
  EXPECT_EQ(blob->caps[1].kind, CapKind::Data);
  EXPECT_EQ(blob->caps[1].pageCount, 1u);
  EXPECT_EQ(blob->caps[1].access, Access::ReadWrite);
  EXPECT_TRUE(blob->caps[1].bytes.empty());
  llvm::Expected<CodeBlob> code = parseCodeBlob(blob->caps[0].bytes);
  ASSERT_TRUE(bool(code)) << llvm::toString(code.takeError());
  EXPECT_TRUE(code->jumpTable.empty());
  EXPECT_EQ(code->entrySize, 1);
  EXPECT_EQ(code->code, exampleCode().code);
  EXPECT_EQ(code->bitmask, exampleCode().bitmask);
}

TEST(BlobFormatTest, JumpTableUsesTheMinimalEntrySize) {
  CodeBlob code = exampleCode();
  code.jumpTable = {4, 0x1234};
  std::vector<uint8_t> bytes = writeCodeBlob(code);
  // jump_len 2, entry_size 2, code_len 5, entries 04 00 and 34 12.
  std::vector<uint8_t> header = {2, 0, 0,    0,    2,    5,   0,
                                 0, 0, 0x04, 0x00, 0x34, 0x12};
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 13), header);
  EXPECT_EQ(minimalEntrySize(0xFF), 1);
  EXPECT_EQ(minimalEntrySize(0x100), 2);
  EXPECT_EQ(minimalEntrySize(0xFFFFFF), 3);
  EXPECT_EQ(minimalEntrySize(0x1000000), 4);
  llvm::Expected<CodeBlob> parsed = parseCodeBlob(bytes);
  ASSERT_TRUE(bool(parsed));
  EXPECT_EQ(parsed->jumpTable, code.jumpTable);
}

/// The reader's message for `bytes`, or "" if it parses.
std::string parseError(const std::vector<uint8_t> &bytes) {
  llvm::Expected<Blob> blob = parseBlob(bytes);
  if (blob)
    return "";
  return llvm::toString(blob.takeError());
}

/// `base` with `bytes` written at `offset`.
std::vector<uint8_t> patched(std::vector<uint8_t> base, size_t offset,
                             std::vector<uint8_t> bytes) {
  std::copy(bytes.begin(), bytes.end(), base.begin() + offset);
  return base;
}

/// Whether `message` starts with "byte offset <offset>:".
::testing::AssertionResult atOffset(const std::string &message,
                                    unsigned offset) {
  std::string prefix = "byte offset " + std::to_string(offset) + ":";
  if (message.rfind(prefix, 0) == 0)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "'" << message << "' does not start with '" << prefix << "'";
}

TEST(BlobFormatTest, RejectsMalformedBlobsWithTheirOffset) {
  // R1: truncated header.
  EXPECT_TRUE(atOffset(parseError(std::vector<uint8_t>(kExampleA.begin(),
                                                       kExampleA.begin() + 9)),
                       0));
  // R2: bad magic ("JAR\x01").
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 3, {0x01})), 3));
  // R3: two entries announced, only one fits.
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 8, {2})), 8));
  // R4: cap type 2, access 2.
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 11, {2})), 11));
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 20, {2})), 20));
  // R5: data_len 16 runs past the 15-byte data section.
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 25, {16})), 21));
  // R8: a CODE entry of 8 bytes is shorter than the sub-blob header; the
  // sub-blob starts at 29.
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 25, {8})), 29));
  // R8: entry size 0 and 5 (sub-blob offset 4 = blob offset 33).
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 33, {0})), 33));
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 33, {5})), 33));
  // R8: a 256-entry jump table does not fit.
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 29, {0, 1})), 29));
  // R8: code_len 7 runs past the sub-blob (code_len field at 34).
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 34, {7})), 34));
  // R8: code_len 6 fits, but its bitmask byte would be at 29 + 15 = 44.
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 34, {6})), 44));
  // R12: invoke_cap 65 holds no CODE cap.
  EXPECT_TRUE(atOffset(parseError(patched(kExampleA, 9, {65})), 9));
  // R10: the stack page exceeds memory_pages 0 (page_count at 29 + 6).
  EXPECT_TRUE(atOffset(parseError(patched(kExampleB, 4, {0})), 35));
}

TEST(BlobFormatTest, RejectsASixthCodeCap) {
  Blob blob = exampleA();
  for (unsigned i = 0; i < 5; ++i)
    blob.caps.push_back(blob.caps.front());
  std::vector<uint8_t> bytes = writeBlob(blob);
  // The sixth entry starts at 10 + 19 * 5.
  EXPECT_TRUE(atOffset(parseError(bytes), 10 + 19 * 5));
  blob.caps.pop_back();
  EXPECT_EQ(parseError(writeBlob(blob)), "");
}

TEST(BlobFormatTest, ErrorsNameTheProblem) {
  EXPECT_EQ(parseError(patched(kExampleA, 11, {2})),
            "byte offset 11: cap entry 0: type 2 is neither CODE (0) nor "
            "DATA (1)");
}

} // namespace
