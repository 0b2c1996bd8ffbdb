#!/usr/bin/env bats
# cpack -G DEB: a Debian package with the binary, the man pages, the completion scripts and the
# record's JSON Schema, depending on the packages of every library the binary links.

load helpers

setup() {
  check_env
  T="$BATS_TEST_TMPDIR"
  isolate_env "$T"
  command -v cpack >/dev/null && command -v dpkg-deb >/dev/null ||
    skip "cpack or dpkg-deb is not installed: no Debian package built"
  [ "${CASECTL_SANITIZE:-0}" != 1 ] || skip "a sanitized build links the sanitizer runtimes: not packaged"
  BUILD="$(dirname "$CASECTL_BIN")"
  [ -f "$BUILD/CPackConfig.cmake" ] || skip "no CPackConfig.cmake next to $CASECTL_BIN"
}

# Builds the package into $T/pkg (the build folder is only read) and sets DEB to its file.
build_deb() {
  (cd "$BUILD" && cpack -G DEB -B "$T/pkg") >"$T/cpack.log" 2>&1 || fail "cpack failed: $(cat "$T/cpack.log")"
  DEB="$(ls "$T"/pkg/casectl_*.deb)"
}

@test "the package holds the binary, the man pages and the three completion scripts" {
  build_deb
  run dpkg-deb -c "$DEB"
  assert_success
  assert_line --regexp ' \./usr/bin/casectl$'
  assert_line --regexp ' \./usr/share/man/man1/casectl\.1$'
  assert_line --regexp ' \./usr/share/man/man1/casectl-report\.1$'
  assert_line --regexp ' \./usr/share/bash-completion/completions/casectl$'
  assert_line --regexp ' \./usr/share/zsh/vendor-completions/_casectl$'
  assert_line --regexp ' \./usr/share/fish/vendor_completions\.d/casectl\.fish$'
  assert_line --regexp ' \./usr/share/casectl/case\.schema\.json$'
  # The packed bash script is the one the binary makes.
  dpkg-deb --fsys-tarfile "$DEB" | tar -xO ./usr/share/bash-completion/completions/casectl >"$T/packed"
  "$CASECTL_BIN" completion bash | cmp - "$T/packed"
  run dpkg-deb -f "$DEB" Package Section Maintainer Description
  assert_line "Package: casectl"
  assert_line "Section: utils"
  assert_line --partial "Maintainer: casectl maintainers"
  assert_line "Description: case management for child-guidance and social-welfare case workers"
  # The packed binary (stripped) runs.
  dpkg-deb -x "$DEB" "$T/root"
  run "$T/root/usr/bin/casectl" --version
  assert_output "casectl $(dpkg-deb -f "$DEB" Version)"
}

# The package that holds library file $1, by any of its names (/lib is /usr/lib on Debian 12,
# and dpkg knows a file by the name its package gave it).
owner() {
  local f real
  real="$(readlink -f "$1")"
  for f in "$1" "$real" "/usr${1#/usr}" "${1#/usr}" "/usr${real#/usr}" "${real#/usr}"; do
    dpkg -S "$f" 2>/dev/null | head -1 | cut -d: -f1 | grep . && return 0
  done
  return 0
}

@test "Depends names the package of every library the binary links, and git" {
  build_deb
  depends="$(dpkg-deb -f "$DEB" Depends)"
  [[ ", $depends," == *", git,"* ]] || fail "git not in Depends: $depends"
  command -v readelf >/dev/null && command -v ldd >/dev/null || skip "readelf or ldd missing"
  # The libraries the binary itself names (theirs come with their packages), where ldd finds them.
  needed="$(readelf -d "$CASECTL_BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
  [ "$(wc -l <<<"$needed")" -ge 5 ] || fail "readelf found too few libraries: $needed"
  for soname in $needed; do
    lib="$(ldd "$CASECTL_BIN" | awk -v s="$soname" '$1 == s {print $3}')"
    [ -n "$lib" ] || fail "ldd does not find $soname"
    pkg="$(owner "$lib")"
    [ -n "$pkg" ] || fail "no package owns $lib"
    [[ ", $depends," == *", $pkg,"* ]] || fail "$lib is in $pkg, which Depends does not name: $depends"
  done
}
