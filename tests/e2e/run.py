#!/usr/bin/env python3
"""End-to-end tests: run the claimcheck binary and assert on its JSON output,
messages and exit codes. Prints 'N passed, N failed' and exits non-zero on
any failure."""
import argparse, json, os, shutil, stat, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ap = argparse.ArgumentParser()
ap.add_argument("--bin", default="build/claimcheck")
ap.add_argument("-k", default="", help="only tests whose name contains this")
args = ap.parse_args()
BIN = os.path.abspath(os.path.join(ROOT, args.bin)) if not os.path.isabs(args.bin) else args.bin
os.chdir(ROOT)
ENV = dict(os.environ, NO_COLOR="1")

passed = failed = 0
tests = []


def test(fn):
    tests.append(fn)
    return fn


def run(*a, input=None):
    p = subprocess.run([BIN, *a], capture_output=True, env=ENV, input=input, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_json(*a):
    code, out, err = run("check", "--format", "json", *a)
    try:
        return code, json.loads(out), err
    except json.JSONDecodeError as e:
        raise AssertionError(f"not JSON ({e}): {out[:300]!r} stderr={err[:300]!r}")


def claims_of(out):
    """The claim records of a claims file (extract's output): those naming a path."""
    return [c for c in map(json.loads, filter(str.strip, out.splitlines())) if "path" in c]


def texts(f):
    return [c["text"] for c in f["claims"]]


def has_finding(report, flagged, with_=(), rule=None):
    """A finding that flags `flagged` against claims quoting each of `with_`.
    When the finding has no consensus (two camps, no majority), which side
    is flagged is arbitrary: either side counts."""
    for f in report["contradictions"]:
        if rule and f["rule"] != rule:
            continue
        ts = texts(f)
        camps = all(c.get("role") != "consensus" for c in f["claims"])
        firsts = range(len(ts)) if camps else [0]
        for i in firsts:
            if flagged not in ts[i]:
                continue
            others = " | ".join(t for k, t in enumerate(ts) if k != i)
            if all(w in others for w in with_):
                return f
    return None


def pair_together(report, a, b):
    """A finding that sets a and b against each other: one is the flagged
    claim and the other among the claims it clashes with. Consensus members
    listed together in one finding agree, so they do not count."""
    for f in report["contradictions"]:
        ts = texts(f)
        first, rest = ts[0], " | ".join(ts[1:])
        if (a in first and b in rest) or (b in first and a in rest):
            return f
    return None


def _write(d, name, text):
    """Writes text (UTF-8) as d/name."""
    with open(os.path.join(d, name), "w", encoding="utf-8") as f:
        f.write(text)


def eq(a, b, what=""):
    assert a == b, f"{what}: expected {b!r}, got {a!r}"


# ---------------------------------------------------------------- seed corpus

@test
def seeds_findings():
    code, r, _ = check_json("corpus/seeds")
    eq(code, 1, "exit code with error findings")
    s1 = has_finding(r, "34-month war", ["nearly four-year"], "war-duration")
    assert s1, "S1: 34-month war vs nearly four-year"
    assert any("nearly four years" in t for t in texts(s1)), "S1 should count 001's 'nearly four years' (dated)"
    assert has_finding(r, "40% of Donetsk", ["5,000 square kilometres"]) or has_finding(r, "5,000 square kilometres", ["40% of Donetsk"]), "S2"
    assert has_finding(r, "Wednesday's meeting at the Kremlin", ["Thursday at the Kremlin"]), "S3"
    eq(len(r["contradictions"]), 3, "exactly the three seed contradictions")


@test
def seeds_look_alikes_stay_quiet():
    _, r, _ = check_json("corpus/seeds")
    assert not pair_together(r, "three hours of talks", "four-hour discussion")
    assert not pair_together(r, "700,000", "tens of thousands")
    assert not pair_together(r, "US$5 billion", "$1 billion")
    for f in r["contradictions"]:
        for c in f["claims"]:
            assert "003_" not in c["path"], "003 is undated: its claims are never compared"
    un = [c["text"] for c in r["unanchored"]]
    assert any("nearly three-year war" in t for t in un), f"003's claim listed as unanchored: {un}"


@test
def seeds_documents_and_contract():
    _, r, _ = check_json("corpus/seeds")
    eq(r["version"], 3)
    docs = {os.path.basename(d["path"]): d for d in r["documents"]}
    eq(docs["000_2ca43d52e0bca40b.txt"]["date"], "2026-01-23")
    eq(docs["001_ecae1d5856b435fd.txt"]["date"], "2026-01-25")
    eq(docs["003_0bf77761fc6f67fc.txt"]["date"], None)
    eq(docs["003_0bf77761fc6f67fc.txt"]["date_source"], "none")
    eq(docs["000_2ca43d52e0bca40b.txt"]["date_source"], "manifest")
    for d in r["documents"]:
        assert set(d) >= {"path", "date", "date_source", "source", "claims"}
        assert d["path"].startswith("corpus/seeds/"), d["path"]
    for f in r["contradictions"]:
        assert set(f) >= {"id", "rule", "subject", "severity", "message", "claims"}
        assert f["severity"] in ("error", "warning", "info")
        for c in f["claims"]:
            assert set(c) >= {"path", "line", "column", "end_line", "end_column", "text", "value", "date"}
            assert set(c["value"]) >= {"low", "high", "unit"}
            assert isinstance(c["line"], int) and c["line"] >= 1 and c["column"] >= 1
    s = r["summary"]
    eq(s["documents"], 5)
    eq(s["contradictions"], 3)
    eq(s["unreadable"], 0)
    assert s["claims"] == sum(d["claims"] for d in r["documents"])


@test
def seeds_locations_point_at_the_text():
    _, r, _ = check_json("corpus/seeds")
    for f in r["contradictions"]:
        for c in f["claims"]:
            lines = open(c["path"], encoding="utf-8").read().split("\n")
            line = lines[c["line"] - 1]
            # columns are code points, 1-based
            assert line[c["column"] - 1:].startswith(c["text"].split("\n")[0]), (c, line[:80])


@test
def seeds_dates_from_their_pages_without_manifest():
    d = tempfile.mkdtemp()
    try:
        for n in os.listdir("corpus/seeds"):
            if n.endswith(".txt"):
                shutil.copy(os.path.join("corpus/seeds", n), d)
        _, r, _ = check_json(d)
        docs = {os.path.basename(x["path"]): x for x in r["documents"]}
        for n in ("000_2ca43d52e0bca40b.txt", "002_4e9d4b46fefdb4e3.txt", "004_ba87aed09cfff3be.txt"):
            eq(docs[n]["date"], "2026-01-23", n)
            assert docs[n]["date_source"].startswith("page"), docs[n]
        # 000: the byline, not the "SATURDAY, FEBRUARY 21, 2026" page header
        eq(docs["001_ecae1d5856b435fd.txt"]["date"], None)
    finally:
        shutil.rmtree(d)


@test
def text_report_like_a_compiler():
    code, out, _ = run("check", "corpus/seeds")
    eq(code, 1)
    assert "corpus/seeds/000_2ca43d52e0bca40b.txt:41:235: error: [war-duration]" in out, out[:2000]
    assert "why:" in out and "no value fits both" in out
    assert "\033[" not in out, "no colour when not on a terminal"
    assert "unanchored" in out


@test
def threads_do_not_change_the_output():
    d = tempfile.mkdtemp()
    try:
        # big enough for several batches of findings in the JSON writer
        # (256 a slice) and many subjects for the matcher's threads
        subprocess.run([sys.executable, "tests/bench/gen.py", d, "6"], check=True, capture_output=True)
        one = run("check", "-j", "1", "--format", "json", d)
        r = json.loads(one[1])
        assert r["summary"]["documents"] > 400 and r["summary"]["contradictions"] > 300, r["summary"]
        for j in ("2", "3"):
            other = run("check", "-j", j, "--format", "json", d)
            eq(one[0], other[0], "exit code")
            assert one[1] == other[1], "-j %s output differs from -j 1" % j
        for fmt in ("text", "sarif", "jsonl", "github"):
            assert run("check", "-j", "1", "--format", fmt, d)[1] == run("check", "-j", "3", "--format", fmt, d)[1], fmt
    finally:
        shutil.rmtree(d)


@test
def deterministic_output():
    a = run("check", "--format", "json", "corpus")[1]
    b = run("check", "--format", "json", "corpus")[1]
    eq(a, b, "two runs give the same bytes")


# ----------------------------------------------------------------- our cases

@test
def cases_expectations():
    spec = json.load(open("corpus/cases/expectations.json"))
    ndocs = 0
    problems = []
    for case in spec["cases"]:
        d = os.path.join("corpus/cases", case["dir"])
        _, r, _ = check_json(d)
        ndocs += len(r["documents"])
        for e in case["findings"]:
            if not has_finding(r, e["flagged"], e["with"], e["rule"]):
                problems.append(f"{case['dir']}: missing finding {e}")
        if len(r["contradictions"]) != len(case["findings"]):
            problems.append(f"{case['dir']}: {len(r['contradictions'])} findings, expected {len(case['findings'])}: "
                            + "; ".join(f["message"] for f in r["contradictions"]))
        for a, b in case.get("quiet", []):
            if pair_together(r, a, b):
                problems.append(f"{case['dir']}: {a!r} and {b!r} must not clash")
        claimed = json.dumps([c for f in r["contradictions"] for c in texts(f)])
        quotes = [c["text"] for c in claims_of(run("extract", d)[1])]
        for t in case.get("claims_absent", []):
            if any(t in q for q in quotes):
                problems.append(f"{case['dir']}: no claim may quote {t!r}")
        un = [c["text"] for c in r["unanchored"]]
        for t in case.get("unanchored", []):
            if not any(t in u for u in un):
                problems.append(f"{case['dir']}: {t!r} should be unanchored; got {un}")
        docs = {os.path.basename(x["path"]): x for x in r["documents"]}
        for name, (date, src) in case.get("dates", {}).items():
            if docs[name]["date"] != date or not docs[name]["date_source"].startswith(src):
                problems.append(f"{case['dir']}/{name}: date {docs[name]['date']} from {docs[name]['date_source']}, expected {date} from {src}")
    assert ndocs >= 15, f"at least 15 case articles, found {ndocs}"
    assert not problems, "\n  " + "\n  ".join(problems)


@test
def cases_cover_every_rule_kind():
    spec = json.load(open("corpus/cases/expectations.json"))
    rules = {e["rule"] for c in spec["cases"] for e in c["findings"]}
    code, out, _ = run("extract", "corpus/cases")
    claimed_rules = {c["rule"] for c in claims_of(out)}
    for need in ("war-duration", "territory-share", "casualties", "event-venue-date",
                 "talks-length", "annexation-date", "weekday-date", "frozen-russian-assets", "membership-fee"):
        assert need in rules, f"no real contradiction for {need}"
    for need in ("territory-area", "war-start-date", "event-front-date"):
        assert need in claimed_rules, f"no case exercises {need}"


# ------------------------------------------------------- exit codes and input

@test
def exit_codes():
    eq(run("check", "--fail-on", "never", "corpus/seeds")[0], 0, "--fail-on never")
    eq(run("check", "--min-level", "error", "--fail-on", "warning", "corpus/cases/08-money")[0], 1,
       "warnings fail with --fail-on warning even when hidden")
    eq(run("check", "corpus/cases/08-money")[0], 0, "warnings do not fail by default")
    eq(run("check", "corpus/cases/02-another-war")[0], 0, "clean")
    eq(run("check")[0], 2, "no path")
    eq(run("check", "--format", "xml", "corpus")[0], 2, "bad format")
    eq(run("check", "--date", "2026-02-30", "corpus")[0], 2, "impossible date")
    eq(run("frobnicate")[0], 2, "unknown command")
    eq(run("--version")[0], 0)


@test
def min_level_hides_but_counts():
    _, r, _ = check_json("--min-level", "error", "corpus/cases/08-money")
    eq(r["contradictions"], [], "warnings hidden")
    eq(r["summary"]["by_severity"]["warning"], 2, "but still counted")


@test
def unreadable_inputs_are_reported_and_the_rest_checked():
    d = tempfile.mkdtemp()
    try:
        shutil.copy("corpus/cases/05-meeting-day/a_pool.txt", os.path.join(d, "good.txt"))
        open(os.path.join(d, "bad.txt"), "wb").write(b"The war\xff began\n")
        open(os.path.join(d, "nul.txt"), "wb").write(b"abc\x00def")
        open(os.path.join(d, "notes.csv"), "w").write("x")
        code, r, _ = check_json(d, os.path.join(d, "missing.txt"))
        eq(code, 3, "exit 3 when input is unreadable")
        eq(r["summary"]["unreadable"], 3)
        eq(r["summary"]["documents"], 1, "the good file is still checked")
        msgs = " ".join(e["path"] + ": " + e["message"] for e in r["errors"])
        assert "bad.txt" in msgs and "byte offset 7" in msgs, msgs
        assert "NUL byte at byte offset 3" in msgs, msgs
        assert "missing.txt" in msgs, msgs
        assert any(s["path"].endswith("notes.csv") for s in r["skipped"]), r["skipped"]
    finally:
        shutil.rmtree(d)


@test
def bom_crlf_and_lone_cr():
    d = tempfile.mkdtemp()
    try:
        text = "Intro line.\r\nThursday's meeting at the Kremlin ended late.\r\n"
        open(os.path.join(d, "a.txt"), "wb").write(b"\xef\xbb\xbf" + text.encode())
        open(os.path.join(d, "b.txt"), "wb").write(b"Intro.\rThe leaders met at the Kremlin on Monday.\r")
        code, r, _ = check_json("--date", "2026-01-23", d)
        f = r["contradictions"][0]
        by = {os.path.basename(c["path"]): c for c in f["claims"]}
        eq((by["a.txt"]["line"], by["a.txt"]["column"]), (2, 1), "BOM dropped, CRLF lines")
        eq((by["b.txt"]["line"], by["b.txt"]["column"]), (2, 13), "lone CR ends a line")
    finally:
        shutil.rmtree(d)


@test
def columns_are_code_points():
    d = tempfile.mkdtemp()
    try:
        open(os.path.join(d, "a.txt"), "w", encoding="utf-8").write("«Ünïcödé» — Wednesday's meeting at the Kremlin.\n")
        open(os.path.join(d, "b.txt"), "w", encoding="utf-8").write("Thursday's meeting at the Kremlin.\n")
        _, r, _ = check_json("--date", "2026-01-23", d)
        c = [c for f in r["contradictions"] for c in f["claims"] if c["path"].endswith("a.txt")][0]
        eq(c["column"], 13)
    finally:
        shutil.rmtree(d)


@test
def front_matter_and_bad_front_matter():
    d = tempfile.mkdtemp()
    try:
        open(os.path.join(d, "a.md"), "w").write("---\ndate: 2026-02-30\nsource: X\n---\nWednesday's meeting at the Kremlin.\n")
        open(os.path.join(d, "b.md"), "w").write("---\ndate: [unclosed\n---\nText.\n")
        code, r, _ = check_json(d)
        warns = " ".join(w["message"] for w in r["warnings"])
        assert "2026-02-30" in warns and "not a real" in warns, warns
        assert "front matter is not a YAML mapping" in warns, warns
        docs = {os.path.basename(x["path"]): x for x in r["documents"]}
        eq(docs["a.md"]["date"], None)
        eq(docs["a.md"]["source"], "X")
        eq(len(r["unanchored"]), 1, "the weekday claim waits for a date")
    finally:
        shutil.rmtree(d)


@test
def manifest_naming_a_missing_file():
    d = tempfile.mkdtemp()
    try:
        open(os.path.join(d, "a.txt"), "w").write("Nothing here.\n")
        open(os.path.join(d, "manifest.tsv"), "w").write("path\tdate\tsource\na.txt\t2026-01-01\tA\ngone.txt\t2026-01-02\tB\n")
        _, r, _ = check_json(d)
        assert any("gone.txt" in w["message"] and "does not exist" in w["message"] for w in r["warnings"]), r["warnings"]
        eq(r["documents"][0]["date"], "2026-01-01")
    finally:
        shutil.rmtree(d)


@test
def manifest_rows_find_their_files_however_spelled():
    # rows through "..", a symbolic link to a file, and a linked folder; the
    # documents given by other spellings of the same files
    d = tempfile.mkdtemp()
    try:
        os.makedirs(os.path.join(d, "arch", "sub"))
        os.makedirs(os.path.join(d, "real"))
        for name in ("a.txt", "b.txt", "c.txt"):
            open(os.path.join(d, "real", name), "w").write("Nothing here.\n")
        open(os.path.join(d, "arch", "d.txt"), "w").write("Nothing here.\n")
        os.symlink(os.path.join(d, "real"), os.path.join(d, "arch", "linked"))
        os.symlink(os.path.join(d, "real", "b.txt"), os.path.join(d, "arch", "b-link.txt"))
        open(os.path.join(d, "arch", "manifest.tsv"), "w").write(
            "path\tdate\tsource\n"
            "linked/a.txt\t2026-01-01\tA\n"
            "b-link.txt\t2026-01-02\tB\n"
            "sub/../linked/c.txt\t2026-01-03\tC\n"
            "d.txt\t2026-01-04\tD\n")
        args = ["--manifest", os.path.join(d, "arch", "manifest.tsv"),
                os.path.join(d, "real", "a.txt"), os.path.join(d, "real", "b.txt"),
                os.path.join(d, "arch", "linked", "c.txt"), os.path.join(d, "arch", "sub", "..", "d.txt")]
        _, r, _ = check_json(*args)
        got = {os.path.basename(x["path"]): (x["date"], x["source"]) for x in r["documents"]}
        eq(got, {"a.txt": ("2026-01-01", "A"), "b.txt": ("2026-01-02", "B"),
                 "c.txt": ("2026-01-03", "C"), "d.txt": ("2026-01-04", "D")})
        eq(r["warnings"], [])
    finally:
        shutil.rmtree(d)


# --------------------------------------------------------------------- rules

def broken_rules(extra_yaml):
    d = tempfile.mkdtemp()
    shutil.copy("rules/lexicon.yaml", d)
    shutil.copy("rules/tables.yaml", d)
    open(os.path.join(d, "bad.yaml"), "w").write(extra_yaml)
    return d


GOOD_RULE = """rules:
  - id: r1
    description: d
    kind: count
    subject: s
    patterns:
      - '{PAT}'
    examples:
      - text: "12 ships"
      - text: "none"
        match: false
"""


@test
def rule_errors_point_like_a_compiler():
    cases = [
        (GOOD_RULE.replace("{PAT}", "(?<value>{COUNT}) (ships"), "bad.yaml:7:34: error: bad regex in pattern: PCRE2 error 114 at pattern offset 24", "missing closing parenthesis"),
        (GOOD_RULE.replace("{PAT}", "(?<value>{NOPE}) ships"), "bad.yaml:7:19: error: undefined macro {NOPE}", None),
        (GOOD_RULE.replace("{PAT}", "{COUNT} ships"), "bad.yaml:7:9: error: pattern has no (?<value>", None),
        (GOOD_RULE.replace("    kind: count\n", "    kind: count\n    colour: red\n").replace("{PAT}", "(?<value>{COUNT})"), "bad.yaml:5:5: error: unknown key 'colour'", None),
        ("rules:\n  - id: x\n   description: [\n", "bad.yaml:3:", "YAML error"),
        (GOOD_RULE.replace("{PAT}", "(?<value>{COUNT})").replace('      - text: "none"\n        match: false\n', ""), "needs at least one positive and one negative example", None),
        (GOOD_RULE.replace("{PAT}", "(?<value>{COUNT})") + GOOD_RULE.replace("rules:\n", "").replace("{PAT}", "(?<value>{COUNT})"), "duplicate rule id 'r1'", None),
        (GOOD_RULE.replace("subject: s", "subject: s.${what}").replace("{PAT}", "(?<value>{COUNT}) ships"),
         "bad.yaml:5:14: error: subject slot ${what} is filled by no pattern group", "no default"),
    ]
    for yaml_text, want, also in cases:
        d = broken_rules(yaml_text)
        try:
            code, out, err = run("check", "--rules", d, "corpus/seeds")
            eq(code, 2, f"rule error exit code for {want}")
            assert want in err, f"expected {want!r} in:\n{err}"
            if also:
                assert also in err, err
            if "PCRE2" in want:
                lines = err.splitlines()
                i = [k for k, l in enumerate(lines) if want in l][0]
                caret = lines[i + 2]
                eq(caret.index("^") - 2, 33, "caret under column 34")
        finally:
            shutil.rmtree(d)


@test
def test_rules_passes_and_fails():
    code, out, err = run("test-rules", "rules")
    eq(code, 0, err)
    assert "0 failed" in out
    d = broken_rules(GOOD_RULE.replace("{PAT}", "(?<value>{COUNT}) ships").replace('"none"', '"3 ships"'))
    try:
        code, out, err = run("test-rules", d)
        eq(code, 1)
        assert "bad.yaml:10:9: error: [r1] example (should not match)" in err, err
    finally:
        shutil.rmtree(d)


# ---------------------------------------------------------------------- parse

@test
def parse_json_lines():
    code, out, _ = run("parse", "--date", "2026-01-23", "--", "nearly four years and approximately 40% and F-16")
    eq(code, 0)
    objs = [json.loads(l) for l in out.splitlines()]
    eq([o["text"] for o in objs], ["nearly four years", "approximately 40%"])
    eq(objs[0]["kind"], "duration")
    eq(objs[0]["value"]["high"], 4 * 365)
    eq(objs[0]["hedge"], "nearly")
    eq(objs[1]["value"]["low"], 36)
    eq(objs[1]["start"], len("nearly four years and "))
    code, out, _ = run("parse", "--kind", "date", "--date", "2026-01-23", "last August")
    eq(json.loads(out)["value"]["low"], "2025-08-01")
    code, out, _ = run("parse", "--kind", "money", "$ 75 million")
    o = json.loads(out)
    eq((o["written"]["number"], o["written"]["unit"]), (75000000, "USD"))
    eq(run("parse", "--kind", "weight", "x")[0], 2)


# more tests, sharing these helpers: tests/e2e/t_*.py
import glob
for extra in sorted(glob.glob(os.path.join(ROOT, "tests", "e2e", "t_*.py"))):
    exec(compile(open(extra, encoding="utf-8").read(), extra, "exec"))

for t in tests:
    if args.k and args.k not in t.__name__:
        continue
    try:
        t()
        passed += 1
        print(f"ok   {t.__name__}")
    except AssertionError as e:
        failed += 1
        print(f"FAIL {t.__name__}: {e}")
    except Exception as e:  # a crash in the test is a failure too
        failed += 1
        print(f"FAIL {t.__name__}: {type(e).__name__}: {e}")
print(f"e2e: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
