#!/usr/bin/env bash
# On the GPU machine, after the kit is staged and `bench-models --out /root/bench` has finished
# (it writes model.onnx and model.cuda.onnx): service-bench in several configurations.
# Usage: gpu-bench.sh APP_DIR DICT_DIR OUT_DIR [N]
# Each run is NAME (fixed sentence) or NAME-varied (TEXTS=texts-ja.txt); NAME picks the set-up below
# (default: the shipped configuration: fp16 BERT on CUDA, session cache in $LUNA_SESSION_CACHE_DIR, class-data archive).
set -uo pipefail
app=$1 dic=$2 out=$3 n=${4:-20}
here=$(cd "$(dirname "$0")" && pwd)
src=/root/bench
rm -rf /root/m16 && mkdir -p /root/m16/bert && ln -s $src/voices /root/m16/voices && ln -s $src/bert/bench-fp16 /root/m16/bert/
# std: the BERT folder as SBV2/AivisSpeech lay it out, model_fp16.onnx beside model.onnx (the default loads fp16 on CUDA)
rm -rf /root/mstd && mkdir -p /root/mstd/bert/bench && ln -s $src/voices /root/mstd/voices
for f in $src/bert/bench/*; do ln -s "$f" /root/mstd/bert/bench/; done
ln -s $src/bert/bench-fp16/model.onnx /root/mstd/bert/bench/model_fp16.onnx
[ -f $src/bert/bench-fp16/model.cuda.onnx ] && ln -s $src/bert/bench-fp16/model.cuda.onnx /root/mstd/bert/bench/model_fp16.cuda.onnx
# session cache shared by the runs; the `cold` run empties it first
export LUNA_SESSION_CACHE_DIR=${LUNA_SESSION_CACHE_DIR:-/root/session-cache}
# noann: the same .cuda.onnx variants without their named lengths (value_info stripped)
if [[ " ${RUNS:-} " == *" noann"* ]]; then
  rm -rf /root/mnoann && mkdir -p /root/mnoann/voices/bench /root/mnoann/bert/bench
  for f in $src/voices/bench/* $src/bert/bench/*; do
    case $f in *.cuda.onnx) python3 -c "import onnx,sys; m=onnx.load(sys.argv[1]); del m.graph.value_info[:]; onnx.save(m, sys.argv[2])" "$f" /root/mnoann/${f#$src/} ;;
               *) ln -s "$f" /root/mnoann/${f#$src/} ;; esac
  done
fi
# plain: the same models without their .cuda.onnx variants (convolutions on cuDNN)
rm -rf /root/mplain && mkdir -p /root/mplain/voices/bench /root/mplain/bert/bench
for f in $src/voices/bench/* $src/bert/bench/*; do
  case $f in *.cuda.onnx) ;; *) ln -s "$f" /root/mplain/${f#$src/} ;; esac
done
res=/root/r-out
rm -rf "$res" && mkdir -p "$res" "$out"
for run in ${RUNS:-default default-varied fp16bert-varied shrink-varied}; do
  name=${run%-varied}
  models=/root/mstd; extra=()
  case $name in
    cold) rm -rf "$LUNA_SESSION_CACHE_DIR" ;;
    fp32bert) extra=(LUNA_BERT_PRECISION=FP32) ;;
    nocache) extra=(LUNA_SESSION_CACHE_ENABLED=false) ;;
    nocds) extra=(CDS=off) ;;
    nocap) extra=(LUNA_CUDA_GPU_MEM_LIMIT=0) ;;
    fp16bert) models=/root/m16 ;;
    plain) models=/root/mplain ;;
    noann) models=/root/mnoann ;;
    noopt) extra=(LUNA_GENERATOR_OPTIMIZATION=NO_OPT) ;;
    defaultalgo) extra=(LUNA_CUDA_CUDNN_CONV_ALGO_SEARCH=DEFAULT) ;;
    serial) extra=(LUNA_LOAD_THREADS=1) ;;
    par) extra=(LUNA_GENERATOR_EXECUTION_MODE=PARALLEL) ;;
    seq) extra=(LUNA_GENERATOR_EXECUTION_MODE=SEQUENTIAL) ;;
    shrink) extra=(LUNA_ARENA_SHRINKAGE=true) ;;
    fp16shrink) models=/root/m16; extra=(LUNA_ARENA_SHRINKAGE=true) ;;
    verbose) extra=(LUNA_ORT_LOG_LEVEL=VERBOSE) ;;   # ONNX Runtime's own timestamped log of session creation
  esac
  if [ "$run" != "$name" ]; then export TEXTS=$here/texts-ja.txt; else unset TEXTS; fi
  echo "== $run ${extra[*]}"
  env "${extra[@]}" bash "$here/service-bench.sh" "$app" "$models" "$dic" /root/r/$run "$n" | tail -12
  cp /root/r/$run/summary.txt "$res/$run.txt"
  cp /root/r/$run/gpu-timeline.csv "$res/$run.gpu.csv" 2>/dev/null
  grep -E "dev.luna" /root/r/$run/service.log | sed 's/^[0-9-]* //' | cut -c1-220 > "$res/$run.log"
  if [ "$name" = verbose ]; then
    sed -n '1,/Ready in/p' /root/r/$run/service.log | cut -c1-400 > "$res/$run.ort.log"
  fi
  { echo "== $run ${extra[*]}"; cat "$res/$run.txt"; } >> "$out/summary.txt"
done
# at most 8 files come back from the GPU machine: one summary and one archive
tar czf "$out/runs.tgz" -C "$res" .
