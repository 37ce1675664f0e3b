#!/usr/bin/env bash
# Installs what building, running and testing need on a Debian bookworm machine (root):
# the OpenJTalk dictionary, a JDK >= 21, and Python for onnx-export.
set -euo pipefail
need=()
dpkg -s open-jtalk-mecab-naist-jdic >/dev/null 2>&1 || need+=(open-jtalk-mecab-naist-jdic)
for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if ((${#need[@]})); then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
fi
