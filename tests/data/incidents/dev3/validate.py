#!/usr/bin/env python3
"""Check gold.json against the article files in this folder (standard library only).

Usage: python3 validate.py   (exit status 0 when no error is found)
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SIDES = {"government", "opposition", "kurdish", "isis", "jihadist", "turkey",
         "coalition", "international", "civilian", "unknown"}
KINDS = {"direct", "partial", "indirect"}
OUTLET_KINDS = {"state", "private", "wire", "monitor", "ngo"}
TYPES = {"airstrike", "shelling", "bombing", "suicide bombing", "chemical attack",
         "massacre", "clash", "abduction", "drone strike", "missile strike"}
SUBS = {"Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb",
        "Remote explosive/landmine/IED", "Chemical weapon", "Armed clash", "Attack",
        "Abduction/forced disappearance"}
LEVELS = {"district", "town", "governorate", "country"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

errors = []


def err(msg):
    errors.append(msg)


def main():
    with open(os.path.join(HERE, "gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    for key in ("about", "articles", "incidents", "claims", "rivals", "accounts"):
        if key not in gold:
            err("gold.json lacks section %r" % key)

    texts = {}
    on_disk = sorted(n for n in os.listdir(HERE) if n.endswith(".txt"))
    for name in on_disk:
        if not re.match(r"^\d\d-[a-z0-9-]+\.txt$", name):
            err("bad file name %s" % name)
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            texts[name] = f.read()

    def text_of(fname, where):
        if fname not in texts:
            err("%s: file %s does not exist" % (where, fname))
            return None
        return texts[fname]

    inc_ids = {i["id"] for i in gold["incidents"]}
    claim_ids = {c["id"] for c in gold["claims"]}

    # articles
    seen = set()
    main_of = {}
    for a in gold["articles"]:
        f = a["file"]
        where = "article %s" % f
        t = text_of(f, where)
        if f in seen:
            err("%s listed twice" % where)
        seen.add(f)
        if a["outlet_kind"] not in OUTLET_KINDS:
            err("%s: outlet_kind %r" % (where, a["outlet_kind"]))
        if a["outlet_side"] not in SIDES:
            err("%s: outlet_side %r" % (where, a["outlet_side"]))
        if not DATE.match(a["published"]):
            err("%s: published %r" % (where, a["published"]))
        if a["date_line"] is not None and t is not None and a["date_line"] not in t:
            err("%s: date_line not in file" % where)
        mi = a["main_incident"]
        main_of[f] = mi
        if mi is not None and mi not in inc_ids:
            err("%s: unknown main_incident %s" % (where, mi))
        for o in a["other_incidents"]:
            if o not in inc_ids:
                err("%s: unknown other incident %s" % (where, o))
        m = a.get("main")
        if mi is not None:
            if m["type"] not in TYPES:
                err("%s: type %r" % (where, m["type"]))
            if m["place_level"] not in LEVELS:
                err("%s: place_level %r" % (where, m["place_level"]))
            if not DATE.match(m["date"]):
                err("%s: date %r" % (where, m["date"]))
            c, tk = m["civilian_killed"], m["total_killed"]
            if c is not None and tk is not None and c > tk:
                err("%s: civilian_killed > total_killed" % where)
        if t is not None:
            lines = t.split("\n")
            if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
                err("%s: layout must be title, blank line, body" % where)
            words = len(t.split())
            if not 150 <= words <= 450:
                err("%s: %d words" % (where, words))
    for name in on_disk:
        if name not in seen:
            err("file %s is not in gold.json articles" % name)

    # incidents
    for i in gold["incidents"]:
        where = "incident %s" % i["id"]
        if i["type"] not in TYPES:
            err("%s: type %r" % (where, i["type"]))
        if i["sub_event_type"] not in SUBS:
            err("%s: sub_event_type %r" % (where, i["sub_event_type"]))
        if i["place_level"] not in LEVELS:
            err("%s: place_level %r" % (where, i["place_level"]))
        if not DATE.match(i["date"]):
            err("%s: date %r" % (where, i["date"]))
        report_files = set()
        for r in i["reports"]:
            t = text_of(r["file"], where)
            report_files.add(r["file"])
            art = next((a for a in gold["articles"] if a["file"] == r["file"]), None)
            if art is None:
                err("%s: report file %s is not an article" % (where, r["file"]))
                continue
            if art["main_incident"] != i["id"] and i["id"] not in art["other_incidents"]:
                err("%s: article %s does not list it" % (where, r["file"]))
            if art["main_incident"] == i["id"]:
                if art["main"]["total_killed"] != r["total_killed"] or \
                   art["main"]["civilian_killed"] != r["civilian_killed"]:
                    err("%s: tolls of %s differ from its article entry" % (where, r["file"]))
                if art["main"]["date"] != i["date"]:
                    err("%s: date differs in article %s" % (where, r["file"]))
        for v in i["place_variants"]:
            if not any(v in texts.get(fn, "") for fn in report_files):
                err("%s: place variant %r not found in its reports" % (where, v))
        for a in gold["articles"]:
            if a["main_incident"] == i["id"] and a["file"] not in report_files:
                err("%s: article %s has it as main but is not in reports" % (where, a["file"]))

    # accounts
    acc_by_file = {}
    for k, ac in enumerate(gold["accounts"]):
        where = "account %d (%s)" % (k, ac["file"])
        t = text_of(ac["file"], where)
        if ac["kind"] not in KINDS:
            err("%s: kind %r" % (where, ac["kind"]))
        if ac["side"] not in SIDES:
            err("%s: side %r" % (where, ac["side"]))
        if ac["side_clear"] is False and ac["side"] != "unknown":
            err("%s: side_clear false but side %r" % (where, ac["side"]))
        if t is not None:
            if ac["content"] not in t:
                err("%s: content not in file: %r" % (where, ac["content"][:60]))
            if ac["speaker"] not in t:
                err("%s: speaker not in file: %r" % (where, ac["speaker"]))
        acc_by_file.setdefault(ac["file"], set()).add(ac["content"])

    # claims
    claim_inc = {}
    for c in gold["claims"]:
        where = "claim %s" % c["id"]
        if c["incident"] is not None and c["incident"] not in inc_ids:
            err("%s: unknown incident %s" % (where, c["incident"]))
        claim_inc[c["id"]] = c["incident"]
        if not c["statements"]:
            err("%s: no statement" % where)
        for s in c["statements"]:
            t = text_of(s["file"], where)
            if t is not None and s["content"] not in t:
                err("%s: statement not in %s" % (where, s["file"]))
            if s["content"] not in acc_by_file.get(s["file"], set()):
                err("%s: statement is not an account's content in %s" % (where, s["file"]))
    if len(claim_ids) != len(gold["claims"]):
        err("duplicate claim ids")

    # rivals
    for pair in gold["rivals"]:
        if len(pair) != 2:
            err("rival %r is not a pair" % pair)
            continue
        for cid in pair:
            if cid not in claim_ids:
                err("rival %r: unknown claim %s" % (pair, cid))
        if all(p in claim_inc for p in pair) and claim_inc[pair[0]] != claim_inc[pair[1]]:
            err("rival %r: claims about different incidents" % pair)

    if errors:
        for e in errors:
            print("ERROR", e)
        print("%d error(s)" % len(errors))
        return 1
    print("OK: %d articles, %d incidents, %d claims, %d rivals, %d accounts" % (
        len(gold["articles"]), len(gold["incidents"]), len(gold["claims"]),
        len(gold["rivals"]), len(gold["accounts"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
