//===- Memory.h - the 32-bit paged address space of one VM ----*- C++ -*-===//
//
// 2^20 pages of 4096 bytes, each unmapped, read-only or read-write
// (pvm-isa.md §4.2, kernel-abi.md §3). Accesses are little-endian, need not
// be aligned, and fault unless every byte is mapped with the right access.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_INTERPRETER_MEMORY_H
#define GREY_INTERPRETER_MEMORY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace grey::interp {

class Memory {
public:
  static constexpr uint32_t kPageBits = 12;
  static constexpr uint32_t kPageSize = 1u << kPageBits;
  static constexpr uint64_t kPageCount = uint64_t(1) << 20;

  Memory();

  /// Maps `pageCount` pages from `basePage`, filled with `init` then zeros.
  /// A later mapping of the same page replaces the earlier one.
  llvm::Error map(uint32_t basePage, uint32_t pageCount, bool writable,
                  llvm::ArrayRef<uint8_t> init);

  /// Reads a little-endian T at `addr`; false (nothing read) on a fault.
  template <typename T> bool load(uint32_t addr, T &value) const {
    uint32_t offset = addr & (kPageSize - 1);
    if (offset <= kPageSize - sizeof(T)) [[likely]] {
      const uint8_t *page = readPages[addr >> kPageBits];
      if (!page) [[unlikely]]
        return false;
      value = llvm::support::endian::read<T, llvm::endianness::little>(page +
                                                                       offset);
      return true;
    }
    uint8_t bytes[sizeof(T)];
    if (!readSlow(addr, bytes))
      return false;
    value = llvm::support::endian::read<T, llvm::endianness::little>(bytes);
    return true;
  }

  /// Writes a little-endian T at `addr`; false (nothing written) on a fault.
  template <typename T> bool store(uint32_t addr, T value) {
    uint32_t offset = addr & (kPageSize - 1);
    if (offset <= kPageSize - sizeof(T)) [[likely]] {
      uint8_t *page = writePages[addr >> kPageBits];
      if (!page) [[unlikely]]
        return false;
      llvm::support::endian::write<T, llvm::endianness::little>(page + offset,
                                                                value);
      return true;
    }
    uint8_t bytes[sizeof(T)];
    llvm::support::endian::write<T, llvm::endianness::little>(bytes, value);
    return writeSlow(addr, bytes);
  }

  /// Reads bytes spanning any number of pages; false on a fault.
  bool read(uint32_t addr, llvm::MutableArrayRef<uint8_t> out) const;
  /// Writes bytes spanning any number of pages; false (nothing written) on a
  /// fault, including a read-only page.
  bool write(uint32_t addr, llvm::ArrayRef<uint8_t> bytes);

  bool isReadable(uint32_t page) const { return readPages[page] != nullptr; }
  bool isWritable(uint32_t page) const { return writePages[page] != nullptr; }

private:
  bool readSlow(uint32_t addr, llvm::MutableArrayRef<uint8_t> out) const {
    return read(addr, out);
  }
  bool writeSlow(uint32_t addr, llvm::ArrayRef<uint8_t> bytes) {
    return write(addr, bytes);
  }

  // Host page for each guest page (null: no access); writable pages appear
  // in both tables.
  std::vector<uint8_t *> readPages;
  std::vector<uint8_t *> writePages;
  std::vector<std::unique_ptr<uint8_t[]>> storage;
};

} // namespace grey::interp

#endif // GREY_INTERPRETER_MEMORY_H
