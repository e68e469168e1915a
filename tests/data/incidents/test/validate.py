#!/usr/bin/env python3
"""Consistency check for gold.json in this folder (standard library only).

Checks that every file named in the gold exists, every account's content and
speaker is an exact substring of its file, every claim statement is the
content of an account in the same file, every incident / claim id referenced
exists, date lines and place variants occur in the pages, and each article
has 150-450 words and at least three accounts.  Exit status 1 on any error.
"""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
gold = json.load(open(os.path.join(HERE, 'gold.json'), encoding='utf-8'))
errors = []
def err(msg): errors.append(msg)

texts = {}
def text(f):
    if f not in texts:
        p = os.path.join(HERE, f)
        if not os.path.isfile(p):
            err(f'missing file: {f}'); texts[f] = None
        else:
            texts[f] = open(p, encoding='utf-8').read()
    return texts[f]

inc_ids = {i['id'] for i in gold['incidents']}
claim_ids = {c['id'] for c in gold['claims']}
art_files = [a['file'] for a in gold['articles']]
if len(set(art_files)) != len(art_files): err('duplicate article file')
if len({f[:2] for f in art_files}) != len(art_files): err('duplicate NN prefix')
on_disk = sorted(f for f in os.listdir(HERE) if f.endswith('.txt'))
if sorted(art_files) != on_disk: err(f'article files on disk differ from gold: {set(on_disk) ^ set(art_files)}')

DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
SIDES = {'government','opposition','kurdish','isis','jihadist','turkey','coalition','international','civilian',
         'rsf','israel','hamas','foreign','unknown'}
for a in gold['articles']:
    t = text(a['file'])
    if t is None: continue
    lines = t.split('\n')
    if not lines[0].strip() or lines[1].strip():
        err(f"{a['file']}: layout must be title line then blank line")
    n = len(t.split())
    if not 150 <= n <= 450: err(f"{a['file']}: {n} words")
    if a['date_line'] is not None and a['date_line'] not in t: err(f"{a['file']}: date_line not in page")
    if not DATE.match(a['published']): err(f"{a['file']}: bad published")
    if a['main_incident'] is not None and a['main_incident'] not in inc_ids: err(f"{a['file']}: unknown main_incident")
    for o in a['other_incidents']:
        if o not in inc_ids: err(f"{a['file']}: unknown other incident {o}")
    if a['outlet_side'] not in SIDES: err(f"{a['file']}: bad outlet_side")
    m = a['main']
    if m and not DATE.match(m['date']): err(f"{a['file']}: bad main date")
    if m and m['civilian_killed'] is not None and m['total_killed'] is not None and m['civilian_killed'] > m['total_killed']:
        err(f"{a['file']}: civilian_killed > total_killed")

reported = Counter()
for i in gold['incidents']:
    files = [r['file'] for r in i['reports']]
    for f in files:
        if f not in art_files: err(f"{i['id']}: report file {f} not an article")
        reported[f] += 1
    for v in i['place_variants']:
        if not any(text(f) and v in text(f) for f in files):
            err(f"{i['id']}: place variant {v!r} not found in its reports")
    if not DATE.match(i['date']): err(f"{i['id']}: bad date")
for a in gold['articles']:
    mi = a['main_incident']
    if mi and a['file'] not in [r['file'] for i in gold['incidents'] if i['id'] == mi for r in i['reports']]:
        err(f"{a['file']}: not listed in reports of {mi}")

acc_by_file = Counter()
acc_keys = set()
for x in gold['accounts']:
    t = text(x['file'])
    acc_by_file[x['file']] += 1
    if x['file'] not in art_files: err(f"account file {x['file']} not an article")
    if t is None: continue
    if x['content'] not in t: err(f"{x['file']}: content not in file: {x['content'][:60]!r}")
    if x['speaker'] not in t: err(f"{x['file']}: speaker not in file: {x['speaker']!r}")
    if x['kind'] not in ('direct', 'partial', 'indirect'): err(f"{x['file']}: bad kind")
    if x['side'] not in SIDES: err(f"{x['file']}: bad side {x['side']}")
    if not x['side_clear'] and x['side'] != 'unknown': err(f"{x['file']}: side_clear false but side set")
    acc_keys.add((x['file'], x['content']))
for f in art_files:
    if acc_by_file[f] < 3: err(f'{f}: only {acc_by_file[f]} accounts')

multi = 0
for c in gold['claims']:
    if c['incident'] is not None and c['incident'] not in inc_ids: err(f"{c['id']}: unknown incident")
    if not c['statements']: err(f"{c['id']}: no statements")
    for s in c['statements']:
        if (s['file'], s['content']) not in acc_keys: err(f"{c['id']}: statement is not an account: {s['content'][:60]!r}")
    if len({s['file'] for s in c['statements']}) >= 2: multi += 1
for a, b in gold['rivals']:
    if a not in claim_ids or b not in claim_ids: err(f'rival pair {a},{b}: unknown claim')
    else:
        ia = next(c['incident'] for c in gold['claims'] if c['id'] == a)
        ib = next(c['incident'] for c in gold['claims'] if c['id'] == b)
        if ia != ib or ia is None: err(f'rival pair {a},{b}: not about the same incident')

print(f"articles {len(gold['articles'])}, incidents {len(gold['incidents'])}, claims {len(gold['claims'])} "
      f"({multi} stated in 2+ articles), rivals {len(gold['rivals'])}, accounts {len(gold['accounts'])}")
if errors:
    print(f'{len(errors)} error(s):'); [print('  ' + e) for e in errors]; sys.exit(1)
print('OK')
