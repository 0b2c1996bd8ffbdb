// The rule catalog: every rule name the rules report is listed once, with a description.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "core/rule_catalog.hpp"

using namespace casectl;
namespace fs = std::filesystem;

namespace {

// Every string literal of the form "area.rule-name" in the sources (core/ and cli/) that names a
// rule (record_meanings.cpp holds field paths such as "custody.start", no rules).
std::set<std::string> rule_names_in_sources() {
  const std::regex literal(
      R"re("((record|status|worker|intake|assessment|plan|review|close|reopen|approve|note|consent|edit|dates|confirm|custody|conference|assignment|link|share|disclosure)\.[a-z]+(-[a-z]+)*)")re");
  std::set<std::string> names;
  for (const char* folder : {"core", "cli"})
  for (const auto& entry : fs::directory_iterator(fs::path(CASECTL_TEST_DATA) / ".." / ".." / folder)) {
    std::string file = entry.path().filename().string();
    const auto ext = entry.path().extension();
    if ((ext != ".cpp" && ext != ".hpp") || file == "rule_catalog.cpp" || file == "record_meanings.cpp") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    for (auto it = std::sregex_iterator(s.begin(), s.end(), literal); it != std::sregex_iterator(); ++it)
      names.insert((*it)[1].str());
  }
  return names;
}

}  // namespace

TEST_CASE("every rule the code reports is in the catalog") {
  auto names = rule_names_in_sources();
  CHECK(names.size() > 60);  // the scan found the rules (guards against a wrong path)
  for (const auto& n : names) {
    INFO(n);
    CHECK(find_rule(n) != nullptr);
  }
}

TEST_CASE("catalog names are unique and every entry has a description") {
  std::set<std::string> seen;
  for (const auto& r : rule_catalog()) {
    INFO(r.name);
    CHECK(seen.insert(r.name).second);
    CHECK(std::string(r.description).size() > 5);
  }
}

TEST_CASE("rules_of selects one area in catalog order") {
  auto plan = rules_of("plan");
  REQUIRE(plan.size() > 10);
  CHECK(std::string(plan.front()->name) == "plan.assessment-unknown");
  for (const RuleInfo* r : plan) CHECK(std::string(r->name).rfind("plan.", 0) == 0);
  CHECK(rules_of("pla").empty());
  CHECK(find_rule("no.such-rule") == nullptr);
  CHECK(std::string(find_rule("assessment.safety-required")->description) == "safety is required");
}

TEST_CASE("every rule of the catalog is still reported by the code") {
  // The catalog lists only rules the code reports (a rule removed from the code leaves it too).
  auto names = rule_names_in_sources();
  for (const auto& r : rule_catalog()) {
    INFO(std::string(r.name));
    CHECK(names.count(r.name) == 1);
  }
}
