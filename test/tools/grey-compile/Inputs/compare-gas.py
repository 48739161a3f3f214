"""Compares two `grey-run --json` reports: whether they halted with the same
φ7, and whether the second used less gas.

    compare-gas.py FIRST.json SECOND.json
"""
import json
import sys

first, second = (json.load(open(path)) for path in sys.argv[1:3])
same = (first["exit"], first["r7_hex"]) == (second["exit"], second["r7_hex"])
print("same result" if same else
      f"DIFFERENT result: {first['exit']} {first['r7_hex']} then "
      f"{second['exit']} {second['r7_hex']}")
print("gas lower" if second["gas_used"] < first["gas_used"] else
      f"gas NOT lower: {first['gas_used']} then {second['gas_used']}")
