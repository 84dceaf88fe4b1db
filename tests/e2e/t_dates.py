# End-to-end: publication dates read from pages, and the claims of an undated
# article that need a date listed as unanchored in every format.
# (Executed by run.py, which provides run, check_json, eq and test.)

UNDATED = (
    "Notes from the front\n\n"
    "Ukrainian forces still hold about 30% of the Donetsk region, officials said.\n"
    "Russian losses have passed 900,000 killed and wounded, according to Kyiv.\n"
    "The 40-month war shows no sign of ending.\n"
    "Envoys met at the Kremlin on Thursday.\n"
    "Moscow's full-scale invasion of Ukraine began on Feb. 24, 2022.\n"
)
DATED = (
    "---\ndate: 2025-06-10\n---\n"
    "Ukraine holds roughly 30 percent of Donetsk oblast, analysts estimate.\n"
    "Russian casualties stand at more than 950,000 killed and wounded.\n"
)
NEED_DATE = ("about 30% of the Donetsk region", "900,000", "40-month war", "Thursday")


def _undated_corpus():
    d = tempfile.mkdtemp()
    with open(os.path.join(d, "a_undated.txt"), "w", encoding="utf-8") as f:
        f.write(UNDATED)
    with open(os.path.join(d, "b_dated.md"), "w", encoding="utf-8") as f:
        f.write(DATED)
    return d


@test
def undated_claims_are_listed_in_every_format():
    d = _undated_corpus()
    try:
        # JSON: every date-dependent claim of the undated article, with why
        code, rep, _ = check_json(d)
        un = rep["unanchored"]
        for need in NEED_DATE:
            hits = [c for c in un if need in c["text"]]
            assert hits, f"{need!r} not listed as unanchored: {[c['text'] for c in un]}"
            assert hits[0]["why_unanchored"], hits[0]
        # the start date written as a date needs none: it is compared, not listed
        assert not [c for c in un if "Feb. 24, 2022" in c["text"]], un
        eq(rep["summary"]["unanchored"], len(un))
        assert len(un) >= len(NEED_DATE), un
        # text
        code, out, _ = run("check", d)
        tail = out.split("unanchored claims", 1)
        assert len(tail) == 2, out[-600:]
        for need in NEED_DATE:
            assert need in tail[1], (need, tail[1][:800])
        assert "gives no date" in tail[1] or "gives none" in tail[1], tail[1][:400]
        # SARIF: a note per claim, at the claim
        code, out, _ = run("check", "--format", "sarif", d)
        notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        notes = [n for n in notes if n.get("descriptor", {}).get("id") == "unanchored"]
        for need in NEED_DATE:
            hit = [n for n in notes if need in n["message"]["text"]]
            assert hit, (need, [n["message"]["text"][:80] for n in notes])
            loc = hit[0]["locations"][0]["physicalLocation"]
            assert loc["artifactLocation"]["uri"].endswith("a_undated.txt"), loc
            assert loc["region"]["startLine"] >= 3, loc
        # HTML: a section that names each
        code, out, _ = run("check", "--format", "html", d)
        sec = out.split('id="unanchored"', 1)
        assert len(sec) == 2, "no unanchored section in the HTML report"
        for need in NEED_DATE:
            assert need.replace("'", "&#39;") in sec[1] or need in sec[1], need
        # --fail-on-undated turns them into a failing gate
        code0, _, _ = run("check", "--fail-on", "never", d)
        code1, _, _ = run("check", "--fail-on", "never", "--fail-on-undated", d)
        eq((code0, code1), (0, 1))
        # dated, the same claims are compared and nothing is listed
        code, rep, _ = check_json("--date", "2025-06-11", d)
        eq(rep["unanchored"], [])
        code1, _, _ = run("check", "--fail-on", "never", "--fail-on-undated", "--date", "2025-06-11", d)
        eq(code1, 0)
    finally:
        shutil.rmtree(d)


@test
def page_dates_name_their_line_and_context():
    d = tempfile.mkdtemp()
    try:
        pages = {
            "a.txt": ("Talks stall\n\nBy Ana Lima | March 4, 2025\n\nThe envoys left.\n", "2025-03-04", "byline"),
            "b.txt": ("KYIV, Feb 25, 2025 (Reuters) - The council met.\n", "2025-02-25", "wire dateline"),
            "c.txt": ("Today: May 10, 2025\nWorld\nRussia marks Victory Day\n", None, None),
            "d.txt": ("Feb 11 (Reuters) - Officials said.\n\nA photo from February 10, 2023. REUTERS/Staff\n",
                      "2023-02-11", "year inferred"),
        }
        for name, (text, _, _) in pages.items():
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
        _, rep, _ = check_json(d)
        docs = {os.path.basename(x["path"]): x for x in rep["documents"]}
        for name, (_, date, ctx) in pages.items():
            eq(docs[name]["date"], date, name)
            if ctx:
                src = docs[name]["date_source"]
                assert src.startswith("page ") and ctx in src, (name, src)
    finally:
        shutil.rmtree(d)


@test
def a_figure_stated_for_an_earlier_time_is_compared_then():
    d = tempfile.mkdtemp()
    try:
        # March: a holding stated for October, beside a current one in another clause
        _write(d, "march.md", "---\ndate: 2025-03-12\n---\n"
               "Moscow held 50% of the Kherson region in October; it now controls about 72% of the region.\n")
        _write(d, "now.md", "---\ndate: 2025-03-10\n---\nRussian troops control about 72% of Kherson oblast.\n")
        code, out, _ = run("extract", d)
        claims = {c["text"]: c for c in map(json.loads, out.splitlines()) if "subject" in c}
        old = [c for t, c in claims.items() if "50%" in t]
        assert old and old[0]["as_of"] == {"low": "2024-10-01", "high": "2024-10-31"}, old
        cur = [c for t, c in claims.items() if "72%" in t and c["path"].endswith("march.md")]
        assert cur and cur[0]["as_of"] is None, cur
        # October's 50% is not compared with March's 72%
        code, rep, _ = check_json(d)
        eq(rep["contradictions"], [], "no finding across five months")
        # an October article that says 70% is compared with it, and the report says when
        _write(d, "october.md", "---\ndate: 2024-10-20\n---\nRussia controls roughly 70% of the Kherson region.\n")
        code, rep, _ = check_json(d)
        f = [x for x in rep["contradictions"] if any("50%" in c["text"] for c in x["claims"])]
        assert f and any(c["path"].endswith("october.md") for c in f[0]["claims"]), rep["contradictions"]
        code, out, _ = run("check", d)
        assert "stated for 2024-10," in out, out
    finally:
        shutil.rmtree(d)
