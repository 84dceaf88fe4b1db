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


@test
def nothing_checked_exits_4_and_skipped_inputs_are_named_everywhere():
    d = tempfile.mkdtemp()
    try:
        for n in ("story.docx", "scan.pdf"):
            open(os.path.join(d, n), "wb").write(b"%PDF-1.4 not an article\n")
        code, out, err = run("check", d)
        eq(code, 4, err)
        assert "no document was checked" in err and "--allow-empty" in err, err
        outs = {}
        for fmt in ("text", "json", "sarif", "html"):
            code, outs[fmt], _ = run("check", "--format", fmt, d)
            eq(code, 4, fmt)
            for n in ("story.docx", "scan.pdf"):
                assert n in outs[fmt], (fmt, n, outs[fmt][:400])
        eq(json.loads(outs["json"])["summary"]["skipped"], 2)
        eq(run("check", "--allow-empty", d)[0], 0)
        # a stray file beside an article: a named warning, the run as usual
        shutil.copy("corpus/cases/05-meeting-day/a_pool.txt", d)
        code, rep, _ = check_json(d)
        eq(code, 0)
        eq(rep["summary"]["documents"], 1)
        assert any("scan.pdf" in (w.get("path") or "") and "skipped" in w["message"] for w in rep["warnings"]), rep["warnings"]
    finally:
        shutil.rmtree(d)


@test
def a_named_pipe_in_a_folder_is_skipped_not_waited_for():
    d = tempfile.mkdtemp()
    try:
        shutil.copy("corpus/cases/05-meeting-day/a_pool.txt", d)
        os.mkfifo(os.path.join(d, "feed.txt"))
        code, rep, _ = check_json(d)  # run() gives up after 120 s: a hang fails the test
        eq(rep["summary"]["documents"], 1)
        assert any(s["path"].endswith("feed.txt") and "named pipe" in s["reason"] for s in rep["skipped"]), rep["skipped"]
        # named on the command line, a pipe is read as a stream
        p = subprocess.Popen(["sh", "-c", f"printf 'Envoys met on Monday.\\n' > '{os.path.join(d, 'feed.txt')}'"])
        code, out, err = run("extract", "--date", "2025-06-04", os.path.join(d, "feed.txt"))
        p.wait(timeout=30)
        eq(code, 0, err)
    finally:
        shutil.rmtree(d)


@test
def usage_errors_are_one_line_with_a_suggestion_and_the_hint_last():
    cases = [
        (("check", "--fromat", "json", "corpus/seeds"), "--fromat", "did you mean --format?"),
        (("check", "--format", "jsn", "corpus/seeds"), "jsn", "did you mean json?"),
        (("chek", "corpus/seeds"), "chek", "did you mean check?"),
        (("check", "-o", "report.pdf", "corpus/seeds"), "report.pdf", "--format"),
        (("check", "--fail-on-undated=yes", "corpus/seeds"), "--fail-on-undated=yes", None),
    ]
    for args, named, hint in cases:
        code, out, err = run(*args)
        eq(code, 2, (args, err))
        lines = err.strip().splitlines()
        assert named in lines[0] and lines[0].startswith("claimcheck: error:"), (args, lines)
        if hint:
            assert hint in lines[0], (args, lines[0])
        assert "--help" in lines[-1] and len(lines) == 2, (args, lines)
    assert not os.path.exists("report.pdf")
    # --opt=value is the option and its value
    code, rep, err = check_json("--date=2025-06-04", "corpus/cases/05-meeting-day")
    assert code in (0, 1), err
    assert all(doc["date"] == "2025-06-04" for doc in rep["documents"]), rep["documents"]


@test
def rules_and_baseline_errors_say_where_and_what_to_do():
    # from another folder: where the rules were looked for, and --rules
    p = subprocess.run([os.path.abspath(BIN), "check", os.path.abspath("corpus/seeds")], capture_output=True,
                       text=True, cwd=tempfile.gettempdir(), env={k: v for k, v in ENV.items() if k != "CLAIMCHECK_RULES"},
                       timeout=60)
    eq(p.returncode, 2, p.stderr)
    assert "looked for rules" in p.stderr and "./rules" in p.stderr and "--rules DIR" in p.stderr, p.stderr
    # --rules naming a file
    code, out, err = run("check", "--rules", "rules/war.yaml", "corpus/seeds")
    eq(code, 2)
    first = err.splitlines()[0]
    assert "rules/war.yaml" in first and "folder" in first and "--rules DIR" in first, err
    assert "Not a directory" not in err, err
    # a baseline that does not exist is not "not JSON"
    code, out, err = run("check", "--baseline", "missing.json", "corpus/seeds")
    eq(code, 2)
    assert "missing.json" in err and "cannot read" in err and "not JSON" not in err, err


@test
def blame_follows_the_evidence():
    d = tempfile.mkdtemp()
    try:
        # a running total: the correct earlier report and a later typo three weeks on
        _write(d, "wire.md", "---\ndate: 2024-12-16\n---\nMore than 12,000 Ukrainian civilians have been killed "
               "since the invasion, the UN says.\n")
        _write(d, "typo.md", "---\ndate: 2025-01-06\n---\nSome 1,200 Ukrainian civilians have been killed in the "
               "war, the UN says.\n")
        code, rep, _ = check_json(d)
        eq(len(rep["contradictions"]), 1, rep["contradictions"])
        f = rep["contradictions"][0]
        eq(f["type"], "decrease")
        assert f["claims"][0]["path"].endswith("typo.md") and f["claims"][0]["role"] == "flagged", f["claims"]
        # growth between reports is no contradiction
        _write(d, "typo.md", "---\ndate: 2025-01-06\n---\nSome 14,000 Ukrainian civilians have been killed in the "
               "war, the UN says.\n")
        eq(check_json(d)[1]["contradictions"], [], "a total that grew")
        # two sources, no third: one disagreement, both disputed
        shutil.rmtree(d)
        os.makedirs(d)
        _write(d, "a.md", "---\ndate: 2025-01-05\n---\nRussia controls about 20% of Ukraine, a think tank says.\n")
        _write(d, "b.md", "---\ndate: 2025-01-06\n---\nRussia controls about 30% of Ukraine, a minister says.\n")
        code, rep, _ = check_json(d)
        eq(len(rep["contradictions"]), 1, rep["contradictions"])
        f = rep["contradictions"][0]
        eq(f["type"], "disagreement")
        eq(sorted(c["role"] for c in f["claims"]), ["disputed", "disputed"])
        assert "flagged" not in run("check", d)[1], "nobody is flagged"
        # a third source that sides with one: the other is flagged against a consensus
        _write(d, "c.md", "---\ndate: 2025-01-07\n---\nMoscow occupies close to 20% of Ukraine, analysts say.\n")
        code, rep, _ = check_json(d)
        f = rep["contradictions"][0]
        eq(f["type"], "conflict")
        assert f["claims"][0]["path"].endswith("b.md"), f["claims"]
    finally:
        shutil.rmtree(d, ignore_errors=True)


@test
def make_builds_where_apt_is_absent():
    """Plain make needs the libraries, not the package manager: run with apt
    and dpkg hidden from PATH, it builds (the package check belongs to make
    run and make test)."""
    bins = tempfile.mkdtemp()
    build = tempfile.mkdtemp()
    try:
        for d in os.environ.get("PATH", "/usr/bin:/bin").split(":"):
            if not os.path.isdir(d):
                continue
            for n in os.listdir(d):
                if n.startswith(("apt", "dpkg")) or os.path.exists(os.path.join(bins, n)):
                    continue
                os.symlink(os.path.join(d, n), os.path.join(bins, n))
        env = dict(ENV, PATH=bins)
        p = subprocess.run(["make", "-s", "-j4", f"BUILD={build}", f"{build}/claimcheck"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=600)
        eq(p.returncode, 0, p.stderr[-800:])
        assert os.access(os.path.join(build, "claimcheck"), os.X_OK)
    finally:
        shutil.rmtree(bins)
        shutil.rmtree(build)


@test
def a_quote_after_a_wire_dateline_does_not_swallow_it():
    d = tempfile.mkdtemp()
    try:
        _write(d, "wire.txt", "LVIV, March 3, 2025 - Three years into the war, Ukraine's front line barely moves.\n")
        code, out, err = run("extract", "--date", "2025-03-03", d)
        claims = [json.loads(l) for l in out.splitlines() if '"subject"' in l]
        war = [c for c in claims if c["subject"].startswith("war.")]
        eq([c["text"] for c in war], ["Three years into the war"])
    finally:
        shutil.rmtree(d)


@test
def a_directive_naming_an_unknown_rule_is_a_warning():
    d = tempfile.mkdtemp()
    try:
        _write(d, "a.md", "---\ndate: 2025-06-01\n---\n<!-- claimcheck-disable-next-line war-duraton -->\n"
               "The 40-month war in Ukraine goes on.\n<!-- claimcheck-disable casualties, no-such-rule -->\n")
        code, rep, _ = check_json(d)
        msgs = [(w.get("line"), w["message"]) for w in rep["warnings"]]
        assert any(l == 4 and "war-duraton" in m and "did you mean war-duration?" in m for l, m in msgs), msgs
        assert any(l == 6 and "no-such-rule" in m for l, m in msgs), msgs
        assert not any("'casualties'" in m for _, m in msgs), msgs
    finally:
        shutil.rmtree(d)


@test
def config_refuses_what_check_refuses():
    d = tempfile.mkdtemp()
    try:
        cfg = os.path.join(d, ".claimcheck.yml")
        _write(d, ".claimcheck.yml", "min_level: info\nfail_on: warnings\n")
        for cmd in (("config",), ("check", "corpus/seeds")):
            code, out, err = run(*cmd, "--config", cfg)
            eq(code, 2, (cmd, err))
            assert f"{cfg}:2" in err and "warnings" in err and "info, warning, error or never" in err, (cmd, err)
    finally:
        shutil.rmtree(d)


HOUSE_RULE = """rules:
  - id: house-displaced
    description: People displaced inside the country ("3.7 million people are internally displaced").
    kind: count
    subject: displaced.ukraine.internal
    policy: varying
    window_days: 60
    severity: warning
    trigger: [displaced, displacement]
    frame:
      cues:
        - name: what
          words: [internally displaced, displaced inside the country]
          # an alias table the shipped tables.yaml defines
        - name: where
          table: holder
          optional: true
      veto: [refugees abroad]
    examples:
      - text: "Some 3.7 million Ukrainians remain internally displaced, the UN agency said."
        expect: {low: 3330000, high: 4070000}
      - text: "About 6 million refugees abroad were counted, not the displaced inside the country."
        match: false
"""


@test
def a_house_rule_folder_beside_the_shipped_one():
    h = tempfile.mkdtemp()
    try:
        _write(h, "displaced.yaml", HOUSE_RULE)
        for args in ((h,), ("--rules", "rules", "--rules", h), ("rules", h)):
            code, out, err = run("test-rules", *args)
            eq(code, 0, (args, err[-500:]))
            assert "house-displaced" not in err and "0 failed" in out, (args, out, err)
            assert int(out.split(" rules,")[0].split()[-1]) > 1, out  # the shipped rules ran too
        # check with the house folder alone: the shipped lexicon and tables, the house rule
        d = tempfile.mkdtemp()
        _write(d, "a.md", "---\ndate: 2025-06-01\n---\nSome 3.7 million Ukrainians remain internally displaced.\n")
        code, out, err = run("extract", "--rules", h, d)
        eq(code, 0, err)
        assert '"rule":"house-displaced"' in out, out
        shutil.rmtree(d)
        # a failing house example names the house file
        _write(h, "displaced.yaml", HOUSE_RULE.replace("expect: {low: 3330000, high: 4070000}",
                                                       "expect: {low: 1, high: 2}"))
        code, out, err = run("test-rules", h)
        eq(code, 1)
        assert "displaced.yaml:" in err, err
    finally:
        shutil.rmtree(h)


@test
def this_wars_document_gate_can_be_narrowed_in_a_house_folder():
    # a lone excerpt naming neither side nor another war is read as this war's; a newsroom whose
    # archive mixes subjects overrides NOT_THIS_WAR with '' (every document matches it) so that a
    # side must be named
    d, h = tempfile.mkdtemp(), tempfile.mkdtemp()
    try:
        _write(d, "a.md", "---\ndate: 2024-12-09\n---\nNearly three years of relentless war have emptied the towns.\n")
        _write(d, "b.md", "---\ndate: 2024-12-09\n---\nGaza's two years of war have levelled its towns.\n")
        code, out, err = run("extract", d)
        eq(code, 0, err)
        quotes = [json.loads(l)["text"] for l in out.splitlines() if '"subject"' in l]
        eq(quotes, ["Nearly three years of relentless war"], out)
        _write(h, "narrow.yaml", "macros:\n  NOT_THIS_WAR:\n    override: ''\n")
        code, out, err = run("extract", "--rules", "rules", "--rules", h, d)
        eq(code, 0, err)
        assert '"subject"' not in out, out
    finally:
        shutil.rmtree(d)
        shutil.rmtree(h)


@test
def an_alias_table_defined_twice_is_an_error_unless_extended_or_overridden():
    h = tempfile.mkdtemp()
    try:
        again = "aliases:\n  holder:\n    russia: [the kremlin's army]\n"
        _write(h, "house.yaml", again)
        code, out, err = run("check", "--rules", h, "corpus/seeds")
        eq(code, 2, err)
        assert "house.yaml:2:3: error: alias table 'holder' is already defined at" in err and "tables.yaml:" in err \
            and "extend:" in err, err
        # extend: the shipped phrases and the new one both name the holder
        _write(h, "house.yaml", "aliases:\n  holder:\n    extend:\n      russia: [the kremlin's army]\n")
        d = tempfile.mkdtemp()
        _write(d, "a.md", "---\ndate: 2025-06-01\n---\nThe Kremlin's army holds about 70% of Zaporizhzhia oblast.\n"
               "Russian troops hold about 70% of the Zaporizhzhia region.\n")
        code, out, err = run("extract", "--rules", h, d)
        eq(code, 0, err)
        subjects = [json.loads(l)["subject"] for l in out.splitlines() if '"subject"' in l]
        eq(subjects.count("territory.zaporizhzhia.held_by.ukraine"), 2, out)
        # override: only the new phrases are left
        _write(h, "house.yaml", "aliases:\n  holder:\n    override:\n      russia: [the kremlin's army]\n")
        code, out, err = run("extract", "--rules", h, d)
        eq(code, 0, err)
        subjects = [json.loads(l)["subject"] for l in out.splitlines() if '"subject"' in l]
        eq(subjects.count("territory.zaporizhzhia.held_by.ukraine"), 1, out)
        shutil.rmtree(d)
        # extend of a table nobody defined
        _write(h, "house.yaml", "aliases:\n  nowhere:\n    extend:\n      x: [y]\n")
        code, out, err = run("check", "--rules", h, "corpus/seeds")
        eq(code, 2)
        assert "no rule file before this one defines it" in err, err
    finally:
        shutil.rmtree(h)


@test
def a_rule_switched_off_reads_nothing():
    d = tempfile.mkdtemp()
    try:
        code, base, _ = check_json("corpus/seeds")
        assert any(f["rule"] == "event-venue-date" for f in base["contradictions"]), "the seeds' meeting-day finding (event-venue-date)"
        _write(d, "c.yml", "severity:\n  event-venue-date: off\n")
        code, rep, err = check_json("--config", os.path.join(d, "c.yml"), "corpus/seeds")
        assert code in (0, 1), err
        assert not any(f["rule"] == "event-venue-date" for f in rep["contradictions"]), rep["contradictions"]
        # (another rule, event-venue-date, still reads the same meeting)
        code, out, _ = run("config", "--config", os.path.join(d, "c.yml"))
        assert "severity.event-venue-date: off" in out, out
        # in a rule file: severity: off, its examples still tested
        h = tempfile.mkdtemp()
        _write(h, "house.yaml", HOUSE_RULE.replace("severity: warning", "severity: off"))
        eq(run("test-rules", h)[0], 0)
        _write(d, "a.md", "---\ndate: 2025-06-01\n---\nSome 3.7 million Ukrainians remain internally displaced.\n")
        code, out, err = run("extract", "--rules", h, os.path.join(d, "a.md"))
        assert "house-displaced" not in out, out
        shutil.rmtree(h)
    finally:
        shutil.rmtree(d)


@test
def a_rule_message_and_url_of_its_own():
    h = tempfile.mkdtemp()
    d = tempfile.mkdtemp()
    try:
        rule = HOUSE_RULE.replace("    severity: warning\n", "    severity: warning\n"
                                  "    message: \"Displacement figures disagree on ${subject}: ${quote} against ${others} other\"\n"
                                  "    url: https://desk.example.org/style/displacement\n")
        _write(h, "house.yaml", rule)
        _write(d, "a.md", "---\ndate: 2025-06-01\n---\nSome 3.7 million Ukrainians remain internally displaced.\n")
        _write(d, "b.md", "---\ndate: 2025-06-02\n---\nAbout 1.2 million people are internally displaced, a ministry says.\n")
        code, rep, err = check_json("--rules", h, d)
        f = [x for x in rep["contradictions"] if x["rule"] == "house-displaced"]
        assert f and f[0]["message"].startswith("Displacement figures disagree on displaced.ukraine.internal: '"), f
        assert f[0]["message"].endswith("against 1 other"), f[0]["message"]
        code, out, _ = run("check", "--format", "sarif", "--rules", h, d)
        rules = {r_["id"]: r_ for r_ in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
        eq(rules["house-displaced"].get("helpUri"), "https://desk.example.org/style/displacement")
        code, out, _ = run("check", "--format", "html", "--rules", h, d)
        assert 'href="https://desk.example.org/style/displacement"' in out, out[:300]
        # a placeholder the engine does not know, and a url that is no web address, are load errors
        _write(h, "house.yaml", rule.replace("${others}", "${count}"))
        code, out, err = run("check", "--rules", h, d)
        eq(code, 2)
        assert "unknown placeholder" in err and "${count}" in err, err
        _write(h, "house.yaml", rule.replace("https://desk.example.org/style/displacement", "javascript:alert(1)"))
        code, out, err = run("check", "--rules", h, d)
        eq(code, 2)
        assert "url must be an http" in err, err
    finally:
        shutil.rmtree(h)
        shutil.rmtree(d)


@test
def explain_says_where_each_rule_kept_or_dropped_the_text():
    # a claim made: the rule, its subject and the reading, as the reports word it
    code, out, err = run("explain", "--date", "2025-03-01", "Kyiv's forces still hold about a fifth of the Donetsk region.")
    eq(code, 0, err)
    assert "territory-share:\n  1:" in out and "claim on territory.donetsk.held_by.ukraine" in out, out
    assert "reads as between 18 and 22%" in out, out
    assert "no trigger word for:" in out and "casualties" in out.split("no trigger word for:")[1], out
    # dropped: the step and what stopped it, named (a cue, a veto word)
    code, out, _ = run("explain", "--rule", "territory-share", "--date", "2025-03-01",
                       "Kyiv's forces still hold about a fifth of it.")
    eq(code, 0)
    assert "no cue 'region'" in out, out
    code, out, _ = run("explain", "--rule=territory-share", "--date=2025-03-01",
                       "Moscow has added roughly 1% of the country to what it holds.")
    assert "veto word 'added'" in out, out
    # FILE:LINE: the article's own date, and only what is on that line
    code, out, _ = run("explain", "corpus/seeds/000_2ca43d52e0bca40b.txt:41")
    eq(code, 0)
    assert out.startswith("date: 2026-01-23 (the article's)"), out[:200]
    assert "41:235: claim on war.russia-ukraine.start: '34-month war'" in out, out
    assert "territory-share:" not in out, out
    # usage errors: exit 2, a suggestion, the hint last
    code, _, err = run("explain", "--rule", "teritory-share", "x")
    eq(code, 2)
    assert "did you mean territory-share" in err and "usage" in err.rstrip().splitlines()[-1], err
    eq(run("explain")[0], 2)
    eq(run("explain", "--date", "2025-02-30", "x")[0], 2)
    eq(run("explain", "corpus/seeds/000_2ca43d52e0bca40b.txt:100000")[0], 2)


@test
def a_failing_rule_example_says_the_step_expected_and_got():
    d = tempfile.mkdtemp()
    try:
        with open(os.path.join(d, "house.yaml"), "w", encoding="utf-8") as f:
            f.write("""rules:
  - id: house-share
    description: a share held, for this test
    kind: percent
    subject: house.${region}.share
    trigger: ['%']
    frame:
      cues:
        - {name: verb, words: [hold, holds]}
        - {name: region, table: region}
    examples:
      - text: "Kyiv holds about 20% of the country."
      - text: "Kyiv holds about 20% of Donetsk."
        expect: {low: 30, high: 40}
      - text: "Nothing here."
        match: false
""")
        code, out, err = run("test-rules", "--no-stress", "--rules", "rules", "--rules", d)
        eq(code, 1)
        assert "expected a claim, found none: no cue 'region' anywhere in" in err, err
        assert "low bound: expected between 30 and 40%, got between 18 and 22% (read from" in err, err
    finally:
        shutil.rmtree(d)


@test
def a_subject_or_macro_defined_twice_is_an_error_unless_extended_or_overridden():
    h = tempfile.mkdtemp()
    d = tempfile.mkdtemp()
    try:
        # a house policy for a shipped subject: an error naming both places, unless override: true
        decl = "subjects:\n  territory.*.held_by.ukraine:\n    policy: varying\n    window_days: 3\n" \
               "    unit: percent\n    complement: territory.*.held_by.russia\n"
        _write(h, "house.yaml", decl)
        code, out, err = run("check", "--rules", h, "corpus/seeds")
        eq(code, 2, err)
        assert "house.yaml:2:3: error: subject 'territory.*.held_by.ukraine' is declared twice (first at" in err \
            and "territory.yaml:" in err and "override: true" in err, err
        _write(h, "house.yaml", decl.replace("    policy: varying\n", "    override: true\n    policy: varying\n"))
        # two shares of Kherson ten days apart: compared within the shipped 45 days, not within the house's 3
        _write(d, "a.md", "---\ndate: 2025-06-01\n---\nUkrainian forces hold about 70% of Kherson oblast.\n")
        _write(d, "b.md", "---\ndate: 2025-06-11\n---\nUkrainian forces hold about 20% of Kherson oblast.\n")
        eq(run("check", d)[0], 1)
        code, out, err = run("check", "--rules", h, d)
        eq(code, 0, out + err)
        _write(h, "house.yaml", "subjects:\n  nothing.*.here:\n    override: true\n    policy: fixed\n")
        code, out, err = run("check", "--rules", h, d)
        eq(code, 2)
        assert "no rule file before this one declares it" in err, err
        # macros: the same, with extend: (either text) and override: (the new text only)
        _write(h, "house.yaml", "macros:\n  OTHER_WAR: 'Atlantis'\n")
        code, out, err = run("check", "--rules", h, d)
        eq(code, 2)
        assert "house.yaml:2:3: error: macro OTHER_WAR is already defined at" in err and "extend:" in err, err
        _write(d, "c.md", "---\ndate: 2025-06-11\n---\nIn the Atlantis campaign, Ukrainian forces hold about 20% of "
               "Kherson oblast.\n")
        for mode, read in (("extend", False), ("override", False)):
            _write(h, "house.yaml", f"macros:\n  OTHER_WAR:\n    {mode}: '\\bAtlantis\\b'\n")
            code, out, err = run("extract", "--rules", h, os.path.join(d, "c.md"))
            eq(code, 0, err)
            eq('"subject"' in out, read, (mode, out))
        # override: the shipped wars no longer veto ("Gaza" is now no other war)
        _write(d, "e.md", "---\ndate: 2025-06-11\n---\nAs Gaza burns, Ukrainian forces hold about 20% of Kherson oblast.\n")
        code, out, _ = run("extract", "--rules", h, os.path.join(d, "e.md"))
        assert '"subject"' in out, out
        _write(h, "house.yaml", "macros:\n  OTHER_WAR:\n    extend: '\\bAtlantis\\b'\n")
        code, out, _ = run("extract", "--rules", h, os.path.join(d, "e.md"))
        assert '"subject"' not in out, out
    finally:
        shutil.rmtree(h)
        shutil.rmtree(d)


@test
def a_house_patterns_value_macro_reads_what_the_normalizer_reads():
    # {COUNT}, {DATE} … in a pattern are the normalizer's one grammar, not a regex of their own:
    # forms it reads (Indian digit grouping, "half a million", a year for a date) match, words it
    # does not read as a value do not
    h = tempfile.mkdtemp()
    try:
        _write(h, "house.yaml", """rules:
  - id: house-displaced-count
    description: people displaced, for this test
    kind: count
    subject: displaced.people
    trigger: [displaced]
    patterns: ['(?<value>{COUNT})\\s+people\\s+(?:have\\s+been\\s+|were\\s+)?displaced']
    examples:
      - text: "Officials say 3,54,000 people have been displaced."
        expect: {low: 353500, high: 354500}
      - text: "Roughly half a million people were displaced."
        expect: {low: 450000, high: 550000}
      - text: "Many people were displaced."
        match: false
  - id: house-treaty-date
    description: a treaty's date, for this test
    kind: date
    subject: treaty.signed
    trigger: [signed]
    patterns: ['\\bsigned\\s+(?:on\\s+|in\\s+)?(?<value>{DATE})']
    examples:
      - text: "The memorandum was signed on 5 December 1994 in Budapest."
        expect: {low: 1994-12-05, high: 1994-12-05}
      - text: "It was signed in 1994."
        expect: {low: 1994-01-01, high: 1994-12-31}
      - text: "The page was signed off by editors."
        match: false
""")
        code, out, err = run("test-rules", "--no-stress", "--rules", "rules", "--rules", h)
        eq(code, 0, err)
        assert "0 failed" in out, out
    finally:
        shutil.rmtree(h)


@test
def rounds_of_talks_at_one_place_are_told_apart_by_their_dates():
    # a recap names every round; two articles of one day citing different rounds agree,
    # while two dates of one round a day apart are a contradiction
    d = tempfile.mkdtemp()
    try:
        def art(name, text):
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write("---\ndate: 2025-06-05\n---\n" + text + "\n")
        art("a.md", "Russian and Ukrainian envoys first sat down for talks in Istanbul on May 16, 2025.")
        art("b.md", "The second round of talks in Istanbul took place on June 2, 2025, and lasted an hour.")
        code, rep, _ = check_json(d)
        assert code == 0 and not rep["contradictions"], rep["contradictions"]
        art("c.md", "Kyiv's delegation held talks in Istanbul on May 15, 2025, with Moscow's envoys.")
        code, rep, _ = check_json(d)
        assert code == 1 and len(rep["contradictions"]) == 1, rep["contradictions"]
        paths = sorted(os.path.basename(c["path"]) for c in rep["contradictions"][0]["claims"])
        assert paths == ["a.md", "c.md"], paths
    finally:
        shutil.rmtree(d)


@test
def a_former_value_is_not_read_as_todays():
    # "down from 45% at the start of the year" is what was held before; with no time read
    # for it, it is no claim on today's share (it contradicted "less than a third" beside it)
    d = tempfile.mkdtemp()
    try:
        with open(os.path.join(d, "a.md"), "w", encoding="utf-8") as f:
            f.write("---\ndate: 2025-08-20\n---\nUkrainian forces hold less than a third of Donetsk oblast, "
                    "down from 45% at the start of the year.\n\nIts casualties rose from 400 to 700 a day.\n")
        code, rep, _ = check_json(d)
        assert code == 0 and not rep["contradictions"], rep["contradictions"]
        assert rep["summary"]["claims"] == 1, rep["summary"]
        # with a time read for it, the earlier value is a claim about that time
        with open(os.path.join(d, "a.md"), "w", encoding="utf-8") as f:
            f.write("---\ndate: 2025-08-20\n---\nUkrainian forces hold less than a third of Donetsk oblast, "
                    "down from 45% in January.\n")
        code, rep, _ = check_json(d)
        assert code == 0 and rep["summary"]["claims"] == 2, rep["summary"]
    finally:
        shutil.rmtree(d)
