#!/usr/bin/env bash
# Starts luna-tts on the shipped models (models/) at http://localhost:8080, installing what it needs.
#   bash src/main/scripts/run-local.sh            # build if needed, then run (Ctrl-C stops)
#   bash src/main/scripts/run-local.sh natives    # only extract ORT natives; prints their directory
#   bash src/main/scripts/run-local.sh pull ARGS  # download models into models/ (see docs-pull.md), e.g.
#        ... pull bert    ... pull aivishub a59cb814-0083-4369-8542-f51a29e72af7    ... pull hf-voice OWNER/REPO
# ONNX Runtime's natives are extracted from its jar ONCE into target/ort-natives/<artifact>-<version>
# and passed as -Donnxruntime.native.path, so starts do not re-extract the 583 MB CUDA provider.
# Env: LUNA_PROFILE=cpu builds with the CPU-only ONNX Runtime jar; any LUNA_* variable configures
# the service (LUNA_MODELS_DIR, LUNA_PROVIDER=auto|cuda|cpu, LUNA_ADMISSION_MAX_PIECES, ...).
set -euo pipefail
cd "$(dirname "$0")/../../.."
mode="${1:-run}"
if [ "$mode" = run ]; then
  if [ "$(id -u)" = 0 ]; then bash src/main/scripts/install-deps.sh; fi
fi
source src/main/scripts/java-home.sh
export DJL_OFFLINE=true
build_if_stale() {
  if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "$(find src pom.xml -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]; then
    ./mvnw -B -ntp -q "${profile[@]}" package -DskipTests
  fi
}
profile=(); artifact=onnxruntime_gpu
if [ "${LUNA_PROFILE:-}" = cpu ]; then profile=(-Pcpu); artifact=onnxruntime; fi
if [ "$mode" = pull ]; then
  # A plain main class in Quarkus' fast-jar layout: the application's classes are in app/, its
  # dependencies (Jackson) in lib/main/. No ONNX Runtime natives are needed to download.
  build_if_stale
  shift
  exec java ${JAVA_OPTS:-} -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' dev.luna.tts.pull.Pull "$@"
fi
version="$(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' pom.xml | head -1)"
jar="${MAVEN_REPO:-$HOME/.m2/repository}/com/microsoft/onnxruntime/$artifact/$version/$artifact-$version.jar"
[ -f "$jar" ] || ./mvnw -B -ntp -q "${profile[@]}" dependency:resolve >&2
natives="$PWD/target/ort-natives/$artifact-$version"
if [ ! -f "$natives/.complete" ]; then
  echo "extracting ONNX Runtime natives once into $natives" >&2
  rm -rf "$natives" && mkdir -p "$natives"
  (cd "$natives" && jar xf "$jar" ai/onnxruntime/native/linux-x64 && mv ai/onnxruntime/native/linux-x64/* . && rm -rf ai)
  touch "$natives/.complete"
fi
if [ "$mode" = natives ]; then echo "$natives"; exit 0; fi
build_if_stale
# the class-data archive the package built (a JVM that did not build it ignores it with one warning)
cds=()
if [ -f target/quarkus-app/app.aot ]; then cds=(-XX:AOTCache=target/quarkus-app/app.aot)
elif [ -f target/quarkus-app/app-cds.jsa ]; then cds=(-XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa); fi
exec java "${cds[@]}" -Donnxruntime.native.path="$natives" ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar
