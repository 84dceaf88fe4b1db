# End-to-end: what an editor reads (issue: findings an editor can trust).
# (Executed by run.py, which provides run, check_json, eq and test.)
import re as _re

# e-notation ("4.401e+04") or an infinite or undefined bound written out
_UNREADABLE = _re.compile(r"\d[eE][+-]\d|\binf\b|\bnan\b|\binfinity\b", _re.I)


def _formats(d, *extra):
    outs = {}
    for fmt in ("text", "json", "sarif", "html"):
        code, out, err = run("check", "--format", fmt, *extra, d)
        assert code in (0, 1), (fmt, code, err[:300])
        outs[fmt] = out
    return outs


def _readable(outs, what):
    for fmt, out in outs.items():
        m = _UNREADABLE.search(out)
        assert not m, f"{what}, {fmt}: {out[max(0, m.start() - 80):m.end() + 40]!r}"


@test
def figures_are_written_for_readers_in_every_format():
    _readable(_formats("corpus"), "corpus/")
    d = tempfile.mkdtemp()
    try:
        # counts from a thousand to a trillion, each contradicted by a far one (hedged, open
        # and exact bounds), and shares with decimals
        n = 1000
        i = 0
        while n <= 10 ** 12:
            for j, (a, b) in enumerate((("about {:,}", "more than {:,}"), ("{:,}", "fewer than {:,}"))):
                lo, hi = n, n * 3 if j == 0 else n // 3
                with open(os.path.join(d, f"c{i}_{j}a.md"), "w", encoding="utf-8") as f:
                    f.write(f"---\ndate: 2025-06-0{1 + j}\n---\nRussian military losses stand at "
                            f"{a.format(lo)} killed and wounded, Kyiv says.\n")
                with open(os.path.join(d, f"c{i}_{j}b.md"), "w", encoding="utf-8") as f:
                    f.write(f"---\ndate: 2025-06-0{1 + j}\n---\nRussian military losses stand at "
                            f"{b.format(hi)} killed and wounded, a think tank says.\n")
            n *= 10
            i += 1
        outs = _formats(d)
        _readable(outs, "counts 1,000 to 10^12")
        code, rep, _ = check_json(d)
        assert len(rep["contradictions"]) >= 5, len(rep["contradictions"])
        # computed bounds carry thousands separators
        assert _re.search(r"\b\d{1,3}(?:,\d{3}){2,}\b", outs["text"]), outs["text"][:600]
        # a share keeps its written decimal; a bound open above is written in words
        with open(os.path.join(d, "s1.md"), "w", encoding="utf-8") as f:
            f.write("---\ndate: 2025-06-01\n---\nRussia occupies 18.3% of Ukraine's territory, analysts say.\n")
        with open(os.path.join(d, "s2.md"), "w", encoding="utf-8") as f:
            f.write("---\ndate: 2025-06-02\n---\nMoscow controls more than 25% of Ukraine, a minister claims.\n")
        outs = _formats(d)
        _readable(outs, "shares")
        assert "18.3%" in outs["text"] and "at least" in outs["text"], outs["text"][-1500:]
    finally:
        shutil.rmtree(d)
