#!/usr/bin/env bash
# Starts the service, waits for readiness, runs the closed-loop load benchmark (load-bench.py) at several client
# counts with the varied texts, and writes a summary: start -> ready, GPU memory at ready and per level, audio
# seconds per second, latency and time to first audio percentiles, batch sizes from the service's own metrics.
# Usage: load.sh APP_DIR MODELS_DIR DICT_DIR OUT_DIR [CLIENTS] [SECONDS]
# Env: LINES=N (N-line requests), TEXTS_FILE (default texts-ja.txt), PORT, ORT_NATIVES (onnxruntime.native.path),
# any LUNA_* setting.
set -uo pipefail
app=$1 models=$2 dic=$3 out=$4 clients=${5:-1,4,16,32} seconds=${6:-15}
here=$(cd "$(dirname "$0")" && pwd)
port=${PORT:-18080}
mport=${MANAGEMENT_PORT:-19000}   # health and metrics: the management interface
mkdir -p "$out"
export DJL_OFFLINE=true LUNA_MODELS_DIR="$models" LUNA_DICTIONARY_DIR="$dic"
props=(-Dquarkus.http.port=$port -Dquarkus.management.port=$mport)
[ -n "${ORT_NATIVES:-}" ] && props+=(-Donnxruntime.native.path=$ORT_NATIVES)
t0=$(date +%s%N)
java "${props[@]}" -jar "$app/quarkus-run.jar" > "$out/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
ready=""
for _ in $(seq 1 6000); do
  if curl -sf "localhost:$mport/q/health/ready" >/dev/null 2>&1; then ready=$(( ($(date +%s%N) - t0) / 1000000 )); break; fi
  kill -0 $pid 2>/dev/null || { echo "service exited"; tail -30 "$out/service.log"; exit 1; }
  sleep 0.05
done
[ -n "$ready" ] || { echo "never ready"; tail -30 "$out/service.log"; exit 1; }
gpu_ready=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader 2>/dev/null)
python3 "$here/load-bench.py" "http://localhost:$port" "${TEXTS_FILE:-$here/texts-ja.txt}" --clients "$clients" \
  --seconds "$seconds" --lines "${LINES:-1}" --json "$out/load.json" --metrics "http://localhost:$mport/q/metrics" | tee "$out/load.txt"
curl -s "localhost:$mport/q/metrics" > "$out/metrics.txt"
hist() {  # mean of a summary/histogram metric with a given label filter
  awk -v m="$1" -v f="$2" 'index($1, m"_sum")==1 && index($1, f) {s+=$2} index($1, m"_count")==1 && index($1, f) {c+=$2}
       END {if (c>0) printf "%.2f (n=%d)", s/c, c; else printf "n/a"}' "$out/metrics.txt"; }
ms() {  # mean of a timer in milliseconds
  awk -v m="$1" 'index($1, m"_sum")==1 {s+=$2} index($1, m"_count")==1 {c+=$2}
       END {if (c>0) printf "%.1f (n=%d)", 1000*s/c, c; else printf "n/a"}' "$out/metrics.txt"; }
{
  echo "provider             $(grep -o 'Execution provider [a-z]*' "$out/service.log" | head -1)"
  echo "start->ready ms      $ready"
  echo "GPU memory at ready  ${gpu_ready:-n/a}"
  echo "mean batch: bert     $(hist luna_tts_batch_size 'stage="bert"')"
  echo "mean batch: gen      $(hist luna_tts_batch_size 'stage="generator"')"
  echo "mean batch: decoder  $(hist luna_tts_batch_size 'stage="decoder"')"
  echo "mean run ms: bert    $(ms luna_tts_bert_seconds)"
  echo "mean run ms: gen     $(ms luna_tts_generator_seconds)"
  echo "mean run ms: decoder $(ms luna_tts_decoder_seconds)"
  echo "JVM RSS kB           $(ps -o rss= -p $pid)"
  cat "$out/load.txt"
} | tee "$out/summary.txt"
