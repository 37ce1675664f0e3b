#!/usr/bin/env bash
# Makes APP_DIR/app.aot, a JDK 25 AOT cache (JEP 483/514/515), from a training run of the whole service on this
# machine's own JVM: start with the models (sessions, warm-up), a few requests through the streamed and complete
# paths, then a graceful stop, at which the JVM writes the cache. The archive `mvnw package` makes covers static
# initialization only, and a JVM other than the build's (a jlinked runtime, an image's JDK) ignores it.
# Usage: aot-train.sh APP_DIR MODELS_DIR DICT_DIR [LOG]   (java on PATH: JDK 25+)
set -uo pipefail
app=$1 models=$2 dic=$3 log=${4:-/tmp/aot-train.log}
port=${PORT:-18080} mport=${MANAGEMENT_PORT:-19000}
export DJL_OFFLINE=true LUNA_MODELS_DIR="$models" LUNA_DICTIONARY_DIR="$dic"
rm -f "$app/app.aot"
props=(-XX:AOTCacheOutput="$app/app.aot" -Dquarkus.http.port=$port -Dquarkus.management.port=$mport)
[ -n "${ORT_NATIVES:-}" ] && props+=(-Donnxruntime.native.path=$ORT_NATIVES)
java "${props[@]}" -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
  curl -sf "localhost:$mport/q/health/ready" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { echo "service exited"; tail -20 "$log"; exit 1; }
  sleep 0.1
done
for text in 'テスト。' '今日はとても良い天気なので、公園まで散歩に出かけましょうか。'; do
  curl -s -o /dev/null -X POST "localhost:$port/synthesize" -H 'Content-Type: application/json' \
    -d "{\"text\":\"$text\"}"
  curl -s -o /dev/null -G "localhost:$port/voice" --data-urlencode "text=$text" -d model_id=0
done
curl -s -o /dev/null "localhost:$mport/q/metrics"
kill -TERM $pid
wait $pid
if [ -f "$app/app.aot" ]; then echo "aot-train: $app/app.aot ($(du -h "$app/app.aot" | cut -f1))"
else echo "aot-train: no cache written"; tail -20 "$log"; exit 1; fi
