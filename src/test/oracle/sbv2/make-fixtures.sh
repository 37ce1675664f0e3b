#!/bin/sh
# Regenerates src/test/resources/sbv2/frontend-fixtures.txt: OpenJTalk 1.11's NJD features and
# full-context labels (Debian open_jtalk -ot) for every normalized text in texts.txt.
# Usage: src/test/oracle/sbv2/make-fixtures.sh   (from the repository root)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
exec /usr/bin/python3 "$here/make_fixtures.py" "$here/texts.txt" "$root/src/test/resources/sbv2/frontend-fixtures.txt"
