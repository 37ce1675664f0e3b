#!/usr/bin/env bash
# Regenerates src/test/resources/jtalk/openjtalk/*.jsonl from sentences/*.txt
# with Debian's OpenJTalk 1.11 and MeCab 0.996. Usage: make-goldens.sh [theme ...]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
DIC=/var/lib/mecab/dic/open-jtalk/naist-jdic
VOICE=/usr/share/hts-voice/nitech-jp-atr503-m001/nitech_jp_atr503_m001.htsvoice

sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v open_jtalk >/dev/null || missing+=(open-jtalk)
command -v mecab >/dev/null || missing+=(mecab)
[ -f "$DIC/sys.dic" ] || missing+=(open-jtalk-mecab-naist-jdic)
[ -f "$VOICE" ] || missing+=(hts-voice-nitech-jp-atr503-m001)
if [ ${#missing[@]} -gt 0 ]; then
  if [[ " ${missing[*]} " == *hts-voice* ]]; then
    # The voice lives in Debian's non-free component.
    if ! grep -rqs 'non-free' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
      sudo_if_needed tee /etc/apt/sources.list.d/debian-non-free.sources >/dev/null <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: $codename $codename-updates
Components: main contrib non-free
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    fi
  fi
  sudo_if_needed apt-get update
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

# MeCab reads dicrc from the dictionary folder; give it one with OpenJTalk's BOS/EOS feature.
MECAB_DIR="$(mktemp -d)"
trap 'rm -rf "$MECAB_DIR"' EXIT
for f in "$DIC"/*; do ln -s "$f" "$MECAB_DIR/"; done
printf 'bos-feature = BOS/EOS,*,*,*,*,*,*,*,*\n' > "$MECAB_DIR/dicrc"

only=()
[ $# -gt 0 ] && only=(--only "$@")
/usr/bin/python3 "$HERE/make_goldens.py" --sentences "$HERE/sentences" \
  --out "$ROOT/src/test/resources/jtalk/openjtalk" --dic "$DIC" --voice "$VOICE" \
  --mecab-dir "$MECAB_DIR" --jobs 2 "${only[@]}"
