//===- grey-run.cpp - run a JAR v2 blob with exact gas --------------------===//
//
// Loads a blob like the root VM, runs it on the interpreter with the gas the
// kernel charges, and reports how it ended (text or --json); --profile
// writes per-block execution counts. --check-jit-hazards lists the code
// that javm's x86-64 recompiler gets wrong instead of running it.
//
//===----------------------------------------------------------------------===//

#include "grey/Gas/BlockCost.h"
#include "grey/Gas/FullPipelineModel.h"
#include "grey/Interpreter/Kernel.h"
#include "grey/Support/CommandLine.h"
#include "grey/Target/Blob/BlobFormat.h"
#include "grey/Target/Blob/JITHazards.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

using namespace grey;
using namespace llvm;

static cl::OptionCategory runCategory("grey-run options");

static cl::opt<std::string> blobPath(cl::Positional, cl::Required,
                                     cl::desc("<blob>"), cl::cat(runCategory));
static cl::opt<std::string>
    argsHex("args-hex", cl::desc("Argument bytes for the slot-0 cap, in hex"),
            cl::value_desc("hex"), cl::cat(runCategory));
static cl::opt<uint64_t> gasLimit("gas",
                                  cl::desc("Gas supplied (default 2^63-1)"),
                                  cl::init(uint64_t(INT64_MAX)),
                                  cl::cat(runCategory));
static cl::opt<bool> emitJson("json", cl::desc("Print the result as JSON"),
                              cl::cat(runCategory));
static cl::opt<std::string>
    profilePath("profile",
                cl::desc("Write '<block start pc> <entries>' lines to a file, "
                         "after a '# code <hash>' line naming the code "
                         "(grey-compile --profile-use reads it)"),
                cl::value_desc("file"), cl::cat(runCategory));
static cl::opt<gas::Backend> backend(
    "backend", cl::desc("Which kernel backend's gas rules to follow"),
    cl::values(clEnumValN(gas::Backend::Recompiler, "recompiler",
                          "the kernel's default on x86-64 Linux (default)"),
               clEnumValN(gas::Backend::Interpreter, "interpreter",
                          "the Rust interpreter (gas-model.md §7)")),
    cl::init(gas::Backend::Recompiler), cl::cat(runCategory));
static cl::opt<pvm::CapLayout> capLayout(
    "cap-layout", cl::desc("Capability layout of the blob"),
    cl::values(clEnumValN(pvm::CapLayout::Current, "current",
                          "REPLY = ecalli 0, arguments in slot 0 (default)"),
               clEnumValN(pvm::CapLayout::Legacy, "legacy",
                          "REPLY = ecalli 0xFF, arguments in slot 255")),
    cl::init(pvm::CapLayout::Current), cl::cat(runCategory));
static cl::opt<std::string> hostCallResult(
    "host-call-result",
    cl::desc("Answer protocol calls (other than GAS) with this φ7 and φ8 = 0 "
             "and continue, instead of stopping; a number or none/what/ok"),
    cl::value_desc("value"), cl::cat(runCategory));
static cl::opt<uint64_t> initialR7("r7",
                                   cl::desc("φ7 at entry (accumulate: 1)"),
                                   cl::init(0), cl::cat(runCategory));
static cl::opt<bool>
    dumpGasBlocks("dump-gas-blocks",
                  cl::desc("Print every gas block's start and cost, then run"),
                  cl::cat(runCategory));

static cl::opt<bool> checkJITHazards(
    "check-jit-hazards",
    cl::desc("Do not run: list every place where the code triggers a known "
             "bug of javm's x86-64 recompiler (hazards A-E of "
             "javm-recompiler-bugs.md) with its PC, letter and instruction; "
             "exits 0 whatever it finds"),
    cl::cat(runCategory));

static Error fail(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

static Expected<std::optional<uint64_t>> parseHostCallResult() {
  if (hostCallResult.getNumOccurrences() == 0)
    return std::nullopt;
  StringRef text = hostCallResult;
  if (text.equals_insensitive("none"))
    return interp::kResultNone;
  if (text.equals_insensitive("what"))
    return interp::kResultWhat;
  if (text.equals_insensitive("ok"))
    return interp::kResultOk;
  uint64_t value;
  if (text.getAsInteger(0, value))
    return fail("--host-call-result: '" + text +
                "' is not a number or none/what/ok");
  return value;
}

/// The static size of the invoked code: bytes of the code sub-blob's code
/// section and instruction starts in its bitmask.
struct CodeSize {
  uint64_t bytes = 0;
  uint64_t instructions = 0;
};

static Expected<CodeSize> codeSize(const blob::Blob &blob) {
  CodeSize size;
  for (const blob::CapEntry &cap : blob.caps) {
    if (cap.slot != blob.invokeCap || cap.kind != blob::CapKind::Code)
      continue;
    Expected<blob::CodeBlob> code = blob::parseCodeBlob(cap.bytes);
    if (!code)
      return code.takeError();
    size.bytes += code->code.size();
    size.instructions += llvm::count_if(
        code->bitmask, [](uint8_t starts) { return starts != 0; });
  }
  return size;
}

/// The pages each DATA cap maps, in manifest order: what the load charge
/// (1500 gas a page) pays for.
static unsigned long long dataPages(const blob::Blob &blob) {
  unsigned long long pages = 0;
  for (const blob::CapEntry &cap : blob.caps)
    if (cap.kind == blob::CapKind::Data)
      pages += cap.pageCount;
  return pages;
}

static void printDataCaps(const blob::Blob &blob, raw_ostream &os) {
  os << "data pages: " << dataPages(blob) << " (memory_pages "
     << blob.memoryPages << ")\n";
  for (const blob::CapEntry &cap : blob.caps)
    if (cap.kind == blob::CapKind::Data)
      os << "  slot " << unsigned(cap.slot) << ": " << cap.pageCount << " page"
         << (cap.pageCount == 1 ? "" : "s") << " at "
         << format_hex(uint64_t(cap.basePage) * blob::kPageSize, 10) << " "
         << (cap.access == blob::Access::ReadWrite ? "rw" : "ro") << "\n";
}

static json::Array jsonDataCaps(const blob::Blob &blob) {
  json::Array caps;
  for (const blob::CapEntry &cap : blob.caps)
    if (cap.kind == blob::CapKind::Data)
      caps.push_back(json::Object{
          {"slot", cap.slot},
          {"base_page", cap.basePage},
          {"pages", cap.pageCount},
          {"access", cap.access == blob::Access::ReadWrite ? "rw" : "ro"}});
  return caps;
}

static void printTextResult(const interp::RunResult &result,
                            const blob::Blob &blob, const CodeSize &size,
                            raw_ostream &os) {
  uint64_t r7 = result.regs[7];
  os << "exit: " << interp::exitKindName(result.exit) << "\n";
  if (!result.detail.empty())
    os << "detail: " << result.detail << "\n";
  os << "pc: " << result.pc << "\n";
  if (result.exit == interp::ExitKind::PageFault)
    os << "fault address: " << format_hex(result.faultAddress, 10) << "\n";
  if (result.exit == interp::ExitKind::HostCall ||
      result.exit == interp::ExitKind::Unsupported)
    os << "slot: " << result.slot << "\n";
  os << "r7: " << format_hex(r7, 18) << " (" << r7 << ")\n";
  os << "gas used: " << result.gasUsed << " (load " << result.loadGas << ")\n";
  os << "gas remaining: " << result.gasRemaining << "\n";
  os << "instructions: " << result.instructions << "\n";
  os << "blocks: " << result.blocks << "\n";
  os << "host calls: " << result.hostCalls << "\n";
  os << "calls: " << result.calls << "\n";
  os << "memory ops: " << result.loads + result.stores << " (" << result.loads
     << " loads, " << result.stores << " stores)\n";
  os << "code: " << size.bytes << " bytes, " << size.instructions
     << " instructions\n";
  printDataCaps(blob, os);
}

static void printJsonResult(const interp::RunResult &result,
                            const blob::Blob &blob, const CodeSize &size,
                            raw_ostream &os) {
  json::Array regs;
  for (uint64_t reg : result.regs)
    regs.push_back(reg);
  json::Object object{
      {"exit", interp::exitKindName(result.exit)},
      {"pc", result.pc},
      {"r7", result.regs[7]},
      {"r7_hex", "0x" + utohexstr(result.regs[7], /*LowerCase=*/true)},
      {"gas_used", result.gasUsed},
      {"gas_remaining", result.gasRemaining},
      {"load_gas", result.loadGas},
      {"instructions", result.instructions},
      {"blocks", result.blocks},
      {"calls", result.calls},
      {"memory_ops", result.loads + result.stores},
      {"loads", result.loads},
      {"stores", result.stores},
      {"blob_code_bytes", size.bytes},
      {"blob_code_instructions", size.instructions},
      {"data_pages", dataPages(blob)},
      {"data_caps", jsonDataCaps(blob)},
      {"memory_pages", blob.memoryPages},
      {"host_calls", result.hostCalls},
      {"registers", std::move(regs)},
  };
  if (result.exit == interp::ExitKind::PageFault)
    object["fault_address"] = result.faultAddress;
  if (result.exit == interp::ExitKind::HostCall ||
      result.exit == interp::ExitKind::Unsupported)
    object["slot"] = result.slot;
  if (!result.detail.empty())
    object["detail"] = result.detail;
  os << formatv("{0:2}", json::Value(std::move(object))) << "\n";
}

static Expected<blob::CodeBlob> invokedCode(const blob::Blob &blob);

static Error writeProfile(const blob::Blob &blob,
                          const interp::RunResult &result) {
  Expected<blob::CodeBlob> code = invokedCode(blob);
  if (!code)
    return code.takeError();
  std::error_code ec;
  raw_fd_ostream os(profilePath, ec, sys::fs::OF_Text);
  if (ec)
    return fail("cannot write profile '" + profilePath + "': " + ec.message());
  // The code the counts belong to (grey-compile --profile-use checks it).
  os << "# code " << format_hex_no_prefix(blob::codeFingerprint(*code), 16)
     << "\n";
  os << "# gas-block start pc, entries\n";
  for (auto [pc, count] : result.blockProfile)
    os << pc << " " << count << "\n";
  return Error::success();
}

static Error dumpBlocks(const blob::Blob &blob) {
  for (const blob::CapEntry &cap : blob.caps) {
    if (cap.slot != blob.invokeCap || cap.kind != blob::CapKind::Code)
      continue;
    Expected<blob::CodeBlob> code = blob::parseCodeBlob(cap.bytes);
    if (!code)
      return code.takeError();
    gas::CostOptions options{gas::memoryCycles(blob.memoryPages), backend};
    outs() << "# gas-block start pc, single-pass cost, full-model cost\n";
    for (auto [pc, cost] : gas::gasBlockCosts(*code, options))
      outs() << pc << " " << cost << " " << gas::fullModelBlockCost(*code, pc)
             << "\n";
  }
  return Error::success();
}

/// The invoked CODE cap's code.
static Expected<blob::CodeBlob> invokedCode(const blob::Blob &blob) {
  for (const blob::CapEntry &cap : blob.caps)
    if (cap.slot == blob.invokeCap && cap.kind == blob::CapKind::Code)
      return blob::parseCodeBlob(cap.bytes);
  return fail("no CODE cap in the invoked slot " + Twine(blob.invokeCap));
}

/// Prints the recompiler hazards of the invoked code (text or JSON).
static Error printJITHazards(const blob::Blob &blob, raw_ostream &os) {
  Expected<blob::CodeBlob> code = invokedCode(blob);
  if (!code)
    return code.takeError();
  blob::CodeHazards found = blob::findJITHazards(*code);
  json::Array list;
  for (const blob::JITHazard &hazard : found.hazards) {
    const blob::Instruction &inst = found.insts[hazard.index];
    std::string text;
    raw_string_ostream textOs(text);
    blob::printInstruction(textOs, inst);
    if (!emitJson) {
      os << format_hex(inst.pc, 10) << ": " << blob::hazardLetter(hazard.kind)
         << " (" << blob::hazardName(hazard.kind) << ") " << text << ": "
         << hazard.detail << "\n";
      continue;
    }
    list.push_back(json::Object{
        {"pc", inst.pc},
        {"pattern", std::string(1, blob::hazardLetter(hazard.kind))},
        {"name", blob::hazardName(hazard.kind)},
        {"instruction", text},
        {"detail", hazard.detail},
    });
  }
  if (!emitJson) {
    os << "jit hazards: " << found.hazards.size() << "\n";
    return Error::success();
  }
  json::Object object{{"jit_hazard_count", found.hazards.size()},
                      {"jit_hazards", std::move(list)}};
  os << formatv("{0:2}", json::Value(std::move(object))) << "\n";
  return Error::success();
}

static Expected<int> runTool() {
  if (gasLimit > uint64_t(INT64_MAX))
    return fail("--gas must be at most 2^63-1 (the kernel's gas is signed)");
  interp::RunOptions options;
  options.gas = gasLimit;
  options.backend = backend;
  options.layout = capLayout;
  options.initialR7 = initialR7;
  options.profile = !profilePath.empty();
  if (!argsHex.empty()) {
    std::string bytes;
    if (!tryGetFromHex(argsHex, bytes))
      return fail("--args-hex: '" + argsHex +
                  "' is not an even number of "
                  "hex digits");
    options.args.assign(bytes.begin(), bytes.end());
  }
  Expected<std::optional<uint64_t>> answer = parseHostCallResult();
  if (!answer)
    return answer.takeError();
  options.hostCallResult = *answer;

  ErrorOr<std::unique_ptr<MemoryBuffer>> file =
      MemoryBuffer::getFileOrSTDIN(blobPath, /*IsText=*/false);
  if (!file)
    return fail("cannot read '" + blobPath + "': " + file.getError().message());
  ArrayRef<uint8_t> bytes(
      reinterpret_cast<const uint8_t *>((*file)->getBufferStart()),
      (*file)->getBufferSize());
  Expected<blob::Blob> blob = blob::parseBlob(bytes);
  if (!blob)
    return fail("invalid blob '" + blobPath +
                "': " + toString(blob.takeError()));
  if (checkJITHazards) {
    if (Error err = printJITHazards(*blob, outs()))
      return fail("invalid blob '" + blobPath + "': " + toString(std::move(err)));
    return 0;
  }
  if (dumpGasBlocks)
    if (Error err = dumpBlocks(*blob))
      return std::move(err);

  Expected<interp::RunResult> result = interp::runBlob(*blob, options);
  if (!result)
    return fail("cannot load '" + blobPath +
                "': " + toString(result.takeError()));
  Expected<CodeSize> size = codeSize(*blob);
  if (!size)
    return fail("invalid blob '" + blobPath +
                "': " + toString(size.takeError()));
  if (emitJson)
    printJsonResult(*result, *blob, *size, outs());
  else
    printTextResult(*result, *blob, *size, outs());
  if (options.profile)
    if (Error err = writeProfile(*blob, *result))
      return std::move(err);
  // 0: REPLY; 2: the program stopped any other way.
  return result->exit == interp::ExitKind::Halt ? 0 : 2;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  grey::hideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "grey-run: runs a JAR v2 blob as the JAVM kernel would, with exact gas\n"
      "\nExit status: 0 when the program replied (halt), 2 when it stopped\n"
      "any other way, 1 on a usage or load error; with --check-jit-hazards\n"
      "0 unless the blob cannot be read.\n");
  Expected<int> status = runTool();
  if (!status) {
    WithColor::error(errs(), "grey-run")
        << toString(status.takeError()) << "\n";
    return 1;
  }
  return *status;
}
