# End-to-end: saved web pages (.html, .htm) read like articles (issue: archives as newsrooms keep them).
# (Executed by run.py, which provides run, check_json, eq and test.) The pages are written here in
# the shapes news sites use: a header menu, the story in <article>, a byline with <time>, figures
# with captions, a related-stories aside, a footer; none is a copy of a real page.

_STORY = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Front line shifts near Pokrovsk | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2025-06-02T08:15:00+00:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "datePublished":"2025-06-01T21:40:00Z","publisher":{"@type":"Organization","name":"Ledger Media Group"}}</script>
<script>var views = "40% of Donetsk held";</script>
</head>
<body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | 24 hours of news | Top 10 stories</nav></header>
<main>
<article>
<h1>Front line shifts near Pokrovsk</h1>
<p class="byline">By Olena Marchuk &middot; <time datetime="2025-05-30">May 30</time></p>
<p>Ukrainian forces hold about 30% of the Donetsk region, military analysts said,
after three years of fighting that has emptied whole towns.</p>
<figure><img src="x.jpg" alt=""><figcaption>Russian troops hold 99% of the town, the caption says.</figcaption></figure>
<p>Russia&#8217;s war, now in its fourth year, has cost Moscow more than 700,000 soldiers killed and wounded &ndash; a figure Kyiv repeats.</p>
</article>
<aside><h2>Related</h2><ul><li><article>Russian forces control 90% of Luhansk, says one report</article></li></ul></aside>
</main>
<footer>&copy; 2025 The Daily Ledger. Offices in 40% of the world's capitals.</footer>
</body>
</html>
"""


def _claims(*paths):
    code, out, err = run("extract", *paths)
    assert code in (0, 1), err
    return [json.loads(l) for l in out.splitlines() if '"subject"' in l]


def _at(text, word):
    """Line and column (1-based) of word's first occurrence in text."""
    for i, l in enumerate(text.split("\n")):
        if word in l:
            return i + 1, l.index(word) + 1
    raise AssertionError(word)


@test
def a_page_is_read_like_an_article_and_its_claims_point_into_the_html():
    d = tempfile.mkdtemp()
    try:
        p = os.path.join(d, "story.html")
        _write(d, "story.html", _STORY)
        cs = _claims(p)
        # the story's claims, and none from the menu, the caption, the related list, the footer or a script
        eq(sorted(c["subject"] for c in cs), ["casualties.russia.military.killed_wounded",
                                              "territory.donetsk.held_by.ukraine", "war.russia-ukraine.start",
                                              "war.russia-ukraine.start"])
        by = {c["text"]: c for c in cs}
        share = by["Ukrainian forces hold about 30% of the Donetsk region"]
        eq((share["line"], share["column"]), _at(_STORY, "Ukrainian forces hold"))
        # after an entity (&#8217;) the columns are still the file's
        war = by["war, now in its fourth year"]
        eq((war["line"], war["column"]), _at(_STORY, "war, now"))
        toll = [c for c in cs if c["subject"].startswith("casualties")][0]
        eq((toll["line"], toll["column"]), _at(_STORY, "Moscow more"))
        # the date from JSON-LD (above the meta tag and the byline's <time>), the outlet from og:site_name
        code, rep, _ = check_json(d)
        doc = rep["documents"][0]
        eq(doc["date"], "2025-06-01")
        assert "JSON-LD datePublished" in doc["date_source"], doc
        eq(doc["source"], "The Daily Ledger")
        # explain on a line of the page: the page's date, the claim at the page's own line and column
        line, col = _at(_STORY, "Ukrainian forces hold")
        code, out, _ = run("explain", f"{p}:{line}")
        eq(code, 0)
        assert out.startswith("date: 2025-06-01 (the article's)"), out[:200]
        assert f"{line}:{col}: claim on territory.donetsk.held_by.ukraine" in out, out
        # SARIF and the text report name the HTML file's own line and column
        code, out, _ = run("check", "--format", "sarif", "--fail-on", "never", d)
        locs = [r["physicalLocation"] for r in json.loads(out)["runs"][0].get("results", [])
                for r in [r["locations"][0]]]
        assert all(l["artifactLocation"]["uri"].endswith("story.html") for l in locs), locs
    finally:
        shutil.rmtree(d)


@test
def each_date_source_of_a_page_is_read_in_its_rank():
    page = ("<html><head>{meta}</head><body><article><p class=byline>{time}</p>"
            "<p>Kyiv's forces hold about a fifth of the Donetsk region.</p></article></body></html>\n")
    cases = {
        "graph.html": (page.format(meta='<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},'
                                        '{"@type":"NewsArticle","datePublished":"2024-11-03"}]}</script>', time=""),
                       "2024-11-03", "JSON-LD"),
        "meta.htm": (page.format(meta='<meta name="pubdate" content="2024-10-09">',
                                 time='<time datetime="2024-10-01T10:00">Oct 1</time>'), "2024-10-09", "meta"),
        "time.html": (page.format(meta="", time='<time datetime="2024-09-12T07:30:00Z">12 Sep</time>'), "2024-09-12",
                      "time element"),
        "none.html": (page.format(meta="", time=""), None, None),
    }
    d = tempfile.mkdtemp()
    try:
        for name, (html, _, _) in cases.items():
            _write(d, name, html)
        code, rep, _ = check_json("--fail-on", "never", d)
        docs = {os.path.basename(x["path"]): x for x in rep["documents"]}
        for name, (_, date, how) in cases.items():
            eq(docs[name]["date"], date, name)
            if how:
                assert how in docs[name]["date_source"], (name, docs[name])
        # the undated page's share is listed as unanchored, not dropped
        assert any(u["path"].endswith("none.html") for u in rep.get("undated", rep.get("unanchored", []))), rep
        # --date and the manifest still rank above the page's metadata
        code, rep, _ = check_json("--fail-on", "never", "--date", "2025-01-01", os.path.join(d, "meta.htm"))
        eq(rep["documents"][0]["date"], "2025-01-01")
    finally:
        shutil.rmtree(d)


@test
def pages_in_other_charsets_and_broken_markup_are_read_as_browsers_read_them():
    d = tempfile.mkdtemp()
    try:
        cyr = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
               '<meta name="pubdate" content="2024-03-05"></head>\n<body><article><p>Киев — «Ukrainian forces hold '
               'about 25% of the Donetsk region», пишут аналитики.</p></article></body></html>\n')
        with open(os.path.join(d, "cp1251.html"), "wb") as f:
            f.write(cyr.encode("cp1251"))
        koi = ('<html><head><meta charset="koi8-r"></head>\n<body><main><p>Москва: Russian troops hold about 70% '
               'of the Luhansk region, the ministry says.</p></main></body></html>\n')
        with open(os.path.join(d, "koi8.htm"), "wb") as f:
            f.write(koi.encode("koi8_r"))
        # no <html>, unclosed paragraphs, a stray end tag, an unterminated comment-like text, entities
        broken = ("<p>Ukrainian forces hold about 30% of the Kherson region</div>\n<p>Russian troops hold roughly "
                  "40% of Zaporizhzhia oblast &amp; more<p>The 1,000-day war &lt;goes on&gt;<b><i>unclosed\n")
        _write(d, "broken.html", broken)
        cs = _claims("--date", "2024-03-05", d)
        got = {(os.path.basename(c["path"]), c["line"], c["column"]) for c in cs}
        assert ("cp1251.html", 2, cyr.split("\n")[1].index("Ukrainian") + 1) in got, got
        assert ("koi8.htm", 2, koi.split("\n")[1].index("Russian") + 1) in got, got
        assert ("broken.html", 1, 4) in got and ("broken.html", 2, 4) in got, got
        assert any(c["subject"] == "war.russia-ukraine.start" and os.path.basename(c["path"]) == "broken.html"
                   for c in cs), cs
    finally:
        shutil.rmtree(d)


@test
def a_folder_of_pages_is_checked_and_a_comment_in_the_html_suppresses():
    d = tempfile.mkdtemp()
    try:
        page = ('<html><head><meta property="article:published_time" content="{date}"></head><body><article>\n'
                '{supp}<p>Ukrainian forces hold about {share}% of the Donetsk region.</p>\n</article></body></html>\n')
        for name, date, share in (("a.html", "2025-06-01", 30), ("b.html", "2025-06-03", 31), ("c.htm", "2025-06-04", 70)):
            _write(d, name, page.format(date=date, share=share, supp=""))
        code, out, _ = run("check", d)
        eq(code, 1, out)
        assert "c.htm:2:4: error: [territory-share]" in out, out
        _write(d, "c.htm", page.format(date="2025-06-04", share=70,
                                       supp="<!-- claimcheck-disable-next-line territory-share -->\n"))
        code, out, _ = run("check", d)
        eq(code, 0, out)
    finally:
        shutil.rmtree(d)
