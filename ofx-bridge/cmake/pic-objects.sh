#!/usr/bin/env bash
# Debian's static gRPC stack is built as position-independent *executable* code, not shared-library
# code. A few archive members cannot go into a shared object: local-exec TLS (R_X86_64_TPOFF32), or
# a PC-relative reference to a C library variable such as stderr (R_X86_64_PC32, which assumes a
# copy relocation). This finds those members in the given archives, recompiles each one with -fPIC
# from the Debian source package of the installed version (Debian's patches applied) against the
# installed headers, and lists the objects in OUT_DIR/objects.rsp for the link to put ahead of the
# archives, so the faulty members are never pulled.
#
#   pic-objects.sh OUT_DIR ARCHIVE...     (objects are kept; rebuilt when package versions change)
set -euo pipefail
out="$1"; shift
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$out"

version() { dpkg-query -W -f='${Version}' "$1"; }
# Source version = the binary package's version without a binNMU suffix (+bN).
absl_v="$(version libabsl-dev)"
protobuf_v="$(version libprotobuf-dev)"
re2_v="$(version libre2-dev)"; re2_v="${re2_v%+b[0-9]*}"
stamp="abseil=$absl_v protobuf=$protobuf_v re2=$re2_v $*"
if [ -f stamp ] && [ "$(cat stamp)" = "$stamp" ] && [ -f objects.rsp ]; then
  exit 0
fi
rm -rf obj src apt stamp objects.rsp objects.rsp.new
mkdir -p obj

# 1. Which members are unfit for a shared object.
libc_objects="$(readelf --dyn-syms -W "$(gcc -print-file-name=libc.so.6)" | awk '$4=="OBJECT"{split($8,a,"@"); print a[1]}' | sort -u)"
unfit="$(for archive in "$@"; do
  readelf -rW "$archive" 2>/dev/null | awk -v archive="$archive" -v objects="$libc_objects" '
    BEGIN { n = split(objects, list, "\n"); for (i = 1; i <= n; i++) libc[list[i]] = 1 }
    /^File:/ { member = $2; sub(/.*\(/, "", member); sub(/\)$/, "", member) }
    $3 == "R_X86_64_TPOFF32" || ($3 == "R_X86_64_PC32" && ($5 in libc)) { print archive " " member }'
done | sort -u)"
[ -n "$unfit" ] || { : > objects.rsp; echo "$stamp" > stamp; exit 0; }

# 2. The Debian sources, through a private apt state (the machine's own lists are left alone).
mkdir -p apt/lists/partial src
cat > apt/sources.list <<LIST
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${PP_DEBIAN_MIRROR:-http://deb.debian.org/debian} $(. /etc/os-release; echo "$VERSION_CODENAME") main
LIST
opts=(-q -o "Dir::Etc::SourceList=$PWD/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$PWD/apt/lists")
apt-get "${opts[@]}" update >/dev/null
(cd src && apt-get "${opts[@]}" source --download-only "abseil=$absl_v" "protobuf=$protobuf_v" "re2=$re2_v" >/dev/null 2>&1) || {
  echo "error: cannot download the Debian sources abseil=$absl_v protobuf=$protobuf_v re2=$re2_v" \
       "(needed to rebuild static archive members as PIC; is deb.debian.org reachable?)" >&2
  exit 1
}
for dsc in src/*.dsc; do
  (cd src && dpkg-source -q -x "$(basename "$dsc")" >/dev/null 2>&1)  # orig tarball + Debian's patches
done

# 3. Recompile each unfit member from its source file.
flags=(-std=c++17 -O2 -fPIC -fvisibility=hidden -DNDEBUG -w -pthread)
while read -r archive member; do
  name="${member%.o}"; name="${name%.cc}"
  case "$(basename "$archive")" in
    libabsl_*) tree=(src/abseil-*/absl); root=(src/abseil-*/) ;;
    libprotobuf.a) tree=(src/protobuf-*/src/google/protobuf); root=(src/protobuf-*/src) ;;
    libre2.a) tree=(src/re2-*/); root=("${tree[0]}") ;;
    *) echo "error: $archive($member) is not shared-library code and no source rule covers it" >&2; exit 1 ;;
  esac
  mapfile -t found < <(find "${tree[0]}" -name "$name.cc" -not -path '*/testing/*' -not -path '*/test*/*')
  if [ "${#found[@]}" -ne 1 ]; then
    echo "error: expected one source for $archive($member), found ${#found[@]}" >&2
    exit 1
  fi
  target="obj/$(basename "$archive" .a)-$name.o"
  # Installed headers first; the source tree only for private headers Debian does not install.
  g++ "${flags[@]}" -idirafter "${root[0]}" -c "${found[0]}" -o "$target"
  echo "$out/$target" >> objects.rsp.new
done <<< "$unfit"
mv objects.rsp.new objects.rsp
rm -rf src apt
echo "$stamp" > stamp
