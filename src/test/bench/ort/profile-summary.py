# Sums an ONNX Runtime profile's node times for the last run: by op type and by module prefix.
import collections, json, re, sys
ev = json.load(open(sys.argv[1]))
runs = [e for e in ev if e.get('name') == 'model_run']
print('runs', len(runs), 'last ms', runs[-1]['dur'] / 1000, 'median ms', sorted(r['dur'] for r in runs)[len(runs) // 2] / 1000)
t0, t1 = runs[-1]['ts'], runs[-1]['ts'] + runs[-1]['dur']
nodes = [e for e in ev if e.get('cat') == 'Node' and e['name'].endswith('_kernel_time') and t0 <= e['ts'] <= t1]
print('nodes', len(nodes), 'sum ms', sum(e['dur'] for e in nodes) / 1000)
by, byop, prov = collections.Counter(), collections.Counter(), collections.Counter()
for e in nodes:
    n = e['name'][:-len('_kernel_time')].strip('/').split('/')
    by[re.sub(r'\.\d+(_\d+)?', '', n[0] + ('/' + n[1] if len(n) > 2 else ''))] += e['dur']
    byop[e['args'].get('op_name')] += e['dur']
    prov[e['args'].get('provider')] += 1
print('providers', dict(prov))
print('by module', [(k, round(v / 1000, 2)) for k, v in by.most_common(12)])
print('by op', [(k, round(v / 1000, 2)) for k, v in byop.most_common(15)])
