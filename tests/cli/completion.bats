#!/usr/bin/env bats
# casectl completion bash|zsh|fish: scripts made from the command table at run time; bash's
# completes commands, flags, codes, each command's formats after --format, (from the index) case
# IDs and (from casectl.yaml) worker IDs; zsh's and fish's parse.

load helpers

setup() {
  test_setup || return 1
  # The scripts run `casectl` as typed: the binary under test, by that name.
  mkdir -p "$T/bin"
  ln -s "$CASECTL_BIN" "$T/bin/casectl"
  export PATH="$T/bin:$PATH"
  casectl completion bash >"$T/casectl.bash"
}

# What bash completes for the words given (the last one is the word being completed), one a line.
complete_bash() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _casectl
           printf "%s\n" "${COMPREPLY[@]}"' _ "$T/casectl.bash" "$@"
}

@test "bash: casectl as<TAB> completes the commands that start so" {
  run complete_bash casectl as
  assert_success
  assert_output "assess
assign"
}

@test "bash: every command of casectl --help, and its subcommands, completes" {
  run complete_bash casectl ''
  local commands
  commands="$(casectl --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && /^  [a-z]/ {print $1}')"
  [ "$(wc -l <<<"$commands")" -ge 25 ] || fail "commands not found in --help: $commands"
  for c in $commands; do assert_line "$c"; done
  refute_line --regexp '^-'  # options only after a "-"
  run complete_bash casectl -
  assert_line -- --worker
  assert_line -- -C
  assert_line -- --version
  refute_line --partial case-ids  # hidden
  run complete_bash casectl list -
  assert_line -- --overdue
  assert_line -- --worker
  run complete_bash casectl worker ''
  assert_line add
  assert_line retire
  run complete_bash casectl custody C-2026-0001 ''
  assert_line extend
}

@test "bash: a flag's closed list completes with its codes; a command's own flags" {
  run complete_bash casectl new --sex ''
  assert_output "female
male
other
unknown"
  run complete_bash casectl assess C-2026-0001 --risk v
  assert_output very-high
  run complete_bash casectl new --urgency immediate --sou
  assert_output --source
  run complete_bash casectl approve C-2026-0001 ''
  assert_line closure
  assert_line plan
  run complete_bash casectl report ''
  assert_line caseload
  assert_line activity
  run complete_bash casectl list --bo
  assert_output --bom
  run complete_bash casectl resolve C-2026-0001 --take ''
  assert_output "ours
theirs"
  run complete_bash casectl resolve C-2026-0001 --d
  assert_output --done
}

@test "bash: a case ID argument completes with the case directory's IDs, silently elsewhere" {
  make_dir
  new_case >/dev/null
  new_case 2>/dev/null >/dev/null
  cd "$DIR"
  run complete_bash casectl show ''
  assert_success
  assert_output "C-2026-0001
C-2026-0002"
  run complete_bash casectl link C-2026-0001 C-2026-000
  assert_output "C-2026-0001
C-2026-0002"
  run complete_bash casectl validate C-2026-0001 ''
  assert_output "C-2026-0001
C-2026-0002"
  run complete_bash casectl worker set ''  # a worker's ID, not a case's
  [[ "$output" != *C-2026-* ]] || fail "worker set offers case IDs: $output"
  cd "$T"
  run --separate-stderr complete_bash casectl show ''
  assert_success
  assert_output ""
  [ -z "$stderr" ] || fail "stderr outside a case directory: $stderr"
  run complete_bash casectl -C "$DIR" show C-2026-0002
  assert_output C-2026-0002
}

@test "bash: --file and -C complete file names" {
  mkdir -p forms
  touch forms/plan.yaml
  run complete_bash casectl plan C-2026-0001 --file forms/p
  assert_output forms/plan.yaml
  run complete_bash casectl -C for
  assert_output forms
}

@test "bash: --format completes with the formats of the command it follows" {
  run complete_bash casectl list --format ''
  assert_output "table
csv
json
yaml
md"
  run complete_bash casectl show C-2026-0001 --format ''
  assert_output "summary
yaml
json"
  run complete_bash casectl schema --format j
  assert_output json-schema
  run complete_bash casectl worker list --format c
  assert_output csv
  run complete_bash casectl --format json report caseload --format m
  assert_output md
  run complete_bash casectl assess C-2026-0001 --format ''  # assess has no output format
  assert_output ""
  # Before the command: any command's format.
  run complete_bash casectl --format ''
  assert_line table
  assert_line summary
  assert_line json-schema
  assert_line html
}

@test "every command's format_of() list is what its --format completes" {
  local n=0 f cmd formats
  for f in "$CASECTL_SRC"/cli/cmd_*.cpp; do
    formats="$(grep -oE 'format_of\(g, \{[^}]*\}\)' "$f" | grep -oE '"[a-z-]+"' | tr -d '"')" || continue
    [ -n "$formats" ] || continue
    cmd="$(basename "$f" .cpp)"
    cmd="${cmd#cmd_}"
    [ "$cmd" = worker ] && cmd="worker list"  # worker's only command with an output format
    # shellcheck disable=SC2086  # cmd is one or two words
    run complete_bash casectl $cmd --format ''
    assert_output "$formats"
    n=$((n + 1))
  done
  [ "$n" -ge 10 ] || fail "only $n commands with format_of() found in cli/cmd_*.cpp"
}

@test "bash: a worker ID completes with the workers of casectl.yaml, silently elsewhere" {
  make_dir
  new_case >/dev/null
  cd "$DIR"
  run complete_bash casectl --worker ''
  assert_success
  assert_output "sato
tanaka"
  run complete_bash casectl list --worker t
  assert_output tanaka
  run complete_bash casectl due --worker ''
  assert_output "sato
tanaka"
  run complete_bash casectl log --worker s
  assert_output sato
  run complete_bash casectl report caseload --worker ''
  assert_output "sato
tanaka"
  run complete_bash casectl assign C-2026-0001 ''
  assert_output "sato
tanaka"
  run complete_bash casectl conference C-2026-0001 --kind plan --attendee ''
  assert_output "sato
tanaka"
  run complete_bash casectl worker set ''
  assert_output "sato
tanaka"
  run complete_bash casectl worker retire ta
  assert_output tanaka
  run complete_bash casectl worker add ''  # a new worker's ID: nothing to offer
  assert_output ""
  run complete_bash casectl assign ''  # the case first
  assert_output C-2026-0001
  cd "$T"
  run --separate-stderr complete_bash casectl --worker ''
  assert_success
  assert_output ""
  [ -z "$stderr" ] || fail "stderr outside a case directory: $stderr"
  run complete_bash casectl -C "$DIR" list --worker ''
  assert_output "sato
tanaka"
}

@test "casectl completion --case-ids and --worker-ids print nothing and exit 0 outside a case directory" {
  run --separate-stderr casectl completion --case-ids
  assert_success
  assert_output ""
  [ -z "$stderr" ]
  run --separate-stderr casectl completion --worker-ids
  assert_success
  assert_output ""
  [ -z "$stderr" ]
  run --separate-stderr casectl completion
  assert_failure 2
  run --separate-stderr casectl completion tcsh
  assert_failure 2
}

@test "the scripts parse: bash -n, zsh -n, fish -n" {
  bash -n "$T/casectl.bash"
  command -v zsh >/dev/null || skip "zsh is not installed (scripts/install-deps)"
  casectl completion zsh >"$T/_casectl"
  zsh -n "$T/_casectl"
  command -v fish >/dev/null || skip "fish is not installed: fish -n not run"
  casectl completion fish >"$T/casectl.fish"
  fish -n "$T/casectl.fish"
}

@test "fish completes each command's formats and the worker IDs" {
  command -v fish >/dev/null || skip "fish is not installed (scripts/install-deps)"
  casectl completion fish >"$T/casectl.fish"
  make_dir
  new_case >/dev/null
  cd "$DIR"
  # complete -C: what fish offers for the command line given (a candidate, a tab, its description).
  run fish --no-config -c 'source $argv[1]; complete -C "casectl list --worker "' "$T/casectl.fish"
  assert_success
  assert_line --regexp '^sato'
  assert_line --regexp '^tanaka'
  run fish --no-config -c 'source $argv[1]; complete -C "casectl show C-2026-0001 --format "' "$T/casectl.fish"
  assert_line --regexp '^summary'
  assert_line --regexp '^yaml'
  refute_line --regexp '^csv'
  run fish --no-config -c 'source $argv[1]; complete -C "casectl assign C-2026-0001 "' "$T/casectl.fish"
  assert_line --regexp '^tanaka'
}

@test "zsh runs the same word list as bash (no bash-only syntax in it)" {
  command -v zsh >/dev/null || skip "zsh is not installed (scripts/install-deps)"
  casectl completion zsh | sed '/^#compdef/d; /^_casectl "\$@"$/d' >"$T/zsh-functions"
  run zsh -c 'source "$1"; __casectl_candidates "" casectl new --sex' _ "$T/zsh-functions"
  assert_success
  assert_output "female
male
other
unknown"
  make_dir
  new_case >/dev/null
  run zsh -c 'source "$1"; __casectl_candidates "" casectl -C "$2" show' _ "$T/zsh-functions" "$DIR"
  assert_output C-2026-0001
  run zsh -c 'source "$1"; __casectl_candidates "" casectl -C "$2" list --worker' _ "$T/zsh-functions" "$DIR"
  assert_output "sato
tanaka"
  run zsh -c 'source "$1"; __casectl_candidates "" casectl show C-2026-0001 --format' _ "$T/zsh-functions"
  assert_output "summary
yaml
json"
}
