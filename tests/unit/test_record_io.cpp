// The record codec: decoding refusals with places, the golden emitted text, JSON, locate, and
// round-trip properties over many generated records.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <unistd.h>

#include "core/error.hpp"
#include "core/record_io.hpp"

using namespace casectl;

namespace {

Record decode(const std::string& text) {
  return decode_record(load_yaml(text, "case.yaml"), "case.yaml");
}

// Checks that decoding text is refused (malformed) at line:col with a message containing what.
void check_refused(const std::string& text, int line, int col, const std::string& what) {
  CAPTURE(text);
  try {
    decode(text);
    FAIL("decoded");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::malformed);
    CHECK(e.place().file == "case.yaml");
    CHECK(e.place().line == line);
    CHECK(e.place().col == col);
    CHECK_MESSAGE(std::string(e.what()).find(what) != std::string::npos, e.what());
  }
}

Date day(const char* iso) { return *Date::parse(iso); }

// A realistic record with every section in use.
Record sample() {
  Record r;
  r.id = "C-2026-0001";
  r.status = "active";
  r.opened = day("2026-11-02");
  r.worker = "sato";
  r.client = {"山田 花子", day("2018-04-12"), "female", "東京都新宿区1-2-3", "新宿小学校"};
  r.household = {{"山田 太郎", "father", ""}, {"山田 桜", "mother", "works nights"}};
  r.referral.date = day("2026-11-01");
  r.referral.source = "school";
  r.referral.reporter = "Class teacher";
  r.referral.urgency = "urgent";
  r.referral.concerns = {"physical-abuse", "neglect"};
  r.referral.reason = "Bruises on both arms; the child says she is hit at home.";
  Assessment a;
  a.n = 1;
  a.date = day("2026-11-03");
  a.by = "sato";
  a.methods = {"home-visit", "interview-child"};
  a.consulted = {{"teacher", "Mr Ito", day("2026-11-03")}};
  a.safety = "unsafe";
  a.risk = "high";
  a.risks = {{"physical-abuse", "high", "Bruises seen on 2026-11-01"}};
  a.needs = {{"N1", "safety", "Safe place to live"}, {"N2", "health", "Medical check"}};
  a.strengths = {"Grandmother nearby and supportive"};
  a.immediate_actions = {"Temporary protective custody"};
  a.summary = "Home visit with the family.\nChild afraid to go home.\n";
  r.assessments = {a};
  Plan p;
  p.n = 1;
  p.date = day("2026-11-10");
  p.by = "sato";
  p.assessment = 1;
  p.goals = {{"G1", {"N1", "N2"}, "Lives safely", "No new injuries", day("2027-02-10")}};
  p.services = {{"S1", {"G1"}, "psychological", "City Family Counselling Centre", "sato", "weekly",
                 day("2026-11-15"), day("2027-02-15")}};
  p.participation = {"「おうちに帰りたい」", "", "Mother agrees: yes", {"mother"}};
  p.next_review = day("2026-12-10");
  r.plans = {p};
  Review v;
  v.n = 1;
  v.date = day("2026-12-10");
  v.by = "sato";
  v.plan = 1;
  v.progress = {{"G1", "in-progress", ""}};
  v.services = {{"S1", "yes", "no"}};
  v.safety = "safe-with-plan";
  v.risk = "medium";
  v.decision = "continue";
  v.next_review = day("2027-01-10");
  r.reviews = {v};
  r.notes = {{day("2026-11-05"), "sato", "home-visit", "  Indented first line\nsecond"}};
  r.consents = {{1, "school", "share-plan", "mother", day("2026-11-10"), day("2027-11-10"), {}}};
  return r;
}

const char* const sample_yaml = R"(# casectl case record, schema 1
schema: 1
id: C-2026-0001
status: active
opened: 2026-11-02
worker: sato
client:
  name: 山田 花子
  birth_date: 2018-04-12
  sex: female
  address: 東京都新宿区1-2-3
  school: 新宿小学校
household:
  - name: 山田 太郎
    relation: father
  - name: 山田 桜
    relation: mother
    notes: works nights
referral:
  date: 2026-11-01
  source: school
  reporter: Class teacher
  urgency: urgent
  concerns:
    - physical-abuse
    - neglect
  reason: Bruises on both arms; the child says she is hit at home.
assessments:
  - n: 1
    date: 2026-11-03
    by: sato
    methods:
      - home-visit
      - interview-child
    consulted:
      - role: teacher
        name: Mr Ito
        date: 2026-11-03
    safety: unsafe
    risk: high
    risks:
      - domain: physical-abuse
        level: high
        evidence: Bruises seen on 2026-11-01
    needs:
      - id: N1
        domain: safety
        text: Safe place to live
      - id: N2
        domain: health
        text: Medical check
    strengths:
      - Grandmother nearby and supportive
    immediate_actions:
      - Temporary protective custody
    summary: |
      Home visit with the family.
      Child afraid to go home.
plans:
  - n: 1
    date: 2026-11-10
    by: sato
    assessment: 1
    goals:
      - id: G1
        needs:
          - N1
          - N2
        text: Lives safely
        measure: No new injuries
        due: 2027-02-10
    services:
      - id: S1
        goals:
          - G1
        type: psychological
        provider: City Family Counselling Centre
        responsible: sato
        frequency: weekly
        start: 2026-11-15
        end: 2027-02-15
    participation:
      client_views: 「おうちに帰りたい」
      family_views: "Mother agrees: yes"
      agreed_by:
        - mother
    next_review: 2026-12-10
reviews:
  - n: 1
    date: 2026-12-10
    by: sato
    plan: 1
    progress:
      - goal: G1
        status: in-progress
    services:
      - service: S1
        delivered: "yes"
        note: "no"
    safety: safe-with-plan
    risk: medium
    decision: continue
    next_review: 2027-01-10
notes:
  - date: 2026-11-05
    by: sato
    kind: home-visit
    text: |2-
        Indented first line
      second
consents:
  - n: 1
    party: school
    scope: share-plan
    given_by: mother
    date: 2026-11-10
    expires: 2027-11-10
)";

// ---------------------------------------------------------------------------------------------
// A generator of records: every field filled or left empty at random, text from a pool of
// strings that YAML likes to misread.

const char* const tricky[] = {
    "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "Null", "NULL", "~", "123",
    "-7", "+1", "0x1F", "0o7", "0b11", "1e3", "1.5", ".5", "1_000", "12:30", ".inf", "-.Inf",
    ".NaN", "2026-11-02", "2026-11-02T10:00:00Z", "- x", "a: b", "a:", "#x", "x #y", "? q",
    "[a, b]", "{a: b}", "&a", "*a", "!a", "|", ">", "'s'", "\"q\"", "back\\slash", "%x", "@x",
    "`x`", "---", "...", "<<", "=", "山田 花子", "児童相談所", "ｱｲｳ", "été", "tab\there",
    "cr\rhere", "ctl\x01", "del\x7f", "nel\u0085", "ls\u2028", "bom\uFEFF", "C-2026-0001",
    "plain words", "", " ", "100%", "O'Brien", "Bruises: arms",
};
const char* const joins[] = {" ", "", "\n", "\n\n", "  ", ": ", " #", "\n  ", ", "};

class Gen {
 public:
  explicit Gen(unsigned seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }

  std::string text() {
    std::string s;
    int parts = 1 + pick(3);
    for (int i = 0; i < parts; ++i) {
      if (i > 0) s += joins[pick(std::size(joins))];
      s += tricky[pick(std::size(tricky))];
    }
    if (chance(20)) s = (chance(50) ? "\n" : " ") + s;
    if (chance(25)) s += chance(50) ? "\n" : chance(50) ? "\n\n" : " ";
    return s;
  }

  Date date() { return Date::from_days(pick(40000) - 5000); }

  // Fills one field of a section (v(key, field[, enum]) of record.hpp's tables).
  template <class F> void operator()(const char*, F& f) { fill(f, nullptr); }
  template <class F> void operator()(const char*, F& f, const Enum& e) { fill(f, &e); }

  // A section with each field present or absent, sometimes entirely empty.
  template <class T> void section(T& s) {
    if (chance(10)) return;
    fields(s, *this);
  }

 private:
  std::string enum_value(const Enum& e) { return e.values[pick(e.values.size())].value; }

  void fill(int& v, const Enum*) { v = chance(20) ? 0 : pick(200) - 20; }
  void fill(OptInt& v, const Enum*) {
    if (chance(60)) v = pick(200) - 20;
  }
  void fill(OptDateTime& v, const Enum*) {
    if (chance(60)) v = DateTime{date(), pick(24), pick(60)};
  }
  void fill(std::string& v, const Enum* e) {
    if (chance(30)) return;
    v = e ? enum_value(*e) : text();
  }
  void fill(OptDate& v, const Enum*) {
    if (chance(70)) v = date();
  }
  void fill(Strings& v, const Enum* e) {
    int n = chance(30) ? 0 : 1 + pick(3);
    for (int i = 0; i < n; ++i) v.push_back(e ? enum_value(*e) : text());
  }
  template <class T> void fill(T& v, const Enum*) { section(v); }
  template <class T> void fill(std::optional<T>& v, const Enum*) {
    if (chance(30)) return;
    v.emplace();
    section(*v);
  }
  template <class T> void fill(std::vector<T>& v, const Enum*) {
    int n = chance(30) ? 0 : 1 + pick(2);
    v.resize(static_cast<std::size_t>(n));
    for (auto& item : v) section(item);
  }

  std::mt19937 rng_;
};

// A yaml-cpp node (from YAML::Load) as JSON with every scalar as a string; null stays null.
nlohmann::ordered_json as_json(const YAML::Node& n) {
  if (n.IsMap()) {
    auto obj = nlohmann::ordered_json::object();
    for (const auto& kv : n) obj[kv.first.Scalar()] = as_json(kv.second);
    return obj;
  }
  if (n.IsSequence()) {
    auto arr = nlohmann::ordered_json::array();
    for (const auto& item : n) arr.push_back(as_json(item));
    return arr;
  }
  if (n.IsScalar()) return n.Scalar();
  return nullptr;
}

// record_json with numbers turned into strings, to compare with as_json.
nlohmann::ordered_json stringify_numbers(const nlohmann::ordered_json& j) {
  if (j.is_number()) return j.dump();
  if (j.is_object() || j.is_array()) {
    nlohmann::ordered_json out = j;
    for (auto it = out.begin(); it != out.end(); ++it) *it = stringify_numbers(*it);
    return out;
  }
  return j;
}

}  // namespace

TEST_CASE("decode_record reads a record and takes number-like plain scalars as text") {
  Record r = decode(
      "schema: 1\nid: C-2026-0001\nstatus: intake\nopened: 2026-11-02\nworker: 123\n"
      "client: {name: yes, sex: female, address: '2026-11-02'}\n"
      "household: ~\nclosures:\nreferral: {concerns: [neglect, school], reason: 1e3}\n"
      "reviews:\n  - n: 2\n    services: [{service: S1, delivered: \"no\"}]\n");
  CHECK(r.schema == 1);
  CHECK(r.id == "C-2026-0001");
  CHECK(r.opened == day("2026-11-02"));
  CHECK(r.worker == "123");
  CHECK(r.client.name == "yes");
  CHECK(r.client.address == "2026-11-02");
  CHECK_FALSE(r.client.birth_date);
  CHECK(r.household.empty());
  CHECK(r.closures.empty());
  CHECK(r.referral.concerns == Strings{"neglect", "school"});
  CHECK(r.referral.reason == "1e3");
  REQUIRE(r.reviews.size() == 1);
  CHECK(r.reviews[0].n == 2);
  CHECK(r.reviews[0].services[0].delivered == "no");
  // A present but empty element of a list stays present.
  CHECK(decode("schema: 1\nclosures:\n  - {}\n").closures.size() == 1);
  // The old single `closure:` section is not schema 1 any more.
  check_refused("schema: 1\nclosure: {}\n", 2, 1, "unknown key \"closure\" in record");
}

TEST_CASE("decode_record refuses wrong shapes and values at their place") {
  check_refused("schema: 1\nclient:\n  nmae: x\n", 3, 3,
                "unknown key \"nmae\" in client; allowed: name, birth_date, sex, address, school");
  check_refused("schema: 1\nfoo: 1\n", 2, 1, "unknown key \"foo\" in record; allowed: schema, id,");
  check_refused("schema: 1\nclient: x\n", 2, 9, "expected a map for \"client\"");
  check_refused("schema: 1\nclient: [a]\n", 2, 9, "expected a map for \"client\", found a list");
  check_refused("schema: 1\nclient:\n  sex: f\n", 3, 8,
                "client.sex \"f\" is not one of: female | male | other | unknown");
  check_refused("schema: 1\nreferral: {concerns: [neglect, hunger]}\n", 2, 32,
                "referral.concerns \"hunger\" is not one of: physical-abuse");
  check_refused("schema: 1\nopened: 2026-13-01\n", 2, 9,
                "expected a date (YYYY-MM-DD) for \"opened\"");
  check_refused("schema: 1\nopened: 2026-1-1\n", 2, 9, "expected a date");
  check_refused("schema: 1\nopened: [2026-11-01]\n", 2, 9, "expected a date");
  check_refused("schema: 1\nassessments:\n  - n: '1'\n", 3, 8,
                "expected a whole number for \"assessments[0].n\"");
  check_refused("schema: 1\nassessments:\n  - n: 1.5\n", 3, 8, "expected a whole number");
  check_refused("schema: 1\nassessments:\n  - n: 99999999999\n", 3, 8, "expected a whole number");
  check_refused("schema: 1\nworker: {a: b}\n", 2, 9, "expected text for \"worker\", found a map");
  check_refused("schema: 1\nhousehold: x\n", 2, 12, "expected a list for \"household\"");
  check_refused("schema: 1\nhousehold:\n  - x\n", 3, 5, "expected a map for \"household[0]\"");
  check_refused("schema: 1\nplans:\n  - goals:\n      - due: x\n", 4, 14,
                "expected a date (YYYY-MM-DD) for \"plans[0].goals[0].due\"");
  check_refused("schema: 1\nplans:\n  - goals:\n      - {id: G1, oops: 1}\n", 4, 18,
                "unknown key \"oops\" in plans[0].goals[0]; allowed: id, needs, text, measure, due");
  check_refused("schema: 1\nreferral:\n  concerns: neglect\n", 3, 13,
                "expected a list for \"referral.concerns\"");
  check_refused("schema: 1\nreferral:\n  concerns: [[a]]\n", 3, 14,
                "expected text for \"referral.concerns[0]\", found a list");
  check_refused("schema: 2\nid: x\n", 1, 9, "schema must be 1");
  check_refused("id: x\n", 1, 1, "missing \"schema: 1\"");
  check_refused("id: x\nschema:\n", 2, 1, "missing \"schema: 1\"");
  check_refused("- a\n", 1, 1, "expected a map for \"record\"");
}

TEST_CASE("stage forms decode the section's own fields") {
  Plan p = decode_plan(load_yaml("date: 2026-11-10\ngoals:\n  - {id: G1, needs: [N1]}\n"
                                 "participation: {client_views: ok}\n",
                                 "form.yaml"),
                       "form.yaml");
  CHECK(p.date == day("2026-11-10"));
  CHECK(p.goals.at(0).needs == Strings{"N1"});
  CHECK(p.participation.client_views == "ok");
  Assessment a = decode_assessment(load_yaml("safety: safe\nrisk: low\n", "f"), "f");
  CHECK(a.safety == "safe");
  Closure z = decode_closure(load_yaml("reason: goals-achieved\n", "f"), "f");
  CHECK(z.reason == "goals-achieved");
  Review v = decode_review(load_yaml("decision: close\n", "f"), "f");
  CHECK(v.decision == "close");
  try {
    decode_review(load_yaml("decision: stop\n", "form.yaml"), "form.yaml");
    FAIL("decoded");
  } catch (const Error& e) {
    CHECK(e.place().str() == "form.yaml:1:11");
    CHECK(std::string(e.what()).find("decision \"stop\" is not one of: continue") == 0);
  }
  try {
    decode_closure(load_yaml("txt: x\n", "form.yaml"), "form.yaml");
    FAIL("decoded");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("unknown key \"txt\" in closure; allowed: n, date, by, plan, reason,") == 0);
  }
}

TEST_CASE("emit_record writes the golden text") {
  CHECK(emit_record(sample()) == sample_yaml);
  CHECK(decode(sample_yaml) == sample());
}

TEST_CASE("emit_record leaves absent fields out and keeps a present empty section") {
  Record r;
  r.id = "C-2026-0002";
  CHECK(emit_record(r) == "# casectl case record, schema 1\nschema: 1\nid: C-2026-0002\n");
  r.closures.resize(1);
  r.household.resize(1);
  CHECK(emit_record(r) ==
        "# casectl case record, schema 1\nschema: 1\nid: C-2026-0002\nhousehold:\n  - {}\n"
        "closures:\n  - n: 0\n");
  CHECK(decode(emit_record(r)) == r);
}

TEST_CASE("emit_record refuses text that is not UTF-8, naming the field") {
  Record r = sample();
  r.plans[0].goals[0].needs[1] = "N\xff";
  try {
    emit_record(r);
    FAIL("emitted");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::malformed);
    CHECK(std::string(e.what()) == "\"plans[0].goals[0].needs[1]\": text is not valid UTF-8");
  }
}

TEST_CASE("record equality compares every field, nested ones too") {
  Record a = sample(), b = sample();
  CHECK(a == b);
  b.plans[0].goals[0].due = day("2027-02-11");
  CHECK(a != b);
  b = sample();
  b.plans[0].participation.agreed_by.push_back("father");
  CHECK(a != b);
  b = sample();
  b.closures.emplace_back();
  CHECK(a != b);
  b = sample();
  b.referral.received = DateTime{day("2026-11-01"), 9, 30};
  CHECK(a != b);
  b = sample();
  b.plans[0].approval = 1;
  CHECK(a != b);
  b = sample();
  b.reviews[0].services[0].note = "No";
  CHECK(a != b);
  b = sample();
  b.client.birth_date.reset();
  CHECK(a != b);
  b = sample();
  b.assessments[0].n = 2;
  CHECK(a != b);
}

TEST_CASE("record_json has the same keys in order, absent fields left out") {
  auto j = record_json(sample());
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"schema", "id", "status", "opened", "worker", "client",
                                         "household", "referral", "assessments", "plans",
                                         "reviews", "notes", "consents"});
  CHECK(j["schema"] == 1);
  CHECK(j["opened"] == "2026-11-02");
  CHECK(j["client"]["name"] == "山田 花子");
  CHECK(j["plans"][0]["assessment"] == 1);
  CHECK(j["plans"][0]["goals"][0]["due"] == "2027-02-10");
  CHECK(j["reviews"][0]["services"][0]["delivered"] == "yes");
  CHECK_FALSE(j["household"][0].contains("notes"));
  CHECK_FALSE(j["consents"][0].contains("withdrawn"));
  CHECK(j.dump().find("\"plan\":1") != std::string::npos);
  Record r;
  r.closures.emplace_back();
  CHECK(record_json(r).dump() == R"({"schema":1,"closures":[{"n":0}]})");
}

TEST_CASE("locate finds a record path in the loaded tree, else its nearest ancestor") {
  LoadedRecord loaded;
  loaded.file = "case.yaml";
  loaded.tree = load_yaml(sample_yaml, "case.yaml");
  loaded.record = decode_record(loaded.tree, "case.yaml");
  CHECK(locate(loaded, "plans[0].goals[0].due").str() == "case.yaml:71:9");
  CHECK(locate(loaded, "plans[0].goals[0].needs[1]").str() == "case.yaml:68:13");
  CHECK(locate(loaded, "plans[0].goals[3].due").str() == "case.yaml:64:5");
  CHECK(locate(loaded, "plans[0].goals").str() == "case.yaml:64:5");
  CHECK(locate(loaded, "client.sex").str() == "case.yaml:10:3");
  CHECK(locate(loaded, "closures[0].reason").str() == "case.yaml:2:1");
  CHECK(locate(loaded, "").str() == "case.yaml:2:1");
}

TEST_CASE("load_record reads a case file") {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("casectl-record-io-" + std::to_string(::getpid()) + ".yaml"))
                         .string();
  {
    std::ofstream f(path, std::ios::binary);
    f << sample_yaml;
  }
  LoadedRecord loaded = load_record(path, "cases/2026/00/C-2026-0001/case.yaml");
  CHECK(loaded.record == sample());
  CHECK(loaded.file == "cases/2026/00/C-2026-0001/case.yaml");
  CHECK(loaded.tree.get("id")->value == "C-2026-0001");
  {
    std::ofstream f(path, std::ios::binary);
    f << "schema: 1\nclient: {sex: f}\n";
  }
  try {
    load_record(path, "case.yaml");
    FAIL("loaded");
  } catch (const Error& e) {
    CHECK(e.place().str() == "case.yaml:2:15");
  }
  std::filesystem::remove(path);
}

TEST_CASE("generated records survive emit -> load -> decode, byte for byte") {
  Gen gen(20261102);
  int multi_line = 0, quoted = 0;
  for (int i = 0; i < 500; ++i) {
    CAPTURE(i);
    Record r;
    gen.section(r);
    r.schema = 1;
    std::string text = emit_record(r);
    CAPTURE(text);
    multi_line += text.find(": |") != std::string::npos;
    quoted += text.find(": \"") != std::string::npos;
    Record back = decode(text);
    REQUIRE(back == r);
    CHECK(emit_record(back) == text);
    // Another reader (yaml-cpp's own loader) reads every scalar as the same string.
    YAML::Node other = YAML::Load(text);
    CHECK(as_json(other) == stringify_numbers(record_json(r)));
  }
  // The generator did exercise block and quoted scalars.
  CHECK(multi_line > 100);
  CHECK(quoted > 100);
}

namespace {

// sample() with the sections of issue 8: received, approvals, amendments, closures, reopenings.
Record sample_closed_twice() {
  Record r = sample();
  r.status = "closed";
  r.referral.received = DateTime{day("2026-11-01"), 9, 30};
  r.plans[0].approval = 1;
  r.approvals = {{1, "plan", day("2026-11-09"), "tanaka", ""},
                 {2, "closure", day("2027-02-28"), "tanaka", "Agreed: goals met"}};
  r.amendments = {{day("2027-03-02"), "tanaka", "typo", {"client"}, {}, ""},
                  {day("2027-03-03"), "sato", "late-information", {"plans"}, {"plan-1.md"}, "school report"}};
  Closure c;
  c.n = 1;
  c.date = day("2027-03-01");
  c.by = "sato";
  c.plan = 1;
  c.reason = "goals-achieved";
  c.approval = 2;
  c.outcomes = {{"G1", "achieved"}};
  c.evaluation = "Grandmother's help";
  Closure c2 = c;
  c2.n = 2;
  c2.date = day("2027-03-20");
  c2.approval.reset();
  c2.reason = "moved-away";
  c2.outcomes.clear();
  r.closures = {c, c2};
  r.reopenings = {{1, day("2027-03-10"), std::nullopt, "sato", 1, "New report", "immediate"}};
  return r;
}

}  // namespace

TEST_CASE("emit_record writes the issue-8 sections in the record's order") {
  Record r = sample_closed_twice();
  std::string text = emit_record(r);
  CAPTURE(text);
  CHECK(text.find("referral:\n  date: 2026-11-01\n  received: 2026-11-01 09:30\n  source: school\n") !=
        std::string::npos);
  CHECK(text.find("    next_review: 2026-12-10\n    approval: 1\nreviews:") != std::string::npos);
  CHECK(text.find("approvals:\n  - n: 1\n    kind: plan\n    date: 2026-11-09\n    by: tanaka\n"
                  "  - n: 2\n    kind: closure\n    date: 2027-02-28\n    by: tanaka\n"
                  "    note: \"Agreed: goals met\"\n") != std::string::npos);
  CHECK(text.find("amendments:\n  - date: 2027-03-02\n    by: tanaka\n    reason: typo\n    sections:\n"
                  "      - client\n  - date: 2027-03-03\n") != std::string::npos);
  CHECK(text.find("    documents:\n      - plan-1.md\n    note: school report\n") != std::string::npos);
  CHECK(text.find("closures:\n  - n: 1\n    date: 2027-03-01\n    by: sato\n    plan: 1\n"
                  "    reason: goals-achieved\n    approval: 2\n    outcomes:\n      - goal: G1\n"
                  "        status: achieved\n    evaluation: Grandmother's help\n"
                  "  - n: 2\n    date: 2027-03-20\n    by: sato\n    plan: 1\n    reason: moved-away\n"
                  "    evaluation: Grandmother's help\n") != std::string::npos);
  CHECK(text.find("reopenings:\n  - n: 1\n    date: 2027-03-10\n    urgency: immediate\n    by: sato\n    closure: 1\n"
                  "    reason: New report\n") != std::string::npos);
  // Sections in the order of the record: consents, approvals, amendments, closures, reopenings.
  auto pos = [&](const char* key) { return text.find(std::string("\n") + key + ":\n"); };
  CHECK(pos("consents") < pos("approvals"));
  CHECK(pos("approvals") < pos("amendments"));
  CHECK(pos("amendments") < pos("closures"));
  CHECK(pos("closures") < pos("reopenings"));
  CHECK(decode(text) == r);
  CHECK(emit_record(decode(text)) == text);
  auto j = record_json(r);
  CHECK(j["referral"]["received"] == "2026-11-01 09:30");
  CHECK(j["closures"][1]["n"] == 2);
  CHECK_FALSE(j["closures"][1].contains("approval"));
  CHECK(j["reopenings"][0]["closure"] == 1);
}

TEST_CASE("decode_record reads null numbers and refuses bad date-times and numbers at their place") {
  Record r = decode("schema: 1\nclosures:\n  - n: 1\n    plan: null\n    approval: ~\n"
                    "referral:\n  received: 2026-11-01 09:30\n");
  REQUIRE(r.closures.size() == 1);
  CHECK_FALSE(r.closures[0].plan.has_value());
  CHECK_FALSE(r.closures[0].approval.has_value());
  REQUIRE(r.referral.received.has_value());
  CHECK(r.referral.received->str() == "2026-11-01 09:30");
  check_refused("schema: 1\nreferral:\n  received: 2026-11-01\n", 3, 13, "referral.received");
  check_refused("schema: 1\nreferral:\n  received: 2026-11-01 24:00\n", 3, 13, "referral.received");
  check_refused("schema: 1\nreferral:\n  received: '2026-11-01T09:30'\n", 3, 13, "referral.received");
  check_refused("schema: 1\nclosures:\n  - plan: one\n", 3, 11, "closures[0].plan");
  check_refused("schema: 1\nreopenings:\n  - closure: 1.5\n", 3, 14, "reopenings[0].closure");
  check_refused("schema: 1\napprovals:\n  - kind: review\n", 3, 11,
                "approvals[0].kind \"review\" is not one of: closure | plan");
  check_refused("schema: 1\namendments:\n  - reason: mistake\n", 3, 13,
                "amendments[0].reason \"mistake\" is not one of: typo");
}
