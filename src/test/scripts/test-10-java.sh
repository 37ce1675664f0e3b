#!/usr/bin/env bash
# Java unit and Quarkus tests on the shipped tiny models, CPU.
# Uses the default (GPU) ONNX Runtime jar on purpose: on a machine without CUDA the tests run the
# real CUDA attempt and its fallback to CPU (ProviderFallbackTest, provider=auto in the service
# tests). The natives are extracted from the jar once (target/ort-natives) and loaded from there.
set -euo pipefail
cd "$(dirname "$0")/../../.."
# independent decoders the audio-format tests (dev.luna.tts.engine.audio) check the encoders with
bash src/main/scripts/install-deps.sh flac opus-tools ffmpeg
source src/main/scripts/java-home.sh
export DJL_OFFLINE=true
natives="$(bash src/main/scripts/run-local.sh natives)"
./mvnw -B -ntp verify -DargLine="-Donnxruntime.native.path=$natives"
