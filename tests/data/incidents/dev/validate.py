#!/usr/bin/env python3
"""Check gold.json against the article files in this folder (standard library only).

Run:  python3 validate.py        (exit status 0 when everything holds)
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {'state', 'private', 'wire', 'monitor', 'ngo'}
ACC_KINDS = {'direct', 'partial', 'indirect'}
TYPES = {'airstrike', 'shelling', 'bombing', 'suicide bombing', 'chemical attack', 'massacre',
         'clash', 'abduction', 'drone strike', 'missile strike'}
SUBS = {'Air/drone strike', 'Shelling/artillery/missile attack', 'Suicide bomb',
        'Remote explosive/landmine/IED', 'Chemical weapon', 'Armed clash', 'Attack',
        'Abduction/forced disappearance'}
LEVELS = {'district', 'town', 'governorate', 'country'}
SIDES = {'Syria': {'government', 'opposition', 'kurdish', 'isis', 'jihadist', 'turkey', 'coalition',
                   'international', 'civilian', 'unknown'},
         'Ukraine': {'russia', 'ukraine', 'international', 'civilian', 'foreign', 'unknown'},
         'Yemen': {'government', 'houthi', 'international', 'civilian', 'foreign', 'unknown'}}
DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')

errors = []
def err(msg):
    errors.append(msg)

gold = json.load(open(os.path.join(HERE, 'gold.json'), encoding='utf-8'))
for key in ('about', 'articles', 'incidents', 'claims', 'rivals', 'accounts'):
    if key not in gold:
        err('gold.json lacks "%s"' % key)

texts = {}
for name in sorted(os.listdir(HERE)):
    if name.endswith('.txt'):
        texts[name] = open(os.path.join(HERE, name), encoding='utf-8').read()

inc_ids = {i['id'] for i in gold['incidents']}
claim_ids = {c['id'] for c in gold['claims']}
art_by_file = {}
prefixes = set()

# articles
for a in gold['articles']:
    f = a['file']
    art_by_file[f] = a
    if f not in texts:
        err('article file missing: %s' % f)
        continue
    if not re.match(r'^\d\d-[a-z0-9-]+\.txt$', f):
        err('bad file name %s' % f)
    if f[:2] in prefixes:
        err('duplicate number %s' % f[:2])
    prefixes.add(f[:2])
    t = texts[f]
    lines = t.split('\n')
    if not lines[0].strip() or lines[1].strip():
        err('%s: layout must be title, blank line, body' % f)
    words = len(t.split())
    if not 150 <= words <= 450:
        err('%s: %d words (want 150-450)' % (f, words))
    if a['outlet_kind'] not in KINDS:
        err('%s: outlet_kind %s' % (f, a['outlet_kind']))
    if a['date_line'] is not None and a['date_line'] not in t:
        err('%s: date_line not in text: %r' % (f, a['date_line']))
    if not DATE.match(a['published']):
        err('%s: published %r' % (f, a['published']))
    if a['main_incident'] is not None and a['main_incident'] not in inc_ids:
        err('%s: unknown main_incident %s' % (f, a['main_incident']))
    for o in a['other_incidents']:
        if o not in inc_ids:
            err('%s: unknown other incident %s' % (f, o))
    m = a['main']
    if m['type'] not in TYPES:
        err('%s: main type %s' % (f, m['type']))
    if m['place_level'] not in LEVELS:
        err('%s: place_level %s' % (f, m['place_level']))
    if not DATE.match(m['date']):
        err('%s: main date %r' % (f, m['date']))
    if m['country'] in SIDES and a['outlet_side'] not in SIDES[m['country']]:
        err('%s: outlet_side %s' % (f, a['outlet_side']))
    c, t_ = m['civilian_killed'], m['total_killed']
    if c is not None and t_ is not None and c > t_:
        err('%s: civilian_killed > total_killed' % f)

for f in texts:
    if f not in art_by_file:
        err('text file without gold article: %s' % f)

# incidents
for i in gold['incidents']:
    if i['type'] not in TYPES:
        err('%s: type %s' % (i['id'], i['type']))
    if i['sub_event_type'] not in SUBS:
        err('%s: sub_event_type %s' % (i['id'], i['sub_event_type']))
    if not DATE.match(i['date']):
        err('%s: date' % i['id'])
    for r in i['reports']:
        if r['file'] not in art_by_file:
            err('%s: report file unknown %s' % (i['id'], r['file']))
            continue
        a = art_by_file[r['file']]
        if i['id'] != a['main_incident'] and i['id'] not in a['other_incidents']:
            err('%s: %s does not list the incident' % (i['id'], r['file']))
        if a['main_incident'] == i['id']:
            if (r['civilian_killed'], r['total_killed']) != (a['main']['civilian_killed'], a['main']['total_killed']):
                err('%s: tolls in report and article main differ for %s' % (i['id'], r['file']))
            if a['main']['date'] != i['date']:
                err('%s: date differs in %s' % (i['id'], r['file']))
    for v in i['place_variants']:
        if not any(v in texts[r['file']] for r in i['reports'] if r['file'] in texts):
            err('%s: place variant %r appears in no report' % (i['id'], v))
for a in gold['articles']:
    for iid in [a['main_incident']] + a['other_incidents']:
        if iid and not any(r['file'] == a['file'] for i in gold['incidents'] if i['id'] == iid for r in i['reports']):
            err('%s: incident %s lacks a report for this file' % (a['file'], iid))

# accounts
acc_keys = set()
per_file = {}
for n, ac in enumerate(gold['accounts']):
    f = ac['file']
    if f not in texts:
        err('account %d: file missing %s' % (n, f))
        continue
    per_file[f] = per_file.get(f, 0) + 1
    if ac['kind'] not in ACC_KINDS:
        err('account %d: kind %s' % (n, ac['kind']))
    if ac['content'] not in texts[f]:
        err('account %d (%s): content not in text: %r' % (n, f, ac['content'][:80]))
    if ac['speaker'] not in texts[f]:
        err('account %d (%s): speaker not in text: %r' % (n, f, ac['speaker']))
    country = art_by_file[f]['main']['country']
    if country in SIDES and ac['side'] not in SIDES[country]:
        err('account %d (%s): side %s' % (n, f, ac['side']))
    if (ac['side'] == 'unknown') == ac['side_clear']:
        err('account %d (%s): side_clear inconsistent with side' % (n, f))
    acc_keys.add((f, ac['content']))
for f in texts:
    if per_file.get(f, 0) < 3:
        err('%s: fewer than 3 accounts' % f)

# claims and rivals
for c in gold['claims']:
    if c['incident'] is not None and c['incident'] not in inc_ids:
        err('%s: unknown incident %s' % (c['id'], c['incident']))
    if not c['statements']:
        err('%s: no statements' % c['id'])
    for s in c['statements']:
        if s['file'] not in texts:
            err('%s: file missing %s' % (c['id'], s['file']))
        elif s['content'] not in texts[s['file']]:
            err('%s: statement not in text %r' % (c['id'], s['content'][:60]))
        elif (s['file'], s['content']) not in acc_keys:
            err('%s: statement is not an account content' % c['id'])
        elif c['incident']:
            a = art_by_file[s['file']]
            if c['incident'] != a['main_incident'] and c['incident'] not in a['other_incidents']:
                # allowed only as background mention; flag for review
                print('note: %s stated in %s, where %s is background' % (c['id'], s['file'], c['incident']))
claim_inc = {c['id']: c['incident'] for c in gold['claims']}
for pair in gold['rivals']:
    if len(pair) != 2 or any(p not in claim_ids for p in pair):
        err('bad rival pair %r' % (pair,))
    elif claim_inc[pair[0]] != claim_inc[pair[1]]:
        err('rival pair %r spans incidents' % (pair,))

if errors:
    print('\n'.join(errors))
    print('%d problem(s)' % len(errors))
    sys.exit(1)
print('OK: %d articles, %d incidents, %d claims, %d rivals, %d accounts' % (
    len(gold['articles']), len(gold['incidents']), len(gold['claims']), len(gold['rivals']),
    len(gold['accounts'])))
