#!/usr/bin/env bats
# A full disk never gives a false success (SPEC section 8, issue 9): with the case directory on a
# small tmpfs and the free space swept (0 to 120 KiB, a page at a time), each run on a fresh copy
# of the same case directory, a change either exits 0 with HEAD moved one commit to the tree the
# change makes with room, or fails (exit 70) with HEAD and every working file as they were and
# nothing left in .casectl/ (journal, tmp/). Either way the next command (with room again)
# succeeds, and then git status is empty (nothing untracked either), git fsck is clean, and no
# journal, temp file, git lock file or libgit2 temp object is left. Skipped where tmpfs cannot be
# mounted (not root, or a container without the right).

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

# Sweeps the free space for `casectl -C $DIR ARGS` (as $CASECTL_WORKER), each run on a fresh copy
# of case directory $BASE (made outside the tmpfs); the next command notes case $ID.
sweep_free() {
  local free successes=0 failures=0 after_tree st
  # The change as it is with room: the tree it makes.
  rm -rf "$DIR" && cp -a "$BASE" "$DIR"
  casectl -C "$DIR" "$@" >/dev/null || fail "the command fails even with room"
  after_tree="$(git -C "$DIR" rev-parse 'HEAD^{tree}')"
  for free in $(seq 0 4 120); do
    rm -f "$MNT/filler"
    rm -rf "$DIR" && cp -a "$BASE" "$DIR"
    snapshot
    leave_free "$free"
    run --separate-stderr casectl -C "$DIR" "$@"
    rm -f "$MNT/filler"
    if [ "$status" -eq 0 ]; then
      [ "$(git -C "$DIR" rev-parse HEAD~1)" = "$SNAP_HEAD" ] ||
        fail "free ${free} KiB: exit 0 but HEAD did not move one commit (a false success)"
      [ "$(git -C "$DIR" rev-parse 'HEAD^{tree}')" = "$after_tree" ] ||
        fail "free ${free} KiB: exit 0 but HEAD does not hold the change as made with room"
      successes=$((successes + 1))
    else
      [ "$status" -eq 70 ] || fail "free ${free} KiB: exit $status (not 70): $stderr"
      # Nothing changed: HEAD, and every working file (stranded files would block the next one);
      # nothing of it left in .casectl/ either.
      assert_unchanged
      [ -z "$(ls -A "$DIR/.casectl/tmp")" ] || fail "free ${free} KiB: exit 70 left in .casectl/tmp: $(ls -A "$DIR/.casectl/tmp")"
      [ ! -e "$DIR/.casectl/journal" ] || fail "free ${free} KiB: exit 70 left .casectl/journal"
      failures=$((failures + 1))
    fi
    # With room again, the next command succeeds and leaves nothing behind.
    casectl -C "$DIR" note "$ID" "Phone call after the disk was full" --kind phone >/dev/null 2>"$T/err" ||
      fail "free ${free} KiB: the next command failed: $(cat "$T/err")"
    st="$(git -C "$DIR" status --porcelain --untracked-files=all)"
    [ -z "$st" ] || fail "free ${free} KiB: git status after the next command: $st"
    [ ! -e "$DIR/.casectl/journal" ] || fail "free ${free} KiB: .casectl/journal is left"
    [ -z "$(ls -A "$DIR/.casectl/tmp")" ] || fail "free ${free} KiB: .casectl/tmp holds $(ls -A "$DIR/.casectl/tmp")"
    for st in "$DIR"/.git/index.lock "$DIR"/.git/refs/heads/*.lock "$DIR"/.git/objects/tmp_object_git2_*; do
      [ ! -e "$st" ] || fail "free ${free} KiB: left behind: ${st#"$DIR"/}"
    done
    git -C "$DIR" fsck --no-progress >/dev/null 2>"$T/err" || fail "free ${free} KiB: git fsck: $(cat "$T/err")"
  done
  echo "# casectl $*: $successes successes, $failures failures (exit 70)" >&3
  # The sweep covered both sides: some runs had no room, the last ones had enough.
  [ "$failures" -gt 0 ] || fail "no run failed: the sweep never filled the disk"
  [ "$successes" -gt 0 ] || fail "no run succeeded even with room"
}

# Case $ID at a stage (case_at in helpers) as the base of a sweep, outside the tmpfs.
base_at() {
  DIR="$T/base"
  case_at "$1"
  BASE="$DIR"
  DIR="$MNT/cases"
}

@test "note on a nearly full disk: success only when the commit is in HEAD, else exit 70, HEAD and files unchanged" {
  base_at intake
  sweep_free note "$ID" "Phone call with the school about attendance" --kind phone
}

@test "new on a nearly full disk: no false success, and no case folder left behind when it fails" {
  base_at intake
  sweep_free new --name "Kato Ren" --birth-date 2016-05-01 --sex male --source police --urgency routine \
    --concern neglect --reason "Left alone at night" --date 2026-11-02
}

@test "plan on a nearly full disk: record and plan-1.md committed together, or nothing" {
  base_at assessed
  day 2026-11-10
  sweep_free plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
}

@test "close on a nearly full disk: record and closure-1.md committed together, or nothing" {
  base_at achieved
  sweep_free close "$ID" --reason goals-achieved --evaluation "Shelter and follow-up worked"
}

@test "worker add on a nearly full disk: casectl.yaml committed, or nothing" {
  base_at intake
  sweep_free worker add ito --name "Ito Mei" --email ito@example.org
}
