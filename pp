#!/usr/bin/env bash
# Portrait Performance launcher: builds the command line on first use (or when the sources
# changed since the last build), then runs it with the given arguments.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/plugin-host/target/portrait-performance.jar"

needs_build() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/proto/pom.xml" "$root/proto/src" "$root/plugin-host/pom.xml" "$root/plugin-host/src/main" -newer "$jar" -print -quit)" ]
}

if needs_build; then
  command -v mvn >/dev/null || { echo "error: Maven (mvn) is needed to build Portrait Performance; install it (e.g. apt-get install maven)" >&2; exit 2; }
  echo "Building Portrait Performance (first run or sources changed)..." >&2
  mvn -q -B -Dstyle.color=never -f "$root/pom.xml" -DskipTests package >&2
fi

exec java ${PP_JAVA_OPTS:--Xmx4g} -jar "$jar" "$@"
