# A mistyped command or flag is a usage error (exit 2) that names the nearest command or flag of
# the command line's own, when one is close; nothing else is guessed.

bats_require_minimum_version 1.5.0
load helpers

@test "casectl asess: not a command, did you mean \"assess\"? exit 2" {
  run --separate-stderr casectl asess C-2026-0001
  assert_failure 2
  [[ "$stderr" == *$'casectl: "asess" is not a command\ncasectl: did you mean "assess"?\n'* ]]
}

@test "a word far from every command: said to be none, no guess" {
  run --separate-stderr casectl frobnicate
  assert_failure 2
  [[ "$stderr" == *'casectl: "frobnicate" is not a command'* ]]
  [[ "$stderr" != *"did you mean"* ]]
}

@test "new --urgancy high: did you mean \"--urgency\"? exit 2, nothing written" {
  make_dir
  snapshot
  run --separate-stderr casectl -C "$DIR" --worker sato new --urgancy high --name x
  assert_failure 2
  [[ "$stderr" == *$'\ncasectl: did you mean "--urgency"?\n'* ]]
  run --separate-stderr casectl -C "$DIR" --worker sato new --urgancy=high
  assert_failure 2
  [[ "$stderr" == *'casectl: did you mean "--urgency"?'* ]]
  assert_unchanged
}

@test "flags are suggested from the command being run, and the global ones" {
  run --separate-stderr casectl list --stauts active
  assert_failure 2
  [[ "$stderr" == *'did you mean "--status"?'* ]]
  run --separate-stderr casectl assess C-2026-0001 --wroker sato
  assert_failure 2
  [[ "$stderr" == *'did you mean "--worker"?'* ]]
  # --urgency is a flag of new, not of assess: no guess there.
  run --separate-stderr casectl assess C-2026-0001 --urgancy high
  assert_failure 2
  [[ "$stderr" != *"did you mean"* ]]
}

@test "a mistyped subcommand of a command: did you mean the nearest one?" {
  run --separate-stderr casectl worker ad sato
  assert_failure 2
  [[ "$stderr" == *'did you mean "add"?'* ]]
}
