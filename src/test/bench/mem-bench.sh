#!/usr/bin/env bash
# Where the service's resident memory goes: starts it with Native Memory Tracking, waits for readiness, then runs
# CLIENTS clients that each send the first N texts of texts-ja.txt once to warm up and once timed. Prints RSS at ready
# and at the end, the JVM's own share (NMT committed) and the Java heap (committed / used), and the timed pass's
# total time per request (p50 / mean) and wall time. The figures of BENCHMARKS.md's memory sections.
# Usage: mem-bench.sh APP_DIR MODELS_DIR DICT_DIR OUT_DIR [CLIENTS] [N]
# Env: JAVA_FLAGS (extra JVM flags, e.g. -XX:MaxRAM=128g), PORT, MANAGEMENT_PORT, ORT_NATIVES, any LUNA_* setting.
set -uo pipefail
app=$1 models=$2 dic=$3 out=$4 clients=${5:-2} n=${6:-20}
here=$(cd "$(dirname "$0")" && pwd)
port=${PORT:-18080}
mport=${MANAGEMENT_PORT:-19000}
mkdir -p "$out"
export DJL_OFFLINE=true LUNA_MODELS_DIR="$models" LUNA_DICTIONARY_DIR="$dic"
props=(-XX:NativeMemoryTracking=summary -Dquarkus.http.port=$port -Dquarkus.management.port=$mport)
[ -n "${ORT_NATIVES:-}" ] && props+=(-Donnxruntime.native.path=$ORT_NATIVES)
# shellcheck disable=SC2206
extra=(${JAVA_FLAGS:-})
java "${props[@]}" "${extra[@]}" -jar "$app/quarkus-run.jar" > "$out/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
until curl -sf "localhost:$mport/q/health/ready" >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || { echo "service exited"; tail -30 "$out/service.log"; exit 1; }
  sleep 0.1
done
rss() { echo $(( $(ps -o rss= -p $pid) / 1024 )); }
nmt() { jcmd $pid VM.native_memory summary | sed -n 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\1/p'; }
echo "RSS at ready: $(rss) MB; JVM (NMT committed) $(( $(nmt) / 1024 )) MB" | tee "$out/summary.txt"
texts=$(head -"$n" "$here/texts-ja.txt")
client() {
  while read -r line; do
    [ -z "$line" ] && continue
    curl -s -o /dev/null -w "%{time_total}\n" -H 'Content-Type: application/json' \
      -d "{\"text\":\"$line\"}" "localhost:$port/synthesize"
  done <<< "$texts"
}
pids=()
for c in $(seq 1 "$clients"); do client > /dev/null & pids+=($!); done
wait "${pids[@]}"
t0=$(date +%s%N)
pids=()
for c in $(seq 1 "$clients"); do client > "$out/times-$c.txt" & pids+=($!); done
wait "${pids[@]}"
wall=$(( ($(date +%s%N) - t0) / 1000000 ))
heap=$(jcmd $pid GC.heap_info | sed -n 's/.*total reserved [0-9]*K, committed \([0-9]*\)K, used \([0-9]*\)K.*/\1 \2/p')
python3 - "$out" "$clients" "$wall" "$(rss)" "$(nmt)" "$heap" <<'EOF' | tee -a "$out/summary.txt"
import glob, statistics, sys
out, clients, wall, rss, nmt, heap = sys.argv[1:7]
t = [float(x) for f in glob.glob(out + "/times-*.txt") for x in open(f) if x.strip()]
committed, used = (int(v) // 1024 for v in heap.split())
print(f"{clients} client(s), {len(t)} timed requests: total p50 {statistics.median(t) * 1000:.0f} ms, "
      f"mean {statistics.mean(t) * 1000:.0f} ms, wall {int(wall) / 1000:.1f} s")
print(f"RSS at the end: {rss} MB; JVM (NMT committed) {int(nmt) // 1024} MB; Java heap committed {committed} MB, "
      f"used {used} MB")
EOF
