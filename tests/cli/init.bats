#!/usr/bin/env bats
# casectl init: a new case directory (git repository on main, settings, first worker, first commit),
# and what every command shares: finding the case directory, --help, --version, usage errors.

load helpers

@test "init makes a git repository on main with casectl.yaml, .gitignore and one commit by the worker" {
  run casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org
  assert_success
  [ -f "$DIR/casectl.yaml" ]
  [ -d "$DIR/.git" ]
  # git's own default branch here is master: casectl must choose main itself.
  assert_equal "$(git -C "$DIR" symbolic-ref --short HEAD)" main
  assert_equal "$(commit_count)" 1
  assert_equal "$(git -C "$DIR" log -1 --format='%an <%ae>')" "Sato Yuki <sato@example.org>"
  assert_equal "$(git -C "$DIR" log -1 --format='%cn <%ce>')" "Sato Yuki <sato@example.org>"
  grep -qx '\.casectl/\?' "$DIR/.gitignore"
  # Both files are committed, and nothing is left over.
  run git -C "$DIR" ls-files
  assert_line casectl.yaml
  assert_line .gitignore
  assert_clean
}

@test "init's commit message names the change and the worker, and no case" {
  casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null
  assert_equal "$(git -C "$DIR" log -1 --format=%B)" "$(printf 'init: case directory\n\nWorker: sato')"
}

@test "init writes the worker, the default prefix and the policy into casectl.yaml" {
  casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org
  run cat "$DIR/casectl.yaml"
  assert_line --regexp '^casectl: 1'
  assert_line --regexp '^id_prefix: C'
  assert_line --regexp '^ +sato:'
  assert_line --regexp '^ +email: sato@example.org'
  assert_line --regexp '^ +role: worker'
  assert_line --regexp '^ +plan_due: 30'
  # Which changes need a supervisor's approval, by current risk (issue 8).
  assert_line --regexp '^  approvals: '
  assert_line --regexp '^    closure: \[high, very-high\]$'
  assert_line --regexp '^    plan: \[\]$'
  # The worker can act at once.
  run casectl -C "$DIR" --worker sato worker list --format csv
  assert_success
  assert_line "sato,Sato Yuki,sato@example.org,worker,active"
}

@test "init's first commit is dated CASECTL_TODAY" {
  casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org
  run git -C "$DIR" log -1 --format=%ad --date=short
  assert_output 2026-11-10
}

@test "init makes the case directory private (0700)" {
  umask 022
  casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org
  assert_equal "$(stat -c %a "$DIR")" 700
  assert_equal "$(stat -c %a "$DIR/casectl.yaml")" 600
  assert_equal "$(stat -c %a "$DIR/.git")" 700
}

@test "init takes the first worker from git's identity when no flags are given" {
  git config --global user.name "Suzuki Aoi"
  git config --global user.email suzuki@example.org
  run casectl init "$DIR"
  assert_success
  run casectl -C "$DIR" worker list --format csv
  assert_line "suzuki,Suzuki Aoi,suzuki@example.org,worker,active"
  assert_equal "$(git -C "$DIR" log -1 --format='%an <%ae>')" "Suzuki Aoi <suzuki@example.org>"
}

@test "init refuses an existing case directory (exit 3) and changes nothing" {
  make_dir
  snapshot
  run casectl init "$DIR" --worker kato --name "Kato Mei" --email kato@example.org
  assert_failure 3
  assert_output --partial casectl.yaml
  assert_unchanged
}

@test "init refuses an existing git repository (exit 3) and changes nothing" {
  mkdir -p "$DIR"
  git -C "$DIR" init -q
  echo "notes" >"$DIR/README"
  git -C "$DIR" add README
  git -C "$DIR" commit -qm "someone else's repository"
  snapshot
  run casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org
  assert_failure 3
  assert_output --partial "git repository"
  assert_unchanged
  [ ! -e "$DIR/casectl.yaml" ]
}

@test "init refuses a file where the folder would be (exit 3) and leaves it as it was" {
  echo "a file" >"$T/afile"
  run casectl init "$T/afile" --worker sato --name "Sato Yuki" --email sato@example.org
  assert_failure 3
  assert_output --partial "not a folder"
  assert_equal "$(cat "$T/afile")" "a file"
}

@test "init refuses a folder that is not empty (exit 3) and leaves it as it was" {
  mkdir "$T/full"
  echo "notes" >"$T/full/notes.txt"
  run --separate-stderr casectl init "$T/full" --worker sato --name "Sato Yuki" --email sato@example.org
  assert_failure 3
  [[ "$stderr" == *"is not empty"* ]] || fail "$stderr"
  [ ! -e "$T/full/.git" ] && [ ! -e "$T/full/casectl.yaml" ] || fail "init wrote into the folder"
  [ "$(ls -A "$T/full")" = "notes.txt" ]
}

# --- an interrupted init (all or nothing; tests/crash/init.bats kills it at every call) ----------

# What an init killed before its first commit leaves in $DIR: .casectl/ with its lock and the
# init marker, git's folder with no commit, and casectl.yaml.
interrupted_init() {
  mkdir -p -m 700 "$DIR/.casectl"
  : >"$DIR/.casectl/lock"
  : >"$DIR/.casectl/init"
  git init -q "$DIR"
  echo "casectl: 1" >"$DIR/casectl.yaml"
}

@test "init makes afresh a folder that an interrupted init left (no commit yet)" {
  interrupted_init
  run casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org
  assert_success
  assert_equal "$(commit_count)" 1
  assert_equal "$(git -C "$DIR" symbolic-ref --short HEAD)" main
  run casectl -C "$DIR" validate
  assert_success
  [ ! -e "$DIR/.casectl/init" ] || fail "the marker of the init is still there"
  assert_clean
}

@test "init refuses a git repository of no commit beside .casectl but no init marker (exit 3), unchanged" {
  interrupted_init
  rm "$DIR/.casectl/init" "$DIR/casectl.yaml"
  local before
  before="$(find "$DIR" | sort)"
  run casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org
  assert_failure 3
  assert_output --partial "git repository"
  assert_equal "$(find "$DIR" | sort)" "$before"
}

@test "init refuses a case directory with a commit even if an init marker was left (exit 3), unchanged" {
  make_dir
  : >"$DIR/.casectl/init"  # killed between its commit and removing the marker
  snapshot
  run casectl init "$DIR" --worker kato --name "Kato Mei" --email kato@example.org
  assert_failure 3
  assert_output --partial casectl.yaml
  assert_unchanged
}

@test "init refuses an interrupted init's folder that also holds another file (exit 3), unchanged" {
  interrupted_init
  echo "notes" >"$DIR/notes.txt"
  run casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org
  assert_failure 3
  assert_equal "$(cat "$DIR/notes.txt")" notes
  assert_equal "$(cat "$DIR/casectl.yaml")" "casectl: 1"
}

@test "init without any email (flag or git) is a usage error (exit 2), nothing made" {
  git config --global --unset user.email
  run casectl init "$DIR" --worker sato --name "Sato Yuki"
  assert_failure 2
  assert_output --partial --email
  [ ! -e "$DIR/.git" ]
}

@test "init refuses a worker id that is not lower-case letters and digits (exit 2), nothing made" {
  for bad in Sato "sato yuki" 1sato "../x" ""; do
    run casectl init "$DIR" --worker "$bad" --name "Sato Yuki" --email sato@example.org
    assert_failure 2
    assert_output --partial "--worker"
    [ ! -e "$DIR/.git" ]
    [ ! -e "$DIR/casectl.yaml" ]
  done
}

@test "init refuses a bad locale or prefix (exit 2)" {
  run casectl init "$DIR" --worker sato --name S --email sato@example.org --locale fr
  assert_failure 2
  run casectl init "$DIR" --worker sato --name S --email sato@example.org --prefix c1
  assert_failure 2
  [ ! -e "$DIR/casectl.yaml" ]
}

@test "init with --prefix gives case IDs of that prefix" {
  casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org --prefix JS
  run casectl -C "$DIR" --worker sato new --source police --urgency routine --concern neglect
  assert_success
  assert_output JS-2026-0001
  [ -f "$DIR/cases/2026/00/JS-2026-0001/case.yaml" ]
}

# --- finding the case directory -----------------------------------------------------------------

@test "the case directory is found by -C, by CASECTL_DIR and from a subfolder" {
  make_dir
  new_case >/dev/null
  run casectl -C "$DIR" path C-2026-0001
  assert_success
  CASECTL_DIR="$DIR" run casectl path C-2026-0001
  assert_success
  assert_output "$DIR/cases/2026/00/C-2026-0001"
  cd "$DIR/cases/2026/00/C-2026-0001"
  run casectl path C-2026-0001
  assert_success
  assert_output "$DIR/cases/2026/00/C-2026-0001"
  run casectl list --format csv
  assert_success
  assert_line --partial C-2026-0001
}

@test "-C wins over CASECTL_DIR" {
  make_dir
  new_case >/dev/null
  mkdir "$T/other"
  CASECTL_DIR="$T/other" run casectl -C "$DIR" path C-2026-0001
  assert_success
  CASECTL_DIR="$DIR" run casectl -C "$T/other" path C-2026-0001
  assert_failure 4
}

@test "outside a case directory every command says how to name one (exit 4)" {
  mkdir "$T/empty"
  cd "$T/empty"
  for cmd in "list" "show C-2026-0001" "path C-2026-0001" "worker list" \
    "new --source school --urgency urgent --concern neglect"; do
    # shellcheck disable=SC2086
    run casectl --worker sato $cmd
    assert_failure 4
    assert_output --partial "casectl init"
  done
  CASECTL_DIR="$T/empty" run casectl list
  assert_failure 4
  assert_output --partial CASECTL_DIR
  run casectl -C "$T/nowhere" list
  assert_failure 4
}

# --- help, version, usage -----------------------------------------------------------------------

@test "--help on every command exits 0 and shows an example" {
  for cmd in init new show list path worker "worker add" "worker list"; do
    # shellcheck disable=SC2086
    run casectl $cmd --help
    assert_success
    assert_output --partial "Example"
    assert_output --partial "casectl"
  done
  run casectl --help
  assert_success
  for cmd in init new show list path worker; do
    assert_output --partial "  $cmd "
  done
  assert_output --partial "Exit codes"
}

@test "every command's --help lists the global options it takes, and they work after its name" {
  local cmds
  cmds=$(casectl --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')
  [ -n "$cmds" ] || fail "no commands in casectl --help"
  for cmd in $cmds; do
    run -0 casectl "$cmd" --help
    assert_output --partial "-C DIR"
    assert_output --partial "--format FORMAT"
    assert_output --partial "--worker"
  done
  run -0 casectl worker add --help
  assert_output --partial "-C DIR"
  make_dir
  new_case >/dev/null
  run -0 casectl list -C "$DIR" --format csv
  assert_line --index 0 --partial "id,status,worker"
  run -0 casectl list --format csv -C "$DIR" --worker tanaka  # list's own --worker: a filter
  assert_equal "${#lines[@]}" 1
}

@test "casectl-yaml(5)'s example is a casectl.yaml casectl reads; an unknown key is refused (exit 6)" {
  make_dir
  awk '/^# EXAMPLE/ {on = 1; next} on && /^```$/ {n++; next} on && n == 1 {print}' \
    "$CASECTL_SRC/man/casectl-yaml.5.scd" >"$DIR/casectl.yaml"
  grep -q '^policy:' "$DIR/casectl.yaml" || fail "no example found in the man page"
  run -0 casectl -C "$DIR" worker list
  assert_output --partial "tanaka"
  # As the page says: an unknown key is refused.
  echo "colour: blue" >>"$DIR/casectl.yaml"
  run -6 casectl -C "$DIR" worker list
}

@test "--version prints the version (exit 0)" {
  run casectl --version
  assert_success
  assert_output --regexp '^casectl [0-9]+\.[0-9]+\.[0-9]+'
}

@test "an unknown command or option is a usage error (exit 2) pointing to --help" {
  run casectl frobnicate
  assert_failure 2
  assert_output --partial -- "--help"
  run casectl list --no-such-option
  assert_failure 2
  assert_output --partial "no-such-option"
  run casectl
  assert_failure 2
}

@test "an unknown --format is a usage error (exit 2)" {
  make_dir
  run casectl -C "$DIR" --format xml list
  assert_failure 2
  assert_output --partial "xml"
}
