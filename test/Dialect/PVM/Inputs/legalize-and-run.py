"""For each .mlir program in a directory: write its blob as is and after
pvm-legalize-jit-hazards, and print for both the letters of the JIT hazards
`grey-run --check-jit-hazards` finds ('-' for none) and the REPLY value.

    legalize-and-run.py --bindir BIN DIR
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path


def run(cmd, **kwargs):
    done = subprocess.run([str(c) for c in cmd], capture_output=True,
                          text=True, **kwargs)
    if done.returncode not in (0, 2):
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{done.stderr}")
    return done.stdout


def describe(bindir, blob):
    found = json.loads(run([bindir / "grey-run", "--check-jit-hazards",
                            "--json", blob]))["jit_hazards"]
    letters = "".join(hazard["pattern"] for hazard in found) or "-"
    result = json.loads(run([bindir / "grey-run", "--json", blob]))
    return f"{letters} {result['r7_hex']}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bindir", type=Path, required=True)
    parser.add_argument("dir", type=Path)
    args = parser.parse_args()
    for source in sorted(args.dir.glob("*.mlir")):
        raw = source.with_suffix(".raw.jar")
        run([args.bindir / "grey-translate", "--export-pvm-blob",
             "--pvm-allow-jit-hazards", source, "-o", raw])
        legal = source.with_suffix(".legal.mlir")
        run([args.bindir / "grey-opt", "--pvm-legalize-jit-hazards",
             "--pvm-verify-registers", source, "-o", legal])
        blob = source.with_suffix(".legal.jar")
        run([args.bindir / "grey-translate", "--export-pvm-blob", legal, "-o",
             blob])
        print(source.name)
        print("before:", describe(args.bindir, raw))
        print("after:", describe(args.bindir, blob))


if __name__ == "__main__":
    main()
