# id_scheme: fiscal (年度): case IDs numbered by the fiscal year of the opening date, April to
# March, named by the year it starts in (SPEC section 2), set by `casectl init --id-scheme`.

bats_require_minimum_version 1.5.0
load helpers

# A fiscal-year case directory at $DIR, worker sato.
make_fiscal_dir() {
  casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org --id-scheme "${1:-fiscal}" \
    >/dev/null || fail "init --id-scheme failed"
}

# Opens a case on day $1 as sato, printing its ID.
new_on() {
  day "$1"
  new_case --date "$1"
}

@test "init --id-scheme fiscal writes id_scheme: fiscal to casectl.yaml" {
  run casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org --id-scheme fiscal
  assert_success
  grep -qE '^id_scheme: fiscal( |$)' "$DIR/casectl.yaml" || fail "$(cat "$DIR/casectl.yaml")"
  [ -z "$(git -C "$DIR" status --porcelain)" ] || fail "casectl.yaml not committed"
  run cs validate
  assert_success
}

@test "init --id-scheme takes the Japanese label 年度; the default is calendar; others are a usage error" {
  make_fiscal_dir 年度
  grep -qE '^id_scheme: fiscal( |$)' "$DIR/casectl.yaml" || fail "$(cat "$DIR/casectl.yaml")"
  run casectl init "$T/cal" --worker sato --name "Sato Yuki" --email sato@example.org
  assert_success
  grep -qE '^id_scheme: calendar( |$)' "$T/cal/casectl.yaml" || fail "$(cat "$T/cal/casectl.yaml")"
  run --separate-stderr casectl init "$T/lunar" --worker sato --name "Sato Yuki" --email sato@example.org \
    --id-scheme lunar
  [ "$status" -eq 2 ] || fail "expected exit 2, got $status: $stderr"
  grep -qF "calendar (calendar year / 暦年), fiscal (fiscal year (April-March) / 年度)" <<<"$stderr" || fail "the schemes are not named: $stderr"
  [ ! -e "$T/lunar/casectl.yaml" ] || fail "init wrote a directory"
}

@test "fiscal: opened 2027-03-31 is C-2026-0001, opened 2027-04-01 is C-2027-0001" {
  make_fiscal_dir
  export CASECTL_WORKER=sato
  [ "$(new_on 2027-03-31)" = C-2026-0001 ]
  [ "$(new_on 2027-04-01)" = C-2027-0001 ]
  [ -f "$DIR/cases/2026/00/C-2026-0001/case.yaml" ] || fail "C-2026-0001 not in cases/2026/00"
  [ -f "$DIR/cases/2027/00/C-2027-0001/case.yaml" ] || fail "C-2027-0001 not in cases/2027/00"
  ID=C-2026-0001
  [ "$(json_of 'r["opened"]')" = 2027-03-31 ]
  day 2027-04-02  # new_on ran in a subshell: today is the test's default again
  run cs validate
  assert_success
}

@test "fiscal: the calendar year's end is inside one fiscal year; the count goes on until 31 March" {
  make_fiscal_dir
  export CASECTL_WORKER=sato
  [ "$(new_on 2027-04-01)" = C-2027-0001 ]
  [ "$(new_on 2027-12-31)" = C-2027-0002 ]
  [ "$(new_on 2028-01-01)" = C-2027-0003 ]
  [ "$(new_on 2028-03-31)" = C-2027-0004 ]
  [ "$(new_on 2028-04-01)" = C-2028-0001 ]
  day 2028-04-02
  run cs validate
  assert_success
}

@test "calendar (the default): opened 2027-03-31 is C-2027-0001" {
  make_dir
  export CASECTL_WORKER=sato
  [ "$(new_on 2026-12-31)" = C-2026-0001 ]
  [ "$(new_on 2027-03-31)" = C-2027-0001 ]
  [ "$(new_on 2027-04-01)" = C-2027-0002 ]
}

@test "a calendar directory switched to fiscal keeps its IDs, validates, and counts on in the fiscal year" {
  make_dir
  export CASECTL_WORKER=sato
  [ "$(new_on 2027-02-01)" = C-2027-0001 ]
  sed -i 's/^id_scheme: calendar/id_scheme: fiscal/' "$DIR/casectl.yaml"
  grep -q '^id_scheme: fiscal' "$DIR/casectl.yaml" || fail "no id_scheme line to switch"
  git -C "$DIR" -c user.name="Sato Yuki" -c user.email=sato@example.org commit -qam "settings: id_scheme fiscal"
  [ "$(new_on 2027-03-01)" = C-2026-0001 ]
  [ "$(new_on 2027-04-01)" = C-2027-0002 ]
  day 2027-04-02
  run cs validate
  assert_success
}
