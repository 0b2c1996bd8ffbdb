# casectl doc --format html (a printable page beside the .md) and doc ID plan N --family (the plan
# handed to the family), and what a reader of the documents noticed (SPEC section 7). Pages are
# parsed by a real HTML parser (xmllint, Debian libxml2-utils).

bats_require_minimum_version 1.5.0
load helpers
load helpers_integrity

# Fails unless file $1 parses as HTML with no error or warning.
assert_html() {
  local errors
  errors="$(xmllint --html --noout "$1" 2>&1)" || fail "xmllint failed on $1: $errors"
  [ -z "$errors" ] || fail "xmllint reports on $1: $errors"
}

# The number of nodes of HTML file $1 matching XPath $2.
xpath_count() { xmllint --html --xpath "count($2)" "$1" 2>/dev/null; }

# Switches $DIR to Japanese documents.
japanese() {
  sed -i 's/^locale: en/locale: ja/' "$DIR/casectl.yaml"
  git -C "$DIR" commit -qam "Japanese documents"
}

# Case $ID planned from plan-1.yaml with $1 replacing the child's views and $2 the first goal's text.
planned_with() {
  export CASECTL_WORKER=sato
  make_dir
  day 2026-11-02
  new_case --date 2026-11-02 >/dev/null || fail "new failed"
  day 2026-11-03
  cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null || fail "assess failed"
  day 2026-11-10
  VIEWS="$1" GOAL="$2" python3 - "$STAGE_FORMS/plan-1.yaml" >"$T/plan.yaml" <<'PY'
import json, os, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = s.replace("client_views: She wants to stay with her grandmother for now.",
              "client_views: " + json.dumps(os.environ["VIEWS"]))
s = s.replace("text: The child lives safely, free from physical harm", "text: " + json.dumps(os.environ["GOAL"]))
print(s, end="")
PY
  cs plan "$ID" --file "$T/plan.yaml" >/dev/null || fail "plan failed"
}

@test "doc --format html: plan-1.html beside plan-1.md, a page xmllint parses, one commit; again: up to date" {
  case_at active
  snapshot
  run --separate-stderr cs doc "$ID" plan --format html
  assert_committed "doc $ID: plan-1.html rendered" active
  assert_output "wrote $(doc_file plan-1.html)"
  assert_commit_files "$(doc_file plan-1.html)"
  assert_private "$(doc_file plan-1.html)"
  local f="$DIR/$(doc_file plan-1.html)"
  assert_html "$f"
  [ "$(head -2 "$f")" = $'<!DOCTYPE html>\n<html lang="en">' ] || fail "$(head -2 "$f")"
  grep -qF '<meta charset="utf-8">' "$f" || fail "no charset"
  grep -qF '<title>Support plan</title>' "$f" || fail "no title"
  grep -qF '@page { size: A4;' "$f" || fail "no @page"
  grep -qF '@media print' "$f" || fail "no print rules"
  [ "$(xpath_count "$f" '//h2[.="Goals"]')" = 1 ] || fail "no Goals heading"
  [ "$(xpath_count "$f" '//li[starts-with(.,"Provider: City Hospital paediatrics")]')" = 1 ] || fail "no provider item"
  assert_clean
  snapshot
  run --separate-stderr cs doc "$ID" plan 1 --format html
  assert_success
  assert_output "$(doc_file plan-1.html) is up to date"
  assert_unchanged
}

@test "doc --format html --stdout: the page on stdout, nothing written; review and closure too" {
  case_at closed
  snapshot
  for kind in plan review closure; do
    run --separate-stderr cs doc "$ID" "$kind" --format html --stdout
    assert_success
    printf '%s\n' "$output" >"$T/$kind.html"
    assert_html "$T/$kind.html"
    grep -qF '<html lang="en">' "$T/$kind.html" || fail "$kind: lang"
  done
  grep -qF '<title>Review record</title>' "$T/review.html" || fail "review title"
  grep -qF '<title>Closure report 1</title>' "$T/closure.html" || fail "closure title"
  assert_unchanged
}

@test "doc --format html in a Japanese case directory: lang=\"ja\", Japanese faces, parses" {
  case_at active
  japanese
  run --separate-stderr cs doc "$ID" plan --format html --stdout
  assert_success
  printf '%s\n' "$output" >"$T/p.html"
  assert_html "$T/p.html"
  grep -qF '<html lang="ja">' "$T/p.html" || fail "lang"
  grep -qF '<title>支援計画書</title>' "$T/p.html" || fail "title"
  grep -qF '"Noto Serif CJK JP"' "$T/p.html" || fail "no Japanese serif face"
}

@test "doc --format html: record text with <script> and javascript: links comes out inert" {
  planned_with 'Home <script>alert(1)</script> and [x](javascript:alert(1)) <img src=x onerror=alert(1)>' \
    '<b onclick="alert(2)">Safe</b> [y](JAVASCRIPT:alert(3)) ![t](https://t.example/p.png)'
  run --separate-stderr cs doc "$ID" plan --format html
  assert_success
  local f="$DIR/$(doc_file plan-1.html)"
  assert_html "$f"
  [ "$(xpath_count "$f" '//script|//img|//b|//*[@onclick]|//*[@onerror]')" = 0 ] || fail "active markup: $(grep -n 'alert' "$f")"
  [ "$(xpath_count "$f" '//a')" = 0 ] || fail "a link survived: $(grep -n '<a ' "$f")"
  grep -qiF 'javascript:' "$f" && fail "javascript: in the page: $(grep -ni 'javascript' "$f")"
  grep -qF 'Home &lt;script&gt;alert(1)&lt;/script&gt; and x' "$f" || fail "the views are not shown as text: $(grep -n Home "$f")"
  grep -qF '&lt;b onclick=&quot;alert(2)&quot;&gt;Safe&lt;/b&gt; y t' "$f" || fail "the goal is not shown as text"
}

@test "doc --format: a format doc does not write -> exit 2, nothing written" {
  case_at active
  snapshot
  run --separate-stderr cs doc "$ID" plan --format pdf
  [ "$status" -eq 2 ] || fail "expected 2, got $status: $stderr"
  [[ "$stderr" == *"html"* ]] || fail "$stderr"
  assert_unchanged
}

# The family version: words the family must not see (internal IDs, risk ratings).
assert_family_clean() {
  grep -nE '\b[NGS][0-9]+\b' "$1" && fail "an internal ID in $1"
  grep -nF "$ID" "$1" && fail "the case ID in $1"
  grep -niwE 'risk|low|medium|high|very high|unsafe|safe with a safety plan' "$1" && fail "a risk or safety rating in $1"
  grep -nE 'リスク|安全でない|安全計画により安全|非常に高い|ニーズ' "$1" && fail "a risk or safety rating in $1"
  return 0
}

@test "doc plan --family: plan-1-family.md with goals, services, both views and signature lines; no ID, no risk" {
  case_at active
  snapshot
  run --separate-stderr cs doc "$ID" plan 1 --family
  assert_committed "doc $ID: plan-1-family.md rendered" active
  assert_commit_files "$(doc_file plan-1-family.md)"
  local f="$DIR/$(doc_file plan-1-family.md)"
  assert_family_clean "$f"
  grep -qx '# Our support plan' "$f" || fail "heading: $(head -1 "$f")"
  grep -qx -- '- The child lives safely, free from physical harm (by 10 February 2027)' "$f" || fail "goal"
  grep -qx -- '- City Hospital paediatrics: medical' "$f" || fail "service: $(grep -n paediatrics "$f")"
  grep -qx -- '  - How often: once' "$f" || fail "frequency"
  grep -qx "> She wants to stay with her grandmother for now." "$f" || fail "child's views"
  grep -qx "> Mother agrees to support; father declined to meet." "$f" || fail "family's views"
  grep -qF 'on or before 10 December 2026' "$f" || fail "next meeting"
  grep -qx 'Name: ______________________ Relationship: mother Date: ______________' "$f" || fail "signature line"
  # And as a page.
  run --separate-stderr cs doc "$ID" plan 1 --family --format html
  assert_success
  assert_html "$DIR/$(doc_file plan-1-family.html)"
  assert_family_clean "$DIR/$(doc_file plan-1-family.html)"
  # The plan-1.md of the worker keeps the IDs and the risk.
  grep -q '^### Goal G1' "$DIR/$(doc_file plan-1.md)" || fail "plan-1.md lost its IDs"
}

@test "doc plan --family in Japanese: ご家族用, 子どもの意見, 続柄 on the signature line; no ID, no リスク" {
  case_at active
  japanese
  run --separate-stderr cs doc "$ID" plan --family --stdout
  assert_success
  printf '%s\n' "$output" >"$T/f.md"
  assert_family_clean "$T/f.md"
  grep -qx '# 支援計画(ご家族用)' "$T/f.md" || fail "heading"
  grep -qx '## 子どもの意見' "$T/f.md" || fail "views heading"
  grep -qx '氏名: ______________________ 続柄: mother 日付: ______________' "$T/f.md" || fail "signature"
  run --separate-stderr cs doc "$ID" plan --family --format html --stdout
  printf '%s\n' "$output" >"$T/f.html"
  assert_html "$T/f.html"
  grep -qF '<html lang="ja">' "$T/f.html" || fail "lang"
}

@test "doc --family is for plans only (exit 2); a family template override is taken" {
  case_at reviewed
  snapshot
  run --separate-stderr cs doc "$ID" review --family
  [ "$status" -eq 2 ] || fail "expected 2, got $status: $stderr"
  [[ "$stderr" == *"only a plan has a family version"* ]] || fail "$stderr"
  assert_unchanged
  mkdir -p "$DIR/templates/en"
  printf 'Family copy of plan {{plan_n}}\n' >"$DIR/templates/en/plan-family.md.mustache"
  run --separate-stderr cs doc "$ID" plan --family --stdout
  assert_success
  assert_output "Family copy of plan 1"
}

@test "documents of an adult client say Client / 本人, never Child / 子ども (family version too)" {
  export CASECTL_WORKER=sato
  make_dir
  day 2026-11-02
  new_case --date 2026-11-02 --birth-date 1980-05-01 >/dev/null
  day 2026-11-03
  cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null
  day 2026-11-10
  cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" >/dev/null
  day 2026-12-10
  cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" >/dev/null
  for doc in plan review; do
    cs doc "$ID" "$doc" --stdout >"$T/$doc.md"
    grep -q '^- Client: 山田 花子' "$T/$doc.md" || fail "$doc: $(sed -n 4p "$T/$doc.md")"
  done
  cs doc "$ID" plan --family --stdout >"$T/family.md"
  grep -qx -- '- Client: 山田 花子' "$T/family.md" || fail "family: person"
  grep -qx "## The client's wishes" "$T/family.md" || fail "family: views heading"
  grep -n "child's\|^- Child" "$T/plan.md" "$T/family.md" && fail "the child for an adult"
  japanese
  cs doc "$ID" plan --family --stdout >"$T/family-ja.md"
  grep -qx -- '- 本人: 山田 花子' "$T/family-ja.md" || fail "ja family: person"
  grep -qx '## 本人の意向' "$T/family-ja.md" || fail "ja family: views heading"
  grep -n '子ども' "$T/family-ja.md" && fail "子ども for an adult"
  return 0
}

@test "review document: a service without a note leaves no blank line in the list; ja says 実施状況, not 実施: 実施" {
  case_at reviewed
  japanese
  cs doc "$ID" review --stdout >"$T/r.md"
  grep -q '実施: 実施' "$T/r.md" && fail "label repeated as its value: $(grep -n '実施' "$T/r.md")"
  grep -qx '  - 実施状況: 実施' "$T/r.md" || fail "$(cat "$T/r.md")"
  # S1 has no note: the next item follows directly (one list, not two).
  python3 - "$T/r.md" <<'PY' || fail "a blank line inside the services list: $(cat "$T/r.md")"
import sys
s = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if "  - 実施状況: 実施\n- S2:" in s else 1)
PY
}

@test "closure document of a case closed the day it opened: no 支援期間: 0日 / Days open: 0 days" {
  export CASECTL_WORKER=sato
  make_dir
  day 2026-11-02
  new_case --date 2026-11-02 >/dev/null
  cs assess "$ID" --file "$STAGE_FORMS/assess-safe-low.yaml" >/dev/null || fail "assess failed"
  cs close "$ID" --reason no-further-action --evaluation "No support needed" >/dev/null || fail "close failed"
  cs doc "$ID" closure --stdout >"$T/c.md"
  grep -qx -- '- Closed: 2 November 2026' "$T/c.md" || fail "$(cat "$T/c.md")"
  grep -n 'Days open' "$T/c.md" && fail "days open of a same-day closure"
  japanese
  cs doc "$ID" closure --stdout >"$T/c-ja.md"
  grep -n '支援期間' "$T/c-ja.md" && fail "支援期間 of a same-day closure"
  return 0
}

@test "an amendment of the plan renders its HTML page and family version again, in the same commit" {
  case_at active
  cs doc "$ID" plan --format html >/dev/null
  cs doc "$ID" plan --family >/dev/null
  day 2026-11-20
  snapshot
  use_editor 'sed -i "s/provider: City Hospital paediatrics/provider: Riverside Clinic/" "$1"'
  run --separate-stderr cs edit "$ID" --reason correction
  assert_success
  assert_commit_files "$(case_file)" "$(doc_file plan-1.md)" "$(doc_file plan-1.html)" "$(doc_file plan-1-family.md)"
  grep -qF "Riverside Clinic" "$DIR/$(doc_file plan-1.html)" || fail "plan-1.html is stale"
  grep -qF "Riverside Clinic" "$DIR/$(doc_file plan-1-family.md)" || fail "plan-1-family.md is stale"
  for v in "" "--format html" "--family"; do
    # shellcheck disable=SC2086
    run --separate-stderr cs doc "$ID" plan 1 $v
    assert_output --partial "up to date"
  done
  assert_clean
}
