#!/usr/bin/env bash
# The packaged service from the outside: the official OpenAI SDK (npm `openai`) and the page at / in a real headless
# Chromium (Debian's, driven by npm `playwright-core`), both under node's test runner (src/test/openai/).
#  1. installs Chromium and a Japanese font (install-deps.sh) and the npm packages (package-lock.json, npm ci);
#  2. builds target/quarkus-app if it is not there, starts it on the shipped models, waits for /q/health/ready;
#  3. runs the tests; the page's screenshot goes to target/screenshots/page.png; stops the service.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root="$PWD"
port="${LUNA_TEST_PORT:-18091}"

bash src/main/scripts/install-deps.sh chromium fonts-ipafont-gothic
source src/main/scripts/java-home.sh
export DJL_OFFLINE=true

echo "--- npm"
(cd src/test/openai && npm ci --no-audit --no-fund --loglevel=error)

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -ntp -q package -DskipTests
fi
natives="$(bash src/main/scripts/run-local.sh natives)"

echo "--- service on :$port"
mkdir -p target/screenshots
log="$root/target/openai-browser-service.log"
LUNA_MODELS_DIR="$root/models" java -Dquarkus.http.port="$port" -Donnxruntime.native.path="$natives" \
  -jar target/quarkus-app/quarkus-run.jar > "$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf "localhost:$port/q/health/ready" > /dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "service exited"; tail -40 "$log"; exit 1; }
  sleep 0.2
done
curl -sf "localhost:$port/q/health/ready" > /dev/null || { echo "service not ready"; tail -40 "$log"; exit 1; }

echo "--- OpenAI SDK and browser tests"
cd src/test/openai
LUNA_URL="http://localhost:$port" SCREENSHOT="$root/target/screenshots/page.png" node --test --test-concurrency=1
