#!/usr/bin/env bash
# Prepares the test host's frames with the project's own Java side:
#   DATA/driving/NNNNN.pam   the first COUNT frames of the driving clip, as the engine decodes them
#   DATA/expected/NNNNN.pam  what `animate` renders from them in-process (layout fit, the bridge's default)
#   prepare.sh JAR DATA DRIVING PORTRAIT COUNT
set -euo pipefail
jar="$1"; data="$2"; driving="$3"; portrait="$4"; count="$5"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -f "$jar" ] || { echo "error: $jar is missing; build it first (./pp --help, or mvn -DskipTests package)" >&2; exit 1; }
rm -rf "$data"
mkdir -p "$data"
java -cp "$jar" "$here/ExportFrames.java" "$driving" "$data/driving" "$count"
java -jar "$jar" animate --portrait "$portrait" --driving "$driving" --to $((count - 1)) --layout fit \
  --out "$data/animate/%05d.png" >/dev/null
java -cp "$jar" "$here/ExportFrames.java" "$data/animate/%05d.png" "$data/expected" "$count"
