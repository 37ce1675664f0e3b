#!/usr/bin/env bash
# Regenerates src/test/resources/jtalk/mecab/text2mecab.jsonl.gz: {"input", "converted", "morphemes"} where
# "converted" comes from OpenJTalk 1.11's own text2mecab() (Debian source package open-jtalk, compiled here
# with text2mecab_main.c) and "morphemes" from Debian's mecab run on that converted text.
# Inputs: every BMP character except NUL, newline and surrogates (50 per line), each half-width katakana
# followed by ﾞ and ﾟ, and random strings from random_strings.py.
# Needs: a deb-src entry for bookworm main, gcc. Usage: src/test/oracle/mecab/make-text2mecab-goldens.sh [count]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
dic=/var/lib/mecab/dic/open-jtalk/naist-jdic
count="${1:-3000}"

if ! command -v mecab >/dev/null || [ ! -f "$dic/sys.dic" ]; then
  apt-get update -qq && apt-get install -y -qq mecab open-jtalk-mecab-naist-jdic
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -qq open-jtalk >/dev/null 2>&1 || apt-get source -qq --download-only open-jtalk >/dev/null)
src="$(find "$work" -maxdepth 3 -type d -name text2mecab | head -1)"
[ -f "$src/text2mecab.c" ] || { echo "open-jtalk source not found (add deb-src for bookworm main)" >&2; exit 1; }
gcc -O1 -DCHARSET_UTF_8 -I "$src" -o "$work/text2mecab" "$here/text2mecab_main.c" "$src/text2mecab.c"

mkdir "$work/dic"
for f in sys.dic unk.dic matrix.bin char.bin; do ln -s "$dic/$f" "$work/dic/$f"; done
printf 'bos-feature = BOS/EOS,*,*,*,*,*,*,*,*\n' > "$work/dic/dicrc"

/usr/bin/python3 - "$work/inputs.txt" <<'PY'
import sys
chars = [chr(c) for c in range(1, 0x10000) if c != 10 and not 0xD800 <= c <= 0xDFFF]
lines = ["".join(chars[i:i + 50]) for i in range(0, len(chars), 50)]
lines += [a + "\uff9e" + a + "\uff9f" + a for a in map(chr, range(0xFF61, 0xFFA0))]
open(sys.argv[1], "w", encoding="utf-8", newline="\n").write("".join(l + "\n" for l in lines))
PY
/usr/bin/python3 "$here/random_strings.py" "$count" "$dic/sys.dic" 424242 120 >> "$work/inputs.txt"
"$work/text2mecab" < "$work/inputs.txt" > "$work/converted.txt" 2>/dev/null
mecab -d "$work/dic" < "$work/converted.txt" > "$work/mecab.txt"
/usr/bin/python3 - "$work/inputs.txt" "$work/converted.txt" "$work/mecab.txt" <<'PY' \
  | gzip -n -9 > "$root/src/test/resources/jtalk/mecab/text2mecab.jsonl.gz"
import json, sys
read = lambda p: open(p, encoding="utf-8", newline="\n").read().split("\n")[:-1]
inputs, converted = read(sys.argv[1]), read(sys.argv[2])
blocks, cur = [], []
for line in read(sys.argv[3]):
    if line == "EOS":
        blocks.append(cur); cur = []
    else:
        cur.append(line.split("\t", 1))
assert len(inputs) == len(converted) == len(blocks), (len(inputs), len(converted), len(blocks))
for i, c, m in zip(inputs, converted, blocks):
    print(json.dumps({"input": i, "converted": c, "morphemes": m}, ensure_ascii=False))
PY
gzip -dc "$root/src/test/resources/jtalk/mecab/text2mecab.jsonl.gz" | wc -l
