#!/usr/bin/env bash
# Warm starts with one setting at two values, interleaved (A B A B ...), on one session cache filled first: start ->
# ready, the service's own start-up log lines, first and steady latency, memory (service-bench.sh per start).
# Usage: start-ab.sh APP_DIR MODELS_DIR DICT_DIR OUT_DIR PAIRS ENV_VAR VALUE_A VALUE_B   (TEXTS=file as service-bench)
# Rows are labelled A and B (the values can be long).
set -uo pipefail
app=$1 models=$2 dic=$3 out=$4 pairs=$5 var=$6 a=$7 b=$8
here=$(cd "$(dirname "$0")" && pwd)
cache=$(mktemp -d)
mkdir -p "$out"; : > "$out/ab.txt"
LUNA_SESSION_CACHE_DIR=$cache bash "$here/service-bench.sh" "$app" "$models" "$dic" "$out/fill" 2 > /dev/null
for i in $(seq 1 "$pairs"); do
  for ab in A B; do
    v=$a; [ $ab = B ] && v=$b
    run="$out/$ab-$i"
    env LUNA_SESSION_CACHE_DIR="$cache" "$var=$v" bash "$here/service-bench.sh" "$app" "$models" "$dic" "$run" "${N:-30}" > /dev/null
    { printf '%s #%d ' "$ab" "$i"; grep -E "start->ready" "$run/summary.txt" | tr -s ' ' | tr '\n' ' '
      grep -oE "started in [0-9.]+s" "$run/service.log" | head -1 | tr '\n' ' '
      grep -oE "probe [0-9]+ ms|Loaded (BERT|voice) [^ ]+( .*)? in [0-9]+ ms|Warm-up done in [0-9]+ ms|Ready in [0-9]+ ms" \
        "$run/service.log" | sed -E 's/Loaded (BERT|voice) ([^ ]+).* in ([0-9]+ ms)/\1 \3/' | tr '\n' ' '
      grep -E "^first request|^steady \(" "$run/summary.txt" | sed -E 's/steady \(n=[0-9]+\) *//; s/first request *//' | tr -s ' ' | tr '\n' ' '
      grep -oE "at ready [0-9]+, [0-9]+ MiB" "$run/summary.txt" | tr '\n' ' '; echo; } | tee -a "$out/ab.txt"
  done
done
rm -rf "$cache"
