#!/usr/bin/python3
"""Regenerates the OpenJTalk 1.11 golden corpus (standard library only).

For every line of sentences/<theme>.txt it writes one JSON object to
<out>/<theme>.jsonl with the raw text, our text2mecab conversion, the MeCab
best path (Debian mecab on the converted text) and OpenJTalk's TRACE output
(final NJD features and full-context labels).
"""
import argparse
import concurrent.futures
import json
import os
import pathlib
import subprocess
import sys
import tempfile

MAX_BYTES = 1023  # open_jtalk reads one line of at most this many bytes

# ASCII targets that are not the plain U+FF01..U+FF5E shift (OpenJTalk 1.11 text2mecab_rule_utf_8.h).
ASCII_SPECIAL = {' ': '\u3000', '"': '\u201d', "'": '\u2019', '-': '\u2212',
                 '\\': '\uffe5', '`': '\u2018', '~': '\u301c'}

HALF_KANA = ('｡。｢「｣」､、･・ｦヲｧァｨィｩゥｪェｫォｬャｭュｮョｯッｰーｱアｲイｳウｴエｵオ'
             'ｶカｷキｸクｹケｺコｻサｼシｽスｾセｿソﾀタﾁチﾂツﾃテﾄトﾅナﾆニﾇヌﾈネﾉノ'
             'ﾊハﾋヒﾌフﾍヘﾎホﾏマﾐミﾑムﾒメﾓモﾔヤﾕユﾖヨﾗラﾘリﾙルﾚレﾛロﾜワﾝン')
HALF_KANA_MAP = {HALF_KANA[i]: HALF_KANA[i + 1] for i in range(0, len(HALF_KANA), 2)}
# Only these pairs merge; any other ﾞ/ﾟ is dropped.
VOICED = {'ｳﾞ': 'ヴ', 'ｶﾞ': 'ガ', 'ｷﾞ': 'ギ', 'ｸﾞ': 'グ', 'ｹﾞ': 'ゲ', 'ｺﾞ': 'ゴ',
          'ｻﾞ': 'ザ', 'ｼﾞ': 'ジ', 'ｽﾞ': 'ズ', 'ｾﾞ': 'ゼ', 'ｿﾞ': 'ゾ', 'ﾀﾞ': 'ダ',
          'ﾁﾞ': 'ヂ', 'ﾂﾞ': 'ヅ', 'ﾃﾞ': 'デ', 'ﾄﾞ': 'ド', 'ﾊﾞ': 'バ', 'ﾋﾞ': 'ビ',
          'ﾌﾞ': 'ブ', 'ﾍﾞ': 'ベ', 'ﾎﾞ': 'ボ', 'ﾊﾟ': 'パ', 'ﾋﾟ': 'ピ', 'ﾌﾟ': 'プ',
          'ﾍﾟ': 'ペ', 'ﾎﾟ': 'ポ'}


def text2mecab(text):
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        pair = text[i:i + 2]
        if pair in VOICED:
            out.append(VOICED[pair])
            i += 2
            continue
        o = ord(c)
        if c in ASCII_SPECIAL:
            out.append(ASCII_SPECIAL[c])
        elif 0x21 <= o <= 0x7E:
            out.append(chr(o + 0xFEE0))
        elif o < 0x80:
            pass  # other 7-bit bytes (controls, DEL) are dropped
        elif c in HALF_KANA_MAP:
            out.append(HALF_KANA_MAP[c])
        elif c in ('ﾞ', 'ﾟ'):
            pass
        else:
            out.append(c)
        i += 1
    return ''.join(out)


def run_open_jtalk(text, dic, voice):
    with tempfile.NamedTemporaryFile(suffix='.trace', delete=False) as tmp:
        trace_path = tmp.name
    try:
        subprocess.run(['open_jtalk', '-x', dic, '-m', voice, '-ot', trace_path, '-ow', '/dev/null'],
                       input=(text + '\n').encode('utf-8'), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        trace = pathlib.Path(trace_path).read_text(encoding='utf-8')
    finally:
        os.unlink(trace_path)
    return parse_trace(trace)


def parse_trace(trace):
    features, labels = [], []
    section = None
    for line in trace.split('\n'):
        if line == '[Text analysis result]':
            section = 'features'
        elif line == '[Output label]':
            section = 'labels'
        elif line == '':
            section = None
        elif section == 'features':
            if line.count(',') < 12:
                raise ValueError('unexpected feature line: ' + line)
            features.append(line)
        elif section == 'labels':
            start, end, label = line.split(' ', 2)
            labels.append(label)
    if not features and labels:
        raise ValueError('labels without features')
    return features, labels


def run_mecab(converted, mecab_dir):
    result = subprocess.run(['mecab', '-d', mecab_dir], input=(converted + '\n').encode('utf-8'),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    lines = result.stdout.decode('utf-8').split('\n')
    if lines[-1] == '':
        lines.pop()
    if not lines or lines[-1] != 'EOS' or lines.count('EOS') != 1:
        raise ValueError('unexpected mecab output for %r: %r' % (converted, lines))
    morphemes = []
    for line in lines[:-1]:
        surface, feature = line.split('\t', 1)
        morphemes.append([surface, feature])
    return morphemes


def golden(text, args):
    converted = text2mecab(text)
    features, labels = run_open_jtalk(text, args.dic, args.voice)
    return {'text': text, 'converted': converted, 'mecab': run_mecab(converted, args.mecab_dir),
            'features': features, 'labels': labels}


NUMERAL_CHARS = set('０１２３４５６７８９〇一二三四五六七八九十百千万億兆京，．')


def strip_numerals(s):
    return ''.join(c for c in s if c not in NUMERAL_CHARS)


def read_sentences(path):
    lines = path.read_text(encoding='utf-8').split('\n')
    return [line for line in lines if line != '']


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--sentences', required=True)
    p.add_argument('--out', required=True)
    p.add_argument('--dic', required=True)
    p.add_argument('--voice', required=True)
    p.add_argument('--mecab-dir', required=True)
    p.add_argument('--jobs', type=int, default=2)
    p.add_argument('--only', nargs='*', help='theme names to regenerate (default: all)')
    args = p.parse_args()

    files = sorted(pathlib.Path(args.sentences).glob('*.txt'))
    seen = {}
    errors = []
    themes = []
    for f in files:
        sentences = read_sentences(f)
        for s in sentences:
            if len(s.encode('utf-8')) > MAX_BYTES:
                errors.append('%s: over %d bytes: %s' % (f.name, MAX_BYTES, s[:40]))
            if s in seen:
                errors.append('%s: duplicate of %s: %s' % (f.name, seen[s], s))
            seen[s] = f.name
        themes.append((f.stem, sentences))
    if errors:
        print('\n'.join(errors), file=sys.stderr)
        sys.exit(1)

    out_dir = pathlib.Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    totals = [0, 0, 0, 0]
    mismatches = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for theme, sentences in themes:
            if args.only and theme not in args.only:
                continue
            records = list(pool.map(lambda s: golden(s, args), sentences))
            with open(out_dir / (theme + '.jsonl'), 'w', encoding='utf-8') as w:
                for r in records:
                    w.write(json.dumps(r, ensure_ascii=False) + '\n')
            n_feat = sum(len(r['features']) for r in records)
            n_lab = sum(len(r['labels']) for r in records)
            empty = sum(1 for r in records if not r['labels'])
            for r in records:
                joined = ''.join(f.split(',', 1)[0] for f in r['features'])
                if r['features'] and joined != r['converted']:
                    mismatches.append((theme, r['text'], r['converted'], joined))
            print('%-24s %5d sentences %6d features %7d labels %4d empty'
                  % (theme, len(records), n_feat, n_lab, empty))
            totals = [totals[0] + len(records), totals[1] + n_feat, totals[2] + n_lab, totals[3] + empty]
    print('%-24s %5d sentences %6d features %7d labels %4d empty' % ('TOTAL', *totals))
    numeral = [m for m in mismatches if strip_numerals(m[2]) == strip_numerals(m[3])]
    other = [m for m in mismatches if m not in numeral]
    print('feature strings != converted: %d (%d only in numerals, rewritten by set_digit; %d other)'
          % (len(mismatches), len(numeral), len(other)))
    for m in other:
        print('  [%s] %r -> %r vs %r' % m)


if __name__ == '__main__':
    main()
