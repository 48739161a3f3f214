#!/usr/bin/env python3
"""Differential end-to-end test: guest program -> native result vs. grey blob.

A program is a C file (built by utils/build-guest.sh) or a Rust crate
directory (built by utils/build-rust-guest.sh). For every program, builds
it natively (--native) and runs it for the expected 64-bit result, then,
for each variant of build settings (clang flags for C, rustc settings for
Rust), builds the RISC-V ELF, translates it with `grey-compile` at each
level and runs the blob with `grey-run --json`. A program passes when every
blob halts (REPLY) with the native result and `grey-run
--check-jit-hazards` finds nothing in it (no code that javm's x86-64
recompiler miscompiles). Ends with `N passed, M failed`.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = {
    "O3": ["-O3"],
    "O2": ["-O2"],
    "O1": ["-O1"],
    "Os": ["-Os"],
    "O2-gc": ["-O2", "-ffunction-sections", "-fdata-sections",
              "-Wl,--gc-sections"],
}
# Rust: the defaults of build-rust-guest.sh (whole-program LTO, panics
# trap in place), and a build that leaves core's code in separate functions
# and calls (no LTO, 16 codegen units, LLVM's default inline threshold,
# opt-level 2) and keeps the panic handler with core's formatting. Each
# variant builds core and alloc once (about 25 s of CPU), cached under
# --rust-target-dir.
RUST_VARIANTS = {
    "default": [],
    "O2-nolto": ["--opt-level", "2", "--lto", "off", "--codegen-units", "16",
                 "--inline-threshold", "225", "--panic", "abort"],
}


def is_rust(program):
    return (program / "Cargo.toml").is_file()


def builder(program, rust_target_dir):
    """The build command for `program`, without its output and flags."""
    if is_rust(program):
        return [str(ROOT / "utils/build-rust-guest.sh"), str(program),
                "--target-dir", str(rust_target_dir)]
    return [str(ROOT / "utils/build-guest.sh"), str(program)]


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def native_result(source, work, rust_target_dir):
    exe = work / (source.stem + ".native")
    build = run(builder(source, rust_target_dir) + ["-o", str(exe),
                                                    "--native"])
    if build.returncode:
        return None, "native build failed: " + build.stderr.strip()
    out = run([str(exe)], timeout=60)
    if out.returncode:
        return None, f"native run exited {out.returncode}"
    return int(out.stdout.strip(), 16), None


def grey_result(source, flags, level, bindir, work, tag, rust_target_dir):
    elf = work / f"{source.stem}.{tag}.elf"
    if not elf.exists():
        build = run(builder(source, rust_target_dir) + ["-o", str(elf)]
                    + flags)
        if build.returncode:
            return None, "target build failed: " + build.stderr.strip()
    blob = work / f"{source.stem}.{tag}.{level}.jar"
    # LEVEL-profile: translate at LEVEL, run with --profile, translate again
    # with --profile-use.
    base, _, profiled = level.partition("-")
    compile_ = run([str(bindir / "grey-compile"), str(elf), f"-{base}", "-o",
                    str(blob)])
    if compile_.returncode:
        return None, "grey-compile failed: " + compile_.stderr.strip()[:2000]
    if profiled == "profile":
        profile = blob.with_suffix(".profile")
        ran = run([str(bindir / "grey-run"), "--profile", str(profile),
                   str(blob)], timeout=120)
        if not profile.exists():
            return None, "grey-run --profile failed: " + ran.stderr.strip()
        compile_ = run([str(bindir / "grey-compile"), str(elf), f"-{base}",
                        f"--profile-use={profile}", "-o", str(blob)])
        if compile_.returncode:
            return None, ("grey-compile --profile-use failed: " +
                          compile_.stderr.strip()[:2000])
    hazards = jit_hazards(blob, bindir)
    if hazards:
        return None, hazards
    ran = run([str(bindir / "grey-run"), "--json", str(blob)], timeout=120)
    try:
        report = json.loads(ran.stdout)
    except json.JSONDecodeError:
        return None, "grey-run failed: " + (ran.stderr or ran.stdout).strip()
    if report.get("exit") != "halt":
        return None, f"blob stopped with {report.get('exit')}: {ran.stdout}"
    return int(report["r7"]) & (2**64 - 1), None


def jit_hazards(blob, bindir):
    """A summary of the blob's recompiler hazards, or None when it has none."""
    checked = run([str(bindir / "grey-run"), "--check-jit-hazards", "--json",
                   str(blob)])
    try:
        found = json.loads(checked.stdout)["jit_hazards"]
    except (json.JSONDecodeError, KeyError):
        return "grey-run --check-jit-hazards failed: " + (
            checked.stderr or checked.stdout).strip()
    if not found:
        return None
    letters = Counter(hazard["pattern"] for hazard in found)
    first = found[0]
    return (f"{len(found)} JIT hazards (" +
            ", ".join(f"{k}: {n}" for k, n in sorted(letters.items())) +
            f"), first at pc {first['pc']}: {first['pattern']} "
            f"{first['instruction']}: {first['detail']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("programs", nargs="*", type=Path,
                        help="C programs and Rust crate directories "
                             "(default: test/e2e/programs/*.c)")
    parser.add_argument("--bindir", type=Path, required=True,
                        help="directory holding grey-compile and grey-run")
    parser.add_argument("--levels", default="O0,O1,O2",
                        help="comma-separated: O0, O1, O2, or LEVEL-profile "
                        "(translate, run with --profile, translate again "
                        "with --profile-use)")
    parser.add_argument("--variants", default=",".join(VARIANTS),
                        help="clang flag variants for C programs: "
                             + ", ".join(VARIANTS))
    parser.add_argument("--rust-variants", default=",".join(RUST_VARIANTS),
                        help="build-rust-guest.sh settings for Rust crates: "
                             + ", ".join(RUST_VARIANTS))
    parser.add_argument("--rust-target-dir", type=Path,
                        help="build cache of build-rust-guest.sh (default: "
                             "rust-guest beside BINDIR)")
    args = parser.parse_args()
    programs = args.programs or sorted((ROOT / "test/e2e/programs").glob("*.c"))
    levels = args.levels.split(",")
    rust_target_dir = (args.rust_target_dir
                       or args.bindir.resolve().parent / "rust-guest")
    variant_sets = {False: (VARIANTS, args.variants.split(",")),
                    True: (RUST_VARIANTS, args.rust_variants.split(","))}
    for table, names in variant_sets.values():
        unknown = [n for n in names if n not in table]
        if unknown:
            parser.error("unknown variant(s) " + ", ".join(unknown))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for source in programs:
            source = source.resolve()
            table, variants = variant_sets[is_rust(source)]
            expected, error = native_result(source, work, rust_target_dir)
            problems = [] if error is None else [error]
            for tag in variants if expected is not None else []:
                for level in levels:
                    got, error = grey_result(source, table[tag], level,
                                             args.bindir, work, tag,
                                             rust_target_dir)
                    if error:
                        problems.append(f"{tag} -{level}: {error}")
                    elif got != expected:
                        problems.append(f"{tag} -{level}: got {got:#018x}, "
                                        f"native {expected:#018x}")
            if problems:
                failed += 1
                print(f"FAIL {source.stem}")
                for problem in problems:
                    print("  " + problem)
            else:
                passed += 1
                print(f"PASS {source.stem} {expected:#018x}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
