#!/usr/bin/env python3
"""Check dev2/gold.json against the article files (standard library only).

Checks: every article file exists and every .txt file is in the gold; every
account's content and speaker, and every claim statement's content, is an exact
substring of its file; every statement is also an account; ids are unique and
every incident / claim id referenced exists; reports match the articles'
tolls; enumerations follow GOLD-SPEC.md; dates are ISO; date lines occur in
their files; articles are 150-450 words.
"""
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {'airstrike', 'shelling', 'bombing', 'suicide bombing', 'chemical attack', 'massacre',
         'clash', 'abduction', 'drone strike', 'missile strike'}
SUBS = {'Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb',
        'Remote explosive/landmine/IED', 'Chemical weapon', 'Armed clash', 'Attack',
        'Abduction/forced disappearance'}
KINDS = {'state', 'private', 'wire', 'monitor', 'ngo'}
ACC_KINDS = {'direct', 'partial', 'indirect'}
SIDES = {
    'Syria': {'government', 'opposition', 'kurdish', 'isis', 'jihadist', 'turkey', 'coalition',
              'international', 'civilian'},
    'Ukraine': {'russia', 'ukraine', 'international', 'civilian', 'foreign'},
    'Sudan': {'government', 'rsf', 'international', 'civilian', 'foreign'},
    'Yemen': {'government', 'houthi', 'international', 'civilian', 'foreign'},
    'Myanmar': {'government', 'opposition', 'international', 'civilian', 'foreign'},
    'Mali': {'government', 'jihadist', 'international', 'civilian', 'foreign'},
}

errors = []


def err(msg):
    errors.append(msg)


def iso(s, where):
    try:
        datetime.date.fromisoformat(s)
    except (TypeError, ValueError):
        err(f'{where}: bad date {s!r}')


def main():
    with open(os.path.join(HERE, 'gold.json'), encoding='utf-8') as fh:
        gold = json.load(fh)
    for key in ('about', 'articles', 'incidents', 'claims', 'rivals', 'accounts'):
        if key not in gold:
            err(f'gold.json lacks {key!r}')

    texts = {}
    on_disk = {f for f in os.listdir(HERE) if f.endswith('.txt')}
    for f in sorted(on_disk):
        if not re.fullmatch(r'\d\d-[a-z0-9-]+\.txt', f):
            err(f'{f}: name is not NN-outlet-slug.txt')
        with open(os.path.join(HERE, f), encoding='utf-8') as fh:
            texts[f] = fh.read()
    prefixes = [f[:2] for f in on_disk]
    if len(prefixes) != len(set(prefixes)):
        err('duplicate NN prefixes')

    incidents = {i['id']: i for i in gold['incidents']}
    if len(incidents) != len(gold['incidents']):
        err('duplicate incident ids')
    claims = {c['id']: c for c in gold['claims']}
    if len(claims) != len(gold['claims']):
        err('duplicate claim ids')

    # articles
    art_country = {}
    gold_files = [a['file'] for a in gold['articles']]
    if len(gold_files) != len(set(gold_files)):
        err('an article file is listed twice')
    for f in set(gold_files) - on_disk:
        err(f'{f}: in gold but no such file')
    for f in on_disk - set(gold_files):
        err(f'{f}: file not in gold')
    for a in gold['articles']:
        f = a['file']
        text = texts.get(f, '')
        if a['outlet_kind'] not in KINDS:
            err(f'{f}: outlet_kind {a["outlet_kind"]!r}')
        if a['date_line'] is not None and a['date_line'] not in text:
            err(f'{f}: date_line not in file')
        iso(a['published'], f)
        lines = text.split('\n')
        if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
            err(f'{f}: layout is not title, blank line, body')
        words = len(text.split())
        if not 150 <= words <= 450:
            err(f'{f}: {words} words')
        mi = a['main_incident']
        m = a['main']
        if mi is not None:
            if mi not in incidents:
                err(f'{f}: main_incident {mi} unknown')
            if m['type'] not in TYPES:
                err(f'{f}: type {m["type"]!r}')
            if m['place_level'] not in {'district', 'town', 'governorate', 'country'}:
                err(f'{f}: place_level {m["place_level"]!r}')
            iso(m['date'], f)
            c, t = m['civilian_killed'], m['total_killed']
            if c is not None and t is not None and c > t:
                err(f'{f}: civilian_killed > total_killed')
            art_country[f] = m['country']
        for o in a['other_incidents']:
            if o not in incidents:
                err(f'{f}: other incident {o} unknown')
        side_set = SIDES.get(m.get('country'), set()) | {'unknown', 'foreign'}
        if a['outlet_side'] not in side_set:
            err(f'{f}: outlet_side {a["outlet_side"]!r} not a {m.get("country")} label')

    # incidents
    by_file = {a['file']: a for a in gold['articles']}
    for i in gold['incidents']:
        if i['type'] not in TYPES:
            err(f'{i["id"]}: type {i["type"]!r}')
        if i['sub_event_type'] not in SUBS:
            err(f'{i["id"]}: sub_event_type {i["sub_event_type"]!r}')
        iso(i['date'], i['id'])
        variants_seen = set()
        for r in i['reports']:
            a = by_file.get(r['file'])
            if a is None:
                err(f'{i["id"]}: report file {r["file"]} unknown')
                continue
            if a['main_incident'] != i['id'] and i['id'] not in a['other_incidents']:
                err(f'{i["id"]}: {r["file"]} does not list this incident')
            if a['main_incident'] == i['id']:
                for k in ('civilian_killed', 'total_killed'):
                    if r[k] != a['main'][k]:
                        err(f'{i["id"]}: {r["file"]} {k} differs from the article')
                if a['main']['date'] != i['date']:
                    err(f'{i["id"]}: {r["file"]} date differs')
            for v in i['place_variants']:
                if v in texts.get(r['file'], ''):
                    variants_seen.add(v)
        for v in i['place_variants']:
            if v not in variants_seen:
                err(f'{i["id"]}: place variant {v!r} not in any report')
        files = {r['file'] for r in i['reports']}
        for a in gold['articles']:
            if (a['main_incident'] == i['id'] or i['id'] in a['other_incidents']) and a['file'] not in files:
                err(f'{i["id"]}: {a["file"]} reports it but is not in reports')

    # accounts
    account_keys = set()
    for n, ac in enumerate(gold['accounts']):
        f = ac['file']
        where = f'account {n} ({f})'
        text = texts.get(f)
        if text is None:
            err(f'{where}: file unknown')
            continue
        if ac['kind'] not in ACC_KINDS:
            err(f'{where}: kind {ac["kind"]!r}')
        if ac['content'] not in text:
            err(f'{where}: content not in file: {ac["content"][:70]!r}')
        if ac['speaker'] not in text:
            err(f'{where}: speaker not in file: {ac["speaker"]!r}')
        side_set = SIDES.get(art_country.get(f), set()) | {'unknown'}
        if ac['side'] not in side_set:
            err(f'{where}: side {ac["side"]!r} not a label for {art_country.get(f)}')
        if (ac['side'] == 'unknown') != (ac['side_clear'] is False):
            err(f'{where}: side_clear inconsistent with side')
        for k in ('speaker_name', 'party'):
            if not ac.get(k):
                err(f'{where}: empty {k}')
        account_keys.add((f, ac['content']))

    # claims
    used = set()
    for c in gold['claims']:
        if c['incident'] is not None and c['incident'] not in incidents:
            err(f'{c["id"]}: incident {c["incident"]} unknown')
        if not c['statements']:
            err(f'{c["id"]}: no statements')
        for s in c['statements']:
            if s['content'] not in texts.get(s['file'], ''):
                err(f'{c["id"]}: statement not in {s["file"]}')
            if (s['file'], s['content']) not in account_keys:
                err(f'{c["id"]}: statement is not an account: {s["content"][:60]!r}')
            if (s['file'], s['content']) in used:
                err(f'{c["id"]}: statement used by two claims')
            used.add((s['file'], s['content']))
            if c['incident'] is not None:
                a = by_file.get(s['file'])
                if a and a['main_incident'] != c['incident'] and c['incident'] not in a['other_incidents']:
                    pass  # a background mention of another incident is allowed
    for pair in gold['rivals']:
        if len(pair) != 2 or any(p not in claims for p in pair):
            err(f'rival pair {pair} refers to unknown claims')
            continue
        a, b = claims[pair[0]], claims[pair[1]]
        if a['incident'] != b['incident'] or a['incident'] is None:
            err(f'rival pair {pair} not about one incident')

    # summary
    n3 = sum(1 for i in gold['incidents']
             if len(i['reports']) >= 3
             and len({r['total_killed'] for r in i['reports'] if r['total_killed'] is not None}) >= 3)
    print(f"files: {len(on_disk)} articles on disk, {len(gold['articles'])} in gold")
    print(f"incidents: {len(gold['incidents'])} ({n3} reported by 3+ articles with 3+ different tolls)")
    print(f"claims: {len(gold['claims'])}, rival pairs: {len(gold['rivals'])}, accounts: {len(gold['accounts'])}")
    print(f"outlets: {len({a['outlet'] for a in gold['articles']})}, "
          f"pages without date line: {sum(a['date_line'] is None for a in gold['articles'])}")
    if errors:
        print(f'{len(errors)} ERROR(S):')
        for e in errors:
            print('  ' + e)
        return 1
    print('OK: all checks passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
