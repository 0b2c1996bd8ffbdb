#!/usr/bin/env bats
# A full disk never gives a false success (SPEC section 8, issue 9 item 1): with the case
# directory on a small tmpfs and the free space swept, a change either exits 0 with HEAD moved to
# a commit that can be read, or fails (exit 70) with HEAD where it was. Skipped where tmpfs cannot
# be mounted (not root, or a container without the right).

load helpers

setup() {
  check_env
  T="$BATS_TEST_TMPDIR"
  isolate_env "$T"
  MNT="$T/mnt"
  mkdir -p "$MNT"
  mount -t tmpfs -o size=3m tmpfs "$MNT" 2>/dev/null || skip "cannot mount a tmpfs here (needs root)"
  DIR="$MNT/cases"
  cd "$T" || return 1
}

teardown() {
  cd / && umount "$MNT" 2>/dev/null || true
}

# Fills the tmpfs but for about $1 KiB.
leave_free() {
  rm -f "$MNT/filler"
  local avail
  avail=$(df --output=avail -k "$MNT" | tail -1)
  local fill=$((avail - $1))
  if [ "$fill" -gt 0 ]; then dd if=/dev/zero of="$MNT/filler" bs=1k count="$fill" status=none 2>/dev/null || true; fi
}

@test "note on a nearly full disk: success only when the commit is in HEAD, else exit 70, HEAD and files unchanged" {
  make_dir
  export CASECTL_WORKER=sato
  day 2026-11-02
  ID="$(new_case --date 2026-11-02)"
  local free successes=0 failures=0
  for free in 0 4 8 12 16 20 24 28 32 40 48 64 96 128; do
    leave_free "$free"
    local before
    before="$(git -C "$DIR" rev-parse HEAD)"
    run casectl -C "$DIR" note "$ID" "Phone call with the school about attendance" --kind phone
    local after
    after="$(git -C "$DIR" rev-parse HEAD)"
    if [ "$status" -eq 0 ]; then
      [ "$after" != "$before" ] || fail "free ${free} KiB: exit 0 but HEAD did not move (a false success)"
      git -C "$DIR" cat-file -e "$after^{commit}" || fail "free ${free} KiB: HEAD names no readable commit"
      successes=$((successes + 1))
    else
      [ "$status" -eq 70 ] || [ "$status" -eq 5 ] || fail "free ${free} KiB: exit $status: $output"
      [ "$after" = "$before" ] || fail "free ${free} KiB: failed (exit $status) yet HEAD moved"
      # Nothing stranded: no changed or leftover file, so the next command is not blocked.
      [ -z "$(git -C "$DIR" status --porcelain)" ] ||
        fail "free ${free} KiB: exit $status left changes behind: $(git -C "$DIR" status --porcelain)"
      failures=$((failures + 1))
    fi
    rm -f "$MNT/filler"
  done
  # The sweep covered both sides: some runs had no room, the last ones had enough.
  [ "$failures" -gt 0 ] || fail "no run failed: the sweep never filled the disk"
  [ "$successes" -gt 0 ] || fail "no run succeeded even with room"
}

@test "new on a nearly full disk: no false success, and no case folder left behind when it fails" {
  make_dir
  export CASECTL_WORKER=sato
  day 2026-11-02
  local free successes=0 failures=0
  for free in 0 4 8 12 16 20 24 28 32 40 48 64 96 128; do
    leave_free "$free"
    local before after
    before="$(git -C "$DIR" rev-parse HEAD)"
    run new_case --date 2026-11-02
    after="$(git -C "$DIR" rev-parse HEAD)"
    if [ "$status" -eq 0 ]; then
      [ "$after" != "$before" ] || fail "free ${free} KiB: exit 0 but HEAD did not move (a false success)"
      [ -f "$(rec "$output")" ] || fail "free ${free} KiB: the new record $output is missing"
      successes=$((successes + 1))
    else
      [ "$status" -eq 70 ] || fail "free ${free} KiB: exit $status: $output"
      [ "$after" = "$before" ] || fail "free ${free} KiB: failed (exit $status) yet HEAD moved"
      [ -z "$(git -C "$DIR" status --porcelain)" ] ||
        fail "free ${free} KiB: a failed new left $(git -C "$DIR" status --porcelain)"
      failures=$((failures + 1))
    fi
    rm -f "$MNT/filler"
  done
  [ "$failures" -gt 0 ] || fail "no run failed: the sweep never filled the disk"
  [ "$successes" -gt 0 ] || fail "no run succeeded even with room"
}
