#!/usr/bin/env bats
# The language of messages and tables (SPEC section 5): the one LANGUAGE, LC_ALL, LC_MESSAGES or
# LANG names, else the case directory's locale; Japanese from po/ja.po through gettext, even on a
# machine with no ja_JP locale; exit codes, rule IDs and csv/json the same in every language. The
# catalog is complete: every message of the sources is in it, translated, with its placeholders.

bats_require_minimum_version 1.5.0
load helpers

# A case directory in locale $1 at $DIR with one new case ($ID), no plan.
dir_in() {
  casectl init "$DIR" --locale "$1" --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null
  ID=$(new_case)
}

@test "a refusal in a ja directory is Japanese, in an en one English; exit 3 and rule IDs in both" {
  dir_in ja
  snapshot
  run --separate-stderr casectl -C "$DIR" --worker sato close "$ID" --reason goals-achieved </dev/null
  [ "$status" -eq 3 ] || fail "exit $status: $stderr"
  grep -qF "$ID: close.no-plan: closures[0].reason: 終結理由が goals-achieved" <<<"$stderr" || fail "$stderr"
  grep -qF "casectl: 拒否しました: 問題 2 件。何も書き込んでいません" <<<"$stderr" || fail "$stderr"
  assert_unchanged

  DIR="$T/en" dir_in en
  run --separate-stderr casectl -C "$T/en" --worker sato close "$ID" --reason goals-achieved </dev/null
  [ "$status" -eq 3 ]
  grep -qF "$ID: close.no-plan: closures[0].reason: reason goals-achieved but the case has no plan" <<<"$stderr" || fail "$stderr"
  grep -qF "casectl: refused: 2 problems; nothing was written" <<<"$stderr" || fail "$stderr"
}

@test "a conflict (an uncommitted hand edit) and an unknown worker in Japanese: exit 5 and 2" {
  dir_in ja
  run -2 --separate-stderr casectl -C "$DIR" --worker nobody note "$ID" "電話で確認" --kind phone
  grep -qF -- '--worker で指定された "nobody" は casectl.yaml の担当者ではありません' <<<"$stderr" || fail "$stderr"
  echo "# a hand edit" >>"$(rec "$ID")"
  run -5 --separate-stderr casectl -C "$DIR" --worker sato note "$ID" "電話で確認" --kind phone
  grep -qF "にコミットされていない変更があります（手で編集しましたか）。git でコミットするか、'git checkout -- cases/2026/00/$ID/case.yaml' で変更を取り消してから、もう一度実行してください" <<<"$stderr" || fail "$stderr"
}

@test "rule messages in a ja directory: a plan without goals, a review without a decision" {
  day 2026-11-02
  dir_in ja
  day 2026-11-03
  cs --worker sato assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null
  day 2026-11-10
  snapshot
  run --separate-stderr cs --worker sato plan "$ID" --client-views "Wants to go home" --next-review 2026-12-01 </dev/null
  [ "$status" -eq 3 ] || fail "exit $status: $stderr"
  assert_equal "$(grep -F plan.goals-required <<<"$stderr")" \
    "casectl: $ID: plan.goals-required: plans[0].goals: 支援計画 1 に目標がありません; ニーズ 'N1', 'N2' に応える目標を追加してください"
  assert_unchanged
  cs --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" >/dev/null
  day 2026-12-10
  sed '/^decision:/d' "$STAGE_FORMS/review-continue.yaml" >"$T/form.yaml"
  snapshot
  run --separate-stderr cs --worker sato review "$ID" --file "$T/form.yaml" </dev/null
  [ "$status" -eq 3 ] || fail "exit $status: $stderr"
  assert_equal "$(grep -F review.decision-required <<<"$stderr")" \
    "casectl: $ID: review.decision-required: reviews[0].decision: モニタリング 1 に決定の記録がありません; decision を設定してください: continue | revise-plan | reassess | close"
  assert_unchanged
  # The same refusal in English: rule ID, field and codes unchanged.
  run --separate-stderr env LANG=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" --worker sato review "$ID" --file "$T/form.yaml" </dev/null
  [ "$status" -eq 3 ] || fail "exit $status: $stderr"
  assert_equal "$(grep -F review.decision-required <<<"$stderr")" \
    "casectl: $ID: review.decision-required: reviews[0].decision: review 1 records no decision; set decision: continue | revise-plan | reassess | close"
}

@test "a rule message built of parts reads as one Japanese sentence (dates.order)" {
  dir_in ja
  snapshot
  # The case opened on 2026-11-10; an assessment recorded with today 2026-11-03 comes before it.
  day 2026-11-03
  run --separate-stderr cs --worker sato assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" </dev/null
  [ "$status" -eq 3 ] || fail "exit $status: $stderr"
  assert_equal "$(grep -F dates.order <<<"$stderr")" \
    "casectl: $ID: dates.order: assessments[0].date: アセスメント 1（2026-11-03）がケースの開始（2026-11-10）より前です; 日付を 2026-11-10 以降にするか、前の日付を訂正してください"
  assert_unchanged
}

@test "the environment's language beats the directory's: LANGUAGE, LC_ALL, LC_MESSAGES, LANG in turn" {
  dir_in en
  run -4 --separate-stderr env LANG=ja_JP.UTF-8 "$CASECTL_BIN" -C "$DIR" show C-2026-0042
  grep -qF "ケース C-2026-0042 はありません" <<<"$stderr" || fail "LANG=ja: $stderr"
  run -4 --separate-stderr env LANG=ja_JP.UTF-8 LC_MESSAGES=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" show C-2026-0042
  grep -qF "no case C-2026-0042" <<<"$stderr" || fail "LC_MESSAGES=en over LANG=ja: $stderr"
  run -4 --separate-stderr env LANG=en_US.UTF-8 LC_ALL=ja_JP.UTF-8 "$CASECTL_BIN" -C "$DIR" show C-2026-0042
  grep -qF "ケース C-2026-0042" <<<"$stderr" || fail "LC_ALL=ja: $stderr"
  run -4 --separate-stderr env LC_ALL=en_US.UTF-8 LANGUAGE=ja:en "$CASECTL_BIN" -C "$DIR" show C-2026-0042
  grep -qF "ケース C-2026-0042" <<<"$stderr" || fail "LANGUAGE=ja:en: $stderr"
  # A language with no catalog is English, not the directory's.
  DIR2="$T/ja"
  DIR="$DIR2" dir_in ja
  run -4 --separate-stderr env LANG=de_DE.UTF-8 "$CASECTL_BIN" -C "$DIR2" show C-2026-0042
  grep -qF "no case C-2026-0042" <<<"$stderr" || fail "LANG=de: $stderr"
  # C and POSIX name no language: the directory decides (ja), found through -C, CASECTL_DIR or
  # the working folder.
  run -4 --separate-stderr env LANG=C "$CASECTL_BIN" -C "$DIR2" show C-2026-0042
  grep -qF "ケース C-2026-0042" <<<"$stderr" || fail "LANG=C, -C: $stderr"
  run -4 --separate-stderr env LANG=POSIX CASECTL_DIR="$DIR2" "$CASECTL_BIN" show C-2026-0042
  grep -qF "ケース C-2026-0042" <<<"$stderr" || fail "CASECTL_DIR: $stderr"
  cd "$DIR2/cases"
  run -4 --separate-stderr "$CASECTL_BIN" show C-2026-0042
  grep -qF "ケース C-2026-0042" <<<"$stderr" || fail "working folder: $stderr"
}

@test "a usage error in Japanese and in English, exit 2 in both" {
  dir_in ja
  run -2 --separate-stderr casectl -C "$DIR" show
  grep -qF "使い方は \`casectl --help\` または \`casectl COMMAND --help\` で確認してください" <<<"$stderr" || fail "$stderr"
  run -2 --separate-stderr casectl -C "$DIR" show not-an-id
  grep -qF "はケースIDではありません" <<<"$stderr" || fail "$stderr"
  run -2 --separate-stderr env LANG=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" show
  grep -qF "run \`casectl --help\` or \`casectl COMMAND --help\` for usage" <<<"$stderr" || fail "$stderr"
  # Outside any case directory, with no language named: English.
  cd "$T"
  run -4 --separate-stderr "$CASECTL_BIN" list
  grep -qF "not in a case directory" <<<"$stderr" || fail "$stderr"
}

@test "table headings follow the language chosen; csv keys and codes do not" {
  dir_in en
  run -0 casectl -C "$DIR" report caseload
  assert_output --partial "WORKER"
  run -0 env LANG=ja_JP.UTF-8 "$CASECTL_BIN" -C "$DIR" report caseload
  assert_output --partial "担当者別の継続ケース"
  run -0 env LANG=ja_JP.UTF-8 "$CASECTL_BIN" -C "$DIR" report caseload --format csv
  assert_line --index 0 --partial "worker,"
  run -0 env LANG=ja_JP.UTF-8 "$CASECTL_BIN" -C "$DIR" show "$ID"
  assert_output --partial "担当"
}

@test "list in Japanese: headings and value labels in the table, codes in csv and json" {
  dir_in ja
  run -0 casectl -C "$DIR" list
  assert_line --index 0 --regexp '^ID +状況 +担当 +氏名 +年齢 +生年月日 +受理日 +緊急度 +リスク +安全 +次の手続 +次の期限 +主訴$'
  assert_line --index 1 --regexp "^$ID +受理 +sato +山田 花子 .* 至急 +アセスメント +アセスメント 2026-11-12 23:59 +身体的虐待$"
  run -0 casectl -C "$DIR" list --format csv
  assert_line --index 1 --partial "$ID,intake,sato,"
  assert_line --index 1 --partial ",urgent,"
  run -0 env LANG=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" list
  assert_line --index 0 --regexp '^ID +STATUS +WORKER +NAME'
  assert_line --index 1 --regexp "^$ID +intake +sato .* urgent +assessment +assessment 2026-11-12 23:59 +physical-abuse$"
}

@test "what a change says in Japanese: new's safety-check deadline, note, confirm's 48 hours; English under LANG=en" {
  clock "2026-11-06 18:00"
  casectl init "$DIR" --locale ja --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null
  run -0 --separate-stderr new_case --received "2026-11-06 17:00"
  ID=$output
  assert_equal "$stderr" "安全確認の期限は 2026-11-08 17:00 です（通告受理から 48 時間）"
  run -0 --separate-stderr cs --worker sato note "$ID" "電話で確認" --kind phone
  assert_equal "$output" "$ID: 2026-11-06 の経過記録（phone）を追加しました。状況: 受理"
  clock "2026-11-10 12:00"
  run -0 --separate-stderr cs --worker sato confirm "$ID" --at "2026-11-09 10:00" --method seen-at-school --outcome safe
  assert_equal "$output" "$ID: 安全確認 1 を記録しました（seen-at-school、safe）。状況: 受理"
  assert_equal "$stderr" "casectl: 安全確認 1: 通告受理から 65 時間（期限は 48 時間）: 期限超過"
  # English: the lines as before; the commit subjects are English in every language.
  run -0 --separate-stderr env LANG=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" --worker sato note "$ID" "Called" --kind phone
  assert_equal "$output" "note $ID: phone on 2026-11-10 (status intake)"
  assert_equal "$(git -C "$DIR" log --format=%s | sed -n 3p)" "note $ID: phone on 2026-11-06"
  assert_equal "$(git -C "$DIR" log --format=%s | sed -n 2p)" "confirm $ID: safety check 1 (seen-at-school, safe)"
  run -0 --separate-stderr env LANG=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" --worker sato new --name "Kato Ren" \
    --birth-date 2019-01-01 --sex male --source police --urgency urgent --concern neglect --reason "Left alone" \
    --received "2026-11-09 08:00"
  assert_equal "$stderr" "safety check due by 2026-11-11 08:00 (48 h after the report was received)"
}

@test "a malformed date or time in Japanese and in English, exit 2, nothing written" {
  dir_in ja
  snapshot
  run -2 --separate-stderr cs --worker sato note "$ID" "電話" --kind phone --date 2026-13-45
  assert_equal "$stderr" "casectl: --date: 日付ではありません（YYYY-MM-DD）"
  run -2 --separate-stderr cs --worker sato confirm "$ID" --at tomorrow --method seen-at-school --outcome safe
  assert_equal "$stderr" "casectl: --at: 日時を YYYY-MM-DD HH:MM の形式で指定してください"
  assert_unchanged
  run -2 --separate-stderr env LANG=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" --worker sato note "$ID" x --date 2026-13-45
  assert_equal "$stderr" "casectl: --date: not a date (YYYY-MM-DD)"
  run -2 --separate-stderr env LANG=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" --worker sato confirm "$ID" --at tomorrow \
    --method seen-at-school --outcome safe
  assert_equal "$stderr" "casectl: --at: expected a date and time, YYYY-MM-DD HH:MM"
}

@test "validate's and doctor's summaries and log's headings in Japanese; English under LANG=en" {
  dir_in ja
  run -0 --separate-stderr cs validate
  assert_equal "$stderr" "1 ケース、問題はありません"
  run -0 --separate-stderr cs doctor
  assert_equal "$stderr" "問題は見つかりませんでした"
  run -0 cs log "$ID"
  assert_line --index 0 --regexp '^入力日時 +実施日 +担当 +氏名 +操作 +内容 +遅延入力 +コミット$'
  run -0 cs log "$ID" --format csv
  assert_line --index 0 --partial "commit,entered,event,worker"
  run -0 --separate-stderr env LANG=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" validate
  assert_equal "$stderr" "1 case, no problems"
  run -0 --separate-stderr env LANG=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" doctor
  assert_equal "$stderr" "no problems found"
  run -0 env LANG=en_US.UTF-8 "$CASECTL_BIN" -C "$DIR" log "$ID"
  assert_line --index 0 --regexp '^ENTERED +EVENT +WORKER +NAME +ACTION +SUMMARY +LATE +COMMIT$'
}

@test "po/ja.po: every message of the sources, translated, none fuzzy, the same placeholders" {
  command -v xgettext >/dev/null || skip "gettext is not installed"
  local pot="$T/casectl.pot"
  cd "$CASECTL_SRC"
  xgettext --language=C++ --from-code=UTF-8 --keyword=tx --keyword=txf --keyword=N_ --omit-header \
    --sort-by-file --no-wrap --add-location=file -o "$pot" core/*.cpp core/*.hpp cli/*.cpp cli/*.hpp
  sed -i '/^#, c-format$/d; s/^#, c-format, /#, /' "$pot"
  diff -u po/casectl.pot "$pot" || fail "po/casectl.pot is not current: run scripts/update-po"
  run -0 msgcmp po/ja.po "$pot"
  run -0 msgfmt --check --statistics -o /dev/null po/ja.po
  [[ "$stderr$output" =~ ^[0-9]+\ translated\ messages\.$ ]] || fail "untranslated or fuzzy: $output"
  python3 - po/ja.po <<'PY' || fail "a translation's placeholders differ from its message's"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()

def used(s):
    """The argument indexes s's {} use ({} {} are 0 and 1; {1} {0} name theirs); None if mixed."""
    tokens = [t.split(":")[0] for t in re.findall(r"\{([^{}]*)\}", s)]
    if all(t == "" for t in tokens):
        return set(range(len(tokens)))
    if all(t.isdigit() for t in tokens):
        return {int(t) for t in tokens}
    return None

bad = 0
for mid, mstr in re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"', text, re.M):
    if mid and (used(mid) is None or used(mid) != used(mstr)):
        print(f"placeholders differ: {mid!r} -> {mstr!r}")
        bad += 1
sys.exit(1 if bad else 0)
PY
}

@test "--help lists an option's values with their labels in the language chosen, from the value tables" {
  run -0 env LANGUAGE=ja "$CASECTL_BIN" new --help
  assert_line --regexp "^  --sex TEXT {18}female（女） \| male（男） \| other（その他） \| unknown（不明）$"
  assert_line --regexp "^  --urgency TEXT {14}immediate（緊急） \| urgent（至急） \| routine（通常）$"
  refute_output --partial "TEXT:"
  run -0 env LANGUAGE=ja "$CASECTL_BIN" list --help
  assert_output --partial "この状況のケースだけ（複数指定可）: intake（受理） | assessed（アセスメント済） | active（支援中） | closed（終結）"
  run -0 "$CASECTL_BIN" new --help
  assert_line --regexp "^  --sex TEXT {18}female \| male \| other \| unknown$"
  refute_output --partial "女"
  run -0 "$CASECTL_BIN" assess --help
  assert_output --partial "safe | safe-with-plan (safe with a safety plan) | unsafe"
  # Completion still offers the codes.
  run -0 "$CASECTL_BIN" completion bash
  assert_output --partial "\"new|--sex\") printf '%s\\n' female male other unknown"
}

@test "--help in Japanese: descriptions, headings and every flag name; in English by default" {
  run -0 env LANGUAGE=ja "$CASECTL_BIN" note --help
  assert_output --partial "経過記録に1件追加します"
  assert_line "使い方: casectl note [オプション] ID TEXT"
  assert_line "引数:"
  assert_line "オプション:"
  assert_line "共通オプション:"
  assert_line "例:"
  # Every flag at the start of its line, each description in Japanese, aligned by display width.
  assert_line --regexp "^  --kind TEXT {17}home-visit（家庭訪問） \| phone（電話） \| meeting（会議） \| interview（面接） \| letter（文書） \| other（その他）（省略時は other）$"
  assert_line --regexp "^  --date DATE {17}対応した日（省略時は今日）$"
  assert_line --regexp "^  -C DIR {22}ケースディレクトリ（"
  assert_line --regexp "^  --worker ID {17}操作する担当者（"
  assert_line --regexp "^  --format FORMAT {13}出力形式（"
  assert_line --regexp "^  -h,--help {19}このヘルプを表示して終了します$"
  assert_line --regexp "^  ID TEXT 必須 {16}ケースID$"
  assert_line --regexp "^  TEXT TEXT 必須 {14}経過の内容$"
  assert_output --partial '  casectl note C-2026-0001 "Home visit: mother and child at home" --kind home-visit'
  refute_output --partial "add an entry to the contact log"
  refute_output --partial "Usage"
  refute_output --partial "Options:"
  run -0 env LANG=ja_JP.UTF-8 "$CASECTL_BIN" --help
  assert_line "サブコマンド:"
  assert_output --partial "経過記録に1件追加します"
  assert_output --partial "（--sex 女, --risk 高）。記録にはコードが保存されます。"
  run -0 env LANGUAGE=ja "$CASECTL_BIN" custody extend --help
  assert_output --partial "延長の承認者: council（児童福祉審議会） | court（家庭裁判所） | director（所長）（日本語の表示名も可）"
  assert_line --regexp "^  --approved-by "

  # English: the same help as before the catalog, word for word.
  run -0 "$CASECTL_BIN" note --help
  assert_output --partial "add an entry to the contact log"
  assert_line "Usage: casectl note [OPTIONS] ID TEXT"
  assert_line "Positionals:"
  assert_line "Options:"
  assert_line "Global options:"
  assert_line "Example:"
  assert_line --regexp "^  --kind TEXT {17}home-visit \| phone \| meeting \| interview \| letter \| other \(default other\)$"
  assert_line --regexp "^  -C DIR {22}the case directory \(else"
  assert_line --regexp "^  ID TEXT REQUIRED {12}case ID$"
  refute_output --partial "経過記録"
}

@test "usage errors of the command line in Japanese and in English, exit 2 in both" {
  # Missing arguments: all of them, with the command's usage line.
  run -2 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" note
  assert_equal "${stderr_lines[0]}" "casectl: 引数 ID TEXT がありません（使い方: casectl note ID TEXT）"
  assert_equal "${stderr_lines[1]}" "casectl: 使い方は \`casectl --help\` または \`casectl COMMAND --help\` で確認してください"
  run -2 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" note C-2026-0001
  assert_equal "${stderr_lines[0]}" "casectl: 引数 TEXT がありません（使い方: casectl note ID TEXT）"
  run -2 --separate-stderr "$CASECTL_BIN" note
  assert_equal "${stderr_lines[0]}" "casectl: missing arguments ID TEXT (usage: casectl note ID TEXT)"
  assert_equal "${stderr_lines[1]}" "casectl: run \`casectl --help\` or \`casectl COMMAND --help\` for usage"
  run -2 --separate-stderr "$CASECTL_BIN" note C-2026-0001
  assert_equal "${stderr_lines[0]}" "casectl: missing argument TEXT (usage: casectl note ID TEXT)"

  # An unknown option (its value not taken for an argument), with the nearest flag.
  run -2 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" note C-2026-0001 "電話で確認" --kindd phone
  assert_equal "${stderr_lines[0]}" "casectl: --kindd というオプションはありません"
  assert_equal "${stderr_lines[1]}" 'casectl: "--kind" のことですか？'
  run -2 --separate-stderr "$CASECTL_BIN" note C-2026-0001 "Phone call" --kindd=phone
  assert_equal "${stderr_lines[0]}" "casectl: unknown option --kindd"
  assert_equal "${stderr_lines[1]}" 'casectl: did you mean "--kind"?'

  # A required option missing, an option without its value, a value not allowed, options that
  # exclude each other, an action missing.
  run -2 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" reopen C-2026-0001
  assert_equal "${stderr_lines[0]}" "casectl: --reason を指定してください"
  run -2 --separate-stderr "$CASECTL_BIN" reopen C-2026-0001
  assert_equal "${stderr_lines[0]}" "casectl: --reason is required"
  run -2 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" note C-2026-0001 "電話で確認" --kind
  assert_equal "${stderr_lines[0]}" "casectl: --kind には値が必要です"
  run -2 --separate-stderr "$CASECTL_BIN" note C-2026-0001 "Phone call" --kind
  assert_equal "${stderr_lines[0]}" "casectl: --kind needs a value"
  run -2 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" completion tcsh
  assert_equal "${stderr_lines[0]}" 'casectl: SHELL: "tcsh" は使えません。次のいずれかを指定してください: bash | zsh | fish'
  run -2 --separate-stderr "$CASECTL_BIN" due --within -1
  assert_equal "${stderr_lines[0]}" "casectl: --within: -1 is not between 0 and 3660"
  run -2 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" share C-2026-0001 --with school --what plan --consent 1 --legal-basis x
  assert_equal "${stderr_lines[0]}" "casectl: --consent と --legal-basis は同時に指定できません"
  run -2 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" custody C-2026-0001
  assert_equal "${stderr_lines[0]}" "casectl: casectl custody の後に次のいずれかを指定してください: start | extend | end"
  run -2 --separate-stderr "$CASECTL_BIN" custody C-2026-0001
  assert_equal "${stderr_lines[0]}" "casectl: casectl custody needs one of: start | extend | end"
  run -2 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN"
  assert_equal "${stderr_lines[0]}" "casectl: コマンドを指定してください"
}

@test "init --locale ja says what it made in Japanese (the directory's language before it exists); --locale en in English" {
  run casectl init "$T/ja" --locale ja --worker sato --name "Sato Yuki" --email sato@example.org
  assert_success
  assert_output --partial "ケースディレクトリ"
  run casectl init "$T/en" --locale en --worker sato --name "Sato Yuki" --email sato@example.org
  assert_success
  assert_output --partial "Initialised case directory"
  # The environment's language still comes first.
  LANGUAGE=en run casectl init "$T/ja2" --locale ja --worker sato --name "Sato Yuki" --email sato@example.org
  assert_output --partial "Initialised case directory"
}

@test "validate --format json and csv-like outputs are the same in every language (their messages English)" {
  case_at active
  sed -i 's/^worker: sato$/worker: nobody/' "$DIR/$(case_file)"
  run --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" -C "$DIR" validate
  assert_failure 1
  assert_output --partial "casectl.yaml に登録された職員ではありません"
  run --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" -C "$DIR" --format json validate
  assert_failure 1
  local ja_json="$output"
  run --separate-stderr env LANGUAGE=en "$CASECTL_BIN" -C "$DIR" validate --format=json
  assert_failure 1
  assert_equal "$ja_json" "$output"
  assert_output --partial '"rule": "worker.unknown"'
  assert_output --partial "is not a worker registered in casectl.yaml"
}
