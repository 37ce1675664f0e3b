#!/usr/bin/env bash
# On the GPU machine (kit staged): makes the fixed-shape bench graphs (graph-models.py) unless GRAPHS holds them, then
# times each with BoundRun: the Java API's run, the IOBinding run, and (fixed shapes only) the IOBinding run replaying
# a CUDA graph. BoundRun's classes come compiled (Java 25) in CLASSES: the kit's runtime has no compiler.
# Usage: source /root/kit/env.sh; CLASSES=DIR bash src/test/bench/ort/graph-bench.sh OUT_DIR [N] [GRAPH ...]
set -uo pipefail
out=$1 n=${2:-50}; shift 2 || shift $#
here=$(cd "$(dirname "$0")" && pwd)
g=${GRAPHS:-/root/graphs}
mkdir -p "$out"
if [ ! -f "$g/done" ]; then
  t0=$(date +%s)
  python3 "$here/graph-models.py" "$g" > "$out/graph-models.log" 2>&1 || { tail -20 "$out/graph-models.log"; exit 1; }
  touch "$g/done"
  echo "graph-models took $(( $(date +%s) - t0 )) s"; grep -E 'frames|chunk|max' "$out/graph-models.log"
fi
list=("$@")
[ ${#list[@]} -gt 0 ] || list=(bert-dyn:40 bert-1-40 bert-4-64 latent-dyn.cuda:96 latent-1-96-256 latent-1-96-256.cuda
  latent-4-96-256 latent-4-96-256.cuda decoder-1.fp16 decoder-4.fp16)
for item in "${list[@]}"; do
  m=${item%%:*} t=40; [[ $item == *:* ]] && t=${item##*:}
  modes=(-Dgraph=false); [[ $m == *dyn* ]] || modes+=(-Dgraph=true)
  for mode in "${modes[@]}"; do
    echo "== $m $mode"
    timeout 300 java --enable-native-access=ALL-UNNAMED -Dcuda=true "$mode" -cp "/root/kit/core/ort-classes.jar:$CLASSES" \
      BoundRun "$g/$m.onnx" "$t" "$n" 2>&1 | grep -vE '^WARNING|Picked up' | tail -4
  done
done 2>&1 | tee "$out/graph-bench.txt"
