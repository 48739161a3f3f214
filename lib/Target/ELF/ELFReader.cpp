//===- ELFReader.cpp - what the importer needs from a RISC-V ELF ----------===//
//
// Sections, symbols and relocations of a linked rv64em executable, read with
// LLVM's ELFFile and checked against what the JAVM target produces.
//
//===----------------------------------------------------------------------===//

#include "grey/Target/ELF/ELFReader.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Object/ELF.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <map>

using namespace grey::elf;
using namespace llvm::ELF;
using llvm::Expected;
using llvm::StringRef;

using ELFT = llvm::object::ELF64LE;
using ELFFile = llvm::object::ELFFile<ELFT>;
using Shdr = ELFT::Shdr;

const Section *ELFImage::findCodeSection(uint64_t addr) const {
  auto it = llvm::upper_bound(
      codeSections, addr,
      [](uint64_t a, const Section &section) { return a < section.address; });
  if (it == codeSections.begin())
    return nullptr;
  --it;
  return it->contains(addr) ? &*it : nullptr;
}

std::optional<uint32_t> ELFImage::fetchWord(uint64_t addr) const {
  const Section *section = findCodeSection(addr);
  if (!section)
    return std::nullopt;
  uint64_t offset = addr - section->address;
  if (offset + 4 > section->bytes.size())
    return std::nullopt;
  return llvm::support::endian::read32le(section->bytes.data() + offset);
}

static llvm::Error error(const llvm::Twine &message) {
  return llvm::createStringError(message.str());
}

/// Sections of dynamic linking, which a static image never reads.
static bool isDynamicLinkingSection(const Shdr &shdr) {
  switch (shdr.sh_type) {
  case SHT_RELA:
  case SHT_REL:
  case SHT_RELR:
  case SHT_DYNSYM:
  case SHT_HASH:
  case SHT_GNU_HASH:
  case SHT_DYNAMIC:
  case SHT_STRTAB:
  case SHT_GNU_versym:
  case SHT_GNU_verdef:
  case SHT_GNU_verneed:
    return true;
  default:
    return false;
  }
}

static llvm::Error checkHeader(const ELFT::Ehdr &header) {
  if (header.e_machine != EM_RISCV)
    return error("wrong machine: e_machine is " +
                 llvm::Twine(header.e_machine) + " (" +
                 convertEMachineToArchName(header.e_machine) +
                 "), expected RISC-V (" + llvm::Twine(EM_RISCV) + ")");
  if (header.e_type != ET_EXEC && header.e_type != ET_DYN)
    return error("not a linked executable (e_type " +
                 llvm::Twine(header.e_type) +
                 "); link it with ld.lld --emit-relocs");
  if (header.e_flags & EF_RISCV_FLOAT_ABI)
    return error("uses a hardware floating-point ABI (e_flags " +
                 llvm::utohexstr(header.e_flags, false, 0) +
                 "); the target is soft-float lp64e");
  if (header.e_flags & EF_RISCV_RVC)
    return error("may contain compressed instructions (EF_RISCV_RVC set); "
                 "the target has no C extension");
  return llvm::Error::success();
}

namespace {
/// Relocations that meet at one data address.
struct DataRelocations {
  std::optional<std::pair<uint64_t, unsigned>> absolute; // target, size
  std::optional<std::pair<uint64_t, unsigned>> add;      // target, size
  std::optional<uint64_t> sub;                           // subtracted base
};
} // namespace

Expected<ELFImage> grey::elf::readRISCVELF(llvm::MemoryBufferRef buffer) {
  StringRef bytes = buffer.getBuffer();
  if (!bytes.starts_with("\x7f"
                         "ELF"))
    return error("not an ELF file");
  if (bytes.size() > EI_DATA) {
    if (bytes[EI_CLASS] != ELFCLASS64)
      return error("not a 64-bit ELF (EI_CLASS " +
                   llvm::Twine(unsigned(uint8_t(bytes[EI_CLASS]))) +
                   "); rv64em needs ELFCLASS64");
    if (bytes[EI_DATA] != ELFDATA2LSB)
      return error("not a little-endian ELF");
  }
  auto fileOrErr = ELFFile::create(bytes);
  if (!fileOrErr)
    return fileOrErr.takeError();
  const ELFFile &file = *fileOrErr;
  if (auto err = checkHeader(file.getHeader()))
    return std::move(err);

  ELFImage image;
  image.entry = file.getHeader().e_entry;

  auto sectionsOrErr = file.sections();
  if (!sectionsOrErr)
    return sectionsOrErr.takeError();
  llvm::ArrayRef<Shdr> sections = *sectionsOrErr;

  // PT_GNU_RELRO is read-only once relocated; a static image never writes it.
  uint64_t relroBegin = 0, relroEnd = 0;
  auto phdrsOrErr = file.program_headers();
  if (!phdrsOrErr)
    return phdrsOrErr.takeError();
  for (const auto &phdr : *phdrsOrErr)
    if (phdr.p_type == PT_GNU_RELRO) {
      relroBegin = phdr.p_vaddr;
      relroEnd = phdr.p_vaddr + phdr.p_memsz;
    }

  auto sectionName = [&](const Shdr &shdr) -> Expected<StringRef> {
    return file.getSectionName(shdr);
  };

  for (const Shdr &shdr : sections) {
    if (!(shdr.sh_flags & SHF_ALLOC) || shdr.sh_type == SHT_NULL ||
        shdr.sh_size == 0 || isDynamicLinkingSection(shdr))
      continue;
    auto nameOrErr = sectionName(shdr);
    if (!nameOrErr)
      return nameOrErr.takeError();
    // User programs live in the lower half of the address space, where
    // the riscv dialect's addresses (non-negative i64) can name them.
    constexpr uint64_t kLowerHalf = uint64_t(1) << 63;
    if (shdr.sh_addr >= kLowerHalf || shdr.sh_size > kLowerHalf - shdr.sh_addr)
      return error("section " + *nameOrErr + " at 0x" +
                   llvm::utohexstr(shdr.sh_addr) + " (" +
                   llvm::Twine(uint64_t(shdr.sh_size)) +
                   " bytes) does not lie in the lower half of the address "
                   "space");
    Section section;
    section.name = nameOrErr->str();
    section.address = shdr.sh_addr;
    section.size = shdr.sh_size;
    section.executable = shdr.sh_flags & SHF_EXECINSTR;
    bool inRelro = shdr.sh_addr >= relroBegin &&
                   shdr.sh_addr + shdr.sh_size <= relroEnd &&
                   relroEnd > relroBegin;
    section.writable = (shdr.sh_flags & SHF_WRITE) && !inRelro &&
                       !nameOrErr->starts_with(".data.rel.ro");
    if (shdr.sh_type != SHT_NOBITS) {
      auto contents = file.getSectionContents(shdr);
      if (!contents)
        return error("section " + section.name + ": " +
                     llvm::toString(contents.takeError()));
      section.bytes.assign(contents->begin(), contents->end());
    } else if (section.executable) {
      return error("executable section " + section.name + " has no bytes");
    }
    (section.executable ? image.codeSections : image.dataSections)
        .push_back(std::move(section));
  }
  llvm::sort(image.codeSections, [](const Section &a, const Section &b) {
    return a.address < b.address;
  });
  for (size_t i = 1; i < image.codeSections.size(); ++i)
    if (image.codeSections[i].address <
        image.codeSections[i - 1].address + image.codeSections[i - 1].size)
      return error("code sections " + image.codeSections[i - 1].name + " and " +
                   image.codeSections[i].name + " overlap");

  // Symbols in code: function names and extents.
  for (const Shdr &shdr : sections) {
    if (shdr.sh_type != SHT_SYMTAB)
      continue;
    auto symbolsOrErr = file.symbols(&shdr);
    if (!symbolsOrErr)
      return symbolsOrErr.takeError();
    auto strtabOrErr = file.getStringTableForSymtab(shdr, sections);
    if (!strtabOrErr)
      return strtabOrErr.takeError();
    for (const auto &sym : *symbolsOrErr) {
      uint8_t type = sym.getType();
      if ((type != STT_FUNC && type != STT_NOTYPE) ||
          sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE ||
          !image.isCode(sym.st_value))
        continue;
      auto nameOrErr = sym.getName(*strtabOrErr);
      if (!nameOrErr)
        return nameOrErr.takeError();
      if (nameOrErr->empty() || nameOrErr->starts_with(".L") ||
          nameOrErr->starts_with("$x"))
        continue;
      Symbol symbol;
      symbol.name = nameOrErr->str();
      symbol.address = sym.st_value;
      symbol.size = sym.st_size;
      symbol.isFunction = type == STT_FUNC;
      symbol.isGlobal =
          sym.getBinding() == STB_GLOBAL || sym.getBinding() == STB_WEAK;
      image.symbols.push_back(std::move(symbol));
    }
  }
  llvm::sort(image.symbols, [](const Symbol &a, const Symbol &b) {
    return std::tie(a.address, a.name) < std::tie(b.address, b.name);
  });

  // Relocations, both those kept by --emit-relocs and PIE's dynamic ones.
  std::map<uint64_t, DataRelocations> dataRelocations;
  // Addresses loaded through the GOT (R_RISCV_GOT_HI20), e.g. functions of
  // another crate whose address rustc takes in a PIE.
  llvm::DenseSet<uint64_t> gotTargets;
  auto isData = [&](uint64_t addr) {
    return llvm::any_of(image.dataSections, [&](const Section &section) {
      return section.contains(addr);
    });
  };
  auto patchData = [&](uint64_t addr, uint64_t value) {
    for (Section &section : image.dataSections)
      if (section.contains(addr) &&
          addr + 8 <= section.address + section.size &&
          addr - section.address + 8 <= section.bytes.size()) {
        llvm::support::endian::write64le(
            section.bytes.data() + (addr - section.address), value);
        return true;
      }
    return false;
  };
  for (const Shdr &shdr : sections) {
    if (shdr.sh_type != SHT_RELA)
      continue;
    bool isStatic = shdr.sh_info != 0;
    if (isStatic) {
      auto targetOrErr = file.getSection(shdr.sh_info);
      if (!targetOrErr)
        return targetOrErr.takeError();
      const Shdr &target = **targetOrErr;
      if (!(target.sh_flags & SHF_ALLOC))
        continue;
      auto targetName = sectionName(target);
      if (!targetName)
        return targetName.takeError();
      // Unwind tables hold code addresses no instruction reads.
      if (targetName->starts_with(".eh_frame"))
        continue;
      image.hasRelocations = true;
    }
    auto symtabOrErr = file.getSection(shdr.sh_link);
    if (!symtabOrErr)
      return symtabOrErr.takeError();
    auto relasOrErr = file.relas(shdr);
    if (!relasOrErr)
      return relasOrErr.takeError();
    for (const auto &rela : *relasOrErr) {
      uint32_t type = rela.getType(false);
      uint64_t symbolValue = 0;
      if (rela.getSymbol(false) != 0) {
        auto symOrErr = file.getRelocationSymbol(rela, *symtabOrErr);
        if (!symOrErr)
          return symOrErr.takeError();
        if (*symOrErr)
          symbolValue = (*symOrErr)->st_value;
      }
      uint64_t offset = rela.r_offset;
      uint64_t target = symbolValue + rela.r_addend;
      switch (type) {
      case R_RISCV_CALL:
      case R_RISCV_CALL_PLT:
        image.callTargets[offset] = target;
        break;
      case R_RISCV_PCREL_HI20:
      case R_RISCV_HI20:
        image.hiTargets[offset] = target;
        break;
      case R_RISCV_GOT_HI20:
        image.gotLoads.insert(offset);
        gotTargets.insert(target);
        break;
      case R_RISCV_64:
      case R_RISCV_32:
        if (isData(offset))
          dataRelocations[offset].absolute = {target,
                                              type == R_RISCV_64 ? 8u : 4u};
        break;
      case R_RISCV_RELATIVE:
        // No loader runs in the VM: apply it now (the image base is 0).
        if (!patchData(offset, uint64_t(rela.r_addend)))
          return error("R_RISCV_RELATIVE at " + llvm::utohexstr(offset) +
                       " is outside the data sections");
        dataRelocations[offset].absolute = {uint64_t(rela.r_addend), 8u};
        break;
      case R_RISCV_ADD32:
      case R_RISCV_ADD64:
        if (isData(offset))
          dataRelocations[offset].add = {target,
                                         type == R_RISCV_ADD64 ? 8u : 4u};
        break;
      case R_RISCV_SUB32:
      case R_RISCV_SUB64:
        if (isData(offset))
          dataRelocations[offset].sub = target;
        break;
      case R_RISCV_NONE:
        break;
      default:
        if (!isStatic)
          return error("unsupported load-time relocation (type " +
                       llvm::Twine(type) + ") at 0x" + llvm::utohexstr(offset) +
                       "; only R_RISCV_RELATIVE can be applied statically");
        break;
      }
    }
  }

  // The linker fills the GOT slots itself and --emit-relocs keeps no
  // relocation for them: a slot holding the address of a function named by
  // a GOT_HI20 is a code pointer like a relocated word in .data.rel.ro.
  for (const Section &section : image.dataSections) {
    if (section.name != ".got")
      continue;
    for (uint64_t at = llvm::alignTo(section.address, 8);
         at + 8 <= section.address + section.bytes.size(); at += 8) {
      uint64_t value = llvm::support::endian::read64le(
          section.bytes.data() + (at - section.address));
      if (gotTargets.contains(value) && image.isCode(value) &&
          !dataRelocations.count(at))
        dataRelocations[at].absolute = {value, 8u};
    }
  }

  for (const auto &[offset, relocations] : dataRelocations) {
    DataCodePointer pointer;
    pointer.address = offset;
    if (relocations.absolute && image.isCode(relocations.absolute->first)) {
      std::tie(pointer.target, pointer.size) = *relocations.absolute;
    } else if (relocations.add && relocations.sub &&
               image.isCode(relocations.add->first) &&
               !image.isCode(*relocations.sub)) {
      // A difference of two code addresses is a size, not a pointer.
      std::tie(pointer.target, pointer.size) = *relocations.add;
      pointer.base = *relocations.sub;
    } else {
      continue;
    }
    image.codePointers.push_back(pointer);
  }
  return image;
}
