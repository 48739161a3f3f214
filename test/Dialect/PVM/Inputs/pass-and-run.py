"""For each .mlir program in a directory: write its blob as is and after the
given passes, run both with grey-run and print whether the outcome (exit
and φ7) stayed the same and whether gas went down, stayed or went up.

    pass-and-run.py --bindir BIN --passes "--pvm-unroll-loops ..." DIR
"""
import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path


def run(cmd):
    done = subprocess.run([str(c) for c in cmd], capture_output=True,
                          text=True)
    if done.returncode not in (0, 2):
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{done.stderr}")
    return done.stdout


def execute(bindir, source, passes):
    ir = source.with_suffix(".after.mlir" if passes else ".before.mlir")
    run([bindir / "grey-opt", source, *passes, "--pvm-verify-registers",
         "-o", ir])
    blob = ir.with_suffix(".jar")
    run([bindir / "grey-translate", "--export-pvm-blob",
         "--pvm-allow-jit-hazards", ir, "-o", blob])
    return json.loads(run([bindir / "grey-run", "--json", blob]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bindir", type=Path, required=True)
    parser.add_argument("--passes", required=True)
    parser.add_argument("dir", type=Path)
    args = parser.parse_args()
    passes = shlex.split(args.passes)
    for source in sorted(args.dir.glob("*.mlir")):
        if source.name.endswith((".before.mlir", ".after.mlir")):
            continue
        before = execute(args.bindir, source, [])
        after = execute(args.bindir, source, passes)
        print(source.name)
        outcome = (before["exit"], before["r7_hex"])
        if outcome == (after["exit"], after["r7_hex"]):
            print(f"outcome: same ({before['exit']} {before['r7_hex']})")
        else:
            print(f"outcome: DIFFERENT ({outcome} before, "
                  f"{(after['exit'], after['r7_hex'])} after)")
        gas = (after["gas_used"] > before["gas_used"]) - (
            after["gas_used"] < before["gas_used"])
        print("gas:", ["lower", "same", "higher"][gas + 1])


if __name__ == "__main__":
    main()
