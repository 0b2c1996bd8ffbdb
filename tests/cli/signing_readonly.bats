#!/usr/bin/env bats
# Signatures in a case directory casectl cannot write (issue 10): an inspector's read-only copy
# still shows every verdict. The history index lives in memory (nothing is made in the copy) and
# the files ssh-keygen reads go to a private folder (mkdtemp, 0700) under $TMPDIR, removed
# afterwards. The tests run as root in CI, whom permission bits do not stop: casectl then runs as
# nobody (setpriv or runuser) on a copy readable by all and writable by none.

bats_require_minimum_version 1.5.0
load helpers
load helpers_signing

teardown() {
  if mountpoint -q "$T/ro" 2>/dev/null; then umount "$T/ro"; fi
  if [ -n "${PUB:-}" ]; then
    chmod -R u+w "$PUB" 2>/dev/null || true
    rm -rf "$PUB"
  fi
}

# Sets INSPECTOR to the command prefix that runs a program as someone who cannot write the copy:
# nobody (uid 65534) when this runs as root, this user otherwise; fails when no switch is possible.
find_inspector() {
  if [ "$(id -u)" != 0 ]; then
    INSPECTOR=(env)
  elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    INSPECTOR=(setpriv --reuid=65534 --regid=65534 --clear-groups env)
  elif command -v runuser >/dev/null && runuser -u nobody -- true 2>/dev/null; then
    INSPECTOR=(runuser -u nobody -- env)
  else
    return 1
  fi
}

# The inspector's world: $PUB (outside the test's folder, which only its owner may enter) holding
# the copy of $DIR at $COPY (a clone: no .casectl/), readable by all and writable by none; a HOME
# whose .gitconfig names the copy safe.directory (libgit2 1.5 reads only ~/.gitconfig, git reads
# GIT_CONFIG_GLOBAL) and runs ssh-keygen through a spy that notes the folder and mode of every
# file it is handed; and a TMPDIR of its own.
inspector_copy() {
  PUB="$(mktemp -d "${TMPDIR:-/tmp}/casectl-inspector.XXXXXX")"
  COPY="$PUB/copy"
  git clone -q --no-hardlinks "$DIR" "$COPY"
  mkdir -p "$PUB/home" "$PUB/tmp" "$PUB/spy"
  chmod 755 "$PUB" "$PUB/home"
  chmod 1777 "$PUB/tmp" "$PUB/spy"
  printf '#!/bin/sh\nprev=\nfor a; do\n  case "$prev" in -s|-f) d=$(dirname "$a"); echo "$d $(stat -c %%a "$d")" >>%s/handed ;; esac\n  prev=$a\ndone\nexec ssh-keygen "$@"\n' \
    "$PUB/spy" >"$PUB/ssh-keygen"
  chmod 755 "$PUB/ssh-keygen"
  printf '[safe]\n\tdirectory = %s\n[gpg "ssh"]\n\tprogram = %s\n' "$COPY" "$PUB/ssh-keygen" >"$PUB/home/.gitconfig"
  chmod 644 "$PUB/home/.gitconfig"
  chmod -R a+rX,a-w "$COPY"
  INSPECTOR_ENV=(HOME="$PUB/home" GIT_CONFIG_GLOBAL="$PUB/home/.gitconfig" TMPDIR="$PUB/tmp")
}

# casectl run by the inspector on the copy.
inspect() { "${INSPECTOR[@]}" "${INSPECTOR_ENV[@]}" "$CASECTL_BIN" -C "$COPY" "$@"; }

# A case whose new is signed by sato and whose note, made as sato, is signed with tanaka's key.
signed_history() {
  register_keys
  sign_with "$T/sato"
  ID="$(new_case)"
  sign_with "$T/tanaka"
  casectl -C "$DIR" --worker sato note "$ID" "Phoned the school" --kind phone >/dev/null
}

@test "signing: a read-only copy shows every verdict; history in memory, ssh-keygen's files in a private folder of TMPDIR, removed" {
  find_inspector || skip "running as root and no way to run casectl as another user (setpriv or runuser to nobody): root writes any copy"
  signed_history
  inspector_copy
  "${INSPECTOR[@]}" test -x "$CASECTL_BIN" ||
    skip "the inspector (uid 65534) cannot run $CASECTL_BIN: a folder on its path is closed to others"
  "${INSPECTOR[@]}" test ! -w "$COPY" || fail "the inspector can write the copy"
  run --separate-stderr inspect log --format json
  assert_success
  run signature_lines <<<"$output"
  assert_line --index 0 "note not-the-author"
  assert_line --index 1 "new signed"
  [ ! -e "$COPY/.casectl" ] || fail ".casectl was made in the read-only copy"
  run ls -A "$PUB/tmp"
  assert_output ""  # the private folder is gone
  # every file ssh-keygen was handed was in a private folder under TMPDIR
  [ -s "$PUB/spy/handed" ] || fail "ssh-keygen was never run"
  run grep -v -E "^$PUB/tmp/casectl-verify-[A-Za-z0-9]{6} 700\$" "$PUB/spy/handed"
  assert_failure  # no other line
  # validate with require_signed reads the copy the same way
  require_signed
  casectl -C "$DIR" --worker sato note "$ID" "Phoned again" --kind phone >/dev/null
  chmod -R u+w "$PUB" && rm -rf "$PUB"
  inspector_copy
  run --separate-stderr inspect validate
  assert_failure 1
  [ "$(grep -c 'signature\.' <<<"$output")" = 1 ] || fail "not one signature problem: $output"
  assert_output --partial "$ID: signature.not-the-author: "
  [ ! -e "$COPY/.casectl" ] || fail ".casectl was made in the read-only copy"
  run ls -A "$PUB/tmp"
  assert_output ""
}

@test "signing: another user's copy not named safe.directory -> exit 3 saying how to name it" {
  [ "$(id -u)" = 0 ] || skip "needs a copy owned by another user: run as root"
  find_inspector || skip "running as root and no way to run casectl as another user (setpriv or runuser to nobody)"
  signed_history
  inspector_copy
  "${INSPECTOR[@]}" test -x "$CASECTL_BIN" ||
    skip "the inspector (uid 65534) cannot run $CASECTL_BIN: a folder on its path is closed to others"
  chmod u+w "$PUB/home/.gitconfig"
  printf '[user]\n\tname = Inspector\n' >"$PUB/home/.gitconfig"
  run --separate-stderr inspect log
  assert_failure 3
  [[ "$stderr" == *"$COPY belongs to another user"* ]] || fail "stderr: $stderr"
  [[ "$stderr" == *"git config --global --add safe.directory $COPY"* ]] || fail "stderr: $stderr"
}

@test "signing: a read-only mount whose .casectl/tmp exists -> ssh-keygen's files in a private folder of TMPDIR, removed" {
  signed_history
  casectl -C "$DIR" log >/dev/null
  [ -d "$DIR/.casectl/tmp" ] || fail "no .casectl/tmp to begin with"
  rm -f "$DIR"/.casectl/history.sqlite*  # so that the read-only run verifies again
  mkdir "$T/ro" "$T/tmpdir"
  mount --bind "$DIR" "$T/ro" 2>/dev/null && mount -o remount,bind,ro "$T/ro" 2>/dev/null || {
    umount "$T/ro" 2>/dev/null || true
    skip "cannot make a read-only bind mount here (needs root)"
  }
  TMPDIR="$T/tmpdir" run --separate-stderr casectl -C "$T/ro" log --format json
  umount "$T/ro"
  assert_success
  run signature_lines <<<"$output"
  assert_line --index 0 "note not-the-author"
  assert_line --index 1 "new signed"
  run ls -A "$T/tmpdir"
  assert_output ""
  run ls -A "$DIR/.casectl/tmp"
  assert_output ""
  [ ! -e "$DIR/.casectl/history.sqlite" ] || fail "the index was written through the read-only mount"
}
