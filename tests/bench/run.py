#!/usr/bin/env python3
"""claimcheck benchmark: prints figures, fails on nothing.

For a 10 MB and a 100 MB generated corpus (tests/bench/gen.py, seeded,
cached under build/bench/), and for 1 and 2 threads: median wall time of
several runs, MB/s, claims/s, documents/s, peak RSS (from wait4), and the
median time of the reference pass `grep -ciP '<numeric triggers>'` over the
same files in the same run, with the ratio. Also the 100 MB / 10 MB time
ratio and the 2-thread speed-up. The runs are interleaved in rounds (for
each corpus: grep, one thread, two threads), so the ratios compare runs
made under the same conditions."""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ap = argparse.ArgumentParser()
ap.add_argument("--bin", default=os.path.join(ROOT, "build", "claimcheck"))
ap.add_argument("--sizes", default="10,100")
ap.add_argument("--runs", type=int, default=7)
ap.add_argument("--base", help="another build's binary (the commit a change started from), run one thread in the "
                "same rounds: the ratio of the two is printed")
ap.add_argument("--base-rules", help="the rules folder for --base (its own, not this tree's)")
a = ap.parse_args()

NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|"
                "seventy|eighty|ninety|hundred|thousand|million|billion|dozens?|half|third|quarter|fifth")
GREP = r"\d|\b(?:%s)\b" % NUMBER_WORDS


def corpus(mb):
    d = os.path.join(ROOT, "build", "bench", f"c{mb}")
    stamp = os.path.join(d, ".done")
    if not os.path.exists(stamp):
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "gen.py"), d, str(mb)], check=True)
        open(stamp, "w").write("ok\n")
    files, size = [], 0
    for base, _, names in os.walk(d):
        for n in names:
            if n.endswith((".txt", ".md")):
                p = os.path.join(base, n)
                files.append(p)
                size += os.path.getsize(p)
    return d, sorted(files), size


def small_corpus(mb, dated, piece=1600):
    """The same text as the mb corpus cut into articles of about `piece` bytes (at paragraph
    ends), each dated and sourced by a manifest row with its whole's date (dated: path -> (date,
    source) as a check of the whole found them): what many small articles cost beside a few
    larger ones."""
    src, _, _ = corpus(mb)
    d = os.path.join(ROOT, "build", "bench", f"c{mb}-small")
    stamp = os.path.join(d, ".done")
    if not os.path.exists(stamp):
        for sub in sorted(os.listdir(src)):
            sd = os.path.join(src, sub)
            if not os.path.isdir(sd):
                continue
            od = os.path.join(d, sub)
            os.makedirs(od, exist_ok=True)
            head = "path\tdate\tsource\n"
            out_rows = []
            for name in sorted(os.listdir(sd)):
                if not name.endswith((".txt", ".md")):
                    continue
                text = open(os.path.join(sd, name), encoding="utf-8").read()
                pieces, cur = [], ""
                for para in text.split("\n\n"):
                    cur = cur + "\n\n" + para if cur else para
                    if len(cur.encode()) >= piece:
                        pieces.append(cur)
                        cur = ""
                if cur:
                    pieces.append(cur)
                stem, ext = os.path.splitext(name)
                for k, ptext in enumerate(pieces):
                    pn = f"{stem}_{k:02d}{ext}"
                    with open(os.path.join(od, pn), "w", encoding="utf-8") as f:
                        f.write(ptext.rstrip("\n") + "\n")
                    date, source = dated.get(os.path.join(sd, name), ("", ""))
                    if date:
                        out_rows.append("\t".join([pn, date, source or ""]))
            with open(os.path.join(od, "manifest.tsv"), "w", encoding="utf-8") as m:
                m.write(head + "".join(r + "\n" for r in out_rows))
        open(stamp, "w").write("ok\n")
    files, size = [], 0
    for base, _, names in os.walk(d):
        for n in names:
            if n.endswith((".txt", ".md")):
                files.append(os.path.join(base, n))
                size += os.path.getsize(os.path.join(base, n))
    return d, sorted(files), size


CPU = {}  # per command line: the child's processor seconds (user + system), run by run


def timed(cmd, stdout=subprocess.DEVNULL):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    CPU.setdefault(tuple(cmd), []).append(ru.ru_utime + ru.ru_stime)
    return time.perf_counter() - t0, ru.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


# every corpus first, with its summary (read in another process: a large
# report loaded here would be counted in the peak RSS of later children)
corpora = {}
for mb in [int(x) for x in a.sizes.split(",")]:
    d, files, size = corpus(mb)
    out = os.path.join(ROOT, "build", "bench", f"out{mb}.json")
    subprocess.run([a.bin, "check", "-j", "1", "--format", "json", "-o", out, d], stderr=subprocess.DEVNULL)
    summ = json.loads(subprocess.run([sys.executable, "-c", "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['summary']))",
                                      out], capture_output=True, text=True, check=True).stdout)
    corpora[mb] = (d, size, summ)

# the smallest corpus again, cut into articles of about 1.6 KB
small_mb = min(corpora)
# (read in another process, as the summaries are: only the dates come back)
dates = json.loads(subprocess.run([sys.executable, "-c", "import json,sys,os; print(json.dumps({os.path.normpath(x['path']):"
                                   " (x.get('date'), x.get('source')) for x in json.load(open(sys.argv[1]))['documents']}))",
                                   os.path.join(ROOT, "build", "bench", f"out{small_mb}.json")],
                                  capture_output=True, text=True, check=True).stdout)
sd, sfiles, ssize = small_corpus(small_mb, dates)
sout = os.path.join(ROOT, "build", "bench", f"out{small_mb}-small.json")
subprocess.run([a.bin, "check", "-j", "1", "--format", "json", "-o", sout, sd], stderr=subprocess.DEVNULL)
ssumm = json.loads(subprocess.run([sys.executable, "-c", "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['summary']))",
                                   sout], capture_output=True, text=True, check=True).stdout)
small_times, small_base = [], []

# Each round runs, for every corpus, grep, one thread and two threads back
# to back, so a slow spell of a shared machine weighs on every figure
# alike and the ratios (threads, scaling, grep) compare like with like.
greps = {mb: [] for mb in corpora}
times = {(mb, t): [] for mb in corpora for t in (1, 2)}
base_times = {mb: [] for mb in corpora}
rss = {(mb, t): [] for mb in corpora for t in (1, 2)}
for _ in range(a.runs):
    for mb, (d, size, summ) in corpora.items():
        t, _, _ = timed(["grep", "-ciP", GREP, "-r", "--include=*.txt", "--include=*.md", d])
        greps[mb].append(t)
        for threads in (1, 2):
            t, m, code = timed([a.bin, "check", "-j", str(threads), "--format", "json", "-o", "/dev/null", d])
            if code not in (0, 1):
                sys.exit(f"claimcheck exited {code}")
            times[(mb, threads)].append(t)
            rss[(mb, threads)].append(m)
        if a.base:
            cmd = [a.base, "check", "-j", "1", "--format", "json", "-o", "/dev/null", d]
            if a.base_rules:
                cmd[2:2] = ["--rules", a.base_rules]
            t, _, code = timed(cmd)
            if code not in (0, 1):
                sys.exit(f"the --base build exited {code}")
            base_times[mb].append(t)
    t, _, code = timed([a.bin, "check", "-j", "1", "--format", "json", "-o", "/dev/null", sd])
    if code not in (0, 1):
        sys.exit(f"claimcheck exited {code} on the small articles")
    small_times.append(t)
    if a.base:
        cmd = [a.base, "check", "-j", "1", "--format", "json", "-o", "/dev/null", sd]
        if a.base_rules:
            cmd[2:2] = ["--rules", a.base_rules]
        small_base.append(timed(cmd)[0])

results = {}
print(f"{'corpus':>8} {'thr':>3} {'wall s':>8} {'MB/s':>8} {'claims/s':>10} {'docs/s':>8} {'RSS MB':>7}"
      f" {'grep s':>7} {'ratio':>6}")
for mb, (d, size, summ) in corpora.items():
    g = statistics.median(greps[mb])
    for threads in (1, 2):
        t = statistics.median(times[(mb, threads)])
        results[(mb, threads)] = t
        print(f"{mb:>6}MB {threads:>3} {t:>8.3f} {size / 1048576 / t:>8.1f} {summ['claims'] / t:>10.0f}"
              f" {summ['documents'] / t:>8.0f} {max(rss[(mb, threads)]):>7.1f} {g:>7.3f} {t / g:>6.2f}")
    print(f"{'':>8} {summ['documents']} documents, {summ['claims']} claims, {summ['contradictions']} contradictions,"
          f" {size / 1048576:.1f} MB")
ts = statistics.median(small_times)
print(f"{small_mb:>4}MB/s {1:>3} {ts:>8.3f} {ssize / 1048576 / ts:>8.1f} {ssumm['claims'] / ts:>10.0f}"
      f" {ssumm['documents'] / ts:>8.0f}")
print(f"{'':>8} {ssumm['documents']} documents of about 1.6 KB (the {small_mb} MB text cut at paragraph ends), "
      f"{ssumm['claims']} claims, {ssumm['contradictions']} contradictions")
print(f"small articles: {ssize / 1048576 / ts:.1f} MB/s against {corpora[small_mb][1] / 1048576 / results[(small_mb, 1)]:.1f} MB/s"
      f" for the same text in {corpora[small_mb][2]['documents']} articles (one thread)")
# processor time as well: on a shared machine other work stretches the wall clock of some runs,
# while the processor seconds of one thread count only its own work
cs = statistics.median(CPU[(a.bin, "check", "-j", "1", "--format", "json", "-o", "/dev/null", sd)])
cl = statistics.median(CPU[(a.bin, "check", "-j", "1", "--format", "json", "-o", "/dev/null", corpora[small_mb][0])])
print(f"small articles, processor time: {ssize / 1048576 / cs:.1f} MB/s against {corpora[small_mb][1] / 1048576 / cl:.1f}"
      f" MB/s ({cs:.3f} s against {cl:.3f} s of user + system time, one thread)")
if a.base:
    print(f"base: one thread on the small articles {ts:.3f} s against {statistics.median(small_base):.3f} s:"
          f" {ts / statistics.median(small_base):.2f}x")
sizes = sorted({k[0] for k in results})
if len(sizes) >= 2:
    lo, hi = sizes[0], sizes[-1]
    print(f"scaling: {hi} MB takes {results[(hi, 1)] / results[(lo, 1)]:.2f}x the time of {lo} MB (1 thread)")
for mb in sizes:
    print(f"threads: 2 threads are {results[(mb, 1)] / results[(mb, 2)]:.2f}x one thread on {mb} MB")
if a.base:
    for mb in sizes:
        b = statistics.median(base_times[mb])
        print(f"base: one thread on {mb} MB {results[(mb, 1)]:.3f} s against {b:.3f} s for {a.base}:"
              f" {results[(mb, 1)] / b:.2f}x")

# A stored archive (issue 14): the largest corpus extracted once (claims
# file and index), then one new article checked against it (check --claims)
# and, for comparison, the whole archive re-checked with the article as
# --new; one thread each, in the same rounds. The first article touches the
# archive's largest subjects (the war's start, Donetsk's share), the second
# only casualty counts.
big = max(corpora)
bdir = corpora[big][0]
ndir = os.path.join(ROOT, "build", "bench", "new")
os.makedirs(ndir, exist_ok=True)
news = {
    "war": "---\ndate: 2026-02-10\n---\nUkraine's army still holds about a quarter of Donetsk oblast as the war "
           "nears the end of its fourth year, a think tank reported.\n",
    "casualties": "---\ndate: 2026-02-11\n---\nMore than 12,000 civilians have been killed in Ukraine, "
                  "monitors say.\n",
}
for name, text in news.items():
    with open(os.path.join(ndir, name + ".md"), "w", encoding="utf-8") as f:
        f.write(text)


def extract_store(binary, rules, out):
    """extract -o OUT of the archive: its time and peak RSS, or None when binary cannot (an older build)."""
    cmd = [binary, "extract", "-j", "1", "-o", out, bdir]
    if rules:
        cmd[2:2] = ["--rules", rules]
    t, m, code = timed(cmd)
    return (t, m) if code in (0, 3) else None


store = os.path.join(ROOT, "build", "bench", f"c{big}.claims.jsonl")
ex = extract_store(a.bin, None, store)
if not ex:
    sys.exit("claimcheck extract failed on the archive")
t_ex, m_ex = ex
base_store = os.path.join(ROOT, "build", "bench", f"c{big}.base.claims.jsonl")
base_stores = bool(a.base) and extract_store(a.base, a.base_rules, base_store) is not None
stored = {n: [] for n in news}
stored_base = {n: [] for n in news}
recheck = []
for _ in range(a.runs):
    for name in news:
        art = os.path.join(ndir, name + ".md")
        t, m, code = timed([a.bin, "check", "-j", "1", "--format", "json", "-o", "/dev/null", "--claims", store, art])
        if code not in (0, 1):
            sys.exit(f"check --claims exited {code}")
        stored[name].append((t, m))
        if base_stores:
            cmd = [a.base, "check", "-j", "1", "--format", "json", "-o", "/dev/null", "--claims", base_store, art]
            if a.base_rules:
                cmd[2:2] = ["--rules", a.base_rules]
            t, _, code = timed(cmd)
            if code in (0, 1):
                stored_base[name].append(t)
            else:  # a build that cannot check against stored claims
                base_stores = False
    t, _, code = timed([a.bin, "check", "-j", "1", "--format", "json", "-o", "/dev/null", bdir,
                        "--new", os.path.join(ndir, "war.md")])
    if code not in (0, 1):
        sys.exit(f"check --new exited {code}")
    recheck.append(t)
# the same report either way (checked once, outside the timings)
for name in news:
    art = os.path.join(ndir, name + ".md")
    one = subprocess.run([a.bin, "check", "-j", "1", "--format", "json", "--claims", store, art], capture_output=True).stdout
    two = subprocess.run([a.bin, "check", "-j", "1", "--format", "json", bdir, "--new", art], capture_output=True).stdout
    if one != two:
        sys.exit(f"check --claims and check --new disagree on {name}.md")
tr = statistics.median(recheck)
print(f"stored archive: extract of {big} MB {t_ex:.2f} s, {m_ex:.0f} MB peak; claims file "
      f"{os.path.getsize(store) / 1048576:.0f} MB, index {os.path.getsize(store + '.idx') / 1048576:.0f} MB; "
      f"re-checking it with one new article (check --new) {tr:.3f} s")
for name in news:
    ts_ = statistics.median(x[0] for x in stored[name])
    line = (f"stored archive: one new article ({name}) by check --claims {ts_:.3f} s, "
            f"{max(x[1] for x in stored[name]):.0f} MB peak: {100 * ts_ / tr:.1f}% of re-checking (one thread)")
    if base_stores:
        line += f"; {a.base} {statistics.median(stored_base[name]):.3f} s"
    print(line)
