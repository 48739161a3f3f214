#!/usr/bin/env python3
"""Target tuning study: gas of the bench workloads rebuilt with a grid of
compiler settings, translated by grey-compile -O2.

Every Rust workload (bench/NAME-rs, utils/build-rust-guest.sh) and C
workload (bench/NAME.c, utils/build-guest.sh) is built once per setting of
the grid below, translated with `grey-compile -O2` and run with
`grey-run --json`; each run must halt with the native result. The gas of
every run, the geometric mean of its ratio to the baseline (the current
defaults of the build scripts) and the code size go into
docs/target-tuning.md. Everything after the line DISCUSSION_MARKER in that
file is hand-written and kept when the tables are rewritten.

    python3 utils/target-tuning.py [--build-dir build] [--out docs/target-tuning.md]
                                   [--only rust|c] [--list]

Each Rust setting builds core and alloc once (about 25 s of CPU), cached
under BUILD/rust-guest beside the e2e tests' builds; the whole grid took 19
minutes from a cold cache on two cores shared with other builds, 4 with a
warm one.
"""
import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MASK64 = 2**64 - 1
DISCUSSION_MARKER = "<!-- Discussion: hand-written, kept by utils/target-tuning.py -->"


class TuningError(Exception):
    pass


class Setting:
    """One way to build: a label and the build script's extra arguments."""

    def __init__(self, label, args, baseline=False):
        self.label = label
        self.args = list(args)
        self.baseline = baseline


def rust(label, opt="3", lto="fat", cgu="1", threshold="275", panic="abort",
         flags=(), baseline=False):
    args = ["--opt-level", opt, "--lto", lto, "--codegen-units", cgu,
            "--inline-threshold", threshold, "--panic", panic]
    for flag in flags:
        args += ["--rustflag", flag]
    return Setting(label, args, baseline)


def rust_grid():
    grid = [rust("opt-level 3, inline 275, fat LTO, 1 CGU, panic abort "
                 "(the reference's settings)", baseline=True)]
    # Inline threshold x opt-level, with whole-program LTO and one codegen
    # unit (the reference's choice for benchmarks).
    for opt in ("3", "2", "s"):
        for threshold in ("0", "75", "275", "1000"):
            if (opt, threshold) != ("3", "275"):
                grid.append(rust(f"opt-level {opt}, inline {threshold}",
                                 opt=opt, threshold=threshold))
    # One change at a time from the reference settings.
    grid += [
        rust("thin LTO", lto="thin"),
        rust("no LTO, 1 CGU", lto="off"),
        rust("no LTO, 16 CGUs", lto="off", cgu="16"),
        rust("panic immediate-abort (default)", panic="immediate-abort"),
        rust("relocation-model static, code-model medium",
             flags=["-Crelocation-model=static", "-Ccode-model=medium"]),
        rust("without Zbb", flags=["-Ctarget-feature=-zbb"]),
        rust("without XTheadCondMov",
             flags=["-Ctarget-feature=-xtheadcondmov"]),
        # The winners above, together.
        rust("panic immediate-abort, relocation-model static",
             panic="immediate-abort",
             flags=["-Crelocation-model=static", "-Ccode-model=medium"]),
        rust("panic immediate-abort, no LTO, 16 CGUs",
             panic="immediate-abort", lto="off", cgu="16"),
    ]
    return grid


def c_grid():
    grid = [Setting("-O2 (before this study)", ["-O2"], baseline=True)]
    for opt in ("-O2", "-O3", "-Os"):
        for threshold in ("0", "75", "275", "1000"):
            grid.append(Setting(f"{opt}, inline {threshold}",
                                [opt, "-mllvm",
                                 f"-inline-threshold={threshold}"]))
        if opt != "-O2":
            grid.append(Setting(opt + (" (default)" if opt == "-O3" else ""),
                                [opt]))
    grid += [
        Setting("-O2 -flto", ["-O2", "-flto"]),
        Setting("-O2 -ffunction-sections -fdata-sections --gc-sections",
                ["-O2", "-ffunction-sections", "-fdata-sections",
                 "-Wl,--gc-sections"]),
        Setting("-O2 without Zbb", ["-O2", "-march=rv64em_xtheadcondmov"]),
        Setting("-O2 without XTheadCondMov", ["-O2", "-march=rv64em_zbb"]),
        Setting("-O3 -ffunction-sections -fdata-sections --gc-sections",
                ["-O3", "-ffunction-sections", "-fdata-sections",
                 "-Wl,--gc-sections"]),
    ]
    return grid


def run(cmd, **kwargs):
    return subprocess.run([str(c) for c in cmd], capture_output=True,
                          text=True, **kwargs)


class Language:
    def __init__(self, name, builder, sources, grid, notes):
        self.name = name
        self.builder = builder
        self.sources = sources
        self.grid = grid
        self.notes = notes


def languages(rust_target_dir):
    bench = ROOT / "bench"
    rust_sources = {p.parent.name: p.parent
                    for p in sorted(bench.glob("*-rs/Cargo.toml"))}
    c_sources = {p.stem: p for p in sorted(bench.glob("*.c"))}
    return {
        "rust": Language(
            "Rust", lambda src: [ROOT / "utils/build-rust-guest.sh", src,
                                 "--target-dir", rust_target_dir],
            rust_sources, rust_grid(),
            "utils/build-rust-guest.sh with `--opt-level`, `--lto`, "
            "`--codegen-units`, `--inline-threshold` (as "
            "`-Cllvm-args=--inline-threshold=N`, for the program and "
            "core/alloc alike), `--panic` and `--rustflag`; unlisted settings "
            "are the reference's (opt-level 3, fat LTO, 1 codegen unit, "
            "inline 275, panic abort). Ratios are to the reference's "
            "settings."),
        "c": Language(
            "C", lambda src: [ROOT / "utils/build-guest.sh", src],
            c_sources, c_grid(),
            "utils/build-guest.sh with the clang flags shown "
            "(`-mllvm -inline-threshold=N` overrides the threshold of every "
            "optimization level; clang's own are 225 at -O2, 250 at -O3). "
            "Ratios are to -O2, the default before this study and the flags "
            "of the ELFs in reference-gas.tsv."),
    }


def native_result(language, name, work):
    exe = work / f"{name}.native"
    build = run(language.builder(language.sources[name]) + ["-o", exe,
                                                            "--native"])
    if build.returncode:
        raise TuningError(f"{name}: native build failed: {build.stderr}")
    out = run([exe], timeout=120)
    if out.returncode:
        raise TuningError(f"{name}: native run exited {out.returncode}")
    return int(out.stdout.strip(), 16) & MASK64


def measure(language, setting, name, expected, bindir, work):
    elf = work / f"{name}.elf"
    blob = work / f"{name}.jar"
    build = run(language.builder(language.sources[name]) + ["-o", elf]
                + setting.args)
    if build.returncode:
        raise TuningError(f"{name} [{setting.label}]: build failed: "
                          + build.stderr.strip()[-2000:])
    compile_ = run([bindir / "grey-compile", elf, "-O2", "-o", blob])
    if compile_.returncode:
        raise TuningError(f"{name} [{setting.label}]: grey-compile failed: "
                          + compile_.stderr.strip()[:2000])
    ran = run([bindir / "grey-run", "--json", blob], timeout=600)
    try:
        report = json.loads(ran.stdout)
    except json.JSONDecodeError:
        raise TuningError(f"{name} [{setting.label}]: grey-run failed: "
                          + (ran.stderr or ran.stdout).strip())
    got = int(report["r7"]) & MASK64
    if report.get("exit") != "halt" or got != expected:
        raise TuningError(f"{name} [{setting.label}]: {report.get('exit')} "
                          f"with {got:#x}, native {expected:#x}")
    return {"gas": report["gas_used"], "code": report["blob_code_bytes"]}


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def table(language, results):
    names = list(language.sources)
    base = next(s for s in language.grid if s.baseline)
    header = ["setting"] + names + ["gas / baseline (geo. mean)",
                                    "code bytes (sum)"]
    lines = ["| " + " | ".join(header) + " |",
             "|---|" + "---:|" * (len(header) - 1)]
    ranked = []
    for setting in language.grid:
        row = results[setting.label]
        ratio = geomean([row[n]["gas"] / results[base.label][n]["gas"]
                         for n in names])
        ranked.append((ratio, setting))
        cells = ([setting.label] + [f"{row[n]['gas']:,}" for n in names]
                 + [f"{ratio:.4f}", f"{sum(row[n]['code'] for n in names):,}"])
        lines.append("| " + " | ".join(cells) + " |")
    ranked.sort(key=lambda r: r[0])
    best = ", ".join(f"{s.label} ({r:.4f})" for r, s in ranked[:3])
    return lines + ["", f"Lowest gas (geometric mean of the ratios to the "
                        f"baseline): {best}."]


def write_report(out, langs, results, seconds):
    lines = [
        "# Target tuning study", "",
        "Generated by `python3 utils/target-tuning.py`; the tables are "
        "measurements, rewritten on every run (the discussion at the end is "
        "kept). Each workload of `bench/` is rebuilt with every setting "
        "below, translated with `grey-compile -O2` and run with "
        "`grey-run --json` (recompiler gas rules); every run halted with "
        "the native result. Gas includes the load gas. The ratio column is "
        "the geometric mean over the workloads of gas / gas with the "
        "baseline settings (first row; below 1 is better); code bytes are "
        "the summed sizes of the blobs' code sections. \"(default)\" marks "
        "the defaults of the build scripts.", "",
        f"Toolchain: {toolchain()}. This run took {seconds / 60:.0f} "
        "minutes; core and alloc builds cached by earlier runs (under "
        "BUILD/rust-guest) were reused.", ""]
    for key, language in langs.items():
        if key not in results:
            continue
        lines += [f"## {language.name}", "", language.notes, ""]
        lines += table(language, results[key]) + [""]
    discussion = ""
    if out.exists():
        text = out.read_text()
        if DISCUSSION_MARKER in text:
            discussion = text[text.index(DISCUSSION_MARKER):]
    out.write_text("\n".join(lines) + "\n" + (discussion or
                                              DISCUSSION_MARKER + "\n"))


def toolchain():
    versions = []
    for tool in ("/usr/bin/rustc", "clang-22"):
        out = run([tool, "--version"])
        if out.returncode == 0:
            versions.append(out.stdout.splitlines()[0].strip())
    return "; ".join(versions)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build",
                        help="grey build directory with bin/grey-compile "
                             "and bin/grey-run (default: build)")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "docs/target-tuning.md")
    parser.add_argument("--only", choices=["rust", "c"],
                        help="measure one language only")
    parser.add_argument("--list", action="store_true",
                        help="print the grid and exit")
    args = parser.parse_args()
    bindir = args.build_dir.resolve() / "bin"
    langs = languages(args.build_dir.resolve() / "rust-guest")
    chosen = [args.only] if args.only else list(langs)
    if args.list:
        for key in chosen:
            for setting in langs[key].grid:
                print(f"{langs[key].name}: {setting.label}: "
                      + " ".join(setting.args))
        return 0
    for tool in ("grey-compile", "grey-run"):
        if not (bindir / tool).exists():
            print(f"target-tuning: no {bindir / tool} (ninja -C "
                  f"{args.build_dir} {tool})", file=sys.stderr)
            return 1
    start = time.monotonic()
    results = {}
    try:
        with tempfile.TemporaryDirectory(prefix="grey-tuning-") as tmp:
            work = Path(tmp)
            for key in chosen:
                language = langs[key]
                expected = {name: native_result(language, name, work)
                            for name in language.sources}
                results[key] = {}
                for setting in language.grid:
                    row = results[key][setting.label] = {}
                    for name in language.sources:
                        row[name] = measure(language, setting, name,
                                            expected[name], bindir, work)
                    print(f"{language.name:4} {setting.label:<60} " + " ".join(
                        f"{row[n]['gas']:>10}" for n in language.sources),
                        file=sys.stderr, flush=True)
    except TuningError as error:
        print(f"target-tuning: error: {error}", file=sys.stderr)
        return 1
    write_report(args.out, langs, results, time.monotonic() - start)
    print(f"target-tuning: wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
