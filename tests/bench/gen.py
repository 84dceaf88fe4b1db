#!/usr/bin/env python3
"""Deterministic generator of a news-like corpus for benchmarks.

usage: gen.py OUTDIR MEGABYTES [--seed N]

Writes articles of 2-20 KB (ordinary prose with claims of every shipped kind
in varied phrasings, datelines, front matter on some) into OUTDIR/NNN/*.txt|md
with a manifest.tsv per folder for some of them. The same seed and size give
the same bytes."""
import argparse, datetime, os, random, zlib

ap = argparse.ArgumentParser()
ap.add_argument("outdir")
ap.add_argument("megabytes", type=float)
ap.add_argument("--seed", type=int, default=20260123)
a = ap.parse_args()
R = random.Random(a.seed)

WORDS = ("government officials said the talks would continue next week while analysts warned that the "
         "economy remained fragile after months of uncertainty and the ministry declined to comment on "
         "reports that negotiations had stalled over security guarantees energy supplies reconstruction "
         "funding sanctions relief grain exports shipping lanes air defence systems and the future of "
         "occupied territories residents described long queues power cuts and rising prices in markets "
         "across the region where volunteers delivered food water and medicine to families who stayed").split()
PLACES = ["the Kremlin", "the White House", "Abu Dhabi", "Geneva", "Istanbul", "Riyadh"]
REGIONS = ["Donetsk oblast", "the Donetsk region", "Luhansk", "Zaporizhzhia", "Kherson region", "Kharkiv"]
OUTLETS = ["Wire service", "Regional daily", "Weekly magazine", "Broadcaster", "Policy quarterly", "Blog"]
HEDGES = ["about", "around", "roughly", "nearly", "almost", "more than", "at least", "some", "an estimated", ""]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def prose(n):
    out = []
    for _ in range(n):
        k = R.randint(8, 24)
        s = " ".join(R.choice(WORDS) for _ in range(k))
        out.append(s[0].upper() + s[1:] + R.choice([".", ".", ".", "?", "!"]))
    return " ".join(out)


def hedge():
    h = R.choice(HEDGES)
    return h + " " if h else ""


START = datetime.date(2022, 2, 24)
AREAS = {"Donetsk oblast": 26517, "the Donetsk region": 26517, "Luhansk": 26684, "Zaporizhzhia": 27180,
         "Kherson region": 28461, "Kharkiv": 31415}
SHARE0 = {26517: 30, 26684: 3, 27180: 26, 28461: 27, 31415: 95}


def wrong():
    """About 3% of claims are wrong: the contradictions to find."""
    return R.random() < 0.03


def truth_share(area, date):
    # Ukrainian-held share drifts down a little over the months
    return max(1.0, SHARE0[area] - (date - datetime.date(2025, 1, 1)).days / 60.0)


def claim(date):
    age_days = (date - START).days
    t = R.randrange(12)
    if t == 0:
        months = age_days * 12 // 365 + (R.choice([-14, 9]) if wrong() else 0)
        return f"This is the {months}-month war in Ukraine, {R.choice(['officials', 'diplomats'])} said."
    if t == 1:
        years = age_days / 365.0
        if wrong():
            years += R.choice([-1.5, 1.5])
        w = ["two", "three", "four", "five", "six"]
        if years - int(years) > 0.6:
            return f"The conflict in Ukraine is {R.choice(['nearly', 'almost'])} {w[int(years) - 1]} years into the fighting."
        return f"After {R.choice(['more than ', 'over ', ''])}{w[int(years) - 2]} years of war, Kyiv is exhausted."
    if t == 2:
        region = R.choice(list(AREAS))
        share = truth_share(AREAS[region], date) * (R.choice([0.4, 2.0]) if wrong() else R.uniform(0.95, 1.05))
        return f"Ukrainian forces hold {R.choice(['about', 'around', 'roughly', 'some'])} {round(share)}% of {region}, analysts estimate."
    if t == 3:
        region = R.choice(list(AREAS))
        area = AREAS[region] * truth_share(AREAS[region], date) / 100 * (0.4 if wrong() else R.uniform(0.95, 1.05))
        return f"In {region}, where {R.choice(['about', 'roughly', 'some'])} {round(area, -2):,.0f} square kilometres remain under Ukrainian control, shelling continued."
    if t == 4:
        total = 800000 + (date - datetime.date(2025, 1, 1)).days * 1100
        if wrong():
            total //= 2
        return f"Russian casualties {R.choice(['have reached', 'now stand at', 'exceeded'])} {total // 50000 * 50000:,} killed and wounded, the assessment said."
    if t == 5:
        place = R.choice(PLACES)
        week = date.toordinal() // 7
        day = datetime.date.fromordinal(week * 7 + (zlib.crc32(place.encode()) % 3))  # one meeting per place and week
        if day > date:
            day -= datetime.timedelta(days=7)
        if wrong():
            day -= datetime.timedelta(days=1)
        name = day.strftime("%A") if (date - day).days < 6 else f"last {day.strftime('%A')}"
        return f"{name}'s meeting at {place} ended without agreement." if not name.startswith("last") else f"The meeting at {place} was held {name}."
    if t == 6:
        hours = 2 + date.toordinal() % 4 + (3 if wrong() else 0)
        return f"After {R.choice(['about ', 'more than ', 'nearly ', ''])}{['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][hours - 2]} hours of talks, the envoys left."
    if t == 7:
        return f"Around ${50 if wrong() else 5} billion in Russian assets frozen in the United States could be released."
    if t == 8:
        return f"Russia launched its full-scale invasion of Ukraine in February 2022, and Moscow annexed four regions in September 2022."
    if t == 9:
        d = date - datetime.timedelta(days=R.randint(1, 5))
        wd = (d + datetime.timedelta(days=1)).strftime('%A') if wrong() else d.strftime('%A')
        return f"The talks ended on {wd} ({d.strftime('%b')} {d.day}) without a breakthrough."
    if t == 10:
        civ = 12000 + (date - datetime.date(2025, 1, 1)).days * 5
        return f"The war in Ukraine has killed {R.choice(['more than', 'at least'])} {civ // 100 * 100:,} civilians, the UN says."
    return f"Russia is losing {R.randint(800, 1500)} troops a day, and prices rose {R.randint(2, 9)}.{R.randint(0, 9)}% in {R.choice(MONTHS)}."


def article(i, date):
    size = R.randint(2000, 20000)
    parts = []
    kind = R.randrange(4)
    if kind == 0:
        parts.append(f"---\ndate: {date.isoformat()}\nsource: {R.choice(OUTLETS)}\n---\n")
    elif kind == 1:
        parts.append(f"KYIV, {date.strftime('%b')} {date.day}, {date.year} (Reuters) - ")
    elif kind == 2:
        parts.append(f"{date.strftime('%b')} {date.day}, {date.year} · {R.randint(2, 9)} min read\n\n")
    body = 0
    while body < size:
        p = prose(R.randint(2, 6))
        if R.random() < 0.6:
            p += " " + claim(date)
        parts.append(p + "\n\n")
        body += len(p) + 2
    return "".join(parts)


total = int(a.megabytes * 1024 * 1024)
written = 0
n = 0
base = datetime.date(2025, 1, 1)
os.makedirs(a.outdir, exist_ok=True)
manifest = {}
while written < total:
    folder = os.path.join(a.outdir, f"{n // 500:03d}")
    os.makedirs(folder, exist_ok=True)
    date = base + datetime.timedelta(days=R.randint(0, 400))
    ext = ".md" if R.random() < 0.2 else ".txt"
    name = f"a{n:06d}{ext}"
    text = article(n, date)
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        f.write(text)
    if text[:3] not in ("---", "KYI") and "min read" not in text[:80]:
        manifest.setdefault(folder, []).append(f"{name}\t{date.isoformat()}\t{R.choice(OUTLETS)}\n")
    written += len(text.encode("utf-8"))
    n += 1
for folder, rows in manifest.items():
    with open(os.path.join(folder, "manifest.tsv"), "w") as f:
        f.write("path\tdate\tsource\n" + "".join(rows))
print(f"{n} articles, {written / 1048576:.1f} MB in {a.outdir}")
