// The case summary and the case index: summarize(), refresh from changed files only, rebuilds.
#include <doctest/doctest.h>

#include <thread>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/index.hpp"
#include "core/name_match.hpp"
#include "core/index_store.hpp"
#include "core/index_scan.hpp"
#include "core/summary.hpp"

using namespace casectl;
namespace fs = std::filesystem;

namespace {

const Policy kPolicy{};  // casectl.yaml's default deadline policy

// A fresh temporary case directory, removed at the end of the test.
struct TempRoot {
  std::string path;
  TempRoot() {
    std::string tmpl = (fs::temp_directory_path() / "casectl-index-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempRoot() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// A minimal valid schema-1 record as YAML text.
std::string record_text(const std::string& id, const std::string& status = "intake",
                        const std::string& worker = "sato",
                        const std::string& concern = "physical-abuse") {
  return fmt::format(
      "schema: 1\nid: {}\nstatus: {}\nopened: 2026-11-02\nworker: {}\nclient:\n  name: 山田 花子\n"
      "referral:\n  date: 2026-11-01\n  source: school\n  urgency: urgent\n  concerns: [{}]\n"
      "  reason: x\n",
      id, status, worker, concern);
}

// An assessed record whose assessment gives risk and safety.
std::string assessed_text(const std::string& id, const std::string& risk) {
  return record_text(id, "assessed") +
         fmt::format(
             "assessments:\n  - n: 1\n    date: 2026-11-03\n    by: sato\n"
             "    methods: [home-visit]\n    safety: safe-with-plan\n    risk: {}\n",
             risk);
}

// Sets a file's mtime to `ago` seconds before now (ctime becomes now, as on any change).
void set_mtime_ago(const std::string& file, long ago, long nsec = 0) {
  timespec times[2];
  times[0].tv_sec = std::time(nullptr) - ago;
  times[0].tv_nsec = nsec;
  times[1] = times[0];
  REQUIRE(utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
}

// Writes a case file for id under root (mtime an hour ago unless told) and returns its path.
std::string write_case(const std::string& root, const std::string& id, const std::string& text,
                       long ago = 3600) {
  std::string rel = case_file(*parse_case_id(id));
  std::string file = root + "/" + rel;
  fs::create_directories(fs::path(file).parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
  set_mtime_ago(file, ago);
  return file;
}

// The ids of summaries, comma-separated.
std::string ids(const std::vector<CaseSummary>& list) {
  std::string s;
  for (const auto& c : list) s += (s.empty() ? "" : ",") + c.id;
  return s;
}

// The summary of id in list (or an empty one).
CaseSummary find(const std::vector<CaseSummary>& list, const std::string& id) {
  for (const auto& c : list)
    if (c.id == id) return c;
  return {};
}

Date d(const char* text) { return *Date::parse(text); }

}  // namespace

TEST_CASE("summarize: current risk follows the process, the last contact the latest note") {
  Record r;
  r.id = "C-2026-0001";
  r.status = "active";
  r.worker = "sato";
  r.client.name = "Hanako";
  r.referral.concerns = {"neglect"};
  Assessment a1;
  a1.n = 1;
  a1.date = d("2026-11-03");
  a1.risk = "high";
  a1.safety = "unsafe";
  r.assessments.push_back(a1);
  CHECK(summarize(r, kPolicy).risk == "high");
  CHECK(summarize(r, kPolicy).safety == "unsafe");

  Plan p1;
  p1.n = 1;
  p1.date = d("2026-11-10");
  p1.assessment = 1;
  p1.next_review = d("2026-12-10");
  p1.goals.resize(2);
  Service sv;
  sv.id = "S1";
  sv.type = "psychological";
  sv.provider = "Centre";
  sv.end = d("2027-02-15");
  p1.services.push_back(sv);
  r.plans.push_back(p1);
  Review rv;
  rv.n = 1;
  rv.date = d("2026-12-10");
  rv.plan = 1;
  rv.risk = "medium";
  rv.safety = "safe-with-plan";
  rv.decision = "reassess";
  rv.next_review = d("2027-01-10");
  r.reviews.push_back(rv);
  CaseSummary s = summarize(r, kPolicy);
  CHECK(s.risk == "medium");  // the review came after the assessment
  CHECK(s.safety == "safe-with-plan");
  CHECK(s.outstanding == "assessment");  // the review decided to reassess

  // A re-assessment on the review's date comes after it (the review's plan answers assessment 1).
  Assessment a2 = a1;
  a2.n = 2;
  a2.date = d("2026-12-10");
  a2.risk = "very-high";
  r.assessments.push_back(a2);
  s = summarize(r, kPolicy);
  CHECK(s.risk == "very-high");
  CHECK(s.assessments == 2);
  CHECK(s.last_assessment == d("2026-12-10"));

  Note late, early;
  late.date = d("2026-12-01");
  early.date = d("2026-11-05");
  r.notes = {late, early};  // out of order: the latest by date counts
  s = summarize(r, kPolicy);
  CHECK(s.last_contact == d("2026-12-01"));
  CHECK(s.notes == 2);
  CHECK(s.last_plan == d("2026-11-10"));
  CHECK(s.plan_next_review == d("2026-12-10"));
  CHECK(s.review_next_review == d("2027-01-10"));
  CHECK(s.review_decision == "reassess");
  CHECK(s.goals == 2);
  REQUIRE(s.services.size() == 1);
  CHECK(s.services[0].service == "S1");
  CHECK(s.services[0].end == d("2027-02-15"));
  CHECK(s.client_name == "Hanako");
  CHECK(s.concerns == Strings{"neglect"});
}

TEST_CASE("summary JSON and packed forms round-trip every field") {
  CaseSummary s;
  s.id = "C-2026-0042";
  s.path = "cases/2026/00/C-2026-0042/case.yaml";
  s.status = "active";
  s.worker = "tanaka";
  s.client_name = "山田 花子";
  s.birth_date = d("2018-04-12");
  s.concerns = {"neglect", "poverty"};
  s.risk = "high";
  s.notes = 7;
  s.services = {{"S1", "medical", "Clinic", d("2026-12-01"), d("2027-01-31")}, {"S2", "legal", "Court", {}, {}}};
  s.closed = d("1969-12-31");  // before the epoch too
  s.closures = {ClosureFact{1, d("2026-05-01"), "goals-achieved", d("2026-01-10"), 3, 2, d("2026-06-01")}};
  s.last_event = d("2026-11-30");
  s.next_deadline = "custody";
  s.next_deadline_due = DateTime{d("2027-01-02"), 23, 59};
  s.next_deadline_ref = "custody 1";
  s.next_deadline_urgent = true;
  s.deadlines_outstanding = 3;
  CHECK(summary_unpack(summary_pack(s)) == s);
  CHECK(summary_unpack(summary_pack(s)).next_deadline_due == s.next_deadline_due);
  CHECK(summary_json(s)["next_deadline_due"] == "2027-01-02 23:59");
  CHECK(summary_json(s)["client_name"] == "山田 花子");
  CHECK_FALSE(summary_json(s).contains("closure_reason"));

  CaseSummary other = s;
  other.services[1].provider = "Family court";
  CHECK(other != s);
  std::string bytes = summary_pack(s);
  CHECK_THROWS_AS(summary_unpack(bytes.substr(0, bytes.size() - 3)), Error);
  CHECK_THROWS_AS(summary_unpack(bytes + "x"), Error);

  // Lists of items are passed over by their length: a reader of the fields after them gets the
  // same values as a reader of every field; a length that disagrees with the items is damage.
  CaseSummary cut;
  summary_unpack_into(bytes, cut, SummaryFields::of({"last_event", "next_deadline_ref"}));
  CHECK(cut.last_event == s.last_event);
  CHECK(cut.next_deadline_ref == s.next_deadline_ref);
  CHECK(cut.services.empty());
  CHECK(cut.closures.empty());
  CaseSummary one;
  one.id = "C-2026-0001";
  one.services = {{"S1", "medical", "Clinic", {}, {}}};
  std::string packed = summary_pack(one);
  std::size_t at = packed.find("S1");
  REQUIRE(at != std::string::npos);
  REQUIRE(at >= 2);
  REQUIRE(packed[at - 2] > 3);  // the items' length, before the first text's length
  packed[at - 2] = static_cast<char>(packed[at - 2] - 1);
  CHECK_THROWS_AS(summary_unpack(packed), Error);
  packed[at - 2] = static_cast<char>(packed[at - 2] + 2);
  CHECK_THROWS_AS(summary_unpack(packed), Error);
}

TEST_CASE("case_id_of_path accepts only a record in its own shard") {
  CHECK(case_id_of_path("cases/2026/00/C-2026-0001/case.yaml")->str() == "C-2026-0001");
  CHECK_FALSE(case_id_of_path("cases/2026/01/C-2026-0001/case.yaml"));
  CHECK_FALSE(case_id_of_path("cases/2026/00/C-2026-0001/plan-1.md"));
  CHECK_FALSE(case_id_of_path("../cases/2026/00/C-2026-0001/case.yaml"));
}

TEST_CASE("FoundCases iterates every shard's list in turn, empty lists passed over") {
  auto found = [](int seq) { return FoundCase{*parse_case_id(fmt::format("C-2026-{:04}", seq)), FileStat{}}; };
  auto ids = [](const FoundCases& f) {
    std::string s;
    for (const FoundCase& c : f) s += (s.empty() ? "" : " ") + c.id.str();
    return s;
  };
  CHECK(FoundCases().empty());
  CHECK(ids(FoundCases()) == "");
  CHECK(ids(FoundCases({{}, {}, {}})) == "");
  FoundCases f({{}, {found(1), found(2)}, {}, {}, {found(150)}, {}});
  CHECK(f.size() == 3);
  CHECK(ids(f) == "C-2026-0001 C-2026-0002 C-2026-0150");
  // What the index keeps of them: pointers, valid while f lives.
  const FoundCase* first = &*f.begin();
  CHECK(first->id.str() == "C-2026-0001");
  CHECK(std::next(f.begin(), 3) == f.end());
  auto it = f.begin();
  CHECK((it++)->id.str() == "C-2026-0001");
  CHECK(it->id.str() == "C-2026-0002");
  // A move keeps the elements where they are; what is moved from is empty.
  FoundCases g = std::move(f);
  CHECK(&*g.begin() == first);
  CHECK(g.size() == 3);
  CHECK(f.size() == 0);  // NOLINT(bugprone-use-after-move): what a move leaves
  CHECK(f.begin() == f.end());
}

TEST_CASE("scan_cases finds every record of every year and shard, and nothing without cases/") {
  TempRoot t;
  CHECK(scan_cases(t.path).empty());
  for (const char* id : {"C-2026-0001", "C-2026-0002", "C-2026-0150", "C-2025-0007", "C-2026-0999"})
    write_case(t.path, id, record_text(id));
  FoundCases f = scan_cases(t.path);
  std::vector<std::string> got;
  for (const FoundCase& c : f) got.push_back(c.id.str());
  std::sort(got.begin(), got.end());
  CHECK(f.size() == 5);
  CHECK(got == std::vector<std::string>{"C-2025-0007", "C-2026-0001", "C-2026-0002", "C-2026-0150", "C-2026-0999"});
}

TEST_CASE("refresh reads every record once, then only what changed") {
  TempRoot t;
  std::string f1 = write_case(t.path, "C-2026-0001", record_text("C-2026-0001"));
  std::string f2 = write_case(t.path, "C-2026-0002", record_text("C-2026-0002", "intake", "tanaka"));
  std::string f3 = write_case(t.path, "C-2026-0150", record_text("C-2026-0150"));

  {
    CaseIndex index(t.path, kPolicy);
    RefreshStats st = index.refresh();
    CHECK(st.scanned == 3);
    CHECK(st.parsed == 3);
    CHECK(st.removed == 0);
    CHECK(st.errors == 0);
    auto all = index.query();
    CHECK(ids(all) == "C-2026-0001,C-2026-0002,C-2026-0150");
    CHECK(find(all, "C-2026-0002").worker == "tanaka");
    CHECK(find(all, "C-2026-0150").path == "cases/2026/01/C-2026-0150/case.yaml");
    CHECK(find(all, "C-2026-0001").client_name == "山田 花子");
  }
  struct stat st_db;
  REQUIRE(stat(CaseIndex::file_path(t.path).c_str(), &st_db) == 0);
  CHECK((st_db.st_mode & 0777) == 0600);
  REQUIRE(stat((t.path + "/.casectl").c_str(), &st_db) == 0);
  CHECK((st_db.st_mode & 0777) == 0700);

  {
    CaseIndex index(t.path, kPolicy);  // a new process: the stored index is used
    RefreshStats st = index.refresh();
    CHECK(st.scanned == 3);
    CHECK(st.parsed == 0);
    CHECK_FALSE(st.rebuilt);
    CHECK(ids(index.query()) == "C-2026-0001,C-2026-0002,C-2026-0150");
  }

  // A changed file (same size, older mtime than before) is read again, and only it.
  std::string changed = record_text("C-2026-0002", "intake", "suzuki");
  REQUIRE(changed.size() == record_text("C-2026-0002", "intake", "tanaka").size());
  std::ofstream(f2, std::ios::binary | std::ios::trunc) << changed;
  set_mtime_ago(f2, 7200);
  {
    CaseIndex index(t.path, kPolicy);
    RefreshStats st = index.refresh();
    CHECK(st.parsed == 1);
    CHECK(find(index.query(), "C-2026-0002").worker == "suzuki");
  }

  // Touching a file (new mtime only) reads it again.
  set_mtime_ago(f1, 5000);
  {
    CaseIndex index(t.path, kPolicy);
    CHECK(index.refresh().parsed == 1);
    CHECK(index.refresh().parsed == 0);
  }

  // A removed file is dropped.
  fs::remove_all(fs::path(f3).parent_path());
  {
    CaseIndex index(t.path, kPolicy);
    RefreshStats st = index.refresh();
    CHECK(st.removed == 1);
    CHECK(st.parsed == 0);
    CHECK(ids(index.query()) == "C-2026-0001,C-2026-0002");
  }

  // Removed and added in one refresh, with another prefix of the same year and number.
  fs::remove_all(fs::path(f1).parent_path());
  write_case(t.path, "K-2026-0002", record_text("K-2026-0002", "intake", "ito"));
  write_case(t.path, "C-2026-0003", record_text("C-2026-0003", "intake", "kato"));
  {
    CaseIndex index(t.path, kPolicy);
    RefreshStats st = index.refresh();
    CHECK(st.removed == 1);
    CHECK(st.parsed == 2);
    auto all = index.query();
    CHECK(ids(all) == "C-2026-0002,C-2026-0003,K-2026-0002");
    CHECK(find(all, "K-2026-0002").worker == "ito");
    CHECK(find(all, "C-2026-0002").worker == "suzuki");
  }
  {
    CaseIndex index(t.path, kPolicy);
    CHECK(index.refresh().parsed == 0);
    CHECK(find(index.query(), "K-2026-0002").worker == "ito");
  }
}

TEST_CASE("a malformed record is indexed as unreadable with its error") {
  TempRoot t;
  write_case(t.path, "C-2026-0001", record_text("C-2026-0001"));
  write_case(t.path, "C-2026-0002", "schema: 1\nid: C-2026-0002\nstatus: [oops\n");
  write_case(t.path, "C-2026-0003", record_text("C-2026-0003") + "favourite_colour: blue\n");
  write_case(t.path, "C-2026-0004", "a: " + std::string(500, '[') + std::string(500, ']') + "\n");
  CaseIndex index(t.path, kPolicy);
  RefreshStats st = index.refresh();
  CHECK(st.scanned == 4);
  CHECK(st.errors == 3);
  auto all = index.query();
  REQUIRE(all.size() == 4);
  CaseSummary bad = find(all, "C-2026-0002");
  CHECK_FALSE(bad.ok());
  CHECK(bad.error.find("cases/2026/00/C-2026-0002/case.yaml") != std::string::npos);
  CHECK(bad.path == "cases/2026/00/C-2026-0002/case.yaml");
  CHECK(bad.status.empty());
  CHECK_FALSE(find(all, "C-2026-0003").ok());
  CHECK(find(all, "C-2026-0001").ok());

  // Unreadable cases pass status filters unless left out.
  CaseFilter f;
  f.statuses = {"closed"};
  CHECK(ids(index.query(f)) == "C-2026-0002,C-2026-0003,C-2026-0004");
  f.unreadable = false;
  CHECK(ids(index.query(f)).empty());

  // Errors are stored too: a new process sees them without reading the files again.
  CaseIndex again(t.path, kPolicy);
  CHECK(again.refresh().parsed == 0);
  CHECK_FALSE(find(again.query(), "C-2026-0002").ok());
}

TEST_CASE("only case folders in their own year and shard are read") {
  TempRoot t;
  write_case(t.path, "C-2026-0001", record_text("C-2026-0001"));
  fs::create_directories(t.path + "/cases/2026/00/notes");
  std::ofstream(t.path + "/cases/2026/00/notes/case.yaml") << record_text("C-2026-0009");
  fs::create_directories(t.path + "/cases/2026/05/C-2026-0002");  // wrong shard
  std::ofstream(t.path + "/cases/2026/05/C-2026-0002/case.yaml") << record_text("C-2026-0002");
  fs::create_directories(t.path + "/cases/2025/00/C-2026-0003");  // wrong year
  std::ofstream(t.path + "/cases/2025/00/C-2026-0003/case.yaml") << record_text("C-2026-0003");
  fs::create_directories(t.path + "/cases/2026/00/C-2026-0004");  // no record in it
  fs::create_directories(t.path + "/outside/2026/00/C-2026-0005");
  std::ofstream(t.path + "/outside/2026/00/C-2026-0005/case.yaml") << record_text("C-2026-0005");
  fs::create_directory_symlink(t.path + "/outside/2026/00/C-2026-0005",
                               t.path + "/cases/2026/00/C-2026-0005");  // a link: not followed
  CaseIndex index(t.path, kPolicy);
  CHECK(index.refresh().scanned == 1);
  CHECK(ids(index.query()) == "C-2026-0001");
}

TEST_CASE("a file changed within 2 s of the last refresh is read again next time") {
  TempRoot t;
  std::string recent = write_case(t.path, "C-2026-0001", record_text("C-2026-0001"), 0);
  write_case(t.path, "C-2026-0002", record_text("C-2026-0002"), 10);
  CaseIndex index(t.path, kPolicy);
  CHECK(index.refresh().parsed == 2);
  // The first file's mtime is too close to that refresh to prove it did not change since.
  CHECK(index.refresh().parsed == 1);
  set_mtime_ago(recent, 3600);
  CHECK(index.refresh().parsed == 1);
  CHECK(index.refresh().parsed == 0);
}

TEST_CASE("a deleted, damaged or outdated index file is rebuilt") {
  TempRoot t;
  write_case(t.path, "C-2026-0001", record_text("C-2026-0001"));
  write_case(t.path, "C-2026-0002", record_text("C-2026-0002"));
  std::string db = CaseIndex::file_path(t.path);
  { CaseIndex(t.path, kPolicy).refresh(); }

  SUBCASE("deleted") {
    fs::remove_all(t.path + "/.casectl");
    CaseIndex index(t.path, kPolicy);
    CHECK(index.refresh().parsed == 2);
    CHECK(ids(index.query()) == "C-2026-0001,C-2026-0002");
    CHECK(fs::exists(db));
  }
  SUBCASE("garbage bytes") {
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(db + suffix);
    std::ofstream(db, std::ios::binary | std::ios::trunc) << std::string(8192, '\x5a');
    CaseIndex index(t.path, kPolicy);
    RefreshStats st = index.refresh();
    CHECK(st.rebuilt);
    CHECK(st.parsed == 2);
    CHECK(ids(index.query()) == "C-2026-0001,C-2026-0002");
    CaseIndex again(t.path, kPolicy);
    CHECK(again.refresh().parsed == 0);
  }
  SUBCASE("damaged summary") {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, "UPDATE cases SET summary=x'ff'", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(h);
    // Summaries are decoded as they are read: a damaged one is read again from its record
    // (doctor finds it and --repair removes the index).
    CaseIndex index(t.path, kPolicy);
    RefreshStats st = index.refresh();
    CHECK_FALSE(st.rebuilt);
    CHECK(find(index.query(), "C-2026-0002").status == "intake");
    CHECK(find(index.query(), "C-2026-0001").ok());
  }
  SUBCASE("another schema version") {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, fmt::format("PRAGMA user_version={}", kIndexSchema + 1).c_str(), nullptr,
                       nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(h);
    CaseIndex index(t.path, kPolicy);
    RefreshStats st = index.refresh();
    CHECK(st.rebuilt);
    CHECK(st.parsed == 2);
  }
}

TEST_CASE("summaries made under another deadline policy are never served: every record is read again") {
  TempRoot t;
  std::string received = "  received: 2026-11-01 09:30\n";  // the referral's last key
  write_case(t.path, "C-2026-0001", record_text("C-2026-0001") + received);
  write_case(t.path, "C-2026-0002", record_text("C-2026-0002"));
  auto due = [](CaseIndex& index) {
    return find(index.query(), "C-2026-0001").next_deadline_due.value_or(DateTime{}).str();
  };
  {
    CaseIndex index(t.path, kPolicy);
    CHECK(index.refresh().parsed == 2);
    CHECK(due(index) == "2026-11-03 09:30");
    CHECK(find(index.query(), "C-2026-0002").next_deadline == "assessment");
  }
  Policy day = kPolicy;
  day.safety_check_hours = 24;
  {
    CaseIndex index(t.path, day);
    RefreshStats st = index.refresh();
    CHECK(st.parsed == 2);
    CHECK_FALSE(st.rebuilt);
    CHECK(due(index) == "2026-11-02 09:30");
  }
  {
    CaseIndex index(t.path, day);  // stored with that policy now
    CHECK(index.refresh().parsed == 0);
    CHECK(due(index) == "2026-11-02 09:30");
  }
  Policy other = day;
  other.review_every["low"] = 10;  // not read by the deadline model
  CHECK(CaseIndex(t.path, other).refresh().parsed == 0);
  other.assessment_due["urgent"] = 3;
  CHECK(CaseIndex(t.path, other).refresh().parsed == 2);
  other.custody_days = 30;
  CHECK(CaseIndex(t.path, other).refresh().parsed == 2);
  other.plan_due = 20;
  CHECK(CaseIndex(t.path, other).refresh().parsed == 2);

  // An index that does not say which policy it was made under is read again too.
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(CaseIndex::file_path(t.path).c_str(), &h) == SQLITE_OK);
  CHECK(sqlite3_exec(h, "DELETE FROM meta WHERE key='deadline_policy'", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(h);
  CaseIndex index(t.path, kPolicy);
  CHECK(index.refresh().parsed == 2);
  CHECK(due(index) == "2026-11-03 09:30");

  // --overdue: cases whose next deadline has passed at the time given.
  CaseFilter late;
  late.overdue_at = *DateTime::parse("2026-11-03 09:31");
  CHECK(ids(index.query(late)) == "C-2026-0001");
  late.overdue_at = *DateTime::parse("2026-11-03 09:30");
  CHECK(ids(index.query(late)).empty());
  late.overdue_at = *DateTime::parse("2026-11-04 00:00");  // the first assessment: 2026-11-03 23:59
  CHECK(ids(index.query(late)) == "C-2026-0001,C-2026-0002");
}

TEST_CASE("filters select by status, worker, risk, concern and ID prefix") {
  TempRoot t;
  write_case(t.path, "C-2026-0001", record_text("C-2026-0001", "intake", "sato", "neglect"));
  write_case(t.path, "C-2026-0002", assessed_text("C-2026-0002", "high"));
  write_case(t.path, "C-2025-0007", record_text("C-2025-0007", "intake", "tanaka"));
  write_case(t.path, "C-2026-10000", assessed_text("C-2026-10000", "low"));
  CaseIndex index(t.path, kPolicy);
  REQUIRE(index.refresh().errors == 0);
  CHECK(ids(index.query()) == "C-2025-0007,C-2026-0001,C-2026-0002,C-2026-10000");
  CaseFilter f;
  f.statuses = {"assessed"};
  CHECK(ids(index.query(f)) == "C-2026-0002,C-2026-10000");
  f.risks = {"high", "very-high"};
  CHECK(ids(index.query(f)) == "C-2026-0002");
  CaseFilter w;
  w.workers = {"tanaka"};
  CHECK(ids(index.query(w)) == "C-2025-0007");
  CaseFilter c;
  c.concerns = {"neglect", "poverty"};
  CHECK(ids(index.query(c)) == "C-2026-0001");
  CaseFilter p;
  p.id_prefix = "C-2026-";
  CHECK(ids(index.query(p)) == "C-2026-0001,C-2026-0002,C-2026-10000");
  CHECK(find(index.query(), "C-2026-0002").risk == "high");
  // A reader asking for no field still gets each filter's own fields read for it.
  CaseFilter named;
  named.name = normalise_name("花子");
  CaseFilter late;
  late.overdue_at = *DateTime::parse("2027-12-31 00:00");
  for (const CaseFilter* each : {&f, &w, &c, &p, &named, &late}) {
    std::string got;
    index.for_each(*each, [&](const CaseSummary& s) { got += (got.empty() ? "" : ",") + s.id; }, SummaryFields::of({}));
    CHECK(got == ids(index.query(*each)));
  }
  CHECK(ids(index.query(named)) == "C-2025-0007,C-2026-0001,C-2026-0002,C-2026-10000");
  CHECK_FALSE(ids(index.query(late)).empty());
}

TEST_CASE("for_each gives many cases in ID order on this thread, the fields asked for and the filter's") {
  // More cases than one window of runs on any machine (at most 16 runs of 1,024).
  TempRoot t;
  const int n = 17 * 1024 + 5;
  for (int i = 1; i <= n; ++i) {
    std::string id = fmt::format("C-2026-{:04}", i);
    write_case(t.path, id, i % 3 ? record_text(id, "intake", i % 2 ? "sato" : "tanaka") : assessed_text(id, i % 2 ? "high" : "low"));
  }
  CaseIndex index(t.path, kPolicy);
  REQUIRE(index.refresh().errors == 0);
  CaseFilter f;
  f.workers = {"sato"};
  std::vector<std::string> want;
  // Each case in order on one thread, another way through the index.
  index.for_each_part(f, 1, [&](std::size_t, const CaseSummary& s) { want.push_back(s.id + " " + s.risk + " " + s.status); });
  REQUIRE(want.size() > 8000);
  std::vector<std::string> got;
  const std::thread::id self = std::this_thread::get_id();
  bool elsewhere = false;
  index.for_each(f, [&](const CaseSummary& s) {
    elsewhere = elsewhere || std::this_thread::get_id() != self;
    got.push_back(s.id + " " + s.risk + " " + s.status);
    // Fields not asked for are left empty (the filter's own are read: worker).
    CHECK(s.referral_source.empty());
    CHECK(s.worker == "sato");
  }, SummaryFields::of({"risk", "status"}));
  CHECK_FALSE(elsewhere);
  CHECK(got == want);
}

TEST_CASE("without a writable case directory the index lives in memory") {
  if (::geteuid() == 0) return;  // root writes anywhere
  TempRoot t;
  write_case(t.path, "C-2026-0001", record_text("C-2026-0001"));
  ::chmod(t.path.c_str(), 0500);  // .casectl/ cannot be made
  CaseIndex index(t.path, kPolicy);
  RefreshStats st = index.refresh();
  CHECK(st.parsed == 1);
  CHECK(ids(index.query()) == "C-2026-0001");
  CHECK(index.refresh().parsed == 0);  // this process still remembers
  CaseIndex other(t.path, kPolicy);
  CHECK(other.refresh().parsed == 1);  // nothing was stored
  ::chmod(t.path.c_str(), 0700);
}

TEST_CASE("an unsafe .casectl/ or index file is refused, never followed (SPEC section 8)") {
  TempRoot t;
  write_case(t.path, "C-2026-0001", record_text("C-2026-0001"));
  std::string dir = t.path + "/.casectl";
  auto refused = [&] {
    try {
      CaseIndex index(t.path, kPolicy);
      index.refresh();
    } catch (const Error& e) {
      return e.kind() == ErrorKind::conflict;
    }
    return false;
  };
  std::ofstream(dir) << "not a folder";
  CHECK(refused());
  fs::remove(dir);
  fs::create_directory(t.path + "/elsewhere");
  fs::create_directory_symlink(t.path + "/elsewhere", dir);
  CHECK(refused());
  CHECK(fs::is_empty(t.path + "/elsewhere"));
  fs::remove(dir);
  REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
  ::chmod(dir.c_str(), 0750);
  CHECK(refused());
  ::chmod(dir.c_str(), 0700);
  std::ofstream(t.path + "/outside") << "precious";
  for (const char* name : {"index.sqlite", "index.sqlite-wal", "index.sqlite-shm"}) {
    fs::create_symlink(t.path + "/outside", dir + "/" + name);
    CHECK(refused());
    fs::remove(dir + "/" + name);
  }
  std::ifstream in(t.path + "/outside");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "precious");
  CaseIndex index(t.path, kPolicy);
  CHECK(index.refresh().parsed == 1);
}

TEST_CASE("record_stat gives the stat a case's summary was made from, refreshing first, and nothing for an unknown case") {
  TempRoot t;
  std::string f1 = write_case(t.path, "C-2026-0001", record_text("C-2026-0001"));
  write_case(t.path, "C-2026-0150", record_text("C-2026-0150"));
  set_mtime_ago(f1, 7200);
  CaseIndex index(t.path, kPolicy);
  std::optional<FileStat> st = index.record_stat("C-2026-0001");  // no refresh asked for yet
  REQUIRE(st);
  CHECK(*st == *stat_file(f1));
  CHECK(index.record_stat("C-2026-0150"));
  CHECK_FALSE(index.record_stat("C-2026-0002"));
  CHECK_FALSE(index.record_stat("C-2025-0001"));
  CHECK_FALSE(index.record_stat("X-2026-0001"));
  CHECK_FALSE(index.record_stat("not an ID"));
}
