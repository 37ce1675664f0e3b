#!/usr/bin/env bash
# Service benchmark: process start -> ready, first and steady-state latency of a 30-character
# sentence over HTTP, BERT/generator time from the service's own metrics, GPU memory.
# Usage: service-bench.sh APP_DIR MODELS_DIR DICT_DIR OUT_DIR [N_STEADY]
# TEXTS=file: the steady requests cycle through its lines (lengths vary) instead of repeating the sentence.
# CDS=off: start without the package's class-data archive (app.aot / app-cds.jsa).
# (APP_DIR = a built target/quarkus-app; java on PATH; onnxruntime.native.path via JAVA_TOOL_OPTIONS or ORT_NATIVES)
set -uo pipefail
app=$1 models=$2 dic=$3 out=$4 n=${5:-20}
port=${PORT:-18080}
mport=${MANAGEMENT_PORT:-19000}   # health and metrics: Quarkus management interface
text='今日はとても良い天気なので、公園まで散歩に出かけましょうか。'   # 30 characters
mkdir -p "$out"
export DJL_OFFLINE=true LUNA_MODELS_DIR="$models" LUNA_DICTIONARY_DIR="$dic"
props=(-Dquarkus.http.port=$port -Dquarkus.management.port=$mport)
[ -n "${ORT_NATIVES:-}" ] && props+=(-Donnxruntime.native.path=$ORT_NATIVES)
# the package's class-data archive (CDS=off starts without it)
if [ "${CDS:-auto}" != off ]; then
  if [ -f "$app/app.aot" ]; then props+=(-XX:AOTCache=$app/app.aot)
  elif [ -f "$app/app-cds.jsa" ]; then props+=(-XX:SharedArchiveFile=$app/app-cds.jsa); fi
fi
smi=""
if command -v nvidia-smi >/dev/null 2>&1; then   # device memory every 100 ms, to match against the service log's times
  nvidia-smi --query-gpu=timestamp,memory.used --format=csv,noheader -lms 100 > "$out/gpu-timeline.csv" 2>/dev/null &
  smi=$!
fi
t0=$(date +%s%N)
java "${props[@]}" -jar "$app/quarkus-run.jar" > "$out/service.log" 2>&1 &
pid=$!
trap 'kill $pid $smi 2>/dev/null; wait $pid 2>/dev/null' EXIT
started="" ready=""
for _ in $(seq 1 6000); do
  now=$(date +%s%N)
  if [ -z "$started" ] && curl -sf "localhost:$mport/q/health/started" >/dev/null 2>&1; then started=$(( (now - t0) / 1000000 )); fi
  if curl -sf "localhost:$mport/q/health/ready" >/dev/null 2>&1; then ready=$(( (now - t0) / 1000000 )); break; fi
  kill -0 $pid 2>/dev/null || { echo "service exited"; tail -30 "$out/service.log"; exit 1; }
  sleep 0.05
done
[ -n "$ready" ] || { echo "never ready"; tail -30 "$out/service.log"; exit 1; }
gpu_ready=$(nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader 2>/dev/null | tr '\n' ' ')
req() { curl -s -o "$out/last.wav" -w '%{time_starttransfer} %{time_total}' -X POST "localhost:$port/synthesize" \
          -H 'Content-Type: application/json' -d "$(printf '{"text":"%s","style":"Neutral"}' "$1")"
        echo " $(( ($(stat -c %s "$out/last.wav") - 44) / 2 ))"; }
first=$(req "$text")
texts=()
[ -n "${TEXTS:-}" ] && mapfile -t texts < "$TEXTS"
: > "$out/steady.txt"
for i in $(seq 1 "$n"); do
  if ((${#texts[@]})); then req "${texts[$(( (i - 1) % ${#texts[@]} ))]}"; else req "$text"; fi >> "$out/steady.txt"
done
curl -s "localhost:$mport/q/metrics" > "$out/metrics.txt"
curl -s "localhost:$port/models/info" > "$out/info.json"
gpu=$(nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader 2>/dev/null | tr '\n' ' ')
metric() { awk -v m="$1" '$1 ~ "^"m"(_sum|_count)" {split($1,a,"{"); s[a[1]]+=$2} END {if (s[m"_count"]>0) printf "%.1f", 1000*s[m"_sum"]/s[m"_count"]; else printf "n/a"}' "$out/metrics.txt"; }
{
  echo "provider            $(grep -o '"provider":"[^"]*"' "$out/info.json" | head -1)"
  echo "start->started ms   $started"
  echo "start->ready ms     $ready"
  echo "first request       ttfb $(echo $first | cut -d' ' -f1) s, total $(echo $first | cut -d' ' -f2) s"
  sort -n -k2 "$out/steady.txt" | awk '{t[NR]=$2; f[NR]=$1} END {printf "steady (n=%d)       median total %.1f ms, min %.1f ms, max %.1f ms\n", NR, 1000*t[int((NR+1)/2)], 1000*t[1], 1000*t[NR]}'
  awk '{a+=$3/44100; w+=$2} END {printf "steady audio        %.2f s per request on average, RTF %.4f\n", a/NR, w/a}' "$out/steady.txt"
  echo "first request audio $(echo $first | cut -d' ' -f3) samples ($(awk -v s=$(echo $first | cut -d' ' -f3) 'BEGIN{printf "%.2f", s/44100}') s)"
  echo "mean BERT ms        $(metric luna_tts_bert_seconds)"
  echo "mean generator ms   $(metric luna_tts_generator_seconds)"
  echo "GPU memory (pid,MiB) at ready ${gpu_ready:-n/a}, after the requests ${gpu:-n/a}"
  echo "JVM RSS kB          $(ps -o rss= -p $pid)"
} | tee "$out/summary.txt"
