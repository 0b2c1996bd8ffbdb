# Shared set-up for every tests/cli/*.bats file: a private HOME and temp folder per test, the
# casectl binary under test, and helpers that make a case directory and check that a refused
# command changed nothing.
#
# Needs CASECTL_BIN (the binary) and CASECTL_SRC (the source root); ctest sets both.

load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

bats_require_minimum_version 1.5.0

# The forms the tests use.
FORMS="${CASECTL_SRC:-}/tests/data/forms"

# A private environment under folder $1: HOME with a git identity that is no worker, today
# fixed, no inherited casectl or git settings.
isolate_env() {
  export HOME="$1/home"
  mkdir -p "$HOME"
  export GIT_CONFIG_NOSYSTEM=1
  unset GIT_CONFIG_GLOBAL GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE XDG_CONFIG_HOME
  unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
  unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE
  git config --global user.name "Plain Git User"
  git config --global user.email "nobody@example.net"
  git config --global init.defaultBranch master
  export CASECTL_TODAY=2026-11-10
  unset CASECTL_DIR CASECTL_WORKER EDITOR VISUAL
  export NO_COLOR=1
}

# Checks that the binary and the sources are named.
check_env() {
  [ -n "${CASECTL_BIN:-}" ] && [ -x "$CASECTL_BIN" ] || {
    echo "CASECTL_BIN must name the casectl binary" >&2
    return 1
  }
  [ -n "${CASECTL_SRC:-}" ] && [ -d "$CASECTL_SRC/tests" ] || {
    echo "CASECTL_SRC must name the source root" >&2
    return 1
  }
}

# Once per file: a template case directory (workers sato and tanaka) that make_dir copies, so
# that each test does not pay for init and worker add. A .bats file defining its own setup_file
# must call this one first.
setup_file() {
  check_env
  isolate_env "$BATS_FILE_TMPDIR"
  TEMPLATE="$BATS_FILE_TMPDIR/template"
  "$CASECTL_BIN" init "$TEMPLATE" --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null
  "$CASECTL_BIN" -C "$TEMPLATE" --worker sato worker add tanaka --name "Tanaka Ken" \
    --email tanaka@example.org --role supervisor >/dev/null
  export TEMPLATE
}

# Every test: its own temp folder ($T), HOME, and case directory path ($DIR, not yet made).
setup() {
  check_env
  T="$BATS_TEST_TMPDIR"
  isolate_env "$T"
  DIR="$T/cases"
  cd "$T" || return 1
}

# The binary under test.
casectl() { "$CASECTL_BIN" "$@"; }

# A case directory at $DIR with workers sato (worker) and tanaka (supervisor), as made by
# `casectl init` and `casectl worker add` (made once per file and copied; see setup_file).
make_dir() {
  cp -a "$TEMPLATE" "$DIR"
}

# The defaults of new_case, one flag and its value a line.
NEW_CASE_DEFAULTS='--name 山田 花子
--birth-date 2018-04-12
--sex female
--source school
--urgency urgent
--concern physical-abuse
--reason Bruises on both arms
--address 桜町2丁目5-3'

# Opens a typical case (urgent school referral) as sato, printing its ID. A flag given replaces
# the default of the same name (except --concern, which adds to physical-abuse).
new_case() {
  local -a args=()
  local -A given=()
  local flag value
  for flag in "$@"; do given["x$flag"]=1; done
  while read -r flag value; do
    if [ -z "${given["x$flag"]:-}" ] || [ "$flag" = --concern ]; then args+=("$flag" "$value"); fi
  done <<<"$NEW_CASE_DEFAULTS"
  casectl -C "$DIR" --worker sato new "${args[@]}" "$@"
}

# The record file of a case ID (PREFIX-YYYY-NNNN), by the sharding of SPEC section 2.
rec() {
  [[ "$1" =~ ^([A-Z]+)-([0-9]{4})-([0-9]+)$ ]] || return 1
  printf '%s/cases/%s/%02d/%s/case.yaml\n' "$DIR" "${BASH_REMATCH[2]}" \
    $((10#${BASH_REMATCH[3]} / 100)) "$1"
}

# Records HEAD and a hash of every file (git's and casectl's own folders excepted) of $DIR.
snapshot() {
  SNAP_HEAD="$(git -C "$DIR" rev-parse HEAD)"
  SNAP_FILES="$(tree_hash "$DIR")"
}

# One line per file and folder under a folder, with its mode and hash; .git and .casectl excepted.
tree_hash() {
  (cd "$1" && find . \( -path ./.git -o -path ./.casectl \) -prune -o -print0 | sort -z |
    while IFS= read -r -d '' f; do
      if [ -f "$f" ]; then
        printf '%s %s %s\n' "$(stat -c %a "$f")" "$(sha256sum <"$f" | cut -c1-64)" "$f"
      else
        printf '%s dir %s\n' "$(stat -c %a "$f")" "$f"
      fi
    done)
}

# Fails unless HEAD and every file of $DIR are as at the last snapshot.
assert_unchanged() {
  local head files
  head="$(git -C "$DIR" rev-parse HEAD)"
  [ "$head" = "$SNAP_HEAD" ] || fail "HEAD moved: $SNAP_HEAD -> $head"
  files="$(tree_hash "$DIR")"
  if [ "$files" != "$SNAP_FILES" ]; then
    diff <(echo "$SNAP_FILES") <(echo "$files") >&2 || true
    fail "files of $DIR changed"
  fi
}

# Fails unless git sees no change in $DIR (index and work tree match HEAD, nothing untracked).
assert_clean() {
  local st
  st="$(git -C "$DIR" status --porcelain --untracked-files=all)"
  [ -z "$st" ] || fail "git status not clean: $st"
}

# The number of commits on HEAD of $DIR.
commit_count() { git -C "$DIR" rev-list --count HEAD; }
