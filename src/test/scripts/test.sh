#!/usr/bin/env bash
# Runs every test of the project on a fresh machine of the java-maven kind:
# installs what the tests need, then runs each src/test/scripts/test-*.sh in name order.
set -euo pipefail
cd "$(dirname "$0")/../../.."
bash src/main/scripts/install-deps.sh
for t in src/test/scripts/test-*.sh; do
  echo "=== $t"
  bash "$t"
done
