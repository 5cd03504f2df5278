#!/usr/bin/env bash
# An installed layout in miniature: the bundle in one folder, the sidecar's launcher in an
# application folder elsewhere, and the bundle's Resources/application-folder naming it relative to
# itself. The test host must start the sidecar through that launcher (PP_SIDECAR_RUNTIME unset).
#   application-folder.sh TEST_HOST BUNDLE JAR WORK DATA PORTRAIT
set -euo pipefail
test_host="$1"; bundle="$2"; jar="$3"; work="$4"; data="$5"; portrait="$6"
rm -rf "$work"
mkdir -p "$work/Plugins" "$work/app/bin"
cp -R "$bundle" "$work/Plugins/"
mkdir -p "$work/Plugins/$(basename "$bundle")/Contents/Resources"
printf '../../../../app\n' >"$work/Plugins/$(basename "$bundle")/Contents/Resources/application-folder"
# The launcher leaves a mark, so the test proves this launcher (not a fallback) started the sidecar.
cat >"$work/app/bin/pp" <<LAUNCHER
#!/bin/sh
touch "$work/app/launched"
exec java -jar "$jar" "\$@"
LAUNCHER
chmod 755 "$work/app/bin/pp"
unset PP_SIDECAR_RUNTIME
"$test_host" byte-rgba "$work/Plugins/$(basename "$bundle")" "$data" "$portrait"
[ -f "$work/app/launched" ] || { echo "FAILED: the sidecar was not started through $work/app/bin/pp" >&2; exit 1; }
