#!/usr/bin/env python3
"""Builds a case directory of N generated cases for benchmarks: `casectl init`, four more
workers (`casectl worker add`), N schema-1 records of Japanese case data written as casectl's
emitter writes them, ONE `git add -A && git commit`, `git gc`, then a settled index (no racily
clean entries, so that git's next `add` does not re-hash every file).

Usage: make_casedir.py [--rebuild] [--no-cache] N DIR

Built directories are cached under bench/.cache/N-HASH (HASH: this file's content); DIR gets a
fresh copy (cp -a) whose index is refreshed once. DIR must not exist or be empty.
Environment: CASECTL_BIN (default build/casectl, relative to the checkout).
"""
import argparse
import datetime as dt
import glob
import hashlib
import os
import random
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKOUT = os.path.dirname(HERE)
YEAR = 2026
FIRST_OPENED = dt.date(YEAR, 1, 5)
LAST_EVENT = dt.date(YEAR, 11, 20)  # no generated event after this day (bench uses a later today)
GIT_ENV = {"GIT_AUTHOR_NAME": "Sato Yuki", "GIT_AUTHOR_EMAIL": "sato@example.org",
           "GIT_COMMITTER_NAME": "Sato Yuki", "GIT_COMMITTER_EMAIL": "sato@example.org"}
WORKERS = ["sato", "suzuki", "ito", "kato"]
SUPERVISOR = "tanaka"
MORE_WORKERS = [("tanaka", "Tanaka Ken", "tanaka@example.org", "supervisor"),
                ("suzuki", "Suzuki Aoi", "suzuki@example.org", "worker"),
                ("ito", "Ito Ren", "ito@example.org", "worker"),
                ("kato", "Kato Mio", "kato@example.org", "worker")]
REVIEW_EVERY = {"very-high": 14, "high": 30, "medium": 60, "low": 90}  # casectl's default policy

# ---------------------------------------------------------------------------------------------
# The YAML emitter of core/yaml_scalar.cpp and core/record_io.cpp, ported: same quoting, same layout.

NON_STRING_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~", "=", "<<"}


def needs_escape(c):
    """A code point that must be written as an escape inside double quotes."""
    o = ord(c)
    return o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F or o in (0xFEFF, 0x2028, 0x2029)


def resolves_to_non_string(s):
    """True when some YAML reader would read the plain scalar s as a non-string."""
    if s.lower() in NON_STRING_WORDS:
        return True
    body = s[1:] if s[:1] in ("-", "+") else s
    if body.lower() in (".inf", ".nan"):
        return True
    numeric = body and (body[0].isdigit() or (body[0] == "." and len(body) > 1 and
                                               (body[1].isdigit() or body[1] == "_")))
    if numeric and all(c.isdigit() or c in "abcdefABCDEFxXoO_.:+-" for c in body):
        return True
    i = 0
    while i < len(s) and i < 4 and s[i].isdigit():
        i += 1
    if i == 4 and i < len(s) and s[i] == "-":
        j = k = i + 1
        while k < len(s) and s[k].isdigit():
            k += 1
        if k > j and k - j <= 2 and k < len(s) and s[k] == "-" and k + 1 < len(s) and s[k + 1].isdigit():
            return True
    return False


def plain_safe(s):
    """Text that a plain scalar carries unchanged."""
    if not s or s[0] == " " or s[-1] == " " or s[0] in "-?:,[]{}#&*!|>'\"%@`":
        return False
    if ": " in s or " #" in s or s[-1] == ":" or s.startswith("..."):
        return False
    return not resolves_to_non_string(s)


def double_quoted(s):
    """s as a double-quoted scalar with escapes."""
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif c in "\n\t\r":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}[c])
        elif needs_escape(c):
            out.append(f"\\x{ord(c):02X}" if ord(c) < 0x100 else f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def literal_block(s, indent):
    """s (holding a newline) as a literal block, or "" when one cannot carry it."""
    body = s.rstrip("\n")
    trailing = len(s) - len(body)
    lines = body.split("\n")
    if any(line and not line.strip(" ") for line in lines):
        return ""
    texts = [line for line in lines if line]
    if not texts:
        return ""
    out = "|" + ("2" if texts[0][0] == " " else "") + ("-" if trailing == 0 else "" if trailing == 1 else "+")
    pad = " " * (indent + 2)
    for line in lines:
        out += "\n" + (pad + line if line else "")
    return out + "\n" * max(0, trailing - 1)


def scalar(text, indent):
    """text as casectl writes a scalar at indent: plain, literal block or double-quoted."""
    escapes = any(c != "\n" and needs_escape(c) for c in text)
    if "\n" in text and not escapes:
        block = literal_block(text, indent)
        if block:
            return block
    if "\n" not in text and not escapes and plain_safe(text):
        return text
    return double_quoted(text)


def section(fields, indent):
    """The lines of a section (a dict in schema key order); absent values are None/""/[]."""
    out = []
    pad = " " * indent
    for key, v in fields.items():
        if v is None or v == "" or v == []:
            continue
        if isinstance(v, bool):
            raise TypeError(key)
        if isinstance(v, int):
            out.append(f"{pad}{key}: {v}\n")
        elif isinstance(v, dt.datetime):  # a DateTime: written as is, "YYYY-MM-DD HH:MM"
            out.append(f"{pad}{key}: {v:%Y-%m-%d %H:%M}\n")
        elif isinstance(v, dt.date):
            out.append(f"{pad}{key}: {v.isoformat()}\n")
        elif isinstance(v, str):
            out.append(f"{pad}{key}: {scalar(v, indent)}\n")
        elif isinstance(v, dict):
            body = section(v, indent + 2)
            if body:
                out.append(f"{pad}{key}:\n{body}")
        elif isinstance(v[0], str):
            out.append(f"{pad}{key}:\n")
            out += [f"{pad}  - {scalar(s, indent + 2)}\n" for s in v]
        else:
            out.append(f"{pad}{key}:\n")
            for item in v:
                body = section(item, indent + 4)
                out.append(f"{pad}  - {body[indent + 4:]}" if body else f"{pad}  - {{}}\n")
    return "".join(out)


def emit_record(r):
    """The record's bytes as casectl writes them."""
    return "# casectl case record, schema 1\n" + section(r, 0)

# ---------------------------------------------------------------------------------------------
# Fictional Japanese case data.


SURNAMES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤", "吉田",
            "山本", "松本", "井上", "木村", "林", "清水", "山口", "森", "池田"]
GIRLS = ["花子", "結衣", "さくら", "美咲", "葵", "陽菜", "凛", "芽依", "紬", "心春"]
BOYS = ["太郎", "陽翔", "蓮", "大翔", "湊", "悠真", "樹", "蒼", "朝陽", "颯"]
ADULTS_F = ["恵子", "由美", "真由美", "智子", "明美", "直美", "久美子", "裕子"]
ADULTS_M = ["健一", "誠", "浩二", "大輔", "隆", "剛", "拓也", "直樹"]
TOWNS = ["桜町", "緑ヶ丘", "本町", "東雲", "若葉台", "旭町", "港南", "川端", "北野", "青葉"]
BUILDINGS = ["さくらハイツ", "グリーンコーポ", "メゾン旭", "市営住宅", "サンライズ荘", "コーポ青葉"]
SOURCES = ["school", "school", "police", "hospital", "neighbour", "family", "self", "anonymous",
           "agency"]
REPORTERS = {"school": "担任教諭、架空市立{town}小学校", "police": "架空警察署生活安全課",
             "hospital": "架空市立病院 小児科医", "neighbour": "近隣住民",
             "family": "母方祖母", "self": "本人", "anonymous": "",
             "agency": "架空市子育て支援課 保健師"}
CONCERNS = ["physical-abuse", "neglect", "neglect", "psychological-abuse", "domestic-violence",
            "sexual-abuse", "poverty", "school", "mental-health", "housing", "isolation"]
REASONS = {
    "physical-abuse": "{m}月{d}日の朝、担任が両腕と首の後ろのあざに気づいた。本人は「お父さんにたたかれた」と話し、\n家に帰りたくないと言っている。先月も額に擦り傷があった。",
    "neglect": "ここ1か月、同じ服で登校し、給食をおかわりして食べる。\n夜遅くまで一人で公園にいる姿を近所の人が何度も見ている。",
    "psychological-abuse": "母親が人前で本人を大声でののしる様子が繰り返し見られる。\n本人は「どうせ自分はいらない子」と話す。",
    "domestic-violence": "夜間に父親の怒鳴り声と物の壊れる音がして警察が臨場した。子どもが面前にいた。",
    "sexual-abuse": "本人が養護教諭に、同居する大人から体を触られると打ち明けた。",
    "poverty": "電気とガスが止められ、家賃の滞納が3か月続いている。母親は就労していない。",
    "school": "4月から欠席が続き、家庭訪問をしても本人に会えない。",
    "mental-health": "母親が精神科に通院中で服薬を中断しており、育児が難しくなっている。",
    "housing": "立ち退きを求められ、来月から住む場所がない。",
    "isolation": "転居してきたばかりで親族も知人もおらず、母親が育児の相談相手がいないと話す。",
}
NOTE_TEXTS = ["家庭訪問。母親と本人が在宅。室内は片付いており、食事の用意もあった。",
              "担任に電話で確認。今週は毎日登校しており、表情も明るい。",
              "母親から電話。仕事の時間が変わり、送迎が難しくなったとの相談。",
              "関係機関会議。学校、保健センター、児童相談所で役割分担を確認した。",
              "本人と面接。学校で楽しかったことを話し、家のことは「ふつう」と答えた。",
              "父親に手紙で来所を依頼した。",
              "祖母宅を訪問。週末は祖母宅で過ごすことに父母が同意した。",
              "保育園に連絡。登園状況に変化なし。"]
NEED_TEXTS = {"safety": "家庭で暴力を受けずに安全に過ごせること",
              "health": "定期的に受診し、虫歯と体重の管理ができること",
              "mental-health": "気持ちを話せる大人がいて、不安が和らぐこと",
              "education": "毎日登校し、学習の遅れを取り戻すこと",
              "family": "保護者が育児の負担を一人で抱え込まないこと",
              "housing": "安定した住まいが確保されること",
              "income": "生活費の見通しが立つこと",
              "development": "発達の特性に合った支援を受けられること"}
GOALS = {"safety": ("家庭で安全に過ごせる", "月1回の家庭訪問であざや傷がないことを確認"),
         "health": ("必要な受診ができる", "受診記録を3か月ごとに確認"),
         "mental-health": ("安心して気持ちを話せる", "面接で本人が不安を話せているか確認"),
         "education": ("毎日登校する", "出席率90%以上"),
         "family": ("保護者が相談先を持つ", "月2回以上の相談利用"),
         "housing": ("住まいが確保される", "転居先の契約完了"),
         "income": ("生活費が安定する", "生活保護または就労収入の確保"),
         "development": ("発達支援を受ける", "療育の利用開始")}
SERVICES = {"safety": ("protective-custody", "架空市児童相談所"),
            "health": ("medical", "架空市立病院 小児科"),
            "mental-health": ("psychological", "架空市家庭相談センター"),
            "education": ("educational", "架空市立{town}小学校"),
            "family": ("parenting", "架空市子育て支援センター"),
            "housing": ("housing", "架空市住宅課"),
            "income": ("financial", "架空市福祉事務所 生活保護係"),
            "development": ("social-welfare", "架空市発達支援センター")}
FREQUENCIES = ["週1回", "月2回", "月1回", "毎日", "随時"]
NEEDS_FOR = {"physical-abuse": "safety", "sexual-abuse": "safety", "neglect": "health",
             "psychological-abuse": "mental-health", "domestic-violence": "safety",
             "poverty": "income", "school": "education", "mental-health": "family",
             "housing": "housing", "isolation": "family"}
STRENGTHS = ["祖母が近くに住み協力的", "本人は学校が好きで友人がいる", "母親は支援を受けることに前向き",
             "担任が熱心に見守っている", "父親は仕事を調整する意思がある"]
ACTIONS = ["一時保護", "祖母宅での生活に同意を得た", "加害者と別居することに母親が同意"]
CLIENT_VIEWS = ["おうちで安心してくらしたい。", "学校にはちゃんと行きたい。おばあちゃんの家にも行きたい。",
                "お父さんにたたかないでほしい。", "ごはんを毎日食べたい。"]
FAMILY_VIEWS = ["支援を受けながら子育てを続けたい。", "仕事との両立のため、送迎の手伝いがほしい。",
                "家族だけでは難しいので相談に乗ってほしい。"]
EVALUATIONS = ["家庭訪問と学校との連携が有効だった。母親が早めに相談できるようになった。",
               "祖母の協力で生活が安定し、登校が定着した。",
               "転居により他の自治体へ引き継いだ。引継ぎ書を送付済み。"]
REOPEN_REASONS = ["学校から再び欠席が続いていると連絡があった。",
                  "近隣住民から夜間の怒鳴り声について再度通告があった。",
                  "母親から再び育児が難しいと相談があった。\n前回の支援終了後、祖母が入院した。"]
APPROVAL_NOTES = ["安全の見通しが立っていることを確認した。", "転居先の児童相談所への引継ぎを確認した。",
                  "学校と保健センターの見守り体制を確認した。"]
AMENDMENT_NOTES = {("typo", "client"): "氏名の漢字の誤りを訂正した。",
                   ("late-information", "household"): "同居する祖母の情報を後から聞き取った。",
                   ("late-information", "referral"): "通告者の所属が後から分かった。",
                   ("correction", "client"): "生年月日の誤りを訂正した。",
                   ("correction", "referral"): "通告受付の時刻を訂正した。",
                   ("other", "household"): "世帯員の記載を整理した。"}


def pick(rnd, items, k=1):
    """k distinct items, in the pool's order."""
    return [items[i] for i in sorted(rnd.sample(range(len(items)), k))]


def days(d, n):
    """The date n days after d."""
    return d + dt.timedelta(days=n)


def fit(gaps, room):
    """The gaps (days between events) scaled down so that their sum fits in room."""
    total = sum(gaps)
    if total <= room:
        return gaps
    return [g * room // total for g in gaps]


def choose_status(rnd, room):
    """A status likely for a case opened `room` days before the last event date."""
    if room > 120:
        weights = {"intake": 8, "assessed": 12, "active": 40, "closed": 40}
    elif room > 45:
        weights = {"intake": 10, "assessed": 20, "active": 55, "closed": 15}
    else:
        weights = {"intake": 45, "assessed": 35, "active": 20, "closed": 0}
    return rnd.choices(list(weights), list(weights.values()))[0]


def assessment(rnd, n, date, by, concerns, low):
    """One assessment answering the referral's concerns; low: safe and low risk."""
    risk = "low" if low else rnd.choice(["medium", "high", "high", "very-high"])
    safety = "safe" if low else ("unsafe" if risk == "very-high" else rnd.choice(["safe-with-plan", "unsafe"]))
    domains = []
    for c in concerns:
        if NEEDS_FOR.get(c, "family") not in domains:
            domains.append(NEEDS_FOR.get(c, "family"))
    if rnd.random() < 0.25 and "education" not in domains:
        domains.append("education")
    needs = [{"id": f"N{k + 1}", "domain": d, "text": NEED_TEXTS[d]} for k, d in enumerate(domains)]
    consulted = [{"role": "teacher", "name": "担任 " + rnd.choice(SURNAMES), "date": date}] if rnd.random() < 0.3 else []
    return {"n": n, "date": date, "by": by,
            "methods": pick(rnd, ["home-visit", "interview-child", "interview-family",
                                  "professional-consult", "records"], rnd.randint(1, 3)),
            "consulted": consulted, "safety": safety, "risk": risk,
            "risks": [{"domain": concerns[0], "level": risk,
                       "evidence": "本人の話と担任の観察が一致している。"}],
            "needs": needs, "strengths": pick(rnd, STRENGTHS, 1),
            "immediate_actions": [rnd.choice(ACTIONS)] if safety == "unsafe" else [],
            "summary": "リスクは" + {"low": "低い", "medium": "中程度", "high": "高い",
                                    "very-high": "非常に高い"}[risk] + "。関係機関と連携して見守る。"}


def plan(rnd, n, date, by, a, town):
    """A plan answering assessment a: one goal and one service per need."""
    goals, services = [], []
    for k, need in enumerate(a["needs"]):
        text, measure = GOALS[need["domain"]]
        goals.append({"id": f"G{k + 1}", "needs": [need["id"]], "text": text, "measure": measure,
                      "due": days(date, 90)})
        kind, provider = SERVICES[need["domain"]]
        services.append({"id": f"S{k + 1}", "goals": [f"G{k + 1}"], "type": kind,
                         "provider": provider.format(town=town), "responsible": by,
                         "frequency": rnd.choice(FREQUENCIES), "start": days(date, 3),
                         "end": days(date, 93)})
    return {"n": n, "date": date, "by": by, "assessment": a["n"], "goals": goals,
            "services": services,
            "participation": {"client_views": rnd.choice(CLIENT_VIEWS), "client_views_absent_reason": "",
                              "family_views": rnd.choice(FAMILY_VIEWS),
                              "agreed_by": pick(rnd, ["mother", "father", "grandmother"], rnd.randint(1, 2))},
            "next_review": days(date, min(REVIEW_EVERY[a["risk"]], 30))}


def review(rnd, n, date, by, p, risk, final):
    """A review of plan p; final: every goal achieved and the decision is close."""
    progress = [{"goal": g["id"], "status": "achieved" if final else rnd.choice(["in-progress", "in-progress", "not-started"]),
                 "note": "改善が見られる" if final else rnd.choice(["週4日登校", "変化なし", "少しずつ改善"])}
                for g in p["goals"]]
    delivered = [{"service": s["id"], "delivered": rnd.choice(["yes", "yes", "partly"]), "note": ""}
                 for s in p["services"]]
    return {"n": n, "date": date, "by": by, "plan": p["n"], "progress": progress, "services": delivered,
            "safety": "safe" if final else "safe-with-plan", "risk": risk,
            "decision": "close" if final else "continue",
            "next_review": None if final else days(date, min(REVIEW_EVERY[risk], 30)),
            "summary": "目標を達成した。" if final else "支援を継続する。"}


def cycle(rnd, r, start, status, close_kind, worker, concerns, town, room):
    """Adds one cycle of stage events to r from start (the opening or a reopening) to status:
    an assessment, a plan, reviews and, when closed, the closure (with a supervisor's approval
    while the risk is high). Numbers continue those of earlier cycles. Returns the last date."""
    short_close = close_kind == "nfa"
    gaps = fit([rnd.randint(0, 7), rnd.randint(3, 14), rnd.randint(14, 30), rnd.randint(14, 30),
                rnd.randint(1, 10)], max(0, room))
    last = start
    if status == "intake":
        return last
    a_date = days(start, gaps[0])
    a = assessment(rnd, len(r["assessments"]) + 1, a_date, worker, concerns, short_close)
    r["assessments"].append(a)
    last = a_date
    mine = []  # this cycle's reviews
    p = None
    if status in ("active", "closed") and not short_close:
        p_date = days(a_date, gaps[1])
        p = plan(rnd, len(r["plans"]) + 1, p_date, worker, a, town)
        r["plans"].append(p)
        last = p_date
        reviews = rnd.choice([1, 1, 1, 2]) if status == "closed" else rnd.choice([0, 1, 1, 1, 2])
        d = p_date
        for k in range(reviews):
            d = days(d, gaps[2 + k])
            final = close_kind == "achieved" and k == reviews - 1
            risk = "low" if final else rnd.choice(["medium", "high", "medium"])
            mine.append(review(rnd, len(r["reviews"]) + 1, d, worker, p, risk, final))
            r["reviews"].append(mine[-1])
            last = d
    if status != "closed":
        return last
    c_date = days(last, gaps[4])
    latest_risk = (mine[-1] if mine else a)["risk"]
    by, approval = worker, None
    if latest_risk in ("high", "very-high"):
        if rnd.random() < 0.3:
            by = SUPERVISOR  # the supervisor closes it themselves
        else:
            # The supervisor's approval, given on or after the latest assessment or review.
            approval = len(r["approvals"]) + 1
            r["approvals"].append({"n": approval, "kind": "closure",
                                   "date": days(last, rnd.randint(0, (c_date - last).days)),
                                   "by": SUPERVISOR, "note": rnd.choice(APPROVAL_NOTES)})
    progress = {g["goal"]: g["status"] for g in mine[-1]["progress"]} if mine else {}
    outcomes = [{"goal": g["id"], "status": progress.get(g["id"], "not-achieved")}
                for g in p["goals"]] if p else []
    r["closures"].append({
        "n": len(r["closures"]) + 1, "date": c_date, "by": by,
        "plan": r["plans"][-1]["n"] if r["plans"] else None,  # the plan in force
        "reason": {"nfa": "no-further-action", "moved": "moved-away",
                   "achieved": "goals-achieved"}[close_kind],
        "approval": approval, "outcomes": outcomes,
        "evaluation": EVALUATIONS[2] if close_kind == "moved" else rnd.choice(EVALUATIONS[:2]),
        "follow_up": "3か月後に学校へ状況確認の電話をする。" if rnd.random() < 0.5 else ""})
    return c_date


def amendment(rnd, r, date):
    """A correction made with casectl edit on date: the sections it changed and the documents
    (plans, reviews, closures recorded by then) rendered again; a closed case's by a supervisor."""
    reason = rnd.choices(["typo", "late-information", "correction", "other"], [40, 30, 25, 5])[0]
    section = {"typo": "client", "late-information": rnd.choice(["household", "referral"]),
               "correction": rnd.choice(["client", "referral"]), "other": "household"}[reason]
    closed = (sum(c["date"] <= date for c in r["closures"]) >
              sum(o["date"] <= date for o in r["reopenings"]))  # closed on that date
    docs = []
    if section == "client":  # every document names the client
        docs = ([f"plan-{p['n']}.md" for p in r["plans"] if p["date"] <= date] +
                [f"review-{v['n']}.md" for v in r["reviews"] if v["date"] <= date] +
                [f"closure-{c['n']}.md" for c in r["closures"] if c["date"] <= date])
    return {"date": date, "by": SUPERVISOR if closed else r["worker"], "reason": reason,
            "sections": [section], "documents": docs, "note": AMENDMENT_NOTES[(reason, section)]}


# ---------------------------------------------------------------------------------------------
# Child-guidance practice (issue 11): safety checks, custody, conferences, handovers, links and
# disclosures. Drawn from a generator of their own per case (seeded by the case number), so the
# rest of each record is as before; links pair neighbouring cases, kept on both records.

CATEGORY_FOR = {"physical-abuse": "protection", "sexual-abuse": "protection", "neglect": "protection",
                "psychological-abuse": "protection", "domestic-violence": "protection",
                "poverty": "protection", "housing": "protection", "isolation": "protection",
                "school": "upbringing", "mental-health": "health"}
CHECK_NOTES = ["担任立会いのもと本人と面会。外傷なし。", "家庭訪問し本人を目視。母親同席。",
               "所内で本人と面接。あざを確認し写真記録。", "保育園で本人を目視。表情は落ち着いている。"]
CHECK_PLACES = {"seen-at-home": 0, "seen-at-school": 1, "seen-at-office": 2, "seen-elsewhere": 3}
CUSTODY_PLACES = ["架空市児童相談所一時保護所", "架空市乳児院(一時保護委託)", "里親宅(一時保護委託)"]
EXTENSION_NOTES = ["家庭環境の調整に時間を要するため延長。", "親権者の同意が得られず、家庭裁判所の承認を得た。"]
DECISIONS = {"intake": "受理し、48時間以内に安全確認を行う。",
             "assessment": "一時保護を継続し、家庭環境の調査を進める。",
             "plan": "在宅支援とし、学校と保健センターで見守る。月1回家庭訪問する。",
             "closure": "目標達成により終結とする。学校による見守りを継続する。"}
LEGAL_BASES = ["Child Welfare Act art. 25-3 (regional council)", "児童福祉法第25条の3(要保護児童対策地域協議会)"]
SHARE_WHAT = [["assessment"], ["plan"], ["assessment", "plan"], ["record"]]


def linked_pair(i, n_cases):
    """The case number i is linked with (sibling or same household), or None: neighbouring cases
    (2k-1, 2k) are paired about 15% of the time, the same answer from either side."""
    first = i if i % 2 == 1 else i - 1
    if first + 1 > n_cases or random.Random(f"link-{first}").random() >= 0.17:
        return None
    return first + 1 if i == first else first


def practice(r, i, n_cases, last):
    """Adds the practice sections to record r (case number i, its last stage event `last`)."""
    x = random.Random(f"practice-{i}")
    received = r["referral"]["received"]
    closures = [c["date"] for c in r["closures"]]
    # Every act before the first closure (a reopened case's later acts are left out) and by the
    # last day of generated events.
    limit = min([LAST_EVENT] + closures[:1])
    closed = r["status"] == "closed"
    worker = r["worker"]
    first_a = r["assessments"][0] if r["assessments"] else None

    # Safety confirmation (安全確認): about 90% of cases; most within 48 hours, some late, a few
    # not seen at the first attempt (then seen later).
    if x.random() < 0.9:
        kind = x.choices(["in-time", "late", "not-seen"], [80, 14, 6])[0]
        span = {"in-time": (2, 46), "late": (50, 90), "not-seen": (3, 30)}[kind]
        at = received + dt.timedelta(hours=span[0])
        for _ in range(20):  # in the daytime, as children are seen
            at = received + dt.timedelta(hours=x.randint(*span), minutes=x.randrange(0, 60, 5))
            if 8 <= at.hour <= 19:
                break
        if at.date() > limit:
            at = received + dt.timedelta(minutes=30)
        unsafe = first_a is not None and first_a["safety"] == "unsafe"
        if kind == "not-seen":
            r["safety_checks"].append({"n": 1, "at": at, "by": worker, "method": "not-seen",
                                       "outcome": "not-seen", "note": "家庭訪問したが不在。"})
            again = at + dt.timedelta(hours=x.choice([20, 22, 24, 26, 44, 46, 48]))
            if again.date() <= limit:
                method = x.choice(list(CHECK_PLACES))
                r["safety_checks"].append({"n": 2, "at": again, "by": worker, "method": method,
                                           "outcome": "unsafe" if unsafe else "safe",
                                           "note": CHECK_NOTES[CHECK_PLACES[method]]})
        else:
            method = x.choice(["seen-at-school", "seen-at-school", "seen-at-home", "seen-at-office", "seen-elsewhere"])
            r["safety_checks"].append({"n": 1, "at": at, "by": worker, "method": method,
                                       "outcome": "unsafe" if unsafe else "safe",
                                       "note": CHECK_NOTES[CHECK_PLACES[method]] if x.random() < 0.7 else ""})

    # Temporary protective custody (一時保護): about 10%, mostly where the child was unsafe;
    # most ended, some extended beyond two months with approval.
    start = first_a["date"] if first_a else r["referral"]["date"]
    if x.random() < (0.15 if first_a and first_a["safety"] == "unsafe" else 0.02) and start < limit:
        extended = x.random() < 0.3
        length = x.randint(70, 110) if extended else x.randint(7, 50)
        c = {"n": 1, "start": start, "basis": x.choice(["ex-officio", "ex-officio", "consent"]),
             "place": x.choice(CUSTODY_PLACES), "extensions": [], "ended": None, "outcome": ""}
        end = days(start, length)
        if extended and days(start, 58) <= min(limit, end):
            c["extensions"].append({"date": days(start, 58), "until": days(start, 120),
                                    "approved_by": x.choice(["council", "council", "court", "director"]),
                                    "note": x.choice(EXTENSION_NOTES)})
        if end <= limit:
            c["ended"], c["outcome"] = end, x.choices(["returned-home", "placement", "other"], [70, 25, 5])[0]
        elif closed:
            c["ended"], c["outcome"] = limit, "returned-home"  # ended by the closure at the latest
        r["custody"].append(c)

    # Case conferences (援助方針会議): about 30%, at the latest stage reached by then.
    if x.random() < 0.3:
        if r["plans"]:
            date, kind = r["plans"][0]["date"], "plan"
        elif first_a:
            date, kind = first_a["date"], "assessment"
        else:
            date, kind = r["referral"]["date"], "intake"
        date = min(date, limit)
        attendees = [worker, SUPERVISOR] + ([x.choice([w for w in WORKERS if w != worker])] if x.random() < 0.4 else [])
        r["conferences"].append({"n": 1, "date": date, "kind": kind, "attendees": attendees,
                                 "decision": DECISIONS[kind]})
        if closed and x.random() < 0.3 and closures[0] >= date:
            r["conferences"].append({"n": 2, "date": closures[0], "kind": "closure",
                                     "attendees": [worker, SUPERVISOR], "decision": DECISIONS["closure"]})

    # Information shared (情報提供): about 20%, on the school's consent where there is one, else
    # with the regional council (要保護児童対策地域協議会) on its legal basis.
    if x.random() < 0.2:
        if r["consents"] and x.random() < 0.6:
            given = r["consents"][0]["date"]
            if given <= LAST_EVENT:
                r["disclosures"].append({"n": 1, "date": min(LAST_EVENT, days(given, x.randint(0, 20))),
                                         "by": worker, "with": "school", "what": ["plan"], "consent": 1,
                                         "legal_basis": ""})
        else:
            base = first_a["date"] if first_a else r["referral"]["date"]
            r["disclosures"].append({"n": 1, "date": min(LAST_EVENT, days(base, x.randint(0, 14))),
                                     "by": worker, "with": "regional-council", "what": x.choice(SHARE_WHAT),
                                     "consent": None, "legal_basis": x.choice(LEGAL_BASES)})

    # Handover (担当変更): about 10% of all cases, open ones only, after their last event.
    if not closed and x.random() < 0.17 and last <= LAST_EVENT:
        to = x.choice([w for w in WORKERS if w != worker])
        r["assignments"].append({"date": days(last, x.randint(0, max(0, min(14, (LAST_EVENT - last).days)))),
                                 "by": SUPERVISOR, "from": worker, "to": to,
                                 "reason": x.choice(["transfer", "leave", "leave", "workload", "specialism"])})
        r["worker"] = to

    # Related cases (siblings, same household), kept on both records.
    other = linked_pair(i, n_cases)
    if other is not None:
        first = min(i, other)
        relation = "sibling" if random.Random(f"relation-{first}").random() < 0.8 else "same-household"
        r["links"].append({"case": f"C-{YEAR}-{other:04d}", "relation": relation})


def record(i, n_cases, rnd):
    """Case number i (1-based) of n_cases, opened in order through the year."""
    cid = f"C-{YEAR}-{i:04d}"
    span = (LAST_EVENT - FIRST_OPENED).days - 20
    opened = days(FIRST_OPENED, (i - 1) * span // max(1, n_cases))
    room = (LAST_EVENT - opened).days
    status = "active" if i == 1 else choose_status(rnd, room)
    worker = rnd.choice(WORKERS)
    female = rnd.random() < 0.5
    town = rnd.choice(TOWNS)
    surname = rnd.choice(SURNAMES)
    age = rnd.randint(0, 16)
    school = (f"架空市立{town}小学校 {age - 5}年{rnd.randint(1, 4)}組" if 6 <= age <= 11 else
              f"架空市立{town}中学校" if age >= 12 else f"架空市立{town}保育園" if age >= 1 else "")
    household = [{"name": surname + " " + rnd.choice(ADULTS_F), "relation": "mother",
                  "notes": rnd.choice(["パート勤務。学校からの電話には出ている。", "無職。精神科に通院中。", ""])}]
    if rnd.random() < 0.6:
        household.append({"name": surname + " " + rnd.choice(ADULTS_M), "relation": rnd.choice(["father", "stepfather"]),
                          "notes": rnd.choice(["会社員。夜勤あり。", "飲酒すると怒鳴ることがある。", ""])})
    if rnd.random() < 0.3:
        household.append({"name": surname + " " + rnd.choice(BOYS + GIRLS), "relation": rnd.choice(["brother", "sister"]),
                          "notes": f"{rnd.randint(1, 15)}歳。"})
    concerns = list(dict.fromkeys(pick(rnd, CONCERNS, rnd.randint(1, 2))))  # "neglect" is in the pool twice
    source = rnd.choice(SOURCES)
    referral_date = days(opened, -rnd.randint(0, 2))
    # Every referral says when the report came in (the 48-hour safety-check clock starts there).
    received = dt.datetime.combine(referral_date, dt.time(rnd.randint(8, 19), rnd.randrange(0, 60, 5)))
    r = {"schema": 1, "id": cid, "status": status, "opened": opened, "worker": worker,
         "client": {"name": surname + " " + rnd.choice(GIRLS if female else BOYS),
                    "birth_date": dt.date(YEAR - age - 1, rnd.randint(1, 12), rnd.randint(1, 28)),
                    "sex": "female" if female else "male",
                    "address": f"東京都架空市{town}{rnd.randint(1, 5)}丁目{rnd.randint(1, 30)}-{rnd.randint(1, 20)} "
                               f"{rnd.choice(BUILDINGS)}{rnd.randint(1, 5)}0{rnd.randint(1, 9)}",
                    "school": school},
         "household": household,
         "referral": {"date": referral_date, "received": received, "source": source,
                      "reporter": REPORTERS[source].format(town=town),
                      "urgency": rnd.choice(["immediate", "urgent", "urgent", "routine"]),
                      "category": CATEGORY_FOR.get(concerns[0], "other"),
                      "concerns": concerns,
                      "reason": REASONS.get(concerns[0], REASONS["neglect"]).format(m=opened.month, d=opened.day)},
         "safety_checks": [], "assessments": [], "custody": [], "conferences": [], "plans": [],
         "reviews": [], "notes": [], "consents": [], "disclosures": [], "approvals": [],
         "assignments": [], "links": [], "amendments": [], "closures": [], "reopenings": []}
    # The chain of events: assessment, plan, reviews, closure, each on or after the one before.
    # How a closed case ended: no further action after a safe, low assessment; moved away
    # (a supervisor's approval, or the supervisor closing it, while the risk is high); or every
    # goal achieved. A few cases closed early in the year were reopened (problems recurred) and
    # went through a second cycle, mostly closed again.
    reopen = status == "closed" and room > 200 and rnd.random() < 0.12
    first_room = room * 2 // 5 if reopen else room
    close_kind = rnd.choices(["nfa", "moved", "achieved"], [20, 20, 60])[0] if status == "closed" else ""
    last = cycle(rnd, r, opened, status, close_kind, worker, concerns, town, first_room)
    if reopen:
        re_date = days(last, rnd.randint(20, 60))
        r["reopenings"].append({"n": 1, "date": re_date, "by": worker, "closure": 1,
                                "reason": rnd.choice(REOPEN_REASONS)})
        status2 = rnd.choices(["intake", "active", "closed"], [15, 15, 70])[0]
        r["status"] = status2
        kind2 = rnd.choices(["moved", "achieved"], [30, 70])[0] if status2 == "closed" else ""
        last = cycle(rnd, r, re_date, status2, kind2, worker, concerns, town,
                     (LAST_EVENT - re_date).days)
    span_days = (last - referral_date).days
    for _ in range(rnd.choice([1, 1, 1, 2, 3])):
        r["notes"].append({"date": days(referral_date, rnd.randint(0, span_days)), "by": worker,
                           "kind": rnd.choice(["home-visit", "phone", "meeting", "interview", "letter"]),
                           "text": rnd.choice(NOTE_TEXTS)})
    r["notes"].sort(key=lambda n: n["date"])
    if r["plans"] and rnd.random() < 0.3:
        c_date = r["plans"][0]["date"]
        r["consents"].append({"n": 1, "party": "school", "scope": "share-plan", "given_by": "mother", "date": c_date,
                              "expires": days(c_date, 365), "withdrawn": None})
    if rnd.random() < 0.06:
        end = min(LAST_EVENT, days(last, 30))
        r["amendments"].append(amendment(rnd, r, days(referral_date, rnd.randint(1, max(1, (end - referral_date).days)))))
    practice(r, i, n_cases, last)
    return cid, emit_record(r)

# ---------------------------------------------------------------------------------------------
# The case directory.


def case_rel_dir(cid):
    """cases/YEAR/SHARD/ID: shard is the sequence number // 100, two digits at least."""
    seq = int(cid.rsplit("-", 1)[1])
    return f"cases/{YEAR}/{seq // 100:02d}/{cid}"


def run(cmd, cwd=None, env=None, quiet=True):
    """Runs cmd, stopping the script with its output when it fails."""
    full_env = dict(os.environ, **(env or {}))
    p = subprocess.run(cmd, cwd=cwd, env=full_env, stdout=subprocess.PIPE if quiet else None,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"make_casedir: {' '.join(cmd)} failed ({p.returncode}):\n{p.stdout or ''}{p.stderr}")
    return p.stdout


def settle(root):
    """Leaves git's index with no racily clean entry and stat data matching the files."""
    time.sleep(2)
    run(["git", "update-index", "-q", "--really-refresh"], cwd=root)
    status = run(["git", "status", "--porcelain"], cwd=root)
    if status.strip():
        sys.exit(f"make_casedir: {root} is not clean after the import:\n{status[:2000]}")


def build(n, root, casectl):
    """Makes the case directory of n cases at root (which must not exist)."""
    t0 = time.time()
    env = {"CASECTL_WORKER": "sato"}
    run([casectl, "init", root, "--worker", "sato", "--name", "Sato Yuki", "--email", "sato@example.org"], env=env)
    for wid, name, email, role in MORE_WORKERS:
        run([casectl, "-C", root, "worker", "add", wid, "--name", name, "--email", email, "--role", role], env=env)
    rnd = random.Random(20261)
    made = set()
    total = 0
    for i in range(1, n + 1):
        cid, text = record(i, n, rnd)
        folder = os.path.join(root, case_rel_dir(cid))
        parent = os.path.dirname(folder)
        if parent not in made:
            os.makedirs(parent, mode=0o700, exist_ok=True)
            made.add(parent)
        os.mkdir(folder, 0o700)
        data = text.encode()
        total += len(data)
        fd = os.open(os.path.join(folder, "case.yaml"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, data)
        os.close(fd)
    t1 = time.time()
    run(["git", "add", "-A"], cwd=root, env=GIT_ENV)
    # No automatic gc in the background (it would hold gc.pid); pack once, in the foreground.
    run(["git", "-c", "gc.auto=0", "commit", "-q", "-m", f"import {n} generated cases (benchmark data)"],
        cwd=root, env=GIT_ENV)
    run(["git", "gc", "-q"], cwd=root, env=GIT_ENV)
    t2 = time.time()
    settle(root)
    print(f"make_casedir: {n} cases, {total / max(1, n):.0f} bytes each on average; "
          f"generated in {t1 - t0:.1f} s, committed and packed in {t2 - t1:.1f} s", file=sys.stderr)


def main():
    """Builds (or copies from the cache) the case directory the arguments name."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, metavar="N")
    ap.add_argument("dir", metavar="DIR")
    ap.add_argument("--rebuild", action="store_true", help="build the cached copy again")
    ap.add_argument("--no-cache", action="store_true", help="build DIR directly, cache nothing")
    args = ap.parse_args()
    os.umask(0o077)
    casectl = os.path.abspath(os.path.join(CHECKOUT, os.environ.get("CASECTL_BIN", "build/casectl")))
    if not os.access(casectl, os.X_OK):
        sys.exit(f"make_casedir: no casectl binary at {casectl} (set CASECTL_BIN)")
    dest = os.path.abspath(args.dir)
    if os.path.exists(dest) and os.listdir(dest):
        sys.exit(f"make_casedir: {dest} exists and is not empty")
    if os.path.isdir(dest):
        os.rmdir(dest)
    if args.no_cache:
        build(args.n, dest, casectl)
        return
    with open(os.path.abspath(__file__), "rb") as f:
        key = f"{args.n}-{hashlib.sha256(f.read()).hexdigest()[:12]}"
    cached = os.path.join(HERE, ".cache", key)
    if args.rebuild and os.path.exists(cached):
        shutil.rmtree(cached)
    for old in glob.glob(os.path.join(HERE, ".cache", f"{args.n}-*")):
        if old != cached:  # made by an older generator
            shutil.rmtree(old)
    if not os.path.exists(os.path.join(cached, ".git", "bench-complete")):
        if os.path.exists(cached):
            shutil.rmtree(cached)
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        build(args.n, cached, casectl)
        open(os.path.join(cached, ".git", "bench-complete"), "w").close()
    t0 = time.time()
    run(["cp", "-a", cached, dest])
    # A copy has new inodes and ctimes: refresh its index once so that no command re-hashes.
    settle(dest)
    print(f"make_casedir: copied {cached} to {dest} in {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
