#!/usr/bin/env bash
# On the GPU machine (kit staged, see ../shared/gpu/README.md): makes the full-size random-weight bench models with
# onnx-export, then runs load.sh in several configurations; one summary and one archive come back under OUT.
# Usage: gpu-load.sh APP_DIR DICT_DIR OUT_DIR [SECONDS]
# RUNS: names below (default: the shipped configuration first). MODELS=/path skips bench-models.
set -uo pipefail
app=$1 dic=$2 out=$3 secs=${4:-10}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
mkdir -p "$out"
src=${MODELS:-/root/bench}
if [ -z "${MODELS:-}" ]; then
  t0=$(date +%s)
  (cd "$root/onnx-export" && python3 -m luna_export bench-models --out "$src") > "$out/bench-models.log" 2>&1 \
    || { echo "bench-models failed"; tail -20 "$out/bench-models.log"; exit 1; }
  echo "bench-models took $(( $(date +%s) - t0 )) s"
fi
ls -la "$src"/voices/* "$src"/bert/* | tee "$out/models.txt"
# one BERT folder with model.onnx (fp32) and model_fp16.onnx beside it, as SBV2 and AivisSpeech lay it out
rm -rf /root/m32 && mkdir -p /root/m32/bert/bench
ln -s "$src/voices" /root/m32/voices
for f in "$src"/bert/bench/*; do ln -s "$f" /root/m32/bert/bench/; done
[ -f "$src/bert/bench-fp16/model.onnx" ] && ln -s "$src/bert/bench-fp16/model.onnx" /root/m32/bert/bench/model_fp16.onnx
# the same models with the plain latent graph standing in for its CUDA (MatMul) variant
rm -rf /root/mplain && mkdir -p /root/mplain/voices/bench && ln -s /root/m32/bert /root/mplain/bert
for f in "$src"/voices/bench/*; do ln -s "$f" /root/mplain/voices/bench/; done
ln -sf "$src/voices/bench/model.latent.onnx" /root/mplain/voices/bench/model.latent.cuda.onnx
res=/root/load-out
rm -rf "$res" && mkdir -p "$res"
for run in ${RUNS:-default whole nobatch long}; do
  models=/root/m32 extra=() clients=1,4,16,32 texts=""
  case $run in
    default) ;;
    fp32bert) extra=(LUNA_BERT_PRECISION=FP32) clients=1,16 ;;
    workers2) extra=(LUNA_BATCH_WORKERS=2) ;;
    wait10) extra=(LUNA_BATCH_MAX_WAIT=10ms) ;;
    whole) extra=(LUNA_STREAMING_CHUNKED=false) ;;
    nobatch) extra=(LUNA_BATCH_MAX_SIZE=1) clients=1,16 ;;
    long) clients=1,16 texts=$here/long-ja.txt ;;
    ratio) extra=(LUNA_BATCH_MAX_LENGTH_RATIO=50) ;;
    ratio32) extra=(LUNA_BATCH_MAX_LENGTH_RATIO=50 LUNA_BATCH_MAX_SIZE=32) clients=1,16,32,64 ;;
    seq) extra=(LUNA_GENERATOR_EXECUTION_MODE=SEQUENTIAL) clients=1,16,32 ;;
    shrink) extra=(LUNA_ARENA_SHRINKAGE=true) clients=1,16 ;;
    dec8) extra=(LUNA_CUDA_DECODER_BATCH=8) clients=1,16,32 ;;
    dec16) extra=(LUNA_CUDA_DECODER_BATCH=16) clients=1,16,32,64 ;;
    dec32) extra=(LUNA_CUDA_DECODER_BATCH=32 LUNA_BATCH_MAX_SIZE=32) clients=1,16,32,64 ;;
    dec16long) extra=(LUNA_CUDA_DECODER_BATCH=16) clients=1,16 texts=$here/long-ja.txt ;;
    dec16exh) extra=(LUNA_CUDA_DECODER_BATCH=16 LUNA_CUDA_CUDNN_CONV_ALGO_SEARCH=EXHAUSTIVE) clients=1,16,32 ;;
    base) clients=1,16,32 ;;
    longwhole) clients=1,16 texts=$here/long-ja.txt extra=(LUNA_STREAMING_CHUNKED=false) ;;
    latentplain) clients=1,16,32 models=/root/mplain ;;   # the plain latent graph (cuDNN) instead of its CUDA variant
    fp32dec) extra=(LUNA_CUDA_DECODER_PRECISION=FP32) ;;   # the float32 cuDNN decoder (before model.decoder.fp16.onnx)
    nows) extra=(LUNA_CUDA_PROVIDER_OPTIONS=cudnn_conv_use_max_workspace=0) clients=1,16,32 ;;
    nc1d) extra=(LUNA_CUDA_PROVIDER_OPTIONS=cudnn_conv1d_pad_to_nc1d=1) clients=1,16,32 ;;
    notf32) extra=(LUNA_CUDA_PROVIDER_OPTIONS=use_tf32=0) clients=1,16,32 ;;
    algodefault) extra=(LUNA_CUDA_CUDNN_CONV_ALGO_SEARCH=DEFAULT) clients=1,16,32 ;;   # cuDNN's fixed algorithm, no search
    look8) extra=(LUNA_BATCH_LOOKAHEAD=8) clients=1,16,32 ;;   # more of a long request's pieces in the pipeline at once
    fixed) extra=(LUNA_CUDA_LATENT_SHAPES=4x128x512,4x384x1536) clients=1,16,32 ;;   # latent runs in fixed-shape sessions
    fixed8seq) extra=(LUNA_CUDA_LATENT_SHAPES=8x128x512 LUNA_GENERATOR_EXECUTION_MODE=SEQUENTIAL) clients=1,16,32 ;;
    latentdefault) extra=(LUNA_CUDA_CUDNN_CONV_ALGO_SEARCH=DEFAULT) clients=1,16,32 models=/root/mplain ;;   # and the plain latent graph
  esac
  echo "== $run ${extra[*]}"
  env "${extra[@]}" TEXTS_FILE="$texts" bash "$here/load.sh" "$app" "$models" "$dic" "$res/$run" "$clients" "$secs" \
    > "$res/$run.out" 2>&1
  tail -12 "$res/$run.out"
  { echo "== $run ${extra[*]}"; cat "$res/$run/summary.txt" 2>/dev/null || tail -20 "$res/$run.out"; } >> "$out/summary.txt"
  grep -E "dev.luna|ERROR|WARN" "$res/$run/service.log" | cut -c1-240 > "$res/$run/luna.log" 2>/dev/null
  rm -f "$res/$run/service.log"
done
tar czf "$out/runs.tgz" -C "$res" .
