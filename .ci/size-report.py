#!/usr/bin/env python3
"""Size report of a wasm module: the biggest functions by body size and a rollup by crate,
read from the code and name sections (build without stripping names; wasm-opt strips them later).
Usage: .ci/size-report.py <file.wasm> [top N]. A stand-in for `twiggy top` that needs no install."""
import re
import sys
from collections import Counter


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7F) << s; s += 7
        if x < 0x80:
            return r, i


def sections(b):
    i = 8
    while i < len(b):
        sid = b[i]; i += 1
        n, i = leb(b, i)
        yield sid, b[i:i + n]
        i += n


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    b = open(path, 'rb').read()
    imported = 0; bodies = []; names = {}; sec_sizes = Counter()
    for sid, s in sections(b):
        if sid == 0:
            nl, j = leb(s, 0); name = s[j:j + nl].decode(); sec_sizes['custom:' + name] += len(s)
            if name == 'name':
                j += nl
                while j < len(s):
                    sub = s[j]; j += 1; sz, j = leb(s, j); end = j + sz
                    if sub == 1:
                        cnt, k = leb(s, j)
                        for _ in range(cnt):
                            idx, k = leb(s, k); ln, k = leb(s, k)
                            names[idx] = s[k:k + ln].decode('utf-8', 'replace'); k += ln
                    j = end
            continue
        sec_sizes[{1: 'type', 2: 'import', 3: 'function', 5: 'memory', 6: 'global', 7: 'export', 9: 'elem', 10: 'code', 11: 'data'}.get(sid, str(sid))] += len(s)
        if sid == 2:
            cnt, j = leb(s, 0)
            for _ in range(cnt):
                for _ in range(2):
                    ln, j = leb(s, j); j += ln
                kind = s[j]; j += 1
                if kind == 0:
                    imported += 1; _, j = leb(s, j)
                elif kind == 1:
                    j += 1; fl, j = leb(s, j); _, j = leb(s, j)
                    if fl & 1: _, j = leb(s, j)
                elif kind == 2:
                    fl, j = leb(s, j); _, j = leb(s, j)
                    if fl & 1: _, j = leb(s, j)
                elif kind == 3:
                    j += 2
        if sid == 10:
            cnt, j = leb(s, 0)
            for k in range(cnt):
                sz, j2 = leb(s, j); bodies.append((imported + k, sz + (j2 - j))); j = j2 + sz
    total = len(b)
    print(f'{path}: {total} bytes')
    for k, v in sec_sizes.most_common():
        print(f'  section {k:<24} {v:>8} ({100 * v / total:.1f}%)')
    crates = Counter()
    for idx, sz in bodies:
        n = names.get(idx, f'func[{idx}]')
        m = re.search(r'([a-z_][a-z0-9_]*)::', n.replace('<', ' ').replace('&', ' '))
        crates[m.group(1) if m else n.split('::')[0][:30]] += sz
    print('\nby crate (function bodies):')
    for k, v in crates.most_common(20):
        print(f'  {v:>8}  {k}')
    print(f'\ntop {top} functions:')
    for idx, sz in sorted(bodies, key=lambda x: -x[1])[:top]:
        print(f'  {sz:>8}  {names.get(idx, idx)[:110]}')


main()
