#!/usr/bin/env bash
# onnx-export Python tests: exports the tiny models again and checks them against the committed
# models/ and src/test/resources/export (which the Java ExportedModelsTest runs in ONNX Runtime).
set -euo pipefail
cd "$(dirname "$0")/../../.."
if ! /usr/bin/python3 -c 'import torch, onnx, numpy' 2>/dev/null; then
  bash src/main/scripts/install-deps.sh python3-torch python3-onnx python3-numpy
fi
cd onnx-export
/usr/bin/python3 -m unittest discover -s tests -t . -v
