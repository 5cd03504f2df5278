#!/usr/bin/env bash
# Portrait Performance launcher: builds the command line on first use (or when the sources
# changed since the last build), then runs it with the given arguments.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/plugin-host/target/portrait-performance.jar"
"$root/scripts/build-if-stale" "$jar" "$root/pom.xml" "$root/proto/pom.xml" "$root/proto/src" \
  "$root/plugin-host/pom.xml" "$root/plugin-host/src/main"
exec java ${PP_JAVA_OPTS:--Xmx4g} -jar "$jar" "$@"
