#!/bin/sh
# Regenerates src/test/resources/sbv2/{normalize,g2p}-goldens.tsv by running SBV2 2.7.0's own
# normalizer.py/g2p.py (nothing of them is committed here) on normalize-inputs.jsonl and on the
# open_jtalk fixtures. Run make-fixtures.sh first when texts.txt changed.
# Usage: make-goldens.sh SBV2_2.7.0_CHECKOUT NUM2WORDS_CHECKOUT
set -eu
here=$(cd "$(dirname "$0")" && pwd)
res=$(cd "$here/../../resources/sbv2" && pwd)
exec /usr/bin/python3 "$here/sbv2_oracle.py" "$1" "$2" "$res/frontend-fixtures.txt" \
  "$here/normalize-inputs.jsonl" "$res"
