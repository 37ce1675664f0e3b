#!/usr/bin/env bash
# Java unit and Quarkus tests (CPU, shipped tiny models).
set -euo pipefail
source src/main/scripts/java-home.sh
export DJL_OFFLINE=true
./mvnw -B -ntp -Pcpu verify
