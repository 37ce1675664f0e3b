#!/usr/bin/env bash
# How far fp16 BERT moves from fp32: BERT features (max |Δ| per text) and the final audio (max |Δ| of
# 16-bit samples per text, deterministic generator: sdp_ratio 0, noise 0, noise_w 0).
# Usage: bert-fp16-delta.sh APP_DIR MODELS_DIR DICT_DIR OUT_DIR
#   MODELS_DIR/bert/<name>/ holds model.onnx and model_fp16.onnx (+ tokenizer.json); APP_DIR = a built
#   target/quarkus-app; java on PATH; ORT natives via ORT_NATIVES or JAVA_TOOL_OPTIONS. PROVIDER=cuda|cpu|auto.
# Features run both graphs in one JVM on PROVIDER; audio comes from the service started twice
# (LUNA_BERT_PRECISION=FP32, then FP16) on the same provider, each text as raw PCM.
set -uo pipefail
app=$1 models=$2 dic=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
port=${PORT:-18090}
mport=${MANAGEMENT_PORT:-19090}   # health: the management interface
mkdir -p "$out"
bert=$(dirname "$(ls "$models"/bert/*/model_fp16.onnx | head -1)")
[ -f "$bert/model.onnx" ] || { echo "no model.onnx beside $bert/model_fp16.onnx"; exit 1; }
props=(); [ -n "${ORT_NATIVES:-}" ] && props+=(-Donnxruntime.native.path=$ORT_NATIVES)
cp="$app/app/*:$app/lib/main/*:$app/lib/boot/*"
tool=(java "${props[@]}" -cp "$cp" dev.luna.tts.engine.bert.BertPrecisionDelta)
export DJL_OFFLINE=true LUNA_MODELS_DIR="$models" LUNA_DICTIONARY_DIR="$dic"
"${tool[@]}" features "$bert" "$here/texts-ja.txt" "${PROVIDER:-auto}" 2>/dev/null | tee "$out/features.txt"
mapfile -t texts < "$here/texts-ja.txt"
for precision in FP32 FP16; do
  mkdir -p "$out/$precision"
  LUNA_BERT_PRECISION=$precision LUNA_PROVIDER=${PROVIDER:-auto} java "${props[@]}" -Dquarkus.http.port=$port -Dquarkus.management.port=$mport \
    -jar "$app/quarkus-run.jar" > "$out/$precision/service.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    curl -sf "localhost:$mport/q/health/ready" >/dev/null 2>&1 && break
    kill -0 $pid 2>/dev/null || { echo "service exited"; tail -20 "$out/$precision/service.log"; exit 1; }
    sleep 0.1
  done
  grep -o 'Loaded BERT [^ ]*' "$out/$precision/service.log"
  for i in "${!texts[@]}"; do
    curl -s -o "$out/$precision/$i.pcm" -X POST "localhost:$port/synthesize?format=pcm" -H 'Content-Type: application/json' \
      -d "$(printf '{"text":"%s","sdp_ratio":0,"noise":0,"noise_w":0}' "${texts[$i]}")"
  done
  kill $pid; wait $pid 2>/dev/null
done
: > "$out/audio.txt"
for i in "${!texts[@]}"; do
  "${tool[@]}" pcm "$out/FP32/$i.pcm" "$out/FP16/$i.pcm" 2>/dev/null >> "$out/audio.txt"
done
cat "$out/audio.txt"
awk '{for (k=1;k<=NF;k++) if ($k=="max|d|") {v=$(k+1); if (v+0>m) m=v+0}} END {printf "audio summary: max|d| %d of 32767 over %d texts\n", m, NR}' \
  "$out/audio.txt" | tee -a "$out/audio.txt"
