# End-to-end tests of the CI surfaces: --new, --baseline, inline
# suppressions, thresholds, config discovery, SARIF, github, HTML, install.
# Loaded by tests/e2e/run.py (shares run, check_json, eq, test).
import re as _re
from html.parser import HTMLParser as _HTMLParser

SYS_PY = "/usr/bin/python3"  # Debian's, where python3-jsonschema lives
SCHEMA = os.path.join(ROOT, "tests", "schemas", "sarif-schema-2.1.0.json")


def _tmpcorpus(files):
    d = tempfile.mkdtemp()
    for name, text in files.items():
        p = os.path.join(d, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, "w", encoding="utf-8").write(text)
    return d


def _ids(report):
    return sorted(f["id"] for f in report["contradictions"])


@test
def new_reports_only_findings_touching_the_new_file():
    # 002 says the Kremlin meeting was on Thursday against Wednesday in the
    # others; 000 holds the 34-month and the 40%-of-Donetsk clashes
    seeds = sorted(glob.glob("corpus/seeds/*.txt"))
    new = [p for p in seeds if "/002_" in p][0]
    rest = [p for p in seeds if p != new]
    man = ["--manifest", "corpus/seeds/manifest.tsv"]
    _, full, _ = check_json(*man, "corpus/seeds")
    code, r, _ = check_json(*man, *rest, "--new", new)
    assert r["contradictions"], "the new article's clash is reported"
    for f in r["contradictions"]:
        assert any(c["path"] == new for c in f["claims"]), f"finding without the new file: {f['message']}"
    assert len(r["contradictions"]) < len(full["contradictions"]), "findings among old articles are left out"
    eq(code, 1, "an error-level finding in the new file fails")
    # a new article that agrees with the corpus: nothing, exit 0
    d = _tmpcorpus({"agree.md": "---\ndate: 2026-01-23\nsource: Test\n---\n"
                                 "Russia launched its full-scale invasion of Ukraine in February 2022.\n"})
    try:
        code, r, _ = check_json(*man, "corpus/seeds", "--new", os.path.join(d, "agree.md"))
        eq((code, r["contradictions"]), (0, []), "a new article that agrees")
    finally:
        shutil.rmtree(d)


@test
def baseline_suppresses_known_findings_and_survives_an_inserted_line():
    d = tempfile.mkdtemp()
    try:
        shutil.copytree("corpus/seeds", os.path.join(d, "seeds"))
        base = os.path.join(d, "base.json")
        code, _, _ = run("check", "--format", "json", "--output", base, os.path.join(d, "seeds"))
        eq(code, 1)
        known = json.load(open(base))["contradictions"]
        assert known
        code, r, _ = check_json("--baseline", base, os.path.join(d, "seeds"))
        eq(code, 0, "everything known: exit 0")
        eq(len(r["contradictions"]), len(known), "baselined findings stay in the JSON")
        assert all(f["baselined"] for f in r["contradictions"])
        eq(r["summary"]["contradictions"], 0, "none counted")
        # insert lines above every claim: line numbers move, fingerprints do not
        p = glob.glob(os.path.join(d, "seeds", "000_*.txt"))[0]
        text = open(p, encoding="utf-8").read()
        open(p, "w", encoding="utf-8").write("An editor's note added at the top.\n\n" + text)
        code, r, _ = check_json("--baseline", base, os.path.join(d, "seeds"))
        eq(code, 0, "an inserted line does not resurrect a finding")
        eq(_ids(r), sorted(f["id"] for f in known), "same fingerprints")
        # a new contradiction is still reported
        open(os.path.join(d, "seeds", "new.txt"), "w").write(
            "---\ndate: 2026-01-23\n---\nRussia's 20-month war in Ukraine has reshaped Europe.\n")
        code, r, _ = check_json("--baseline", base, os.path.join(d, "seeds"))
        eq(code, 1, "the new clash fails")
        live = [f for f in r["contradictions"] if not f["baselined"]]
        eq(len(live), 1, "only the new finding is live")
        assert live[0]["claims"][0]["path"].endswith("new.txt")
        # a SARIF report works as a baseline too
        sar = os.path.join(d, "base.sarif")
        run("check", "--format", "sarif", "--output", sar, "--baseline", base, os.path.join(d, "seeds"))
        code, r, _ = check_json("--baseline", sar, os.path.join(d, "seeds"))
        eq(code, 0, "SARIF baseline")
        eq(run("check", "--baseline", os.path.join(d, "nope.json"), os.path.join(d, "seeds"))[0], 2, "missing baseline")
    finally:
        shutil.rmtree(d)


_MEET_A = "---\ndate: 2026-01-23\nsource: A\n---\nThursday's meeting at the Kremlin ended late.\n"
_MEET_B = "---\ndate: 2026-01-23\nsource: B\n---\nThursday's meeting at the Kremlin was long.\n"


@test
def inline_suppressions():
    clash = "The leaders met at the Kremlin on Monday."
    cases = {
        "next-line": (f"<!-- claimcheck-disable-next-line event-venue-date -->\n{clash}\n", True),
        "next-line-blank": (f"<!-- claimcheck-disable-next-line event-venue-date -->\n\n{clash}\n", True),
        "other-rule": (f"<!-- claimcheck-disable-next-line war-duration -->\n{clash}\n", False),
        "block": (f"<!-- claimcheck-disable event-venue-date -->\nIntro.\n{clash}\n<!-- claimcheck-enable -->\n", True),
        "all-rules": (f"<!-- claimcheck-disable -->\n{clash}\n<!-- claimcheck-enable -->\n", True),
        "block-ended": (f"<!-- claimcheck-disable event-venue-date -->\nIntro.\n<!-- claimcheck-enable -->\n{clash}\n", False),
        "none": (f"{clash}\n", False),
    }
    for name, (body, suppressed) in cases.items():
        d = _tmpcorpus({"a.md": _MEET_A, "b.md": _MEET_B, "c.md": "---\ndate: 2026-01-23\n---\n" + body})
        try:
            code, r, _ = check_json(d)
            fs = r["contradictions"]
            eq(len(fs), 1, f"{name}: the finding is in the JSON either way")
            eq(fs[0]["suppressed"], suppressed, f"{name}: suppressed")
            eq(code, 0 if suppressed else 1, f"{name}: exit code")
            code, out, _ = run("check", d)
            eq("[event-venue-date]" in out, not suppressed, f"{name}: text report")
            code, out, _ = run("check", "--format", "sarif", d)
            res = json.loads(out)["runs"][0]["results"]
            eq(len(res), 1, f"{name}: SARIF keeps it")
            eq(bool(res[0].get("suppressions")), suppressed, f"{name}: SARIF suppressions")
        finally:
            shutil.rmtree(d)


@test
def min_level_and_fail_on_are_independent():
    money = "corpus/cases/08-money"  # two warning-level findings
    seeds = "corpus/seeds"           # error-level findings
    for args_, path, want_code, want_shown in [
        ((), money, 0, 2),
        (("--fail-on", "warning"), money, 1, 2),
        (("--fail-on", "info"), money, 1, 2),
        (("--min-level", "error"), money, 0, 0),
        (("--min-level", "error", "--fail-on", "warning"), money, 1, 0),
        (("--fail-on", "never"), seeds, 0, None),
        (("--min-level", "error", "--fail-on", "error"), seeds, 1, None),
        (("--min-level", "warning", "--fail-on", "never"), seeds, 0, None),
    ]:
        code, r, _ = check_json(*args_, path)
        eq(code, want_code, f"{args_} {path}: exit code")
        if want_shown is not None:
            eq(len(r["contradictions"]), want_shown, f"{args_} {path}: shown")


@test
def config_discovery_from_a_subdirectory():
    d = tempfile.mkdtemp()
    try:
        shutil.copytree("corpus/cases/08-money", os.path.join(d, "articles"))
        os.makedirs(os.path.join(d, "deep", "er"))
        open(os.path.join(d, CFG), "w").write(
            "# project settings\n"
            f"rules: {os.path.join(ROOT, 'rules')}\n"
            "fail_on: warning\n"
            "severity:\n  membership-fee: error\n"
            "format:\n  - json\n")
        sub = os.path.join(d, "deep", "er")
        p = subprocess.run([BIN, "check", os.path.join(d, "articles")], capture_output=True, env=ENV, cwd=sub, timeout=60)
        r = json.loads(p.stdout)
        eq(p.returncode, 1, "fail_on: warning from the config")
        sev = {f["rule"]: f["severity"] for f in r["contradictions"]}
        eq(sev.get("membership-fee"), "error", "severity override")
        p = subprocess.run([BIN, "config"], capture_output=True, env=ENV, cwd=sub, timeout=60)
        out = p.stdout.decode()
        assert f"config file: {os.path.realpath(os.path.join(d, CFG))}" in out, out
        assert _re.search(r"fail_on:\s+warning\s+# .*\.claimcheck\.yml:3", out), out
        assert _re.search(r"severity\.membership-fee:\s+error\s+# .*\.claimcheck\.yml:5", out), out
        # the command line wins, and says so
        p = subprocess.run([BIN, "config", "--fail-on", "never"], capture_output=True, env=ENV, cwd=sub, timeout=60)
        assert _re.search(r"fail_on:\s+never\s+# --fail-on", p.stdout.decode()), p.stdout.decode()
        p = subprocess.run([BIN, "check", "--fail-on", "never", "--format", "text", os.path.join(d, "articles")],
                           capture_output=True, env=ENV, cwd=sub, timeout=60)
        eq(p.returncode, 0, "--fail-on never over the config")
        # a broken config names its line
        open(os.path.join(d, CFG), "w").write("fail_on: warning\nfrobs: 3\n")
        p = subprocess.run([BIN, "check", os.path.join(d, "articles")], capture_output=True, env=ENV, cwd=sub, timeout=60)
        eq(p.returncode, 2, "unknown setting")
        assert ".claimcheck.yml:2:1: error: config: unknown setting 'frobs'" in p.stderr.decode(), p.stderr.decode()
        open(os.path.join(d, CFG), "w").write(f"rules: {os.path.join(ROOT, 'rules')}\nseverity:\n  no-such-rule: error\n")
        p = subprocess.run([BIN, "check", os.path.join(d, "articles")], capture_output=True, env=ENV, cwd=sub, timeout=60)
        eq(p.returncode, 2, "unknown rule in severity")
        assert "no rule has the id 'no-such-rule'" in p.stderr.decode(), p.stderr.decode()
    finally:
        shutil.rmtree(d)


CFG = ".claimcheck.yml"


@test
def several_formats_in_one_run_and_sarif_validates():
    d = tempfile.mkdtemp()
    try:
        outs = {f: os.path.join(d, "r." + f) for f in ("json", "sarif", "html", "jsonl")}
        code, out, err = run("check", "--format", "json", "--output", outs["json"], "--format", "sarif", "--output",
                             outs["sarif"], "-o", outs["html"], "--format", "jsonl", "--output", outs["jsonl"],
                             "--format", "github", "corpus")
        eq(code, 1, err)
        for f, p in outs.items():
            assert os.path.getsize(p) > 0, f
        rep = json.load(open(outs["json"]))
        sar = json.load(open(outs["sarif"]))
        lines = [json.loads(l) for l in open(outs["jsonl"])]
        n = len(rep["contradictions"])
        eq(len(sar["runs"][0]["results"]), n, "SARIF results")
        eq(len(lines), n, "jsonl lines")
        # one command per finding, and one per input skipped (named as a warning)
        eq(len([l for l in out.splitlines() if l.startswith("::") and "skipped: " not in l]), n, "github commands")
        eq(len([l for l in out.splitlines() if l.startswith("::warning") and "skipped: " in l]), rep["summary"]["skipped"],
           "github warnings for skipped inputs")
        run0 = sar["runs"][0]
        eq(sar["version"], "2.1.0")
        eq(run0["columnKind"], "unicodeCodePoints")
        rules = {r_["id"]: r_ for r_ in run0["tool"]["driver"]["rules"]}
        for res in run0["results"]:
            ru = rules[res["ruleId"]]
            for k in ("shortDescription", "fullDescription", "help"):
                assert ru[k]["text"], (res["ruleId"], k)
            reg = res["locations"][0]["physicalLocation"]["region"]
            assert all(k in reg for k in ("startLine", "startColumn", "endLine", "endColumn")), reg
            assert res["partialFingerprints"]["claimcheck/v1"]
            assert res["level"] in ("error", "warning", "note")
        # the flagged claim is the location, the others related
        by_id = {f["id"]: f for f in rep["contradictions"]}
        for res in run0["results"]:
            f = by_id[res["partialFingerprints"]["claimcheck/v1"]]
            c0 = f["claims"][0]
            reg = res["locations"][0]["physicalLocation"]["region"]
            eq((reg["startLine"], reg["startColumn"]), (c0["line"], c0["column"]), "location is the flagged claim")
            eq(len(res.get("relatedLocations", [])), len(f["claims"]) - 1, "related locations")
        p = subprocess.run([SYS_PY, "tests/e2e/sarif_validate.py", SCHEMA, outs["sarif"]], capture_output=True, timeout=120)
        assert p.returncode == 0, p.stdout.decode() + p.stderr.decode()
    finally:
        shutil.rmtree(d)


@test
def github_format_escapes_and_points():
    d = _tmpcorpus({"a.md": _MEET_A, "a2.md": _MEET_B,
                    "b, 100%.md": "---\ndate: 2026-01-23\n---\nThe leaders met at the Kremlin on Monday.\n"})
    try:
        code, out, _ = run("check", "--format", "github", d)
        eq(code, 1)
        cmds = [l for l in out.splitlines() if l.startswith("::error")]
        eq(len(cmds), 1, out)
        m = _re.match(r"::error file=([^,]*),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=event-venue-date::(.*)", cmds[0])
        assert m, cmds[0]
        eq(m.group(1), os.path.join(d, "b%2C 100%25.md"), "file property escaped")
        eq((m.group(2), m.group(3)), ("4", "13"), "line and column")
    finally:
        shutil.rmtree(d)


class _DomText(_HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.marks, self.svg_lines = [], [], [], 0
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_mark = self._in_mark or tag == "mark"
        if tag == "line" and ("class", "bar") in attrs:
            self.svg_lines += 1

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_mark:
            self.marks.append(data)


def _chromium():
    for c in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(c)
        if p:
            return p
    return None


@test
def html_report_in_headless_chromium_shows_hostile_text_literally():
    chrome = _chromium()
    assert chrome, "chromium is not installed (make e2e installs it: scripts/deps.sh chromium)"
    hostile = "<script>document.title='pwned'</script> \"quoted\" & 'single' \\back\\slash \u202eRTL"
    d = _tmpcorpus({"a.md": _MEET_A, "b.md": _MEET_B,
                    "c.md": f"---\ndate: 2026-01-23\nsource: <b>Bold & Co</b>\n---\nAfter {hostile} the leaders met at the Kremlin on Monday.\n"})
    try:
        page = os.path.join(d, "report.html")
        code, _, err = run("check", "--format", "html", "--output", page, d)
        eq(code, 1, err)
        raw = open(page, encoding="utf-8").read()
        assert "<script" not in raw, "no script element in the page at all"
        assert "http://" not in raw.replace("http://www.w3.org/2000/svg", "") and "https://" not in raw, "no network"
        p = subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://" + page],
                           capture_output=True, timeout=120)
        dom = p.stdout.decode("utf-8", "replace")
        assert "<section" in dom, f"chromium rendered nothing: {p.stderr.decode()[-500:]}"
        t = _DomText()
        t.feed(dom)
        eq(t.tags.count("script"), 0, "no script element in the DOM")
        eq(_re.search(r"<title>(.*?)</title>", dom).group(1), "claimcheck report", "the script did not run")
        text = "".join(t.text)
        assert "<script>document.title='pwned'</script>" in text, "the tag is shown as text"
        assert "\"quoted\" & 'single' \\back\\slash U+202ERTL" in text, "quotes, &, backslashes literal; the RTL override shown, not obeyed"
        assert "\u202e" not in text, "no bidi control reaches the page"
        assert "<b>Bold & Co</b>" in text, "the source name is escaped too"
        assert any("met at the Kremlin on Monday" in m for m in t.marks), t.marks
        eq(t.tags.count("section"), 1, "one finding")
        eq(t.svg_lines, 3, "one interval per claim in the chart")
        shot = os.path.join(ROOT, "build", "report-screenshot.png")
        subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,1400",
                        "--screenshot=" + shot, "file://" + page], capture_output=True, timeout=120)
        assert os.path.getsize(shot) > 10000, "a screenshot was drawn"
    finally:
        shutil.rmtree(d)


@test
def output_escaping_in_text_json_and_sarif():
    nasty = "Ctl\x01\x1b[31m \"q\" \\ <script> \u202eRTL"
    d = _tmpcorpus({"a.md": _MEET_A, "a2.md": _MEET_B,
                    "b.md": "---\ndate: 2026-01-23\nsource: \"Evil\\e[31m \\u202e Co\"\n---\n"
                            f"{nasty} The leaders met at the Kremlin on Monday.\n"})
    try:
        code, out, _ = run("check", "--format", "json", d)
        r = json.loads(out)
        src = [x["source"] for x in r["documents"] if x["path"].endswith("b.md")][0]
        eq(src, "Evil\x1b[31m \u202e Co", "JSON keeps the text exactly")
        code, out, _ = run("check", "--format", "sarif", d)
        json.loads(out)
        code, out, _ = run("check", "--format", "jsonl", d)
        [json.loads(l) for l in out.splitlines()]
        code, out, _ = run("check", d)
        assert "\x1b" not in out and "\u202e" not in out, "no terminal escapes or bidi controls from article text"
        assert "[Evil\\x1b[31m \\u202e Co]" in out, out
    finally:
        shutil.rmtree(d)


@test
def help_per_command_and_version():
    for cmd in ("check", "extract", "parse", "test-rules", "config"):
        code, out, _ = run(cmd, "--help")
        eq(code, 0, cmd)
        assert out.startswith(f"usage: claimcheck {cmd}"), out[:80]
    code, out, _ = run("--version")
    assert _re.match(r"claimcheck \d+\.\d+\.\d+", out), out


@test
def make_install_then_run_from_elsewhere():
    d = tempfile.mkdtemp()
    try:
        p = subprocess.run(["make", "--no-print-directory", "install", f"DESTDIR={d}", "PREFIX=/usr"],
                           capture_output=True, timeout=300)
        assert p.returncode == 0, p.stderr.decode()[-2000:]
        binp = os.path.join(d, "usr", "bin", "claimcheck")
        assert os.path.isfile(os.path.join(d, "usr", "share", "claimcheck", "rules", "lexicon.yaml"))
        man = os.path.join(d, "usr", "share", "man", "man1", "claimcheck.1")
        assert os.path.isfile(man), "man page installed"
        if shutil.which("man"):
            m = subprocess.run(["man", man], capture_output=True, timeout=60, env=dict(ENV, MANPAGER="cat", PAGER="cat"))
            assert b"--fail-on" in m.stdout, m.stderr[-300:]
        work = tempfile.mkdtemp()
        try:
            shutil.copytree(os.path.join(ROOT, "corpus", "seeds"), os.path.join(work, "seeds"))
            env = {k: v for k, v in ENV.items() if k != "CLAIMCHECK_RULES"}
            p = subprocess.run([binp, "check", "--format", "json", "seeds"], capture_output=True, env=env, cwd=work, timeout=60)
            eq(p.returncode, 1, p.stderr.decode())
            assert len(json.loads(p.stdout)["contradictions"]) >= 3
            p = subprocess.run([binp, "test-rules"], capture_output=True, env=env, cwd=work, timeout=60)
            eq(p.returncode, 0, p.stderr.decode())
        finally:
            shutil.rmtree(work)
    finally:
        shutil.rmtree(d)


@test
def new_article_from_standard_input():
    text = b"---\ndate: 2026-01-23\n---\nRussia's 20-month war in Ukraine has reshaped Europe.\n"
    code, out, err = run("check", "--format", "json", "--manifest", "corpus/seeds/manifest.tsv", "corpus/seeds",
                         "--new", "-", input=text)
    r = json.loads(out)
    eq(code, 1, err)
    assert r["contradictions"] and all(any(c["path"] == "<stdin>" for c in f["claims"]) for f in r["contradictions"]), r
    assert any(d["path"] == "<stdin>" and d["date_source"] == "front matter" for d in r["documents"])
