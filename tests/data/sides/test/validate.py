#!/usr/bin/env python3
"""Check gold.json in this folder (or the folder given as argument) against the article files.

Standard library only. Exits 1 and lists the problems if any check fails.
"""
import json, os, re, sys

SIDES = {
    "Syria": {"government", "opposition", "kurdish", "isis", "jihadist", "turkey", "coalition",
              "international", "civilian"},
    "Ukraine": {"russia", "ukraine", "international", "civilian", "foreign"},
    "Sudan": {"government", "rsf", "international", "civilian", "foreign"},
    "Israel-Gaza": {"israel", "hamas", "international", "civilian", "foreign"},
    "Yemen": {"government", "houthi", "international", "civilian", "foreign"},
    "Myanmar": {"government", "opposition", "international", "civilian", "foreign"},
    "Sahel": {"government", "jihadist", "international", "civilian", "foreign"},
    "Ethiopia": {"government", "opposition", "international", "civilian", "foreign"},
}
KINDS = {"direct", "partial", "indirect"}
OUTLET_KINDS = {"state", "private", "wire", "monitor", "ngo"}


def main(folder):
    errs = []
    gold = json.load(open(os.path.join(folder, "gold.json"), encoding="utf-8"))
    for key in ("about", "articles", "incidents", "claims", "rivals", "accounts"):
        if key not in gold:
            errs.append(f"gold.json lacks '{key}'")
    texts, conflict = {}, {}
    for a in gold["articles"]:
        f = a["file"]
        path = os.path.join(folder, f)
        if not os.path.isfile(path):
            errs.append(f"{f}: file missing")
            continue
        t = open(path, encoding="utf-8").read()
        texts[f] = t
        conflict[f] = a.get("conflict")
        if not re.match(r"\d\d-[a-z0-9]+-[a-z0-9-]+\.txt$", f):
            errs.append(f"{f}: bad file name")
        lines = t.split("\n")
        if len(lines) < 3 or not lines[0].strip() or lines[1] != "":
            errs.append(f"{f}: not 'title, blank line, body'")
        n = len(t.split())
        if not 150 <= n <= 400:
            errs.append(f"{f}: {n} words (want 150-400)")
        if a.get("outlet_kind") not in OUTLET_KINDS:
            errs.append(f"{f}: outlet_kind {a.get('outlet_kind')!r}")
        labels = SIDES.get(a.get("conflict"))
        if labels is None:
            errs.append(f"{f}: unknown conflict {a.get('conflict')!r}")
            labels = set()
        if a.get("outlet_side") not in labels | {"unknown"}:
            errs.append(f"{f}: outlet_side {a.get('outlet_side')!r}")
        if a.get("date_line") is not None and a["date_line"] not in t:
            errs.append(f"{f}: date_line not in text: {a['date_line']!r}")
        if not re.match(r"\d{4}-\d\d-\d\d$", a.get("published", "")):
            errs.append(f"{f}: published {a.get('published')!r}")
    listed = {a["file"] for a in gold["articles"]}
    for f in sorted(os.listdir(folder)):
        if f.endswith(".txt") and f not in listed:
            errs.append(f"{f}: file not listed in gold.json")
    nums = [f[:2] for f in listed]
    if len(nums) != len(set(nums)):
        errs.append("article numbers not unique")

    inc_ids = {i["id"] for i in gold["incidents"]}
    claim_ids = {c["id"] for c in gold["claims"]}
    for a in gold["articles"]:
        if a.get("main_incident") is not None and a["main_incident"] not in inc_ids:
            errs.append(f"{a['file']}: main_incident {a['main_incident']} undefined")
        for i in a.get("other_incidents", []):
            if i not in inc_ids:
                errs.append(f"{a['file']}: other incident {i} undefined")
    for i in gold["incidents"]:
        for r in i.get("reports", []):
            if r["file"] not in texts:
                errs.append(f"incident {i['id']}: unknown file {r['file']}")
    for c in gold["claims"]:
        if c.get("incident") is not None and c["incident"] not in inc_ids:
            errs.append(f"claim {c['id']}: incident {c['incident']} undefined")
        for s in c.get("statements", []):
            if s["file"] not in texts or s["content"] not in texts[s["file"]]:
                errs.append(f"claim {c['id']}: statement not found in {s['file']}")
    for pair in gold["rivals"]:
        for cid in pair:
            if cid not in claim_ids:
                errs.append(f"rivals: claim {cid} undefined")

    per_file = {}
    for k, acc in enumerate(gold["accounts"]):
        f = acc["file"]
        per_file[f] = per_file.get(f, 0) + 1
        if f not in texts:
            errs.append(f"account {k}: unknown file {f}")
            continue
        t = texts[f]
        for fld in ("content", "speaker"):
            if not acc[fld] or acc[fld] not in t:
                errs.append(f"account {k} ({f}): {fld} not in text: {acc[fld]!r}")
        if acc["kind"] not in KINDS:
            errs.append(f"account {k} ({f}): kind {acc['kind']!r}")
        if acc["side"] not in SIDES.get(conflict[f], set()) | {"unknown"}:
            errs.append(f"account {k} ({f}): side {acc['side']!r} not a {conflict[f]} label")
        if (acc["side"] == "unknown") != (acc["side_clear"] is False):
            errs.append(f"account {k} ({f}): side {acc['side']!r} vs side_clear {acc['side_clear']!r}")
        for fld in ("speaker_name", "party"):
            if not acc.get(fld):
                errs.append(f"account {k} ({f}): empty {fld}")
    for f in texts:
        n = per_file.get(f, 0)
        if not 6 <= n <= 10:
            errs.append(f"{f}: {n} accounts (want 6-10)")

    if errs:
        print("\n".join(errs))
        print(f"FAILED: {len(errs)} problem(s) in {folder}")
        return 1
    print(f"OK {folder}: {len(texts)} articles, {len(gold['accounts'])} accounts")
    return 0


if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    sys.exit(main(folder))
