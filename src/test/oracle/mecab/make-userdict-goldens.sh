#!/usr/bin/env bash
# Regenerates src/test/resources/jtalk/userdict/ (see userdict_goldens.py): SBV2 2.7.0's own user_dict code
# turns userdict-words.json into user_dict.json and MeCab rows, Debian's mecab-dict-index compiles them
# against naist-jdic, Debian's mecab -u and open_jtalk analyse userdict-sentences.txt (+ generated ones).
# Usage: src/test/oracle/mecab/make-userdict-goldens.sh SBV2_2.7.0_CHECKOUT [PYTHON]
#   PYTHON: an interpreter with pydantic (2, as SBV2 2.7 requires; Debian's python3-pydantic 1.10 also works)
#   and numpy. Needs a deb-src entry for bookworm main (for open-jtalk's naist-jdic sources) and the
#   non-free component (hts-voice-nitech-jp-atr503-m001, which open_jtalk needs to run at all).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
sbv2="$(cd "$1" && pwd)"
python="${2:-python3}"
need=()
for p in mecab mecab-utils open-jtalk open-jtalk-mecab-naist-jdic hts-voice-nitech-jp-atr503-m001; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -qq open-jtalk >/dev/null 2>&1 || apt-get source -qq --download-only open-jtalk >/dev/null)
src="$(find "$work" -maxdepth 2 -type d -name mecab-naist-jdic | head -1)"
[ -f "$src/naist-jdic.csv" ] || { echo "open-jtalk source not found (add deb-src for bookworm main)" >&2; exit 1; }
out="$root/src/test/resources/jtalk/userdict"
mkdir -p "$out"
"$python" "$here/userdict_goldens.py" "$sbv2" "$here/userdict-words.json" "$here/userdict-sentences.txt" "$src" "$out"
