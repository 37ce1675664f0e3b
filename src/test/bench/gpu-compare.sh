#!/usr/bin/env bash
# On the GPU machine, after the kit is staged and `bench-models --out /root/bench` has finished:
# makes MatMul-conv copies of the bench voice and BERT, then runs service-bench on both variants.
# Usage: gpu-compare.sh APP_DIR DICT_DIR OUT_DIR [N]   (run from a directory containing onnx-export/)
set -uo pipefail
app=$1 dic=$2 out=$3 n=${4:-20}
here=$(cd "$(dirname "$0")" && pwd)
src=/root/bench
mk() {  # mk DIR VOICE_ONNX BERT_ONNX
  rm -rf "$1"; mkdir -p "$1/voices/bench" "$1/bert/bench"
  for f in "$src"/voices/bench/*; do [ "${f##*/}" = model.onnx ] || ln -s "$f" "$1/voices/bench/"; done
  for f in "$src"/bert/bench/*; do [ "${f##*/}" = model.onnx ] || ln -s "$f" "$1/bert/bench/"; done
  ln -s "$2" "$1/voices/bench/model.onnx"; ln -s "$3" "$1/bert/bench/model.onnx"
}
mkdir -p /root/gemm "$out"
(cd onnx-export && python3 -m luna_export gemm-convs $src/voices/bench/model.onnx /root/gemm/voice.onnx \
  && python3 -m luna_export gemm-convs $src/bert/bench/model.onnx /root/gemm/bert.onnx) | tee "$out/rewrite.txt"
mk /root/m-conv $src/voices/bench/model.onnx $src/bert/bench/model.onnx
mk /root/m-gemm /root/gemm/voice.onnx /root/gemm/bert.onnx
for run in ${RUNS:-gemm-fixed gemm-varied conv-varied}; do
  variant=${run%-*}
  if [ "${run#*-}" = varied ]; then export TEXTS=$here/texts-ja.txt; else unset TEXTS; fi
  echo "== $run"
  bash "$here/service-bench.sh" "$app" /root/m-$variant "$dic" /root/r/$run "$n" | tail -12
  cp /root/r/$run/summary.txt "$out/$run.txt"
  grep -E "Warm|provider|Created|loaded" /root/r/$run/service.log | head -20 > "$out/$run.log"
done
