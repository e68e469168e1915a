#!/usr/bin/env python3
"""Check gold.json in this folder against every rule of GOLD-SPEC.md.

Standard library only. Run from anywhere:  python3 validate.py
Prints every problem found and a summary; exits 0 when all checks pass, 1 otherwise.
Dedicated to the public domain under CC0 1.0.
"""
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "gold.json")

TOP_KEYS = {"about", "articles", "incidents", "claims", "rivals", "accounts"}
ARTICLE_KEYS = {"file", "outlet", "outlet_country", "outlet_kind", "outlet_side",
                "date_line", "published", "main_incident", "main", "other_incidents"}
MAIN_KEYS = {"type", "place", "place_level", "admin1", "country", "date",
             "civilian_killed", "total_killed", "wounded"}
INCIDENT_KEYS = {"id", "type", "sub_event_type", "place", "place_variants", "place_level",
                 "admin1", "country", "date", "perpetrator", "reports"}
# The spec's report has file, civilian_killed, total_killed, source; the brief for this
# folder adds the place as the page writes it.
REPORT_KEYS = {"file", "civilian_killed", "total_killed", "place", "source"}
CLAIM_KEYS = {"id", "incident", "proposition", "statements"}
STATEMENT_KEYS = {"file", "content"}
ACCOUNT_KEYS = {"file", "kind", "content", "speaker", "speaker_name", "party", "side", "side_clear"}

OUTLET_KINDS = {"state", "private", "wire", "monitor", "ngo"}
INCIDENT_TYPES = {"airstrike", "shelling", "bombing", "suicide bombing", "chemical attack",
                  "massacre", "clash", "abduction", "drone strike", "missile strike"}
SUB_EVENT_TYPES = {"Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
                   "Remote explosive/landmine/IED", "Chemical weapon", "Armed clash", "Attack",
                   "Abduction/forced disappearance"}
# ACLED's sub-event type for each incident type (consistency check).
TYPE_TO_SUB = {
    "airstrike": "Air/drone strike", "drone strike": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack", "missile strike": "Shelling/artillery/missile attack",
    "bombing": "Remote explosive/landmine/IED", "suicide bombing": "Suicide bomb",
    "chemical attack": "Chemical weapon", "clash": "Armed clash", "massacre": "Attack",
    "abduction": "Abduction/forced disappearance",
}
MAIN_LEVELS = {"district", "town", "governorate", "country"}
INCIDENT_LEVELS = {"town", "district"}
ACCOUNT_KINDS = {"direct", "partial", "indirect"}
# Side labels for the Syria conflict, plus "unknown" (allowed everywhere).
SIDES = {"government", "opposition", "kurdish", "isis", "jihadist", "turkey", "coalition",
         "international", "civilian", "unknown"}
COUNTRY = "Syria"

FILE_RE = re.compile(r"^(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")
INC_RE = re.compile(r"^I\d\d$")
CLAIM_RE = re.compile(r"^C\d\d$")
# Quote marks as the pages write them, including UTF-8 read as Windows-1252.
OPEN_QUOTES = ("\"", "\u201c", "'", "\u2018", "\u00e2\u20ac\u0153")
QUOTE_CHARS = ("\"", "\u201c", "\u201d", "\u2018", "\u2019", "'")

errors = []


def err(where, msg):
    errors.append("%s: %s" % (where, msg))


def nonempty_str(x):
    return isinstance(x, str) and x.strip() != ""


def is_date(x):
    if not isinstance(x, str) or not re.match(r"^\d{4}-\d\d-\d\d$", x):
        return False
    try:
        datetime.date.fromisoformat(x)
        return True
    except ValueError:
        return False


def is_toll(x):
    return x is None or (isinstance(x, int) and not isinstance(x, bool) and x >= 0)


def check_keys(where, obj, keys):
    if not isinstance(obj, dict):
        err(where, "is not an object")
        return False
    if set(obj) != keys:
        missing, extra = keys - set(obj), set(obj) - keys
        if missing:
            err(where, "missing keys %s" % sorted(missing))
        if extra:
            err(where, "unexpected keys %s" % sorted(extra))
        return False
    return True


def check_tolls(where, civ, total):
    if not is_toll(civ):
        err(where, "civilian_killed must be a non-negative integer or null")
    if not is_toll(total):
        err(where, "total_killed must be a non-negative integer or null")
    if isinstance(civ, int) and isinstance(total, int) and civ > total:
        err(where, "civilian_killed %d exceeds total_killed %d" % (civ, total))


def check_page_layout(name, text):
    """Article layout from the spec: title line, blank line, paragraphs separated by blank lines,
    150 to 450 words."""
    where = "page " + name
    if "\r" in text:
        err(where, "contains carriage returns")
    lines = text.split("\n")
    if len(lines) < 3 or not lines[0].strip():
        err(where, "first line must be a non-empty title")
    elif lines[1] != "":
        err(where, "title line must be followed by one blank line")
    if "\n\n\n" in text:
        err(where, "double blank line")
    if not text.endswith("\n") or text.endswith("\n\n"):
        err(where, "must end with exactly one newline")
    body = "\n".join(lines[2:]).strip()
    if not body:
        err(where, "has no body")
    words = len(text.split())
    if not 150 <= words <= 450:
        err(where, "has %d words, outside 150-450" % words)


def main():
    try:
        with open(GOLD, encoding="utf-8") as fh:
            gold = json.load(fh)
    except (OSError, ValueError) as exc:
        print("cannot read gold.json: %s" % exc)
        return 1
    if not check_keys("gold.json", gold, TOP_KEYS):
        pass
    if not nonempty_str(gold.get("about")):
        err("about", "must be a non-empty string")
    for k in ("articles", "incidents", "claims", "rivals", "accounts"):
        if not isinstance(gold.get(k), list):
            err(k, "must be a list")
            gold[k] = []

    # ---- pages in the folder
    texts = {}
    numbers = {}
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".txt"):
            m = FILE_RE.match(name)
            if not m:
                err("page " + name, "name is not NN-outlet-slug.txt")
            else:
                if m.group(1) in numbers:
                    err("page " + name, "number %s also used by %s" % (m.group(1), numbers[m.group(1)]))
                numbers[m.group(1)] = name
            try:
                with open(os.path.join(HERE, name), encoding="utf-8") as fh:
                    texts[name] = fh.read()
            except (OSError, UnicodeDecodeError) as exc:
                err("page " + name, "cannot be read as UTF-8: %s" % exc)
    for name, text in texts.items():
        check_page_layout(name, text)

    def text_of(where, f):
        if not isinstance(f, str) or f not in texts:
            err(where, "file %r does not exist in the folder" % (f,))
            return None
        return texts[f]

    # ---- incidents (first pass: ids)
    incidents = {}
    for i, inc in enumerate(gold["incidents"]):
        where = "incidents[%d]" % i
        if not isinstance(inc, dict) or not isinstance(inc.get("id"), str):
            err(where, "needs an id")
            continue
        iid = inc["id"]
        if not INC_RE.match(iid):
            err(where, "id %r is not I + two digits" % iid)
        if iid in incidents:
            err(where, "duplicate id %s" % iid)
        incidents[iid] = inc

    # ---- articles
    articles = {}
    for i, art in enumerate(gold["articles"]):
        where = "articles[%d]" % i
        if not check_keys(where, art, ARTICLE_KEYS):
            if not isinstance(art, dict):
                continue
        f = art.get("file")
        where = "article %s" % f
        text = text_of(where, f)
        if f in articles:
            err(where, "listed twice")
        articles[f] = art
        for k in ("outlet", "outlet_country"):
            if not nonempty_str(art.get(k)):
                err(where, "%s must be a non-empty string" % k)
        if art.get("outlet_kind") not in OUTLET_KINDS:
            err(where, "outlet_kind %r not in %s" % (art.get("outlet_kind"), sorted(OUTLET_KINDS)))
        if art.get("outlet_side") not in SIDES:
            err(where, "outlet_side %r is not a Syria side label" % art.get("outlet_side"))
        dl = art.get("date_line")
        if dl is not None:
            if not nonempty_str(dl):
                err(where, "date_line must be null or a non-empty string")
            elif text is not None and dl not in text:
                err(where, "date_line %r is not in the page" % dl)
        if not is_date(art.get("published")):
            err(where, "published %r is not YYYY-MM-DD" % art.get("published"))
        mi, mn, oth = art.get("main_incident"), art.get("main"), art.get("other_incidents")
        if not isinstance(oth, list):
            err(where, "other_incidents must be a list")
            oth = []
        for o in oth:
            if o not in incidents:
                err(where, "other incident %r does not exist" % (o,))
        if len(set(oth)) != len(oth):
            err(where, "other_incidents repeats an id")
        if mi is None:
            if mn is not None:
                err(where, "main must be null when main_incident is null")
            if oth:
                err(where, "other_incidents without a main incident")
            continue
        if mi not in incidents:
            err(where, "main_incident %r does not exist" % (mi,))
        if mi in oth:
            err(where, "main incident also listed in other_incidents")
        if not check_keys(where + " main", mn, MAIN_KEYS):
            if not isinstance(mn, dict):
                continue
        if mn.get("type") not in INCIDENT_TYPES:
            err(where, "main.type %r not allowed" % mn.get("type"))
        if not nonempty_str(mn.get("place")):
            err(where, "main.place must be a non-empty string")
        if mn.get("place_level") not in MAIN_LEVELS:
            err(where, "main.place_level %r not allowed" % mn.get("place_level"))
        if not nonempty_str(mn.get("admin1")):
            err(where, "main.admin1 must be a non-empty string")
        if mn.get("country") != COUNTRY:
            err(where, "main.country must be %s" % COUNTRY)
        if not is_date(mn.get("date")):
            err(where, "main.date %r is not YYYY-MM-DD" % mn.get("date"))
        elif is_date(art.get("published")) and mn["date"] > art["published"]:
            err(where, "incident date %s after publication %s" % (mn["date"], art["published"]))
        check_tolls(where + " main", mn.get("civilian_killed"), mn.get("total_killed"))
        if not is_toll(mn.get("wounded")):
            err(where, "main.wounded must be a non-negative integer or null")
        inc = incidents.get(mi)
        if isinstance(inc, dict):
            for k in ("type", "admin1", "country", "date"):
                if mn.get(k) != inc.get(k):
                    err(where, "main.%s %r differs from %s's %r" % (k, mn.get(k), mi, inc.get(k)))
            if mn.get("place_level") == inc.get("place_level") and mn.get("place") != inc.get("place"):
                err(where, "main.place %r differs from %s's %r at the same level" % (mn.get("place"), mi, inc.get("place")))
    for name in texts:
        if name not in articles:
            err("page " + name, "has no article record")

    # ---- incidents (second pass) and reports, both ways
    reported = {}  # (incident, file) -> report
    for iid, inc in incidents.items():
        where = "incident %s" % iid
        if not check_keys(where, inc, INCIDENT_KEYS):
            pass
        t = inc.get("type")
        if t not in INCIDENT_TYPES:
            err(where, "type %r not allowed" % t)
        s = inc.get("sub_event_type")
        if s not in SUB_EVENT_TYPES:
            err(where, "sub_event_type %r not allowed" % s)
        elif t in TYPE_TO_SUB and TYPE_TO_SUB[t] != s:
            err(where, "sub_event_type %r does not fit type %r (expected %r)" % (s, t, TYPE_TO_SUB[t]))
        if not nonempty_str(inc.get("place")):
            err(where, "place must be a non-empty string")
        if inc.get("place_level") not in INCIDENT_LEVELS:
            err(where, "place_level %r not allowed" % inc.get("place_level"))
        if not nonempty_str(inc.get("admin1")):
            err(where, "admin1 must be a non-empty string")
        if inc.get("country") != COUNTRY:
            err(where, "country must be %s" % COUNTRY)
        if not is_date(inc.get("date")):
            err(where, "date %r is not YYYY-MM-DD" % inc.get("date"))
        if not nonempty_str(inc.get("perpetrator")):
            err(where, "perpetrator must be a non-empty string")
        variants = inc.get("place_variants")
        if not isinstance(variants, list) or not variants or not all(nonempty_str(v) for v in variants):
            err(where, "place_variants must be a non-empty list of strings")
            variants = []
        if len(set(variants)) != len(variants):
            err(where, "place_variants repeats a spelling")
        reports = inc.get("reports")
        if not isinstance(reports, list) or not reports:
            err(where, "needs at least one report")
            reports = []
        files = []
        for j, rep in enumerate(reports):
            rw = "%s report[%d]" % (where, j)
            if not check_keys(rw, rep, REPORT_KEYS):
                if not isinstance(rep, dict):
                    continue
            f = rep.get("file")
            text = text_of(rw, f)
            files.append(f)
            reported[(iid, f)] = rep
            check_tolls(rw, rep.get("civilian_killed"), rep.get("total_killed"))
            if not nonempty_str(rep.get("source")):
                err(rw, "source must be a non-empty string")
            p = rep.get("place")
            if not nonempty_str(p):
                err(rw, "place must be a non-empty string")
            else:
                if text is not None and p not in text:
                    err(rw, "place %r is not written in %s" % (p, f))
                if p not in variants:
                    err(rw, "place %r is not among the place_variants" % p)
            art = articles.get(f)
            if art is not None and art.get("main_incident") != iid and iid not in (art.get("other_incidents") or []):
                err(rw, "%s does not list %s as its main or other incident" % (f, iid))
            if art is not None and art.get("main_incident") == iid and isinstance(art.get("main"), dict):
                for k in ("civilian_killed", "total_killed"):
                    if art["main"].get(k) != rep.get(k):
                        err(rw, "%s %r differs from the article's main %s %r" % (k, rep.get(k), k, art["main"].get(k)))
        if len(set(files)) != len(files):
            err(where, "a file reports it twice")
        for v in variants:
            if not any(v in texts.get(f, "") for f in files if isinstance(f, str)):
                err(where, "place variant %r is not written in any of its reports" % v)
    for f, art in articles.items():
        mi = art.get("main_incident")
        for iid in ([mi] if mi else []) + list(art.get("other_incidents") or []):
            if iid in incidents and (iid, f) not in reported:
                err("article %s" % f, "lists %s but the incident has no report from it" % iid)

    # ---- accounts
    acc_index = {}
    files_with_accounts = set()
    for i, acc in enumerate(gold["accounts"]):
        where = "accounts[%d]" % i
        if not check_keys(where, acc, ACCOUNT_KEYS):
            if not isinstance(acc, dict):
                continue
        f = acc.get("file")
        text = text_of(where, f)
        where = "account %s %r" % (f, str(acc.get("content"))[:50])
        files_with_accounts.add(f)
        kind = acc.get("kind")
        if kind not in ACCOUNT_KINDS:
            err(where, "kind %r not allowed" % kind)
        c = acc.get("content")
        if not nonempty_str(c):
            err(where, "content must be a non-empty string")
            continue
        if c != c.strip():
            err(where, "content has leading or trailing spaces")
        if c.startswith(QUOTE_CHARS) or c.endswith(QUOTE_CHARS) or c.startswith("\u00e2\u20ac"):
            err(where, "content must not begin or end with a quote mark")
        sp = acc.get("speaker")
        if not nonempty_str(sp):
            err(where, "speaker must be a non-empty string")
        for k in ("speaker_name", "party"):
            if not nonempty_str(acc.get(k)):
                err(where, "%s must be a non-empty string" % k)
        if acc.get("side") not in SIDES:
            err(where, "side %r is not a Syria side label" % acc.get("side"))
        if not isinstance(acc.get("side_clear"), bool):
            err(where, "side_clear must be true or false")
        elif (acc["side_clear"] is False) != (acc.get("side") == "unknown"):
            err(where, "side_clear is false exactly when side is unknown")
        if (f, c) in acc_index:
            err(where, "duplicate account (same file and content)")
        acc_index[(f, c)] = acc
        if text is None:
            continue
        if c not in text:
            err(where, "content is not an exact substring of %s" % f)
            continue
        if nonempty_str(sp) and sp not in text:
            err(where, "speaker %r is not an exact substring of %s" % (sp, f))
        starts = [m.start() for m in re.finditer(re.escape(c), text)]
        opened = any(text[:s].endswith(OPEN_QUOTES) for s in starts)
        if kind == "direct" and not opened:
            err(where, "direct account is not preceded by an opening quote mark")
        if kind == "partial" and not (opened or any(q in c for q in QUOTE_CHARS)):
            err(where, "partial account neither contains nor follows a quote mark")
        if kind == "indirect" and opened:
            err(where, "indirect account begins right after a quote mark")
    for f in texts:
        if f not in files_with_accounts:
            err("page " + f, "has no account")

    # ---- claims
    claims = {}
    used_statements = {}
    for i, cl in enumerate(gold["claims"]):
        where = "claims[%d]" % i
        if not check_keys(where, cl, CLAIM_KEYS):
            if not isinstance(cl, dict):
                continue
        cid = cl.get("id")
        if not isinstance(cid, str) or not CLAIM_RE.match(cid):
            err(where, "id %r is not C + two digits" % (cid,))
        if cid in claims:
            err(where, "duplicate id %s" % cid)
        claims[cid] = cl
        where = "claim %s" % cid
        iid = cl.get("incident")
        if iid is not None and iid not in incidents:
            err(where, "incident %r does not exist" % (iid,))
        if not nonempty_str(cl.get("proposition")):
            err(where, "proposition must be a non-empty string")
        stm = cl.get("statements")
        if not isinstance(stm, list) or not stm:
            err(where, "needs at least one statement")
            continue
        for j, st in enumerate(stm):
            sw = "%s statement[%d]" % (where, j)
            if not check_keys(sw, st, STATEMENT_KEYS):
                if not isinstance(st, dict):
                    continue
            f, c = st.get("file"), st.get("content")
            text = text_of(sw, f)
            if text is not None and (not nonempty_str(c) or c not in text):
                err(sw, "content is not an exact substring of %s" % f)
            if (f, c) not in acc_index:
                err(sw, "content is not the content of an account of %s" % f)
            if (f, c) in used_statements:
                err(sw, "statement already used in claim %s" % used_statements[(f, c)])
            used_statements[(f, c)] = cid
            inc = incidents.get(iid)
            if isinstance(inc, dict) and text is not None:
                variants = inc.get("place_variants") or []
                if (iid, f) not in reported and not any(v in text for v in variants):
                    err(sw, "%s neither reports %s nor names its place" % (f, iid))

    # ---- rivals
    seen = set()
    for i, pair in enumerate(gold["rivals"]):
        where = "rivals[%d]" % i
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            err(where, "must be a pair of claim ids")
            continue
        a, b = pair
        if a == b:
            err(where, "pairs a claim with itself")
        for x in pair:
            if x not in claims:
                err(where, "claim %r does not exist" % x)
        key = frozenset(pair)
        if key in seen:
            err(where, "duplicate pair")
        seen.add(key)
        if a in claims and b in claims:
            ia, ib = claims[a].get("incident"), claims[b].get("incident")
            if ia is None or ia != ib:
                err(where, "rival claims must be about the same incident (%r, %r)" % (ia, ib))

    for e in errors:
        print("FAIL", e)
    n_multi = sum(1 for c in claims.values()
                  if len({s.get("file") for s in c.get("statements") or [] if isinstance(s, dict)}) > 1)
    print("%d articles, %d incidents, %d reports, %d claims (%d stated in two or more articles), "
          "%d rival pairs, %d accounts" % (len(articles), len(incidents), len(reported), len(claims),
                                            n_multi, len(seen), len(acc_index)))
    if errors:
        print("%d problem(s) found" % len(errors))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
