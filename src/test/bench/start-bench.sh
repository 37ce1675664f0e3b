#!/usr/bin/env bash
# Start-up with and without the session cache and the class-data archive (service-bench per variant):
#   before   no session cache, no class-data archive (what start-up cost before)
#   cold     empty session cache (entries are written), class-data archive
#   warm     the entries the cold run wrote, class-data archive (the normal restart)
#   warm-nocds  the same entries, no class-data archive
# Usage: start-bench.sh APP_DIR MODELS_DIR DICT_DIR OUT_DIR [N] ; CPUS=0,1 pins the service to those cores.
set -uo pipefail
app=$1 models=$2 dic=$3 out=$4 n=${5:-5}
here=$(cd "$(dirname "$0")" && pwd)
cache=$(mktemp -d)
pin=(); [ -n "${CPUS:-}" ] && pin=(taskset -c "$CPUS")
mkdir -p "$out"; : > "$out/start.txt"
for run in before cold warm warm-nocds ${EXTRA_RUNS:-}; do
  extra=(LUNA_SESSION_CACHE_DIR=$cache)
  case $run in
    before) extra+=(LUNA_SESSION_CACHE_ENABLED=false CDS=off) ;;
    cold) rm -rf "$cache" ;;
    warm-nocds) extra+=(CDS=off) ;;
  esac
  env "${extra[@]}" "${pin[@]}" bash "$here/service-bench.sh" "$app" "$models" "$dic" "$out/$run" "$n" > /dev/null
  { printf '%-11s ' "$run"; grep -E "start->ready" "$out/$run/summary.txt" | tr -s ' ' | tr '\n' ' '
    grep -oE "started in [0-9.]+s" "$out/$run/service.log" | head -1 | tr '\n' ' '
    grep -oE "Loaded (BERT|voice) [^ ]+( .*)? in [0-9]+ ms" "$out/$run/service.log" | sed -E 's/Loaded (BERT|voice) ([^ ]+).* in ([0-9]+ ms)/\1 \3/' | tr '\n' ' '
    grep -oE "Warm-up done in [0-9]+ ms" "$out/$run/service.log" | tr '\n' ' '
    grep -E "^steady" "$out/$run/summary.txt" | sed 's/steady (n=[0-9]*) *//'; } | tee -a "$out/start.txt"
done
rm -rf "$cache"
