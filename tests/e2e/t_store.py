# End-to-end: claims extracted once and compared anywhere (issue: archives as newsrooms keep them).
# (Executed by run.py, which provides run, check_json, eq, claims_of, _write and test.)

_FORMATS = ("text", "json", "sarif", "html", "jsonl", "github")


def _same_reports(check_args, compare_args, what):
    """check and compare give byte-identical reports, and the same exit code, in every format."""
    for f in _FORMATS:
        c1, o1, e1 = run("check", "--format", f, *check_args)
        c2, o2, e2 = run("compare", "--format", f, *compare_args)
        eq(c2, c1, f"{what}: compare's exit code in {f} ({e2[-300:]})")
        assert o1 == o2, f"{what}: {f} report differs:\n  check:   {o1[:400]!r}\n  compare: {o2[:400]!r}"


def _extract(out, *paths):
    code, _, err = run("extract", "-o", out, *paths)
    assert code in (0, 3), f"extract {paths}: exit {code}: {err[-300:]}"


@test
def extract_then_compare_equals_check_in_every_format():
    with tempfile.TemporaryDirectory() as t:
        # the shipped corpus (dates from manifests, front matter, pages; skipped and suppressed inputs)
        _extract(os.path.join(t, "all.jsonl"), "corpus")
        _same_reports(["corpus"], [os.path.join(t, "all.jsonl")], "corpus/")
        # read through its index (above) and as JSON alone (below): the same reports
        assert os.path.exists(os.path.join(t, "all.jsonl.idx")), "extract -o FILE writes FILE.idx"
        os.rename(os.path.join(t, "all.jsonl.idx"), os.path.join(t, "all.idx.away"))
        _same_reports(["corpus"], [os.path.join(t, "all.jsonl")], "corpus/, no index")
        # two folders extracted apart, compared together: as one check over both
        _extract(os.path.join(t, "cases.jsonl"), "corpus/cases")
        _extract(os.path.join(t, "seeds.jsonl"), "corpus/seeds")
        _same_reports(["corpus/cases", "corpus/seeds"],
                      [os.path.join(t, "cases.jsonl"), os.path.join(t, "seeds.jsonl")], "two extracts")
        # an extract run in another folder, with a copy of the rules kept elsewhere: the same
        # extraction (the digest is of the rules' bytes, not where they lie)
        rules2 = os.path.join(t, "rules-copy")
        shutil.copytree("rules", rules2)
        here = os.path.abspath("corpus/cases")
        p = subprocess.run([os.path.abspath(BIN), "extract", "--rules", rules2, "-o", "elsewhere.jsonl", here],
                           cwd=t, capture_output=True, env=ENV, timeout=120)
        eq(p.returncode, 0, p.stderr.decode()[-300:])
        _same_reports([here, "corpus/seeds"], [os.path.join(t, "elsewhere.jsonl"), os.path.join(t, "seeds.jsonl")],
                      "an extract run elsewhere")
        # a generated archive, and a claims file read from standard input
        g = os.path.join(t, "gen")
        subprocess.run([sys.executable, "tests/bench/gen.py", g, "2"], check=True, capture_output=True)
        _extract(os.path.join(t, "gen.jsonl"), g)
        _same_reports([g], [os.path.join(t, "gen.jsonl")], "generated corpus")
        with open(os.path.join(t, "gen.jsonl"), "rb") as f:
            p = subprocess.run([BIN, "compare", "-"], stdin=f, capture_output=True, env=ENV, timeout=120)
        eq(p.stdout.decode(), run("check", g)[1], "compare - (standard input)")


@test
def a_claims_file_is_the_old_claim_lines_with_documents_and_sentences():
    with tempfile.TemporaryDirectory() as d:
        _write(d, "a.md", "---\ndate: 2025-06-01\n---\nKyiv's forces hold about 30% of the Donetsk region, analysts said.\n")
        code, out, err = run("extract", d)
        eq(code, 0, err)
        recs = [json.loads(l) for l in out.splitlines()]
        assert "extraction" in recs[0] and recs[0]["claimcheck_claims"] == 1, recs[0]
        doc = next(r for r in recs if "document" in r)
        eq(doc["date"] is not None and doc["date_source"], "front matter", "the document's date source")
        c = claims_of(out)
        eq(len(c), 1, "one claim")
        eq(c[0]["subject"], "territory.donetsk.held_by.ukraine", "its subject")
        assert "analysts said" in c[0]["sentence"], c[0]
        eq(c[0]["sentence"][c[0]["column"] - 1:].startswith(c[0]["text"][:10]), True, "the quote within its sentence")


@test
def an_article_given_again_replaces_its_stored_claims():
    with tempfile.TemporaryDirectory() as d:
        arch = os.path.join(d, "archive")
        os.mkdir(arch)
        _write(arch, "a.md", "---\ndate: 2025-06-01\n---\nKyiv's forces hold about 30% of the Donetsk region, analysts said.\n")
        _write(arch, "b.md", "---\ndate: 2025-06-02\n---\nUkrainian troops hold roughly 31% of the Donetsk region.\n")
        _write(arch, "c.md", "---\ndate: 2025-06-03\n---\nUkraine still controls about 29% of Donetsk oblast.\n")
        store = os.path.join(d, "archive.jsonl")
        _extract(store, arch)
        # b.md is edited to a figure the others contradict: checked against the store, the edit is
        # the new article, and its old claim (31%) is gone rather than agreeing with it
        _write(arch, "b.md", "---\ndate: 2025-06-02\n---\nUkrainian troops hold roughly 60% of the Donetsk region.\n")
        code, r, err = check_json("--claims", store, os.path.join(arch, "b.md"))
        eq(code, 1, err)
        eq(len(r["contradictions"]), 1, "one finding")
        f = r["contradictions"][0]
        flagged = [c for c in f["claims"] if c.get("role") == "flagged"]
        assert flagged and "60%" in flagged[0]["text"], f
        assert not any("31%" in c["text"] for c in f["claims"]), f"the old claim of b.md is gone: {f}"
        eq(sum(1 for x in r["documents"] if x["path"].endswith("b.md")), 1, "b.md listed once")
        # the same check, made from the articles themselves, says the same
        code2, r2, _ = check_json(arch, "--new", os.path.join(arch, "b.md"))
        eq(json.dumps(r2, sort_keys=True), json.dumps(r, sort_keys=True), "check --claims against check --new")
        # compare: of two claims files holding one article, the later one's stands
        edited = os.path.join(d, "edited.jsonl")
        _extract(edited, os.path.join(arch, "b.md"))
        code, r3, _ = run("compare", "--format", "json", store, edited)
        r3 = json.loads(r3)
        assert any("60%" in c["text"] for f in r3["contradictions"] for c in f["claims"]), r3["contradictions"]
        assert not any("31%" in c["text"] for f in r3["contradictions"] for c in f["claims"]), r3["contradictions"]
        eq(len(r3["documents"]), 3, "three documents")


@test
def claims_of_another_extraction_are_refused_unless_mixed():
    with tempfile.TemporaryDirectory() as d:
        rules = os.path.join(d, "rules")
        shutil.copytree("rules", rules)
        with open(os.path.join(rules, "war.yaml"), "a", encoding="utf-8") as f:
            f.write("\n# a house comment: the bytes differ, the rules do not\n")
        _write(d, "a.md", "---\ndate: 2025-06-01\n---\nKyiv's forces hold about 30% of the Donetsk region.\n")
        store = os.path.join(d, "a.jsonl")
        eq(run("extract", "--rules", rules, "-o", store, os.path.join(d, "a.md"))[0], 0, "extract")
        code, out, err = run("compare", store)
        eq(code, 2, "another extraction is a usage error")
        assert "a.jsonl:1:1: error: extracted with other rules" in err and "--mixed-rules" in err, err
        code, out, err = run("compare", "--mixed-rules", store)
        eq(code, 0, err)
        assert "1 documents, 1 claims" in out or "1 document" in out, out
        eq(run("compare", "--rules", rules, store)[0], 0, "compared with the rules it was extracted with")
        # not a claims file at all
        code, _, err = run("compare", os.path.join(d, "a.md"))
        eq(code, 2, "an article is no claims file")
        assert "a.md:1:" in err and "claims file" in err, err


def _shards():
    """The input list a newsroom would split: the case folders and the seeds, each with its manifest."""
    return sorted(os.path.join("corpus/cases", x) for x in os.listdir("corpus/cases")
                  if os.path.isdir(os.path.join("corpus/cases", x))) + ["corpus/seeds"]


@test
def gnu_parallel_spreads_extract_over_hosts_and_compare_equals_check():
    if not shutil.which("parallel"):
        raise AssertionError("GNU parallel is not installed (make e2e installs it: scripts/deps.sh parallel)")
    shards = _shards()
    with tempfile.TemporaryDirectory() as t:
        # docs/scale.md's recipe: -S : is this machine; name real hosts (-S host1,host2) the same way
        p = subprocess.run(["parallel", "--will-cite", "-S", ":", "-j", "3", "-k", BIN, "extract", "{}", ":::", *shards],
                           capture_output=True, env=ENV, timeout=300)
        eq(p.returncode, 0, p.stderr.decode()[-300:])
        pieces = os.path.join(t, "pieces.jsonl")
        with open(pieces, "wb") as f:
            f.write(p.stdout)
        _same_reports(shards, [pieces], "parallel's pieces")


@test
def map_sort_reduce_by_subject_equals_check():
    env = dict(ENV, LC_ALL="C")
    sh = lambda cmd: subprocess.run(cmd, shell=True, capture_output=True, env=env, timeout=300)
    with tempfile.TemporaryDirectory() as t:
        g = os.path.join(t, "gen")
        subprocess.run([sys.executable, "tests/bench/gen.py", g, "2"], check=True, capture_output=True)
        for src in ("corpus", g):
            want = run("check", "--format", "jsonl", src)[1]
            # one reducer: Hadoop Streaming's contract tested locally
            p = sh(f"'{BIN}' extract --by-subject '{src}' | sort | '{BIN}' compare --by-subject - > '{t}/one.out'")
            eq(p.returncode, 0, p.stderr.decode()[-300:])
            eq(sh(f"'{BIN}' compare --merge '{t}/one.out'").stdout.decode(), want, f"{src}: one reducer")
            # two reducers, subjects split between them, the documents' records sent to both
            sh(f"'{BIN}' extract --by-subject '{src}' | sort > '{t}/sorted'")
            sh(f"awk -F'\\t' '$1==\"!\" {{print > \"{t}/r1\"; print > \"{t}/r2\"; next}} "
               f"{{print > (length($1) % 2 ? \"{t}/r1\" : \"{t}/r2\")}}' '{t}/sorted'")
            for k in ("1", "2"):
                p = sh(f"'{BIN}' compare --by-subject '{t}/r{k}' > '{t}/o{k}'")
                eq(p.returncode, 0, p.stderr.decode()[-300:])
            eq(sh(f"'{BIN}' compare --merge '{t}/o1' '{t}/o2'").stdout.decode(), want, f"{src}: compare --merge")
            eq(sh(f"sort -m -t \"$(printf '\\t')\" -k1,1 '{t}/o1' '{t}/o2' | cut -f2-").stdout.decode(), want,
               f"{src}: sort -m")
        # unsorted input is refused, not misread
        p = sh(f"'{BIN}' extract --by-subject corpus/cases | tac | '{BIN}' compare --by-subject -")
        eq(p.returncode, 2, "unsorted lines")
        assert "sort the lines by key first" in p.stderr.decode(), p.stderr.decode()


@test
def check_claims_reads_only_the_subjects_the_new_articles_touch():
    with tempfile.TemporaryDirectory() as d:
        arch = os.path.join(d, "archive")
        os.mkdir(arch)
        _write(arch, "a.md", "---\ndate: 2025-06-01\n---\nKyiv's forces hold about 30% of the Donetsk region.\n\n"
                             "Russian casualties have passed 700,000 killed and wounded, officials say.\n")
        _write(arch, "b.md", "---\ndate: 2025-06-02\n---\nUkraine holds roughly 31% of the Donetsk region.\n")
        _write(d, "new.md", "---\ndate: 2025-06-03\n---\nUkrainian troops hold about 60% of Donetsk oblast.\n")
        store = os.path.join(d, "archive.jsonl")
        _extract(store, arch)
        assert os.path.exists(store + ".idx"), "extract -o FILE writes FILE.idx"
        want = check_json(arch, "--new", os.path.join(d, "new.md"))[1]
        # spoil the casualty claim's line (same length): the new article touches no casualty subject,
        # so a read through the index never parses it, and the report is check --new's
        raw = open(store, encoding="utf-8").read()
        i = raw.index('"subject":"casualties.')
        spoiled = raw[:i] + "#" + raw[i + 1:]
        open(store, "w", encoding="utf-8").write(spoiled)
        code, got, err = check_json("--claims", store, os.path.join(d, "new.md"))
        eq(code, 1, err)
        eq(json.dumps(got, sort_keys=True), json.dumps(want, sort_keys=True), "check --claims through the index")
        # without the index the whole file is read, and the spoiled line is an error that names it
        os.rename(store + ".idx", store + ".old")
        code, _, err = run("check", "--claims", store, os.path.join(d, "new.md"))
        eq(code, 2, "a spoiled claims file")
        assert "archive.jsonl:" in err and "expected one JSON object a line" in err, err
        # an index of another file (the sizes differ) is not trusted: the file is read whole
        os.rename(store + ".old", store + ".idx")
        open(store, "w", encoding="utf-8").write(spoiled + "\n")
        eq(run("check", "--claims", store, os.path.join(d, "new.md"))[0], 2, "a stale index is not used")


@test
def check_claims_through_the_index_equals_check_new_in_every_format():
    """The index answers check --claims without the claims' JSON and without matching the archive
    again (it stores the archive's own findings): every report is still check --new's, whether the
    new articles join a consensus, break it, lower a running total or touch nothing stored."""
    with tempfile.TemporaryDirectory() as d:
        new = os.path.join(d, "new")
        os.mkdir(new)
        _write(new, "a.md", "---\ndate: 2025-05-06\n---\nUkrainian units still hold close to a third of the Donetsk "
                            "region, a monitor said, deep into the 40-month war.\n")
        _write(new, "b.md", "---\ndate: 2025-09-02\n---\nKremlin losses have climbed to roughly 300,000 killed and "
                            "wounded, by one count. Officials met for a two-hour session of talks.\n")
        _write(new, "c.md", "---\ndate: 2025-09-03\n---\nA new poll of farmers in Bavaria was published.\n")
        _write(new, "d.md", "---\ndate: 2025-09-04\n---\nOn Monday, Sept. 2, 2025, the envoys flew home.\n")
        store = os.path.join(d, "cases.jsonl")
        _extract(store, "corpus/cases")
        for news in (["a.md"], ["b.md"], ["c.md"], ["d.md"], ["a.md", "b.md", "c.md", "d.md"]):
            paths = [os.path.join(new, x) for x in news]
            for f in _FORMATS:
                c1, o1, e1 = run("check", "--format", f, "corpus/cases", *[a for p in paths for a in ("--new", p)])
                c2, o2, e2 = run("check", "--format", f, "--claims", store, *paths)
                eq(c2, c1, f"{news} {f}: exit code ({e2[-300:]})")
                assert o1 == o2, f"{news}: {f} report differs:\n  --new:    {o1[:600]!r}\n  --claims: {o2[:600]!r}"
        # the archive's own findings are all out of scope: none is shown for an article that adds nothing
        code, r, _ = check_json("--claims", store, os.path.join(new, "c.md"))
        eq((code, len(r["contradictions"])), (0, 0), "nothing new, nothing shown")
        # two claims files: their findings together are not each one's; the same report all the same
        seeds = os.path.join(d, "seeds.jsonl")
        _extract(seeds, "corpus/seeds")
        paths = [os.path.join(new, "a.md"), os.path.join(new, "b.md")]
        _, o1, _ = run("check", "corpus/cases", "corpus/seeds", *[a for p in paths for a in ("--new", p)])
        _, o2, _ = run("check", "--claims", store, "--claims", seeds, *paths)
        eq(o2, o1, "two claims files")


@test
def a_damaged_index_is_an_error_that_names_it():
    with tempfile.TemporaryDirectory() as d:
        _write(d, "a.md", "---\ndate: 2025-06-01\n---\nKyiv's forces hold about 30% of the Donetsk region.\n")
        _write(d, "new.md", "---\ndate: 2025-06-03\n---\nUkrainian troops hold about 60% of Donetsk oblast.\n")
        store = os.path.join(d, "a.jsonl")
        _extract(store, os.path.join(d, "a.md"))
        idx = open(store + ".idx", "rb").read()
        # cut short: its table is gone
        open(store + ".idx", "wb").write(idx[:len(idx) // 2])
        code, _, err = run("check", "--claims", store, os.path.join(d, "new.md"))
        eq(code, 2, "a damaged index")
        assert "a.jsonl.idx: error: a damaged index" in err and "extract the articles again" in err, err
        # a claim's bytes spoiled (its kind out of range): an error too, never a wrong reading
        i = idx.index(b"Kyiv")
        spoiled = bytearray(idx)
        for k in range(i + 40, min(i + 400, len(idx) - 200)):
            spoiled[k] = 0xff
        open(store + ".idx", "wb").write(bytes(spoiled))
        code, _, err = run("check", "--claims", store, os.path.join(d, "new.md"))
        eq(code, 2, f"a spoiled claim in the index: {err}")
        assert "a.jsonl.idx: error: a damaged index" in err, err


@test
def a_stored_claim_whose_span_is_out_of_order_is_refused():
    """A claims file from elsewhere may be spoiled: a quote ending before it starts would send the
    HTML report outside the stored sentence; it is an error naming the file instead."""
    with tempfile.TemporaryDirectory() as d:
        _write(d, "a.md", "---\ndate: 2025-06-01\n---\nKyiv's forces hold about 30% of the Donetsk region.\n")
        store = os.path.join(d, "a.jsonl")
        _extract(store, os.path.join(d, "a.md"))
        lines = open(store, encoding="utf-8").read().splitlines()
        k = next(i for i, l in enumerate(lines) if '"span":[' in l)
        rec = json.loads(lines[k])
        s = rec["x"]["span"]
        rec["x"]["span"] = [s[1], s[0], s[2], s[3]]
        lines[k] = json.dumps(rec, separators=(",", ":"))
        open(store, "w", encoding="utf-8").write("\n".join(lines) + "\n")
        os.remove(store + ".idx")  # (an index is trusted on the file's size, which this edit may keep)
        code, _, err = run("compare", "--format", "html", store)
        eq(code, 2, f"a spoiled span: {err}")
        assert "a.jsonl:" in err and "span out of order" in err, err
