# The bad-input matrix of docs/reliability.md: every row asserts the message,
# the exit code and the summary counts. Loaded by tests/e2e/run.py.


def _summary_accounts(r, given):
    """Every input is accounted for: checked, skipped or unreadable."""
    s = r["summary"]
    eq(s["documents"] + s["skipped"] + s["unreadable"], given, "checked + skipped + unreadable")


@test
def matrix_empty_file_and_whitespace_only():
    d = _tmpcorpus({"empty.txt": "", "blank.md": "\n\n   \n"})
    try:
        code, r, _ = check_json(d)
        eq(code, 0)
        eq((r["summary"]["documents"], r["summary"]["claims"], r["summary"]["unreadable"]), (2, 0, 0))
    finally:
        shutil.rmtree(d)


@test
def matrix_binary_files():
    d = tempfile.mkdtemp()
    try:
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
        open(os.path.join(d, "photo.png"), "wb").write(png)
        open(os.path.join(d, "mislabelled.txt"), "wb").write(png)
        open(os.path.join(d, "ok.txt"), "w").write("Plain text.\n")
        code, r, _ = check_json(d)
        eq(code, 3, "a binary .txt is unreadable")
        msgs = " ".join(e["path"] + ": " + e["message"] for e in r["errors"])
        assert "mislabelled.txt" in msgs and "NUL byte at byte offset 8" in msgs, msgs
        assert any(s["path"].endswith("photo.png") for s in r["skipped"]), r["skipped"]
        _summary_accounts(r, 3)
    finally:
        shutil.rmtree(d)


@test
def matrix_unreadable_by_permissions():
    d = tempfile.mkdtemp()
    tools = None
    try:
        p = os.path.join(d, "secret.txt")
        open(p, "w").write("Thursday's meeting at the Kremlin.\n")
        open(os.path.join(d, "ok.txt"), "w").write("Plain text.\n")
        os.chmod(p, 0)
        os.chmod(d, 0o755)
        cmd = [BIN, "check", "--rules", os.path.join(ROOT, "rules"), "--format", "json", d]
        if os.geteuid() == 0:  # root reads anything: run as nobody
            assert shutil.which("setpriv"), "setpriv (util-linux) is needed to drop root"
            # a clone in /root (mode 700) is out of nobody's reach: the binary
            # and the rules go where nobody can run and read them
            tools = tempfile.mkdtemp()
            shutil.copy(BIN, os.path.join(tools, "claimcheck"))
            shutil.copytree(os.path.join(ROOT, "rules"), os.path.join(tools, "rules"))
            for root_, dirs, files in os.walk(tools):
                os.chmod(root_, 0o755)
                for f in files:
                    os.chmod(os.path.join(root_, f), 0o755)
            cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", os.path.join(tools, "claimcheck"),
                   "check", "--rules", os.path.join(tools, "rules"), "--format", "json", d]
        p2 = subprocess.run(cmd, capture_output=True, env=ENV, timeout=60, cwd="/")
        r = json.loads(p2.stdout)
        eq(p2.returncode, 3, p2.stderr.decode())
        msgs = " ".join(e["path"] + ": " + e["message"] for e in r["errors"])
        assert "secret.txt" in msgs and "Permission denied" in msgs, msgs
        eq(r["summary"]["documents"], 1, "the readable file is checked")
        _summary_accounts(r, 2)
    finally:
        os.chmod(os.path.join(d, "secret.txt"), 0o644)
        shutil.rmtree(d)
        if tools:
            shutil.rmtree(tools)


@test
def matrix_directory_symlink_loop():
    d = tempfile.mkdtemp()
    try:
        os.makedirs(os.path.join(d, "a", "b"))
        open(os.path.join(d, "a", "b", "x.txt"), "w").write("Plain text.\n")
        os.symlink("../..", os.path.join(d, "a", "b", "up"))
        code, r, _ = check_json(d)
        eq(code, 0, "a loop is not an error")
        eq(r["summary"]["documents"], 1, "x.txt once")
        warns = " ".join(w["message"] for w in r["warnings"])
        assert "directory loop" in warns, warns
        assert any(s["reason"].startswith("directory loop") for s in r["skipped"]), r["skipped"]
    finally:
        shutil.rmtree(d)


@test
def matrix_path_that_does_not_exist():
    code, r, err = check_json("corpus/seeds", "no/such/file.txt")
    eq(code, 3)
    assert any("no/such/file.txt" == e["path"] and "No such file" in e["message"] for e in r["errors"]), r["errors"]
    eq(r["summary"]["documents"], 5, "the rest is checked")


@test
def matrix_100_mb_single_line():
    d = tempfile.mkdtemp()
    try:
        p = os.path.join(d, "huge.txt")
        filler = b"lorem ipsum dolor sit amet " * 40
        with open(p, "wb") as f:
            f.write(b"Thursday's meeting at the Kremlin ran long, ")
            n = 0
            while n < 100 * 1024 * 1024:
                f.write(filler)
                n += len(filler)
            f.write(b" and the leaders met at the Kremlin on Monday, aides said")
        code, r, _ = check_json(d)
        eq(code, 3, "over the default --max-file-size")
        assert any("huge.txt" in e["path"] and "--max-file-size" in e["message"] for e in r["errors"]), r["errors"]
        code, r, _ = check_json("--max-file-size", "200000000", "--date", "2026-01-23", d)
        eq(code, 1, "read whole: both claims of the one line, and their clash")
        eq(r["summary"]["claims"], 2)
        c = [c for c in r["contradictions"][0]["claims"] if "Monday" in c["text"]][0]
        eq(c["line"], 1, "one line")
        assert c["column"] > 100 * 1024 * 1024, c["column"]
    finally:
        shutil.rmtree(d)


CATASTROPHIC = """rules:
  - id: r-slow
    description: a pattern that backtracks without end on a run of ones
    kind: count
    subject: ships
    patterns:
      - '(?<value>\\d+) ships'
      - '(?<value>(?:1+)+)q'
    examples:
      - text: "12 ships"
      - text: "no vessels"
        match: false
"""


@test
def matrix_catastrophic_pattern():
    d = tempfile.mkdtemp()
    try:
        rules = os.path.join(d, "rules")
        os.makedirs(rules)
        shutil.copy("rules/lexicon.yaml", rules)
        open(os.path.join(rules, "slow.yaml"), "w").write(CATASTROPHIC)
        arts = os.path.join(d, "a")
        os.makedirs(arts)
        open(os.path.join(arts, "doc.txt"), "w").write("12 ships came in, " + "1" * 3000 + " then 7 ships left, q.\n")
        code, r, err = check_json("--rules", rules, "--date", "2026-01-23", arts)
        warns = [w for w in r["warnings"] if "r-slow" in w["message"]]
        assert warns, r["warnings"]
        w = warns[0]
        assert w["path"].endswith("doc.txt"), w
        assert "slow.yaml:8" in w["message"] and "byte offset" in w["message"] and "limit" in w["message"], w["message"]
        eq(r["summary"]["claims"], 2, "the other pattern still reads the rest of the document")
        # and test-rules names it before any article does
        code, out, err = run("test-rules", rules)
        eq(code, 1)
        assert "slow.yaml:8:9: error: [r-slow] pattern 2 fails on a pathological input" in err, err
        assert "stress: " in out and "0 patterns" not in out, out
    finally:
        shutil.rmtree(d)


@test
def matrix_every_input_is_accounted_for():
    d = tempfile.mkdtemp()
    try:
        open(os.path.join(d, "a.txt"), "w").write("fine\n")
        open(os.path.join(d, "b.md"), "wb").write(b"bad \xc3\x28 utf-8\n")
        open(os.path.join(d, "c.csv"), "w").write("x,y\n")
        open(os.path.join(d, "d.txt"), "wb").write(b"x" * 2000)
        code, r, _ = check_json("--max-file-size", "1000", d, os.path.join(d, "missing.md"))
        eq(code, 3)
        _summary_accounts(r, 5)
        eq((r["summary"]["documents"], r["summary"]["skipped"], r["summary"]["unreadable"]), (1, 1, 3))
    finally:
        shutil.rmtree(d)
