#!/usr/bin/env python3
"""Check gold.json and the article files in this folder against GOLD-SPEC.md.

Standard library only. Run: python3 validate.py   (exit status 0 when everything passes)
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
errors = []


def err(msg):
    errors.append(msg)


OUTLET_KINDS = {"state", "private", "wire", "monitor", "ngo"}
SIDES = {"government", "opposition", "kurdish", "isis", "jihadist", "turkey",
         "coalition", "international", "civilian", "unknown"}
TYPES = {"airstrike", "shelling", "bombing", "suicide bombing", "chemical attack",
         "massacre", "clash", "abduction", "drone strike", "missile strike"}
SUB_EVENTS = {"Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
              "Remote explosive/landmine/IED", "Chemical weapon", "Armed clash", "Attack",
              "Abduction/forced disappearance"}
MAIN_LEVELS = {"district", "town", "governorate", "country"}
INC_LEVELS = {"town", "district"}
KINDS = {"direct", "partial", "indirect"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NAME = re.compile(r"^(\d\d)-[a-z0-9]+(-[a-z0-9]+)+\.txt$")
QUOTES = "\"\u201c\u201d"

ARTICLE_KEYS = {"file", "outlet", "outlet_country", "outlet_kind", "outlet_side", "date_line",
                "published", "main_incident", "main", "other_incidents"}
MAIN_KEYS = {"type", "place", "place_level", "admin1", "country", "date",
             "civilian_killed", "total_killed", "wounded"}
INC_KEYS = {"id", "type", "sub_event_type", "place", "place_variants", "place_level", "admin1",
            "country", "date", "perpetrator", "reports"}
REPORT_KEYS = {"file", "civilian_killed", "total_killed", "source"}
CLAIM_KEYS = {"id", "incident", "proposition", "statements"}
ACCOUNT_KEYS = {"file", "kind", "content", "speaker", "speaker_name", "party", "side", "side_clear"}


def is_date(s):
    return isinstance(s, str) and bool(DATE.match(s))


def check_toll(where, d):
    for k in ("civilian_killed", "total_killed", "wounded"):
        if k in d and d[k] is not None and (not isinstance(d[k], int) or isinstance(d[k], bool) or d[k] < 0):
            err(f"{where}: {k} must be a non-negative integer or null")
    c, t = d.get("civilian_killed"), d.get("total_killed")
    if isinstance(c, int) and isinstance(t, int) and c > t:
        err(f"{where}: civilian_killed {c} > total_killed {t}")


# ---------------------------------------------------------------- article files
texts = {}
prefixes = {}
for path in sorted(glob.glob(os.path.join(HERE, "*.txt"))):
    name = os.path.basename(path)
    m = NAME.match(name)
    if not m:
        err(f"{name}: file name is not NN-outlet-slug.txt")
    else:
        if m.group(1) in prefixes:
            err(f"{name}: number {m.group(1)} also used by {prefixes[m.group(1)]}")
        prefixes[m.group(1)] = name
    raw = open(path, "rb").read()
    try:
        t = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(f"{name}: not valid UTF-8 ({e})")
        continue
    texts[name] = t
    if raw.startswith(b"\xef\xbb\xbf"):
        err(f"{name}: starts with a BOM")
    if "\r" in t:
        err(f"{name}: contains carriage returns")
    if not t.endswith("\n") or t.endswith("\n\n"):
        err(f"{name}: must end with exactly one newline")
    lines = t.rstrip("\n").split("\n")
    if len(lines) < 3 or not lines[0].strip() or lines[1] != "" or not lines[2].strip():
        err(f"{name}: layout must be title line, blank line, body")
    if "\n\n\n" in t:
        err(f"{name}: more than one blank line between paragraphs")
    for i, line in enumerate(lines, 1):
        if line != line.strip():
            err(f"{name}: line {i} has leading or trailing whitespace")
    words = len(t.split())
    if not 150 <= words <= 450:
        err(f"{name}: {words} words, outside 150-450")

# ---------------------------------------------------------------- gold.json
try:
    gold = json.load(open(os.path.join(HERE, "gold.json"), encoding="utf-8"))
except Exception as e:  # noqa: BLE001
    print(f"gold.json does not load: {e}")
    sys.exit(1)

if set(gold) != {"about", "articles", "incidents", "claims", "rivals", "accounts"}:
    err(f"gold.json top-level keys are {sorted(gold)}")
if not isinstance(gold.get("about"), str) or "CC0" not in gold.get("about", ""):
    err("about must be a string that states the CC0 licence")

articles = gold.get("articles", [])
incidents = gold.get("incidents", [])
claims = gold.get("claims", [])
rivals = gold.get("rivals", [])
accounts = gold.get("accounts", [])

# incidents
inc_by_id = {}
for inc in incidents:
    iid = inc.get("id")
    where = f"incident {iid}"
    if set(inc) != INC_KEYS:
        err(f"{where}: keys {sorted(set(inc) ^ INC_KEYS)} missing or extra")
    if not isinstance(iid, str) or not re.match(r"^I\d\d$", iid):
        err(f"{where}: bad id")
    if iid in inc_by_id:
        err(f"{where}: duplicate id")
    inc_by_id[iid] = inc
    if inc.get("type") not in TYPES:
        err(f"{where}: type {inc.get('type')!r} not allowed")
    if inc.get("sub_event_type") not in SUB_EVENTS:
        err(f"{where}: sub_event_type {inc.get('sub_event_type')!r} not allowed")
    if inc.get("place_level") not in INC_LEVELS:
        err(f"{where}: place_level {inc.get('place_level')!r} not allowed")
    if not is_date(inc.get("date")):
        err(f"{where}: date must be YYYY-MM-DD")
    for k in ("place", "admin1", "country", "perpetrator"):
        if not isinstance(inc.get(k), str) or not inc.get(k):
            err(f"{where}: {k} must be a non-empty string")
    reports = inc.get("reports") or []
    if not reports:
        err(f"{where}: no reports")
    rep_files = [r.get("file") for r in reports]
    if len(rep_files) != len(set(rep_files)):
        err(f"{where}: a file reports it twice")
    for r in reports:
        if set(r) != REPORT_KEYS:
            err(f"{where}: report keys {sorted(r)}")
        if r.get("file") not in texts:
            err(f"{where}: report file {r.get('file')} does not exist")
        if not isinstance(r.get("source"), str) or not r.get("source"):
            err(f"{where}: report {r.get('file')} has no source")
        check_toll(f"{where} report {r.get('file')}", r)
    for v in inc.get("place_variants") or []:
        if not any(v in texts.get(f, "") for f in rep_files):
            err(f"{where}: place variant {v!r} is in none of its reporting files")
    if not inc.get("place_variants"):
        err(f"{where}: place_variants is empty")

# articles
art_by_file = {}
for a in articles:
    f = a.get("file")
    where = f"article {f}"
    if set(a) != ARTICLE_KEYS:
        err(f"{where}: keys {sorted(set(a) ^ ARTICLE_KEYS)} missing or extra")
    if f not in texts:
        err(f"{where}: file does not exist")
        continue
    if f in art_by_file:
        err(f"{where}: listed twice")
    art_by_file[f] = a
    if a.get("outlet_kind") not in OUTLET_KINDS:
        err(f"{where}: outlet_kind {a.get('outlet_kind')!r} not allowed")
    if a.get("outlet_side") not in SIDES:
        err(f"{where}: outlet_side {a.get('outlet_side')!r} not allowed")
    for k in ("outlet", "outlet_country"):
        if not isinstance(a.get(k), str) or not a.get(k):
            err(f"{where}: {k} must be a non-empty string")
    dl = a.get("date_line")
    if dl is not None and (not isinstance(dl, str) or dl not in texts[f]):
        err(f"{where}: date_line {dl!r} is not in the page")
    if not is_date(a.get("published")):
        err(f"{where}: published must be YYYY-MM-DD")
    mi = a.get("main_incident")
    main = a.get("main")
    if mi is not None:
        if mi not in inc_by_id:
            err(f"{where}: main_incident {mi} does not exist")
        if not isinstance(main, dict) or set(main) != MAIN_KEYS:
            err(f"{where}: main must have keys {sorted(MAIN_KEYS)}")
            main = {}
        if main.get("type") not in TYPES:
            err(f"{where}: main.type {main.get('type')!r} not allowed")
        if main.get("place_level") not in MAIN_LEVELS:
            err(f"{where}: main.place_level {main.get('place_level')!r} not allowed")
        if not is_date(main.get("date")):
            err(f"{where}: main.date must be YYYY-MM-DD")
        check_toll(f"{where} main", main)
        inc = inc_by_id.get(mi)
        if inc:
            if main.get("date") != inc["date"]:
                err(f"{where}: main.date {main.get('date')} differs from {mi} date {inc['date']}")
            if main.get("type") != inc["type"]:
                err(f"{where}: main.type differs from {mi} type")
            for k in ("place", "admin1", "country"):
                if main.get(k) != inc[k]:
                    err(f"{where}: main.{k} {main.get(k)!r} differs from {mi} {k} {inc[k]!r}")
            rep = [r for r in inc["reports"] if r.get("file") == f]
            if not rep:
                err(f"{where}: {mi} has no report from this file")
            else:
                for k in ("civilian_killed", "total_killed"):
                    if rep[0].get(k) != main.get(k):
                        err(f"{where}: main.{k} {main.get(k)} differs from the report in {mi} ({rep[0].get(k)})")
            if main.get("date") and a.get("published") and main["date"] > a["published"]:
                err(f"{where}: incident date after publication date")
    elif main is not None:
        err(f"{where}: main must be null when main_incident is null")
    oth = a.get("other_incidents")
    if not isinstance(oth, list):
        err(f"{where}: other_incidents must be a list")
        oth = []
    for o in oth:
        if o not in inc_by_id:
            err(f"{where}: other incident {o} does not exist")
        elif not any(r.get("file") == f for r in inc_by_id[o]["reports"]):
            err(f"{where}: {o} has no report from this file")
        if o == mi:
            err(f"{where}: {o} is both main and other incident")

for f in texts:
    if f not in art_by_file:
        err(f"{f}: article file missing from gold.json articles")

# every report belongs to an article that names the incident
for inc in incidents:
    for r in inc.get("reports", []):
        a = art_by_file.get(r.get("file"))
        if a and inc["id"] != a.get("main_incident") and inc["id"] not in (a.get("other_incidents") or []):
            err(f"incident {inc['id']}: {r['file']} reports it but the article does not list it")

# accounts
acc_contents = {}
seen_acc = set()
for i, ac in enumerate(accounts):
    f = ac.get("file")
    where = f"account {i} ({f})"
    if set(ac) != ACCOUNT_KEYS:
        err(f"{where}: keys {sorted(set(ac) ^ ACCOUNT_KEYS)} missing or extra")
    if f not in texts:
        err(f"{where}: file does not exist")
        continue
    c, s = ac.get("content"), ac.get("speaker")
    if not isinstance(c, str) or not c or c not in texts[f]:
        err(f"{where}: content is not an exact substring: {c!r}")
    if not isinstance(s, str) or not s or s not in texts[f]:
        err(f"{where}: speaker is not an exact substring: {s!r}")
    if isinstance(c, str) and c:
        if c != c.strip() or c[-1] in ",;:":
            err(f"{where}: content has surrounding space or trailing punctuation: {c!r}")
        if c.count('"') % 2:
            err(f"{where}: content has unbalanced quote marks: {c!r}")
        if ac.get("kind") == "direct" and any(q in c for q in QUOTES):
            err(f"{where}: direct content must not contain quote marks")
    if (f, c) in seen_acc:
        err(f"{where}: duplicate account")
    seen_acc.add((f, c))
    acc_contents.setdefault(f, set()).add(c)
    if ac.get("kind") not in KINDS:
        err(f"{where}: kind {ac.get('kind')!r} not allowed")
    if ac.get("side") not in SIDES:
        err(f"{where}: side {ac.get('side')!r} not allowed")
    if not isinstance(ac.get("side_clear"), bool):
        err(f"{where}: side_clear must be true or false")
    elif ac["side_clear"] is False and ac.get("side") != "unknown":
        err(f"{where}: side_clear false requires side unknown")
    elif ac["side_clear"] is True and ac.get("side") == "unknown":
        err(f"{where}: side unknown requires side_clear false")
    for k in ("speaker_name", "party"):
        if not isinstance(ac.get(k), str) or not ac.get(k):
            err(f"{where}: {k} must be a non-empty string")

# claims
claim_by_id = {}
for cl in claims:
    cid = cl.get("id")
    where = f"claim {cid}"
    if set(cl) != CLAIM_KEYS:
        err(f"{where}: keys {sorted(set(cl) ^ CLAIM_KEYS)} missing or extra")
    if not isinstance(cid, str) or not re.match(r"^C\d\d$", cid):
        err(f"{where}: bad id")
    if cid in claim_by_id:
        err(f"{where}: duplicate id")
    claim_by_id[cid] = cl
    inc = cl.get("incident")
    if inc is not None and inc not in inc_by_id:
        err(f"{where}: incident {inc} does not exist")
    if not isinstance(cl.get("proposition"), str) or not cl.get("proposition"):
        err(f"{where}: proposition must be a non-empty string")
    sts = cl.get("statements") or []
    if not sts:
        err(f"{where}: no statements")
    for st in sts:
        f, c = st.get("file"), st.get("content")
        if set(st) != {"file", "content"}:
            err(f"{where}: statement keys {sorted(st)}")
        if f not in texts:
            err(f"{where}: statement file {f} does not exist")
            continue
        if c not in texts[f]:
            err(f"{where}: statement is not a substring of {f}: {c!r}")
        if c not in acc_contents.get(f, set()):
            err(f"{where}: statement is not an account content of {f}: {c!r}")
        if inc is not None and inc in inc_by_id:
            if not any(r.get("file") == f for r in inc_by_id[inc]["reports"]):
                err(f"{where}: {f} does not report {inc}")

# a statement belongs to one claim only
stmt_owner = {}
for cl in claims:
    for st in cl.get("statements") or []:
        key = (st.get("file"), st.get("content"))
        if key in stmt_owner:
            err(f"claim {cl.get('id')}: statement also in claim {stmt_owner[key]}: {key[1]!r}")
        stmt_owner[key] = cl.get("id")

# rivals
seen_pairs = set()
for pair in rivals:
    if not isinstance(pair, list) or len(pair) != 2:
        err(f"rival {pair!r}: must be a pair")
        continue
    a, b = pair
    if a not in claim_by_id or b not in claim_by_id:
        err(f"rival {pair}: unknown claim id")
        continue
    if a == b:
        err(f"rival {pair}: a claim cannot rival itself")
    ia, ib = claim_by_id[a].get("incident"), claim_by_id[b].get("incident")
    if ia is None or ia != ib:
        err(f"rival {pair}: claims are not about the same incident ({ia}, {ib})")
    key = frozenset(pair)
    if key in seen_pairs:
        err(f"rival {pair}: duplicate pair")
    seen_pairs.add(key)

# ---------------------------------------------------------------- report
if errors:
    for e in errors:
        print("FAIL:", e)
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print(f"OK: {len(texts)} article files, {len(articles)} articles, {len(incidents)} incidents, "
      f"{len(claims)} claims, {len(rivals)} rival pairs, {len(accounts)} accounts")
