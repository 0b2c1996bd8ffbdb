#!/usr/bin/env bats
# Hostile folders and templates (SPEC section 8): nothing under .casectl/ or templates/ is followed
# through a symbolic link, .casectl/ is a private folder (a real folder of this user, mode 0700), and
# a huge or deeply nested template gets a clear error within a bounded time and memory.

bats_require_minimum_version 1.5.0
load helpers

# A file outside the case directory that a link points at, with known content.
outside() {
  OUTSIDE="$T/outside.txt"
  printf 'precious content\n' >"$OUTSIDE"
  OUTSIDE_SUM="$(sha256sum <"$OUTSIDE")"
}

# Fails unless the outside file still holds its content.
assert_outside_untouched() {
  [ "$(sha256sum <"$OUTSIDE")" = "$OUTSIDE_SUM" ] || fail "the file outside was changed: $(cat "$OUTSIDE")"
}

# casectl under a memory limit (1 GB of address space) and a time limit (5 s): `timeout` exits 124
# when the time is up, so a hang shows as status 124.
bounded() {
  run --separate-stderr bash -c 'ulimit -v "$1" && shift && exec timeout 5 "$@"' bounded "$(vm_limit 1000000)" \
    "$CASECTL_BIN" "$@"
}

# Writes the plan override of $DIR from python code printing its text to stdout.
override_py() {
  mkdir -p "$DIR/templates/en"
  python3 -c "import sys; sys.stdout.write($1)" >"$DIR/templates/en/plan.md.mustache"
}

# Fails unless the plan of $ID was refused: no plan-1.md, no commit, files unchanged.
assert_plan_refused() {
  [ ! -e "$DIR/$(doc_file plan-1.md)" ] || fail "plan-1.md was written"
  assert_unchanged
}

# ---- .casectl/ ----

@test ".casectl/lock a symbolic link to a file outside: note refused (exit 5), the file untouched" {
  case_at intake
  outside
  rm -f "$DIR/.casectl/lock"
  ln -s "$OUTSIDE" "$DIR/.casectl/lock"
  snapshot
  run --separate-stderr cs note "$ID" "Phone call with the school" --kind phone
  assert_failure 5
  assert_output ""
  [[ "$stderr" == *".casectl/lock is a symbolic link"* ]] || fail "stderr: $stderr"
  assert_outside_untouched
  assert_unchanged
  [ -L "$DIR/.casectl/lock" ]
}

@test "a clone tracking .casectl/lock as a link: refused (mode, then link), the target untouched" {
  case_at intake
  outside
  # A hostile repository tracks .casectl/lock as a link to a file of whoever clones it.
  git -C "$DIR" rm -q --cached .gitignore
  rm -rf "$DIR/.casectl" "$DIR/.gitignore"
  mkdir "$DIR/.casectl"
  ln -s "$OUTSIDE" "$DIR/.casectl/lock"
  git -C "$DIR" add .casectl/lock
  git -C "$DIR" -c user.name=x -c user.email=x@example.net commit -q -m "tracks a lock"
  git clone -q "$DIR" "$T/clone"
  [ -L "$T/clone/.casectl/lock" ]
  chmod 0755 "$T/clone/.casectl"  # as git makes folders with the usual umask
  run --separate-stderr casectl -C "$T/clone" --worker sato note "$ID" "Phone call" --kind phone
  assert_failure 5
  [[ "$stderr" == *"chmod 700"* ]] || fail "stderr: $stderr"
  chmod 0700 "$T/clone/.casectl"
  run --separate-stderr casectl -C "$T/clone" --worker sato note "$ID" "Phone call" --kind phone
  assert_failure 5
  [[ "$stderr" == *".casectl/lock is a symbolic link"* ]] || fail "stderr: $stderr"
  assert_outside_untouched
}

@test "a symbolic link .casectl -> a folder outside: note and list refused (exit 5), nothing made there" {
  case_at intake
  mkdir -m 0700 "$T/elsewhere"
  rm -rf "$DIR/.casectl"
  ln -s "$T/elsewhere" "$DIR/.casectl"
  snapshot
  run --separate-stderr cs note "$ID" "Phone call with the school" --kind phone
  assert_failure 5
  [[ "$stderr" == *".casectl is a symbolic link"* ]] || fail "stderr: $stderr"
  run --separate-stderr cs list
  assert_failure 5
  assert_output ""
  [[ "$stderr" == *".casectl is a symbolic link"* ]] || fail "stderr: $stderr"
  [ -z "$(ls -A "$T/elsewhere")" ] || fail "made in the folder outside: $(ls -A "$T/elsewhere")"
  assert_unchanged
}

@test ".casectl with mode 0755: note and list refused (exit 5) naming the fix, mode left as it is" {
  case_at intake
  chmod 0755 "$DIR/.casectl"
  snapshot
  run --separate-stderr cs note "$ID" "Phone call with the school" --kind phone
  assert_failure 5
  [[ "$stderr" == *"mode 0755"* && "$stderr" == *"chmod 700 "*".casectl"* ]] || fail "stderr: $stderr"
  run --separate-stderr cs list
  assert_failure 5
  [[ "$stderr" == *"chmod 700"* ]] || fail "stderr: $stderr"
  [ "$(stat -c %a "$DIR/.casectl")" = 755 ]
  assert_unchanged
  # After the fix named, the same command works.
  chmod 700 "$DIR/.casectl"
  run --separate-stderr cs note "$ID" "Phone call with the school" --kind phone
  assert_success
}

@test ".casectl/index.sqlite a symbolic link: list refused (exit 5), the target untouched" {
  case_at intake
  outside
  cs list >/dev/null
  rm -f "$DIR"/.casectl/index.sqlite*
  ln -s "$OUTSIDE" "$DIR/.casectl/index.sqlite"
  run --separate-stderr cs list
  assert_failure 5
  assert_output ""
  [[ "$stderr" == *".casectl/index.sqlite is a symbolic link"* ]] || fail "stderr: $stderr"
  assert_outside_untouched
  [ -L "$DIR/.casectl/index.sqlite" ]
}

@test ".casectl/index.sqlite-wal a symbolic link: list refused (exit 5), the target untouched" {
  case_at intake
  outside
  cs list >/dev/null
  rm -f "$DIR/.casectl/index.sqlite-wal"
  ln -s "$OUTSIDE" "$DIR/.casectl/index.sqlite-wal"
  run --separate-stderr cs list
  assert_failure 5
  [[ "$stderr" == *"index.sqlite-wal is a symbolic link"* ]] || fail "stderr: $stderr"
  assert_outside_untouched
}

@test ".casectl/tmp a symbolic link: note refused (exit 5), nothing written or removed outside" {
  case_at intake
  mkdir -m 0700 "$T/elsewhere"
  printf 'keep me\n' >"$T/elsewhere/thesis.txt"
  rm -rf "$DIR/.casectl/tmp"
  ln -s "$T/elsewhere" "$DIR/.casectl/tmp"
  snapshot
  run --separate-stderr cs note "$ID" "Phone call with the school" --kind phone
  assert_failure 5
  [[ "$stderr" == *".casectl/tmp is not a folder"* ]] || fail "stderr: $stderr"
  # Recovery empties .casectl/tmp/ at every start: never through the link.
  [ "$(ls -A "$T/elsewhere")" = thesis.txt ] || fail "the folder outside changed: $(ls -A "$T/elsewhere")"
  [ "$(cat "$T/elsewhere/thesis.txt")" = "keep me" ]
  assert_unchanged
}

# ---- templates/ ----

@test "a template override that is a symbolic link (to a key): plan refused (exit 5), nothing read or committed" {
  case_at assessed
  day 2026-11-10
  mkdir -p "$HOME/.ssh" "$DIR/templates/en"
  printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n' >"$HOME/.ssh/id_rsa"
  ln -s "$HOME/.ssh/id_rsa" "$DIR/templates/en/plan.md.mustache"
  snapshot
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_failure 5
  [[ "$stderr" == *"templates/en/plan.md.mustache is a symbolic link"* ]] || fail "stderr: $stderr"
  refute_output --partial "PRIVATE KEY"
  assert_plan_refused
  run git -C "$DIR" log -p --all
  refute_output --partial "PRIVATE KEY"
}

@test "a symbolic link templates/ or templates/en/: plan refused (exit 5) naming the link" {
  case_at assessed
  day 2026-11-10
  mkdir -p "$T/theirs/en"
  printf 'theirs {{case_id}}\n' >"$T/theirs/en/plan.md.mustache"
  ln -s "$T/theirs" "$DIR/templates"
  snapshot
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_failure 5
  [[ "$stderr" == *"/templates is a symbolic link"* ]] || fail "stderr: $stderr"
  assert_plan_refused
  rm "$DIR/templates"
  mkdir "$DIR/templates"
  ln -s "$T/theirs/en" "$DIR/templates/en"
  snapshot
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_failure 5
  [[ "$stderr" == *"templates/en is a symbolic link"* ]] || fail "stderr: $stderr"
  assert_plan_refused
}

@test "a template of 64 KiB + 1 byte: plan refused (exit 6) naming the file and the limit, in bounded time and memory" {
  case_at assessed
  day 2026-11-10
  override_py '"x" * 65536 + "\n"'
  snapshot
  bounded -C "$DIR" --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_failure 6
  [[ "$stderr" == *"templates/en/plan.md.mustache"* && "$stderr" == *"64 KiB"* ]] || fail "stderr: $stderr"
  assert_plan_refused
}

@test "a template of 720 KB of nested sections: plan refused (exit 6) in bounded time and memory" {
  case_at assessed
  day 2026-11-10
  override_py '"{{#has_goals}}" * 40000 + "x" + "{{/has_goals}}" * 10000'
  snapshot
  bounded -C "$DIR" --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_failure 6
  [[ "$stderr" == *"64 KiB"* ]] || fail "stderr: $stderr"
  assert_plan_refused
}

@test "sections nested 17 deep within 64 KiB: plan refused (exit 6) naming FILE:LINE:COL of the 17th" {
  case_at assessed
  day 2026-11-10
  # 16 levels are fine; the 17th opens on line 2 at column 67 (after 8 sections on line 1 and 8 on line 2).
  override_py '"{{#a}}" * 8 + "\n" + "  {{^b}}" * 9 + "x" + "{{/b}}" * 9 + "{{/a}}" * 8 + "\n" + "{{#c}}" * 5000'
  snapshot
  bounded -C "$DIR" --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_failure 6
  [[ "$stderr" == *"templates/en/plan.md.mustache:2:67:"* ]] || fail "stderr: $stderr"
  [[ "$stderr" == *"at most 16 levels"* ]] || fail "stderr: $stderr"
  assert_plan_refused
}

@test "a section opened and never closed: plan refused (exit 6) naming where it opens" {
  case_at assessed
  day 2026-11-10
  override_py '"# Plan\n\n{{#has_goals}}\n- {{case_id}}\n"'
  snapshot
  bounded -C "$DIR" --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_failure 6
  [[ "$stderr" == *"templates/en/plan.md.mustache:3:1:"* && "$stderr" == *"never closed"* ]] ||
    fail "stderr: $stderr"
  assert_plan_refused
}

@test "16 levels of sections are still a template: plan written with it" {
  case_at assessed
  day 2026-11-10
  override_py '"{{#case_id}}" * 16 + "Plan of {{case_id}}" + "{{/case_id}}" * 16 + "\n"'
  bounded -C "$DIR" --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_success
  [ "$(cat "$DIR/$(doc_file plan-1.md)")" = "Plan of $ID" ]
}
