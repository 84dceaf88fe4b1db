#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets under OUT (default build/fuzz-seeds):
norm/ gets every rule example's text (with a kind byte in front), rules/ every
shipped rule file. Reads the YAML with plain line matching: a minimal Debian
has no PyYAML, and the examples are one-line `text:` scalars."""
import os, re, sys

out = sys.argv[1] if len(sys.argv) > 1 else "build/fuzz-seeds"
rules = os.environ.get("CLAIMCHECK_RULES", "rules")
os.makedirs(os.path.join(out, "norm"), exist_ok=True)
os.makedirs(os.path.join(out, "rules"), exist_ok=True)
n = 0
for name in sorted(os.listdir(rules)):
    if not name.endswith(".yaml"):
        continue
    text = open(os.path.join(rules, name), encoding="utf-8").read()
    if name not in ("lexicon.yaml", "tables.yaml"):
        with open(os.path.join(out, "rules", name), "w", encoding="utf-8") as f:
            f.write(text)
    for m in re.finditer(r'^\s*-?\s*text:\s*(["\']?)(.*?)\1\s*$', text, re.M):
        s = m.group(2).encode("utf-8")
        # first byte: 0x80 = a publication date is known; low bits pick the kind
        with open(os.path.join(out, "norm", "ex%04d" % n), "wb") as f:
            f.write(bytes([0x80 | (n % 11)]) + s)
        n += 1
