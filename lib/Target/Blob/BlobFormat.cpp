//===- BlobFormat.cpp - the JAR v2 blob container, as bytes ---------------===//
//
// Reads and writes the header, manifest, data section and code sub-blob of
// jar-blob.md §1–§3, with the loader rejections of §4.1.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/Blob/BlobFormat.h"

#include "llvm/Support/Endian.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/xxhash.h"

using namespace grey;
using namespace grey::blob;
namespace endian = llvm::support::endian;

namespace {
/// Bounds-checked little-endian reads that name the blob offset on failure.
class ByteReader {
public:
  ByteReader(llvm::ArrayRef<uint8_t> bytes, uint64_t baseOffset,
             std::string context = "")
      : bytes(bytes), baseOffset(baseOffset), context(std::move(context)) {}

  bool has(uint64_t offset, uint64_t size) const {
    return offset <= bytes.size() && size <= bytes.size() - offset;
  }
  uint8_t u8(uint64_t offset) const { return bytes[offset]; }
  uint32_t u32(uint64_t offset) const {
    return endian::read32le(bytes.data() + offset);
  }
  /// An error at `offset` (relative to these bytes).
  llvm::Error error(uint64_t offset, const llvm::Twine &message) const {
    return llvm::createStringError(
        llvm::formatv("byte offset {0}: ", baseOffset + offset).str() +
        context + message.str());
  }

  llvm::ArrayRef<uint8_t> bytes;
  uint64_t baseOffset;
  /// Put after the offset in every message ("cap entry 3: ").
  std::string context;
};

void put32(std::vector<uint8_t> &out, uint32_t value) {
  uint8_t buf[4];
  endian::write32le(buf, value);
  out.insert(out.end(), buf, buf + 4);
}
} // namespace

/// parseCodeBlob with `context` put into every message.
static llvm::Expected<CodeBlob> parseCodeBlobIn(llvm::ArrayRef<uint8_t> bytes,
                                                uint64_t baseOffset,
                                                std::string context) {
  ByteReader in(bytes, baseOffset, std::move(context));
  if (!in.has(0, kCodeHeaderSize))
    return in.error(0, llvm::formatv("code sub-blob is {0} bytes, shorter than "
                                     "its {1}-byte header",
                                     bytes.size(), kCodeHeaderSize));
  CodeBlob code;
  uint32_t jumpLen = in.u32(0);
  code.entrySize = in.u8(4);
  uint32_t codeLen = in.u32(5);
  if (code.entrySize < 1 || code.entrySize > 4)
    return in.error(4, llvm::formatv("jump-table entry size {0} is not 1-4",
                                     code.entrySize));
  uint64_t tableOffset = kCodeHeaderSize;
  uint64_t tableSize = uint64_t(jumpLen) * code.entrySize;
  if (!in.has(tableOffset, tableSize))
    return in.error(0, llvm::formatv("jump table of {0} entries x {1} bytes "
                                     "runs past the sub-blob end ({2} bytes)",
                                     jumpLen, code.entrySize, bytes.size()));
  uint64_t codeOffset = tableOffset + tableSize;
  if (!in.has(codeOffset, codeLen))
    return in.error(5, llvm::formatv("code length {0} at sub-blob offset {1} "
                                     "runs past the sub-blob end ({2} bytes)",
                                     codeLen, codeOffset, bytes.size()));
  uint64_t maskOffset = codeOffset + codeLen;
  uint64_t maskSize = (uint64_t(codeLen) + 7) / 8;
  if (!in.has(maskOffset, maskSize))
    return in.error(maskOffset,
                    llvm::formatv("bitmask of {0} bytes runs past the sub-blob "
                                  "end ({1} bytes)",
                                  maskSize, bytes.size()));

  code.jumpTable.reserve(jumpLen);
  for (uint32_t i = 0; i < jumpLen; ++i) {
    uint32_t entry = 0;
    for (unsigned b = 0; b < code.entrySize; ++b)
      entry |= uint32_t(in.u8(tableOffset + uint64_t(i) * code.entrySize + b))
               << (8 * b);
    code.jumpTable.push_back(entry);
  }
  code.code.assign(bytes.begin() + codeOffset,
                   bytes.begin() + codeOffset + codeLen);
  code.bitmask.resize(codeLen);
  for (uint32_t i = 0; i < codeLen; ++i)
    code.bitmask[i] = (in.u8(maskOffset + i / 8) >> (i % 8)) & 1;
  return code;
}

llvm::Expected<CodeBlob> blob::parseCodeBlob(llvm::ArrayRef<uint8_t> bytes,
                                             uint64_t baseOffset) {
  return parseCodeBlobIn(bytes, baseOffset, "");
}

llvm::Expected<Blob> blob::parseBlob(llvm::ArrayRef<uint8_t> bytes) {
  ByteReader in(bytes, 0);
  if (!in.has(0, kHeaderSize))
    return in.error(0, llvm::formatv("blob is {0} bytes, shorter than the "
                                     "{1}-byte header",
                                     bytes.size(), kHeaderSize));
  for (unsigned i = 0; i < 4; ++i)
    if (bytes[i] != kMagic[i])
      return in.error(
          i, llvm::formatv("bad magic {0:x-2} {1:x-2} {2:x-2} {3:x-2}, "
                           "expected 4a 41 52 02",
                           bytes[0], bytes[1], bytes[2], bytes[3]));
  Blob blob;
  blob.memoryPages = in.u32(4);
  unsigned capCount = in.u8(8);
  blob.invokeCap = in.u8(9);
  uint64_t dataStart = kHeaderSize + uint64_t(kCapEntrySize) * capCount;
  if (dataStart > bytes.size())
    return in.error(8, llvm::formatv("{0} cap entries need {1} bytes, the blob "
                                     "has {2}",
                                     capCount, dataStart, bytes.size()));
  uint64_t dataSize = bytes.size() - dataStart;

  unsigned codeCaps = 0;
  uint64_t dataPages = 0;
  for (unsigned i = 0; i < capCount; ++i) {
    uint64_t at = kHeaderSize + uint64_t(kCapEntrySize) * i;
    CapEntry cap;
    cap.slot = in.u8(at);
    uint8_t kind = in.u8(at + 1);
    if (kind > 1)
      return in.error(at + 1,
                      llvm::formatv("cap entry {0}: type {1} is neither "
                                    "CODE (0) nor DATA (1)",
                                    i, kind));
    cap.kind = CapKind(kind);
    cap.basePage = in.u32(at + 2);
    cap.pageCount = in.u32(at + 6);
    uint8_t access = in.u8(at + 10);
    if (access > 1)
      return in.error(at + 10, llvm::formatv("cap entry {0}: access {1} is "
                                             "neither RO (0) nor RW (1)",
                                             i, access));
    cap.access = Access(access);
    uint32_t dataOffset = in.u32(at + 11);
    uint32_t dataLen = in.u32(at + 15);
    if (dataLen > 0) {
      if (uint64_t(dataOffset) + dataLen > dataSize)
        return in.error(at + 11,
                        llvm::formatv("cap entry {0}: data [{1}, {1}+{2}) runs "
                                      "past the data section ({3} bytes at "
                                      "blob offset {4})",
                                      i, dataOffset, dataLen, dataSize,
                                      dataStart));
      auto first = bytes.begin() + dataStart + dataOffset;
      cap.bytes.assign(first, first + dataLen);
    }
    if (cap.kind == CapKind::Code) {
      if (++codeCaps > kMaxCodeCaps)
        return in.error(at, llvm::formatv("cap entry {0}: more than {1} CODE "
                                          "caps",
                                          i, kMaxCodeCaps));
      if (auto code =
              parseCodeBlobIn(cap.bytes, dataStart + uint64_t(dataOffset),
                              llvm::formatv("cap entry {0}: ", i));
          !code)
        return code.takeError();
    } else {
      dataPages += cap.pageCount;
      if (dataPages > blob.memoryPages)
        return in.error(at + 6, llvm::formatv("cap entry {0}: DATA caps need "
                                              "{1} pages, memory_pages is {2}",
                                              i, dataPages, blob.memoryPages));
    }
    blob.caps.push_back(std::move(cap));
  }

  // The slot's final occupant must be CODE (Rust's rule, jar-blob.md R12).
  const CapEntry *invoked = nullptr;
  for (const CapEntry &cap : blob.caps)
    if (cap.slot == blob.invokeCap)
      invoked = &cap;
  if (!invoked || invoked->kind != CapKind::Code)
    return in.error(9, llvm::formatv("invoke_cap slot {0} holds no CODE cap",
                                     blob.invokeCap));
  return blob;
}

std::vector<uint8_t> blob::writeCodeBlob(const CodeBlob &code) {
  uint32_t largest = 0;
  for (uint32_t entry : code.jumpTable)
    largest = std::max(largest, entry);
  uint8_t entrySize = minimalEntrySize(largest);

  std::vector<uint8_t> out;
  put32(out, uint32_t(code.jumpTable.size()));
  out.push_back(entrySize);
  put32(out, uint32_t(code.code.size()));
  for (uint32_t entry : code.jumpTable)
    for (unsigned b = 0; b < entrySize; ++b)
      out.push_back(uint8_t(entry >> (8 * b)));
  out.insert(out.end(), code.code.begin(), code.code.end());
  size_t maskStart = out.size();
  out.resize(maskStart + (code.code.size() + 7) / 8, 0);
  for (size_t i = 0; i < code.code.size(); ++i)
    if (i < code.bitmask.size() && code.bitmask[i])
      out[maskStart + i / 8] |= uint8_t(1u << (i % 8));
  return out;
}

std::vector<uint8_t> blob::writeBlob(const Blob &blob) {
  std::vector<uint8_t> out(kMagic, kMagic + 4);
  put32(out, blob.memoryPages);
  out.push_back(uint8_t(blob.caps.size()));
  out.push_back(blob.invokeCap);
  uint32_t dataOffset = 0;
  for (const CapEntry &cap : blob.caps) {
    out.push_back(cap.slot);
    out.push_back(uint8_t(cap.kind));
    put32(out, cap.basePage);
    put32(out, cap.pageCount);
    out.push_back(uint8_t(cap.access));
    // Zero-filled caps point at offset 0, as the reference writes them.
    put32(out, cap.bytes.empty() ? 0 : dataOffset);
    put32(out, uint32_t(cap.bytes.size()));
    dataOffset += uint32_t(cap.bytes.size());
  }
  for (const CapEntry &cap : blob.caps)
    out.insert(out.end(), cap.bytes.begin(), cap.bytes.end());
  return out;
}

uint8_t blob::minimalEntrySize(uint32_t largestEntry) {
  if (largestEntry <= 0xFF)
    return 1;
  if (largestEntry <= 0xFFFF)
    return 2;
  if (largestEntry <= 0xFFFFFF)
    return 3;
  return 4;
}

uint64_t blob::codeFingerprint(const CodeBlob &code) {
  return llvm::xxh3_64bits(writeCodeBlob(code));
}
