//===- ELFReaderTest.cpp - checks on synthetic ELF headers ----------------===//
//
// The ELF reader accepts only what the JAVM target links and says why not.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/ELF/ELFReader.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/Endian.h"

#include "gtest/gtest.h"

#include <vector>

using namespace grey::elf;

namespace {

/// A 64-byte ELF64 little-endian header with no sections or segments.
std::vector<uint8_t> makeHeader(uint16_t machine = llvm::ELF::EM_RISCV,
                                uint16_t type = llvm::ELF::ET_EXEC,
                                uint32_t flags = 0) {
  std::vector<uint8_t> bytes(64, 0);
  bytes[0] = 0x7f;
  bytes[1] = 'E';
  bytes[2] = 'L';
  bytes[3] = 'F';
  bytes[llvm::ELF::EI_CLASS] = llvm::ELF::ELFCLASS64;
  bytes[llvm::ELF::EI_DATA] = llvm::ELF::ELFDATA2LSB;
  bytes[llvm::ELF::EI_VERSION] = llvm::ELF::EV_CURRENT;
  using namespace llvm::support::endian;
  write16le(&bytes[16], type);
  write16le(&bytes[18], machine);
  write32le(&bytes[20], llvm::ELF::EV_CURRENT);
  write64le(&bytes[24], 0x11000); // e_entry
  write32le(&bytes[48], flags);
  write16le(&bytes[52], 64); // e_ehsize
  return bytes;
}

std::string readError(const std::vector<uint8_t> &bytes) {
  llvm::StringRef data(reinterpret_cast<const char *>(bytes.data()),
                       bytes.size());
  auto image = readRISCVELF(llvm::MemoryBufferRef(data, "test.elf"));
  if (image)
    return "";
  return llvm::toString(image.takeError());
}

TEST(ELFReaderTest, AcceptsAMinimalRISCVExecutable) {
  std::vector<uint8_t> bytes = makeHeader();
  llvm::StringRef data(reinterpret_cast<const char *>(bytes.data()),
                       bytes.size());
  auto image = readRISCVELF(llvm::MemoryBufferRef(data, "test.elf"));
  ASSERT_TRUE(bool(image)) << llvm::toString(image.takeError());
  EXPECT_EQ(image->entry, 0x11000u);
  EXPECT_TRUE(image->codeSections.empty());
  EXPECT_FALSE(image->hasRelocations);
}

TEST(ELFReaderTest, RejectsNonELF) {
  std::vector<uint8_t> bytes(100, 'x');
  EXPECT_NE(readError(bytes).find("not an ELF file"), std::string::npos);
}

TEST(ELFReaderTest, RejectsTruncatedHeader) {
  std::vector<uint8_t> bytes = makeHeader();
  bytes.resize(40);
  std::string message = readError(bytes);
  EXPECT_NE(message.find("smaller than an ELF header"), std::string::npos)
      << message;
}

TEST(ELFReaderTest, RejectsWrongMachine) {
  std::string message = readError(makeHeader(llvm::ELF::EM_X86_64));
  EXPECT_NE(message.find("wrong machine"), std::string::npos) << message;
  EXPECT_NE(message.find("62"), std::string::npos) << message;
}

TEST(ELFReaderTest, RejectsRelocatableObjects) {
  std::string message =
      readError(makeHeader(llvm::ELF::EM_RISCV, llvm::ELF::ET_REL));
  EXPECT_NE(message.find("not a linked executable"), std::string::npos)
      << message;
}

TEST(ELFReaderTest, RejectsFloatABI) {
  std::string message =
      readError(makeHeader(llvm::ELF::EM_RISCV, llvm::ELF::ET_EXEC,
                           llvm::ELF::EF_RISCV_FLOAT_ABI_DOUBLE));
  EXPECT_NE(message.find("floating-point ABI"), std::string::npos) << message;
}

TEST(ELFReaderTest, RejectsCompressedFlag) {
  std::string message = readError(makeHeader(
      llvm::ELF::EM_RISCV, llvm::ELF::ET_EXEC, llvm::ELF::EF_RISCV_RVC));
  EXPECT_NE(message.find("compressed"), std::string::npos) << message;
}

TEST(ELFReaderTest, RejectsELF32AndBigEndian) {
  std::vector<uint8_t> bytes = makeHeader();
  bytes[llvm::ELF::EI_CLASS] = llvm::ELF::ELFCLASS32;
  EXPECT_NE(readError(bytes).find("not a 64-bit ELF"), std::string::npos);
  bytes = makeHeader();
  bytes[llvm::ELF::EI_DATA] = llvm::ELF::ELFDATA2MSB;
  EXPECT_NE(readError(bytes).find("not a little-endian"), std::string::npos);
}

} // namespace
