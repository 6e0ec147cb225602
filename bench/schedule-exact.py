# Exact optimum of a `pnpm scx schedule` file (an instance written by `BENCH_DUMP=DIR pnpm bench:schedule`), as an
# integer program solved by HiGHS through SciPy (scipy.optimize.milp) — the cross-check of bench/RESULTS.md.
#   python3 bench/schedule-exact.py FILE.json [must-first|total-priority|meetings] [time limit in s, default 600]
# One binary per (request, usable common slot); each request at most once, each participant at most once per
# slot, floating tables per slot, quotas; hosted-buyer tables as in packages/core/src/scheduling/hosts.ts.
# Objective weights: must-first = must-meet B, meet 1 (B > requests); total-priority = 2B + 1 and B + 1 (total
# priority, then meetings); meetings = 1 each. Prints the incumbent and HiGHS's dual bound (optimal when equal).
import json, sys
import numpy as np
from scipy.optimize import milp, LinearConstraint, Bounds
from scipy.sparse import coo_matrix

f = json.load(open(sys.argv[1]))
objective = sys.argv[2] if len(sys.argv) > 2 else 'must-first'
tl = float(sys.argv[3]) if len(sys.argv) > 3 else 600
S = f['slots']
tables = f['tables'] if isinstance(f['tables'], list) else [f['tables']] * S
breaks = set(f.get('breaks', []))
hosted = f.get('hosted', False)
parts = []
idx = {}
for p in f['participants']:
    if p['id'] in idx: continue
    idx[p['id']] = len(parts); parts.append(p)
maxT = max(tables) if tables else 0
host_table = [-1] * len(parts); is_host_table = [False] * maxT
if hosted:
    for i, p in enumerate(parts):
        t = p.get('table')
        if p.get('host') and t is not None and 0 <= t < maxT and not is_host_table[t]:
            host_table[i] = t; is_host_table[t] = True
    nxt = 0
    for i, p in enumerate(parts):
        if not p.get('host') or host_table[i] != -1: continue
        while nxt < maxT and is_host_table[nxt]: nxt += 1
        if nxt < maxT: host_table[i] = nxt; is_host_table[nxt] = True
float_cap = [0 if s in breaks else sum(1 for k in range(tables[s]) if not is_host_table[k]) for s in range(S)]
def usable(i):
    p = parts[i]
    av = p.get('available')
    av = range(S) if av is None else av
    return {s for s in av if 0 <= s < S and s not in breaks}
U = [usable(i) for i in range(len(parts))]
key = lambda a, b: (a, b) if a < b else (b, a)
no = {key(n['a'], n['b']) for n in f.get('noThanks', [])}
best = {}
for r in f['requests']:
    if r['a'] == r['b'] or r['a'] not in idx or r['b'] not in idx: continue
    k = key(r['a'], r['b'])
    if k in no: continue
    best[k] = max(best.get(k, 0), r['priority'])
isHost = lambda i: hosted and parts[i].get('host', False)
var = []  # (req, slot, a, b, prio, floating)
reqs = []
for (x, y), pr in best.items():
    a, b = idx[x], idx[y]
    fixed = -1
    if isHost(a) or isHost(b):
        fixed = host_table[a] if isHost(a) else host_table[b]
        if fixed < 0: continue
    cands = [s for s in sorted(U[a] & U[b]) if (fixed < tables[s] if fixed >= 0 else float_cap[s] > 0)]
    if not cands: continue
    ri = len(reqs); reqs.append((a, b, pr))
    for s in cands: var.append((ri, s, a, b, pr, fixed < 0))
R = len(reqs); n = len(var)
B = R + 1
if objective == 'must-first':
    w = [(B if v[4] == 2 else 1) for v in var]
elif objective == 'total-priority':
    w = [(2 * B + 1 if v[4] == 2 else B + 1) for v in var]
else:  # meetings
    w = [1] * n
rows, cols, ub = [], [], []
row = 0
def add(members, cap):
    global row
    for j in members: rows.append(row); cols.append(j)
    ub.append(cap); row += 1
by_req = {}; by_ps = {}; by_slot = {}; by_p = {}
for j, (ri, s, a, b, pr, fl) in enumerate(var):
    by_req.setdefault(ri, []).append(j)
    by_ps.setdefault((a, s), []).append(j); by_ps.setdefault((b, s), []).append(j)
    if fl: by_slot.setdefault(s, []).append(j)
    by_p.setdefault(a, []).append(j); by_p.setdefault(b, []).append(j)
for m in by_req.values(): add(m, 1)
for m in by_ps.values():
    if len(m) > 1: add(m, 1)
for s, m in by_slot.items():
    if len(m) > float_cap[s]: add(m, float_cap[s])
for i, m in by_p.items():
    q = parts[i].get('maxMeetings')
    if q is not None: add(m, q)
A = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(row, n)).tocsr()
res = milp(c=-np.array(w, dtype=float), constraints=[LinearConstraint(A, -np.inf, np.array(ub, dtype=float))],
           integrality=np.ones(n), bounds=Bounds(0, 1), options={'time_limit': tl, 'disp': False, 'mip_rel_gap': 0})
x = res.x if res.x is not None else np.zeros(n)
sel = [var[j] for j in range(n) if x[j] > 0.5]
must = sum(1 for v in sel if v[4] == 2)
out = {'file': sys.argv[1].split('/')[-1], 'objective': objective, 'status': res.status, 'message': res.message,
       'meetings': len(sel), 'must': must, 'priority': sum(v[4] for v in sel)}
bound = getattr(res, 'mip_dual_bound', None)
if bound is not None:
    # Upper bounds implied by the dual bound, in the objective's own terms.
    bd = -bound + 1e-6
    if objective == 'must-first':
        out['bound'] = {'must': int(bd // B), 'meetings_if_same_must': must + int(bd - must * B)}
    elif objective == 'total-priority':
        out['bound'] = {'priority': int(bd // B)}
    else:
        out['bound'] = {'meetings': int(bd)}
print(json.dumps(out))
