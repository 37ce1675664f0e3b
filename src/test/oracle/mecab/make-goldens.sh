#!/usr/bin/env bash
# Regenerates src/test/resources/jtalk/mecab/random.jsonl: random strings run through Debian's mecab on
# open-jtalk-mecab-naist-jdic (the oracle for MecabTokenizer).
# Usage: src/test/oracle/mecab/make-goldens.sh [count [seed [max-length [output.jsonl]]]]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
dic=/var/lib/mecab/dic/open-jtalk/naist-jdic
count="${1:-2500}"
seed="${2:-20261124}"
maxlen="${3:-80}"
out="${4:-$root/src/test/resources/jtalk/mecab/random.jsonl}"

if ! command -v mecab >/dev/null || [ ! -f "$dic/sys.dic" ]; then
  apt-get update -qq && apt-get install -y -qq mecab open-jtalk-mecab-naist-jdic
fi

# mecab needs a dicrc; Debian's naist-jdic folder has none, so use a folder of symlinks plus our own.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/dic"
for f in sys.dic unk.dic matrix.bin char.bin; do ln -s "$dic/$f" "$work/dic/$f"; done
printf 'bos-feature = BOS/EOS,*,*,*,*,*,*,*,*\n' > "$work/dic/dicrc"

/usr/bin/python3 "$here/random_strings.py" "$count" "$dic/sys.dic" "$seed" "$maxlen" > "$work/inputs.txt"
mecab -d "$work/dic" < "$work/inputs.txt" > "$work/outputs.txt"
/usr/bin/python3 "$here/to_jsonl.py" "$work/inputs.txt" "$work/outputs.txt" \
  > "$out"
wc -l "$out"
