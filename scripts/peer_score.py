#!/usr/bin/env python3
"""Runs the peer scorer (../shared/peer-specs/score.py) and writes its table
into docs/accuracy.md between the peer-score markers. Prints the table."""
import os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
scorer = os.path.join(root, "..", "shared", "peer-specs", "score.py")
binary = sys.argv[1] if len(sys.argv) > 1 else "build/claimcheck"
if not os.path.exists(scorer):
    sys.exit(f"peer-score: {scorer} not found (the shared folder sits beside the repository)")
out = subprocess.run([sys.executable, scorer, "--bin", binary], cwd=root, capture_output=True, text=True, check=True).stdout
print(out, end="")
table = "\n".join(["```", out.rstrip("\n"), "```"])
doc = os.path.join(root, "docs", "accuracy.md")
text = open(doc, encoding="utf-8").read()
new = re.sub(r"(<!-- peer-score:begin -->\n).*?(\n<!-- peer-score:end -->)", lambda m: m.group(1) + table + m.group(2),
             text, flags=re.S)
if new != text:
    open(doc, "w", encoding="utf-8").write(new)
