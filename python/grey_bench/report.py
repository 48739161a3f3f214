#!/usr/bin/env python3
"""grey benchmark report: gas, instructions, code size and translation time.

Builds every workload of bench/ into a RISC-V ELF (C: utils/build-guest.sh
-O2, the flags of the ELFs in reference-gas.tsv; Rust crates bench/NAME-rs:
utils/build-rust-guest.sh with its defaults)
and natively (for the expected result), translates each at every pipeline
level, at -O2 with a profile of its -O2 run fed back (grey-run --profile,
then grey-compile --profile-use) and at -O2 with each optimization pass
switched off in turn (the names come from `grey-compile --list-passes`),
runs every blob with
`grey-run --json`, checks that it halted with the native result, and writes
OUT/benchmarks.md with PNG plots beside it (OUT/benchmarks-*.png; skipped
with a note when matplotlib is missing). Beside the gas table, the gas the
reference translator's blob used for the same ELF (reference-gas.tsv,
matched by the ELF's SHA-256) and grey's -O2 gas relative to it.

    python3 python/grey_bench/report.py [--quick] [--build-dir build] [--out docs]

Everything in the report except the translation-time table is a pure
function of the sources and the toolchain: gas is exact and deterministic.
--quick runs two small workloads at -O0 and -O2 (plus the pass-off
variants), times each translation once and writes into a fresh temporary
directory unless --out is given.
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LEVELS = ["O0", "O1", "O2"]
QUICK_WORKLOADS = ["blake2b", "keccak", "blake2b-rs"]
QUICK_LEVELS = ["O0", "O2"]
# The level the pass-off variants are measured at.
ABLATION_LEVEL = "O2"
MASK64 = 2**64 - 1
TIME_PLOT = "benchmarks-translation-time.png"

# (key in a measurement, table title, unit note, plot file stem)
METRICS = [
    ("gas", "Gas used", "gas charged for the whole run, load included",
     "gas"),
    ("instructions", "Instructions executed",
     "PVM instructions executed", "instructions"),
    ("calls", "Calls executed",
     "direct and indirect calls executed (load_imm_jump, load_imm_jump_ind)",
     None),
    ("memory_ops", "Memory ops executed",
     "loads and stores executed (each a 25-cycle latency in its gas block)",
     None),
    ("blocks", "Gas blocks executed",
     "gas blocks entered (each is charged on entry)", "blocks"),
    ("code_bytes", "Code size (bytes)",
     "bytes of the code section of the invoked CODE cap", "code-size"),
    ("code_instructions", "Code size (instructions)",
     "static PVM instructions in the code section", None),
    ("blob_bytes", "Blob size (bytes)", "size of the .jar file",
     "blob-size"),
    ("load_gas", "Load gas", "gas charged at load, before the first "
     "instruction: 1500 for every page of every DATA cap (stack, data, heap, "
     "arguments); included in the gas used above", None),
    ("data_pages", "Pages mapped", "pages of all DATA caps of the blob",
     None),
]


class BenchError(Exception):
    pass


def run(cmd, **kwargs):
    return subprocess.run([str(c) for c in cmd], capture_output=True,
                          text=True, **kwargs)


class Config:
    """One way to translate: a level, the passes switched off, and whether
    a profile of the plain translation's run is fed back
    (`grey-compile --profile-use`)."""

    def __init__(self, level, disabled=(), extra=(), profile=False):
        self.level = level
        self.disabled = tuple(disabled)
        # Further grey-compile flags, e.g. ("--gas-model=latency",).
        self.extra = tuple(extra)
        self.profile = profile

    @property
    def label(self):
        text = "-" + self.level
        for name in self.disabled:
            text += " no " + name
        for flag in self.extra:
            text += " " + flag
        if self.profile:
            text += " with profile"
        return text

    @property
    def tag(self):
        return "-".join([self.level] + ["no-" + n for n in self.disabled]
                        + [f.lstrip("-").replace("=", "-") for f in self.extra]
                        + (["profile"] if self.profile else []))

    def flags(self):
        flags = ["-" + self.level]
        if self.disabled:
            flags.append("--disable-pass=" + ",".join(self.disabled))
        return flags + list(self.extra)


def find_bindir(build_dir):
    for base in (Path.cwd(), ROOT):
        bindir = (base / build_dir / "bin").resolve()
        if (bindir / "grey-compile").exists() and (bindir / "grey-run").exists():
            return bindir
    raise BenchError(f"no grey-compile and grey-run in {build_dir}/bin "
                     f"(build them: ninja -C {build_dir} grey-compile grey-run)")


def list_passes(bindir):
    out = run([bindir / "grey-compile", "--list-passes"])
    if out.returncode:
        raise BenchError("grey-compile --list-passes failed: " +
                         out.stderr.strip())
    return [line.strip() for line in out.stdout.splitlines() if line.strip()]


def bench_sources():
    """Workload name -> source: bench/NAME.c, and the Rust crates
    bench/NAME-rs/."""
    sources = {p.stem: p for p in sorted((ROOT / "bench").glob("*.c"))}
    sources.update({p.parent.name: p.parent for p in
                    sorted((ROOT / "bench").glob("*-rs/Cargo.toml"))})
    return sources


def build_workload(source, work, rust_target_dir):
    """Builds the target ELF and the native program; returns the ELF and the
    expected result."""
    elf = work / f"{source.stem}.elf"
    native = work / f"{source.stem}.native"
    if (source / "Cargo.toml").is_file():
        builder = [ROOT / "utils/build-rust-guest.sh", source,
                   "--target-dir", rust_target_dir]
        target_flags = []
    else:
        builder = [ROOT / "utils/build-guest.sh", source]
        target_flags = ["-O2"]
    build = run(builder + ["-o", elf] + target_flags)
    if build.returncode:
        raise BenchError(f"{source.stem}: target build failed: "
                         + build.stderr.strip())
    build = run(builder + ["-o", native, "--native"])
    if build.returncode:
        raise BenchError(f"{source.stem}: native build failed: "
                         + build.stderr.strip())
    out = run([native], timeout=120)
    if out.returncode:
        raise BenchError(f"{source.stem}: native run exited {out.returncode}")
    return elf, int(out.stdout.strip(), 16) & MASK64


def record_profile(bindir, elf, config, blob):
    """Translates without a profile, runs the blob with `grey-run
    --profile` and returns the grey-compile flag that feeds it back."""
    out = run([bindir / "grey-compile", elf] + config.flags() + ["-o", blob])
    if out.returncode:
        raise BenchError(f"{elf.stem} {config.label}: grey-compile failed: "
                         + out.stderr.strip()[:2000])
    profile = blob.with_suffix(".profile")
    out = run([bindir / "grey-run", "--profile", profile, blob], timeout=600)
    if not profile.exists():
        raise BenchError(f"{elf.stem} {config.label}: grey-run --profile "
                         "failed: " + (out.stderr or out.stdout).strip())
    return [f"--profile-use={profile}"]


def translate(bindir, elf, config, blob, runs):
    """Runs grey-compile `runs` times; returns the fastest wall time in
    seconds. Every run must write the same bytes. With a profile, the
    profiled run comes first and only the translation that uses it is
    timed."""
    extra = record_profile(bindir, elf, config, blob) if config.profile else []
    best = None
    first = None
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        out = run([bindir / "grey-compile", elf] + config.flags() + extra +
                  ["-o", blob])
        elapsed = time.perf_counter() - start
        if out.returncode:
            raise BenchError(f"{elf.stem} {config.label}: grey-compile failed: "
                             + out.stderr.strip()[:2000])
        data = blob.read_bytes()
        if first is None:
            first = data
        elif data != first:
            raise BenchError(f"{elf.stem} {config.label}: grey-compile is not "
                             "deterministic (two runs wrote different blobs)")
        best = elapsed if best is None else min(best, elapsed)
    return best


def measure(bindir, blob, expected, what):
    out = run([bindir / "grey-run", "--json", blob], timeout=600)
    try:
        report = json.loads(out.stdout)
    except json.JSONDecodeError:
        raise BenchError(f"{what}: grey-run failed: "
                         + (out.stderr or out.stdout).strip())
    if report.get("exit") != "halt":
        raise BenchError(f"{what}: the blob stopped with {report.get('exit')} "
                         f"instead of halting: {out.stdout.strip()}")
    got = int(report["r7"]) & MASK64
    if got != expected:
        raise BenchError(f"{what}: result {got:#018x}, native {expected:#018x}")
    return {
        "gas": report["gas_used"],
        "load_gas": report["load_gas"],
        "data_pages": report["data_pages"],
        "instructions": report["instructions"],
        "blocks": report["blocks"],
        "calls": report["calls"],
        "memory_ops": report["memory_ops"],
        "code_bytes": report["blob_code_bytes"],
        "code_instructions": report["blob_code_instructions"],
        "blob_bytes": blob.stat().st_size,
        "result": got,
    }


def fmt_int(value):
    return f"{value:,}"


def fmt_ratio(value, base):
    if not base:
        return "—"
    return f"{value / base:.4f}"


def geomean(values):
    values = [v for v in values if v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


REFERENCE_GAS = ROOT.parent / "shared" / "anchors" / "reference-gas.tsv"


def read_reference_gas(path):
    """ELF sha256 prefix -> (reference gas or None, what the reference did),
    from reference-gas.tsv (columns: workload, elf_sha256, reference_gas,
    reference_result, ...); None when the file is missing."""
    if path is None or not path.is_file():
        return None
    table = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 4:
            raise BenchError(f"{path}: expected at least 4 tab-separated "
                             f"columns, got: {line!r}")
        gas = int(cells[2]) if cells[2].isdigit() else None
        table[cells[1].lower()] = (gas, cells[3] if gas is None else cells[2])
    return table


def elf_digest(elf):
    return hashlib.sha256(elf.read_bytes()).hexdigest()


def reference_table(results, workloads, digests, reference, level):
    """Markdown lines: grey's gas at `level` beside the reference
    translator's for the same ELF, where reference-gas.tsv has its hash."""
    header = ["workload", "ELF sha256", f"-{level}", "reference",
              f"-{level} / reference"]
    lines = ["| " + " | ".join(header) + " |",
             "|---|---|---:|---:|---:|"]
    ratios = []
    for workload in workloads:
        digest = digests[workload]
        gas = results[workload][level]["gas"]
        match = next((row for key, row in reference.items()
                      if digest.startswith(key)), None)
        if match is None:
            ref_cell, ratio_cell = "n/a", "n/a"
        elif match[0] is None:
            ref_cell, ratio_cell = match[1], "n/a"
        else:
            ref_cell = fmt_int(match[0])
            ratio_cell = fmt_ratio(gas, match[0])
            ratios.append(gas / match[0])
        lines.append(f"| {workload} | `{digest[:16]}` | {fmt_int(gas)} | "
                     f"{ref_cell} | {ratio_cell} |")
    mean = geomean(ratios)
    if len(ratios) > 1:
        lines.append(f"| geometric mean | | | | {mean:.4f} |")
    return lines


def metric_table(name, results, workloads, configs, base):
    """Markdown lines: values per config, then the ratio of each other
    config to `base`, and a geometric-mean row of the ratios."""
    others = [c for c in configs if c.tag != base.tag]
    header = (["workload"] + [c.label for c in configs]
              + [f"{c.label} / {base.label}" for c in others])
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    ratios = {c.tag: [] for c in others}
    for workload in workloads:
        row = results[workload]
        cells = [workload] + [fmt_int(row[c.tag][name]) for c in configs]
        for c in others:
            cells.append(fmt_ratio(row[c.tag][name], row[base.tag][name]))
            if row[base.tag][name]:
                ratios[c.tag].append(row[c.tag][name] / row[base.tag][name])
        lines.append("| " + " | ".join(cells) + " |")
    if len(workloads) > 1:
        cells = ["geometric mean"] + [""] * len(configs)
        for c in others:
            mean = geomean(ratios[c.tag])
            cells.append("—" if mean is None else f"{mean:.4f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write_plots(out, results, workloads, configs, base, times, levels):
    """Writes the PNGs; returns their file names, or None when matplotlib is
    missing."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    # No metadata (matplotlib's version) keeps the files identical between
    # runs on one machine.
    plt.rcParams.update({"font.size": 9})
    metadata = {"Software": None}
    written = []
    others = [c for c in configs if c.tag != base.tag]
    size = (max(6, 1.1 * len(workloads) + 2), 4)
    for key, title, _, stem in METRICS:
        if stem is None or not others:
            continue
        # The change against the base in percent: bars start at 0, so small
        # differences stay visible without a misleading axis.
        fig, ax = plt.subplots(figsize=size)
        width = 0.8 / len(others)
        for i, config in enumerate(others):
            xs = [j + (i - (len(others) - 1) / 2) * width
                  for j in range(len(workloads))]
            ys = [100 * (results[w][config.tag][key]
                         / results[w][base.tag][key] - 1)
                  if results[w][base.tag][key] else 0 for w in workloads]
            ax.bar(xs, ys, width, label=config.label)
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set_xticks(range(len(workloads)))
        ax.set_xticklabels(workloads)
        ax.set_ylabel(f"change against {base.label} (%)")
        ax.set_title(f"{title}: change against {base.label} "
                     "(below 0 is better)")
        ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1),
                  ncol=min(4, len(others)), frameon=False)
        fig.tight_layout()
        name = f"benchmarks-{stem}.png"
        fig.savefig(out / name, dpi=100, metadata=metadata)
        plt.close(fig)
        written.append((title, name))
    fig, ax = plt.subplots(figsize=size)
    width = 0.8 / len(levels)
    for i, level in enumerate(levels):
        xs = [j + (i - (len(levels) - 1) / 2) * width
              for j in range(len(workloads))]
        ax.bar(xs, [times[w][level] * 1000 for w in workloads], width,
               label="-" + level)
    ax.set_xticks(range(len(workloads)))
    ax.set_xticklabels(workloads)
    ax.set_ylabel("ms (fastest run)")
    ax.set_title("grey-compile wall time (machine-dependent)")
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1),
              ncol=len(levels), frameon=False)
    fig.tight_layout()
    name = TIME_PLOT
    fig.savefig(out / name, dpi=100, metadata=metadata)
    plt.close(fig)
    written.append(("Translation time", name))
    return written


def reference_section(args, results, workloads, digests, reference, levels):
    level = "O2" if "O2" in levels else levels[-1]
    lines = ["### Against the reference translator", ""]
    if reference is None:
        return lines + [f"`{args.reference_gas}` not found: no reference "
                        "column (`--reference-gas PATH`).", ""]
    lines += [
        "Gas of the reference translator's blob for the same ELF, measured "
        "on the real javm (`reference-gas.tsv`, keyed by the ELF's SHA-256; "
        "\"n/a\" when the ELF built here differs from the one measured, "
        f"e.g. another compiler build, or has no entry). Below 1, grey's "
        f"`-{level}` blob uses less gas than the reference's.", ""]
    return lines + reference_table(results, workloads, digests, reference,
                                   level) + [""]


def write_markdown(out, args, results, expected, workloads, configs, base,
                   passes, times, levels, plots, plot_note, quick, digests,
                   reference):
    lines = ["# grey benchmarks", ""]
    lines += [
        "Generated by `python3 python/grey_bench/report.py"
        + (" --quick" if quick else "") + "`; do not edit by hand. Each "
        "workload of `bench/` (see `bench/README.md`) is built with "
        "`utils/build-guest.sh -O2` (C; -O2 rather than the default -O3 "
        "keeps the ELFs the reference translator was measured on) or "
        "`utils/build-rust-guest.sh` (Rust, `NAME-rs`, its defaults), "
        "translated with `grey-compile` at each "
        "configuration below and run with `grey-run --json` (recompiler gas "
        "rules). Every run halted (REPLY) with the result of the native "
        "build. All numbers except the translation times are exact and "
        "reproducible: the same sources and toolchain give the same report.",
        "",
        "Configurations: " + ", ".join(f"`{c.label}`" for c in configs)
        + f". Ratios are to `{base.label}`; below 1 is better. "
        + f"`-{ABLATION_LEVEL} with profile` is translated with "
        "`grey-compile --profile-use` given the `grey-run --profile` counts "
        f"of the workload's `-{ABLATION_LEVEL}` blob. "
        + ("Optimization passes switched off in turn at "
           f"`-{ABLATION_LEVEL}` (from `grey-compile --list-passes`): "
           + ", ".join(f"`{p}`" for p in passes) + "."
           if passes else "grey-compile lists no optional passes."),
        "",
    ]
    if quick:
        lines += ["Quick mode: a subset of the workloads and levels.", ""]
    lines += ["## Results checked", "",
              "| workload | expected result (native) | runs |",
              "|---|---|---:|"]
    for workload in workloads:
        lines.append(f"| {workload} | `{expected[workload]:#018x}` | "
                     f"{len(configs)} |")
    lines.append("")
    for key, title, note, _ in METRICS:
        lines += [f"## {title}", "", note[0].upper() + note[1:] + ".", ""]
        lines += metric_table(key, results, workloads, configs, base)
        lines.append("")
        if key == "gas":
            lines += reference_section(args, results, workloads, digests,
                                       reference, levels)
    lines += ["## Plots", ""]
    if plots is None:
        lines += [f"Plots skipped: {plot_note}.", ""]
    else:
        lines += [f"Change of each configuration against `{base.label}`, "
                  "in percent.", ""]
        for title, name in plots:
            if name != TIME_PLOT:
                lines += [f"![{title}]({name})", ""]
    lines += [
        "## Translation time (machine-dependent)", "",
        "Wall time of `grey-compile` (ELF in, blob out), the fastest of "
        f"{args.runs} run{'s' if args.runs != 1 else ''}, in milliseconds. "
        "Unlike everything above, these numbers depend on the machine and "
        "its load and change from one report to the next.", "",
        "| workload | " + " | ".join("-" + l for l in levels) + " |",
        "|---|" + "---:|" * len(levels)]
    for workload in workloads:
        lines.append(f"| {workload} | " + " | ".join(
            f"{times[workload][l] * 1000:.1f}" for l in levels) + " |")
    lines.append("")
    if plots is not None and any(name == TIME_PLOT for _, name in plots):
        lines += [f"![Translation time]({TIME_PLOT})", ""]
    (out / "benchmarks.md").write_text("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--quick", action="store_true",
                        help="two small workloads, -O0 and -O2, one timing "
                             "run; writes to a temporary directory unless "
                             "--out is given")
    parser.add_argument("--build-dir", default="build",
                        help="grey build directory holding bin/grey-compile "
                             "and bin/grey-run (default: build)")
    parser.add_argument("--out", type=Path,
                        help="where to write benchmarks.md and the plots "
                             "(default: docs, or a temporary directory with "
                             "--quick)")
    parser.add_argument("--runs", type=int,
                        help="grey-compile runs per translation-time figure "
                             "(default 5, 1 with --quick)")
    parser.add_argument("--workloads",
                        help="comma-separated workload names (default: all "
                             "of bench/*.c and bench/*-rs)")
    parser.add_argument("--no-plots", action="store_true",
                        help="do not draw the PNG plots")
    parser.add_argument("--reference-gas", type=Path, default=REFERENCE_GAS,
                        help="the reference translator's gas per ELF "
                             "(default: shared/anchors/reference-gas.tsv "
                             "beside the repository)")
    args = parser.parse_args()
    if args.runs is None:
        args.runs = 1 if args.quick else 5

    try:
        bindir = find_bindir(args.build_dir)
        passes = list_passes(bindir)
        sources = bench_sources()
        reference = read_reference_gas(args.reference_gas)
        rust_target_dir = bindir.parent / "rust-guest"
        if args.workloads:
            names = args.workloads.split(",")
        elif args.quick:
            names = QUICK_WORKLOADS
        else:
            names = list(sources)
        unknown = [n for n in names if n not in sources]
        if unknown:
            raise BenchError("unknown workload(s) " + ", ".join(unknown)
                             + "; bench/ has " + ", ".join(sources))
        levels = QUICK_LEVELS if args.quick else LEVELS
        configs = [Config(level) for level in levels]
        configs.append(Config(ABLATION_LEVEL, profile=True))
        configs += [Config(ABLATION_LEVEL, [p]) for p in passes]
        # The optimizations deciding with the corrected three-register rule
        # (gas-model.md §3), charged as the kernel charges today.
        configs.append(Config(ABLATION_LEVEL, extra=["--gas-model=latency"]))
        base = configs[0]

        if args.out is not None:
            out = args.out
        elif args.quick:
            out = Path(tempfile.mkdtemp(prefix="grey-bench-"))
        else:
            out = ROOT / "docs"
        out.mkdir(parents=True, exist_ok=True)

        results, expected, times, digests = {}, {}, {}, {}
        with tempfile.TemporaryDirectory(prefix="grey-bench-work-") as tmp:
            work = Path(tmp)
            for name in names:
                print(f"{name}: building", file=sys.stderr, flush=True)
                elf, expected[name] = build_workload(sources[name], work,
                                                     rust_target_dir)
                digests[name] = elf_digest(elf)
                results[name], times[name] = {}, {}
                for config in configs:
                    blob = work / f"{name}.{config.tag}.jar"
                    timed = (not config.disabled and not config.extra
                             and not config.profile)
                    elapsed = translate(bindir, elf, config, blob,
                                        args.runs if timed else 1)
                    if timed:
                        times[name][config.level] = elapsed
                    results[name][config.tag] = measure(
                        bindir, blob, expected[name], f"{name} {config.label}")
                    m = results[name][config.tag]
                    print(f"  {config.label:<32} gas {m['gas']:>12,}  "
                          f"instructions {m['instructions']:>12,}  "
                          f"code {m['code_bytes']:>7,} B", file=sys.stderr,
                          flush=True)

        plots, plot_note = None, "--no-plots was given"
        if not args.no_plots:
            plots = write_plots(out, results, names, configs, base, times,
                                levels)
            plot_note = ("matplotlib is not installed "
                         "(`apt-get install python3-matplotlib`)")
        write_markdown(out, args, results, expected, names, configs, base,
                       passes, times, levels, plots, plot_note, args.quick,
                       digests, reference)
    except BenchError as error:
        print(f"grey-bench: error: {error}", file=sys.stderr)
        return 1
    if plots is None:
        print(f"grey-bench: plots skipped: {plot_note}"
              + ("" if args.no_plots else f" for {sys.executable}"),
              file=sys.stderr)
    print(f"grey-bench: wrote {out / 'benchmarks.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
