// The shared record fixtures of the unit tests (see fixtures.hpp).
#include "fixtures.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace casectl::test {

Date D(const char* iso) { return *Date::parse(iso); }

Config config() {
  Config c;
  c.agency = "Test Centre";
  c.workers = {{"sato", "Sato Yuki", "sato@example.org", "worker"},
               {"suzuki", "Suzuki Aoi", "suzuki@example.org", "worker"},
               {"tanaka", "Tanaka Ken", "tanaka@example.org", "supervisor"}};
  return c;
}

const Config& cfg() {
  static const Config c = config();
  return c;
}

Record intake() {
  Record r;
  r.id = "C-2026-0001";
  r.status = "intake";
  r.opened = D("2026-11-02");
  r.worker = "sato";
  r.client = {"Yamada Hanako", D("2018-04-12"), "female", "", ""};
  r.referral = {D("2026-11-01"), DateTime::parse("2026-11-01 09:30"), "school", "", "urgent", "",
                {"physical-abuse"}, "bruises"};
  r.notes = {{D("2026-11-02"), "sato", "phone", "called the school"}};
  return r;
}

Assessment assessment1() {
  Assessment a;
  a.n = 1;
  a.date = D("2026-11-03");
  a.by = "sato";
  a.methods = {"home-visit", "interview-child", "professional-consult"};
  a.consulted = {{"teacher", "Teacher", D("2026-11-03")}};
  a.safety = "unsafe";
  a.risk = "high";
  a.risks = {{"physical-abuse", "high", "bruises"}};
  a.needs = {{"N1", "safety", "safety at home"},
             {"N2", "health", "medical check"},
             {"N3", "education", "school attendance"}};
  a.immediate_actions = {"Temporary protective custody"};
  return a;
}

Record assessed() {
  Record r = intake();
  r.status = "assessed";
  r.assessments = {assessment1()};
  return r;
}

Plan plan1() {
  Plan p;
  p.n = 1;
  p.date = D("2026-11-10");
  p.by = "sato";
  p.assessment = 1;
  p.goals = {{"G1", {"N1"}, "safe at home", "no new injuries", D("2027-02-10")},
             {"G2", {"N2"}, "health checked", "doctor's report", D("2027-01-10")},
             {"G3", {"N3"}, "back at school", "attendance 90%", D("2027-02-10")}};
  p.services = {{"S1", {"G1", "G2"}, "psychological", "counselling centre", "sato", "weekly",
                 D("2026-11-15"), D("2027-02-15")},
                {"S2", {"G3"}, "educational", "school", "sato", "daily", D("2026-11-15"),
                 D("2027-02-15")}};
  p.participation = {"wants to go home", "", "agree", {"mother"}};
  p.next_review = D("2026-12-10");  // plan date + 30 days (risk high)
  return p;
}

Plan revised_plan(int n, const char* date, const char* next_review) {
  Plan p = plan1();
  p.n = n;
  p.date = D(date);
  p.next_review = D(next_review);
  return p;
}

Record planned() {
  Record r = assessed();
  r.status = "active";
  r.plans = {plan1()};
  r.consents = {{1, "school", "share-plan", "mother", D("2026-11-10"), D("2027-11-10"), {}}};
  return r;
}

Review review1() {
  Review v;
  v.n = 1;
  v.date = D("2026-12-10");
  v.by = "sato";
  v.plan = 1;
  v.progress = {{"G1", "in-progress", ""}, {"G2", "achieved", ""}, {"G3", "in-progress", ""}};
  v.services = {{"S1", "yes", ""}, {"S2", "partly", ""}};
  v.safety = "safe-with-plan";
  v.risk = "medium";
  v.decision = "continue";
  v.next_review = D("2027-02-08");  // review date + 60 days (risk medium)
  return v;
}

Review review2() {
  Review v = review1();
  v.n = 2;
  v.date = D("2027-02-20");
  v.progress = {{"G1", "achieved", ""}, {"G2", "achieved", ""}, {"G3", "achieved", ""}};
  v.services = {{"S1", "yes", ""}, {"S2", "yes", ""}};
  v.safety = "safe";
  v.risk = "low";
  v.decision = "close";
  v.next_review.reset();
  return v;
}

Record reviewed() {
  Record r = planned();
  r.reviews = {review1(), review2()};
  return r;
}

Closure closure1() {
  Closure c;
  c.n = 1;
  c.date = D("2027-03-01");
  c.by = "sato";
  c.plan = 1;
  c.reason = "goals-achieved";
  c.outcomes = {{"G1", "achieved"}, {"G2", "achieved"}, {"G3", "achieved"}};
  c.evaluation = "early custody and school contact worked";
  return c;
}

Record closed() {
  Record r = reviewed();
  r.status = "closed";
  r.closures = {closure1()};
  return r;
}

EnvVar::EnvVar(std::string k, const std::optional<std::string>& v) : key(std::move(k)) {
  if (const char* old = std::getenv(key.c_str())) saved = old;
  if (v)
    setenv(key.c_str(), v->c_str(), 1);
  else
    unsetenv(key.c_str());
}

EnvVar::~EnvVar() {
  if (saved)
    setenv(key.c_str(), saved->c_str(), 1);
  else
    unsetenv(key.c_str());
}

Cwd::Cwd(const std::filesystem::path& dir) { std::filesystem::current_path(dir); }

Cwd::~Cwd() { std::filesystem::current_path(saved); }

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "casectl-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot make a temp folder");
  path = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

bool in_own_process(const char* marker, const char* pattern) {
  if (std::getenv(marker)) return true;
  std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string command = std::string(marker) + "=1 '" + exe + "' --test-case='" + pattern + "'";
  CHECK(std::system(command.c_str()) == 0);
  return false;
}

}  // namespace casectl::test
