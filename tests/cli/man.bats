#!/usr/bin/env bats
# The man pages (man/*.scd, scdoc): one page casectl-COMMAND(1) per command of `casectl --help`,
# naming every long option its --help lists (and its subcommands'), so that the pages cannot
# drift from the command table; every page renders without a warning.

load helpers

setup() {
  test_setup || return 1
  MAN="$CASECTL_SRC/man"
}

# The commands of `casectl $*` --help (its "Subcommands:" section), one a line.
subcommands() {
  casectl "$@" --help | sed -n '/^Subcommands:/,/^$/p' | awk '/^  [a-z]/ {print $1}'
}

# The long options of `casectl $*` --help's own "Options:" section (the global ones and --help
# left out), one a line.
long_options() {
  casectl "$@" --help | sed -n '/^Options:/,/^[A-Z]/p' | grep -oE '^  (-[A-Za-z], ?)?--[a-z][a-z0-9-]*' |
    grep -oE -- '--[a-z][a-z0-9-]*' | grep -vx -- --help || true
}

# The OPTIONS section of page $1.
options_section() {
  sed -n '/^# OPTIONS$/,/^# [A-Z]/p' "$1"
}

@test "every command of casectl --help has its page man/casectl-COMMAND.1.scd" {
  commands="$(subcommands)"
  [ "$(wc -l <<<"$commands")" -ge 25 ] || fail "too few commands in --help: $commands"
  for c in $commands; do
    [ -f "$MAN/casectl-$c.1.scd" ] || fail "no man page for $c: man/casectl-$c.1.scd"
    # The page is that command's: its title line, its NAME, its OPTIONS section.
    head -1 "$MAN/casectl-$c.1.scd" | grep -qx "casectl-$c(1)" || fail "casectl-$c.1.scd: first line is not casectl-$c(1)"
    grep -q "^casectl-$c - " "$MAN/casectl-$c.1.scd" || fail "casectl-$c.1.scd: NAME is not 'casectl-$c - ...'"
    grep -qx '# OPTIONS' "$MAN/casectl-$c.1.scd" || fail "casectl-$c.1.scd: no OPTIONS section"
    # casectl(1) points to it.
    grep -qF "*casectl-$c*(1)" "$MAN/casectl.1.scd" || fail "casectl.1.scd does not name casectl-$c(1)"
  done
  # No page for a command that is gone.
  for page in "$MAN"/casectl-*.1.scd; do
    c="$(basename "$page" .1.scd)"
    c="${c#casectl-}"
    grep -qx "$c" <<<"$commands" || fail "man/casectl-$c.1.scd: no such command in casectl --help"
  done
}

@test "every long option a command's --help lists is in the OPTIONS of its page" {
  missing=""
  count=0
  for c in $(subcommands); do
    page="$MAN/casectl-$c.1.scd"
    for opt in $(long_options "$c"); do
      count=$((count + 1))
      options_section "$page" | grep -qF -- "*$opt*" || missing+=" $c:$opt"
    done
    for s in $(subcommands "$c"); do
      for opt in $(long_options "$c" "$s"); do
        count=$((count + 1))
        options_section "$page" | grep -qF -- "*$opt*" || missing+=" $c $s:$opt"
      done
    done
  done
  [ -z "$missing" ] || fail "options missing from the man pages' OPTIONS:$missing"
  # The walk found the options (a --help whose layout changed would find none and pass).
  [ "$count" -ge 100 ] || fail "only $count options found in the --help texts"
}

@test "each page names the formats its command's --format takes (its format_of() call)" {
  local n=0 f cmd formats
  for f in "$CASECTL_SRC"/cli/cmd_*.cpp; do
    formats="$(grep -oE 'format_of\(g, \{[^}]*\}\)' "$f" | grep -oE '"[a-z-]+"' | tr -d '"' | paste -sd '|')" || continue
    [ -n "$formats" ] || continue
    cmd="$(basename "$f" .cpp)"
    cmd="${cmd#cmd_}"
    options_section "$MAN/casectl-$cmd.1.scd" | grep -qxF -- "*--format* $formats" ||
      fail "casectl-$cmd.1.scd: OPTIONS has no '*--format* $formats'"
    n=$((n + 1))
  done
  [ "$n" -ge 10 ] || fail "only $n commands with format_of() found in cli/cmd_*.cpp"
}

@test "the check finds an option missing from a page" {
  # The same check on a copy of casectl-due.1.scd without --check.
  grep -v -- '--check' "$MAN/casectl-due.1.scd" >"$T/due.scd"
  long_options due | grep -qx -- --check || fail "casectl due --help lists no --check"
  run bash -c 'sed -n "/^# OPTIONS$/,/^# [A-Z]/p" "$1" | grep -qF -- "*--check*"' _ "$T/due.scd"
  assert_failure
}

@test "every page renders: scdoc, then groff (else man) without a warning" {
  command -v scdoc >/dev/null || skip "scdoc is not installed (scripts/install-deps)"
  command -v groff >/dev/null || command -v man >/dev/null || skip "neither groff nor man is installed"
  for src in "$MAN"/*.scd; do
    name="$(basename "$src" .scd)"
    run --separate-stderr scdoc <"$src"
    [ "$status" -eq 0 ] && [ -z "$stderr" ] || fail "scdoc $name: $status $stderr"
    printf '%s\n' "$output" >"$T/$name"
    if command -v groff >/dev/null; then
      # What man runs, with every warning on: -k the pages hold UTF-8 (Japanese labels).
      run --separate-stderr groff -k -man -Tutf8 -ww -P-cbou "$T/$name"  # -P-cbou: plain text
      [ -z "$stderr" ] || fail "groff $name: $stderr"
    else
      run --separate-stderr env MANWIDTH=80 man --warnings -l "$T/$name"
      [ -z "$stderr" ] || fail "man -l $name: $stderr"
    fi
    assert_success
    [[ "$output" == *NAME* && "$output" == *SYNOPSIS* ]] || fail "$name rendered without NAME or SYNOPSIS"
  done
}
