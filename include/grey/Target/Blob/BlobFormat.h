//===- BlobFormat.h - the JAR v2 blob container, as bytes -----*- C++ -*-===//
//
// The byte-level model of a JAR v2 capability blob (jar-blob.md): header,
// capability manifest, data section and code sub-blob. The reader enforces
// every loader check of jar-blob.md §4.1 that does not need execution and
// reports the byte offset of the first problem; the writer produces the
// canonical encoding. Both the MLIR export/import and `grey-run` use this.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_BLOB_BLOBFORMAT_H
#define GREY_TARGET_BLOB_BLOBFORMAT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace grey::blob {

/// Blob magic "JAR\x02".
inline constexpr uint8_t kMagic[4] = {0x4A, 0x41, 0x52, 0x02};
inline constexpr unsigned kHeaderSize = 10;
inline constexpr unsigned kCapEntrySize = 19;
inline constexpr unsigned kCodeHeaderSize = 9;
inline constexpr uint32_t kPageSize = 4096;
/// Pages in the 32-bit address space.
inline constexpr uint64_t kAddressSpacePages = uint64_t(1) << 20;
/// The most CODE caps one invocation accepts (jar-blob.md R7).
inline constexpr unsigned kMaxCodeCaps = 5;
/// The most entries a manifest can hold (`cap_count` is one byte).
inline constexpr unsigned kMaxCapCount = 255;

enum class CapKind : uint8_t { Code = 0, Data = 1 };
enum class Access : uint8_t { ReadOnly = 0, ReadWrite = 1 };

/// One 19-byte manifest entry. `bytes` are the initial contents (DATA) or
/// the code sub-blob (CODE), i.e. the `data_len` bytes at `data_offset`.
struct CapEntry {
  uint8_t slot = 0;
  CapKind kind = CapKind::Data;
  uint32_t basePage = 0;
  uint32_t pageCount = 0;
  Access access = Access::ReadOnly;
  std::vector<uint8_t> bytes;
};

/// A parsed blob. The writer lays `caps[i].bytes` out in the data section in
/// manifest order.
struct Blob {
  uint32_t memoryPages = 0;
  uint8_t invokeCap = 0;
  std::vector<CapEntry> caps;
};

/// A parsed code sub-blob. `bitmask[i]` is 1 where code byte i starts an
/// instruction; it has the same length as `code`.
struct CodeBlob {
  std::vector<uint32_t> jumpTable;
  uint8_t entrySize = 1;
  std::vector<uint8_t> code;
  std::vector<uint8_t> bitmask;
};

/// Parses a blob; a malformed one is an error naming the byte offset.
/// Enforces R1-R5, R7, R8, R10 and R12 of jar-blob.md §4.1 (everything the
/// loader rejects before running, except the gas and host-memory checks).
llvm::Expected<Blob> parseBlob(llvm::ArrayRef<uint8_t> bytes);
/// Parses a code sub-blob (the bytes of a CODE entry). Error offsets are
/// reported relative to `baseOffset` (the sub-blob's place in the blob).
/// Checks only the container (R8); the code itself is not validated.
llvm::Expected<CodeBlob> parseCodeBlob(llvm::ArrayRef<uint8_t> bytes,
                                       uint64_t baseOffset = 0);

/// Serializes a blob: header, entries, then each entry's bytes in order.
/// Expects at most kMaxCapCount entries.
std::vector<uint8_t> writeBlob(const Blob &blob);
/// Serializes a code sub-blob with the minimal jump-table entry size.
/// `code.entrySize` is ignored.
std::vector<uint8_t> writeCodeBlob(const CodeBlob &code);

/// A 64-bit hash of the code sub-blob (code, bitmask, jump table): names
/// the code a grey-run profile was recorded from.
uint64_t codeFingerprint(const CodeBlob &code);

/// The smallest jump-table entry size (1-4 bytes) that holds `largestEntry`.
uint8_t minimalEntrySize(uint32_t largestEntry);

} // namespace grey::blob

#endif // GREY_TARGET_BLOB_BLOBFORMAT_H
