#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"

using namespace casectl;

namespace {

// A fresh folder under /tmp, removed with everything in it at the end of the scope.
struct IdsTempDir {
  std::string path;
  IdsTempDir() {
    char tmpl[] = "/tmp/casectl-ids-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~IdsTempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

// Creates the folder rel (and its parents) under root.
void mkdirs(const std::string& root, const std::string& rel) {
  std::string p = root;
  size_t start = 0;
  while (start <= rel.size()) {
    size_t end = rel.find('/', start);
    if (end == std::string::npos) end = rel.size();
    p += "/" + rel.substr(start, end - start);
    ::mkdir(p.c_str(), 0700);
    start = end + 1;
  }
}

// Creates the folder of a case the way casectl lays it out.
void add_case(const std::string& root, const std::string& id) {
  mkdirs(root, case_dir(*parse_case_id(id)));
}

}  // namespace

TEST_CASE("plain_id: short ids of letters, digits, - _ . only") {
  CHECK(plain_id("S1"));
  CHECK(plain_id("goal-2_b.x"));
  CHECK_FALSE(plain_id(""));
  CHECK_FALSE(plain_id("Mother at home"));
  CHECK_FALSE(plain_id("山田"));
  CHECK_FALSE(plain_id(std::string(41, 'a')));
}

TEST_CASE("case IDs parse strictly") {
  auto id = parse_case_id("C-2026-0001");
  REQUIRE(id);
  CHECK(id->prefix == "C");
  CHECK(id->year == 2026);
  CHECK(id->seq == 1);
  CHECK(id->str() == "C-2026-0001");

  CHECK(parse_case_id("ABCDEFGH-1999-9999")->prefix == "ABCDEFGH");
  CHECK(parse_case_id("JS-2026-0420")->seq == 420);
  CHECK(parse_case_id("C-2026-10000")->seq == 10000);
  CHECK(parse_case_id("C-2026-123456")->str() == "C-2026-123456");

  for (const char* bad :
       {"", "C", "C-2026", "C-2026-", "C-2026-001", "C-2026-00001", "C-2026-01234", "C-2026-0000",
        "c-2026-0001", "Cc-2026-0001", "ABCDEFGHI-2026-0001", "-2026-0001", "C-26-0001",
        "C-20261-0001", "C-0026-0001", "C-2026-0001 ", " C-2026-0001", "C-2026-0001x",
        "C-2026-0001/", "C-2026-0001-", "C-2026-00a1", "C 2026 0001", "C_2026_0001",
        "../C-2026-0001", "C-2026-../0001", "C-2026-+001", "C-2026--001", "C-2026-1234567890",
        "Ｃ-2026-0001", "C-２０２６-0001"})
    CHECK_MESSAGE(!parse_case_id(bad), bad);
}

TEST_CASE("require_case_id names the argument and the expected form") {
  CHECK(require_case_id("C-2026-0007").seq == 7);
  try {
    require_case_id("../etc");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    CHECK(std::string(e.what()).find("'../etc'") != std::string::npos);
    CHECK(std::string(e.what()).find("PREFIX-YYYY-NNNN") != std::string::npos);
  }
}

TEST_CASE("prefixes are 1-8 capital letters") {
  CHECK(valid_prefix("C"));
  CHECK(valid_prefix("ABCDEFGH"));
  CHECK_FALSE(valid_prefix(""));
  CHECK_FALSE(valid_prefix("ABCDEFGHI"));
  CHECK_FALSE(valid_prefix("c"));
  CHECK_FALSE(valid_prefix("C1"));
  CHECK_FALSE(valid_prefix("C-"));
}

TEST_CASE("cases are sharded by year and hundreds of the sequence number") {
  CHECK(case_dir(*parse_case_id("C-2026-0001")) == "cases/2026/00/C-2026-0001");
  CHECK(case_dir(*parse_case_id("C-2026-0099")) == "cases/2026/00/C-2026-0099");
  CHECK(case_dir(*parse_case_id("C-2026-0100")) == "cases/2026/01/C-2026-0100");
  CHECK(case_dir(*parse_case_id("C-2026-0199")) == "cases/2026/01/C-2026-0199");
  CHECK(case_dir(*parse_case_id("C-2026-9999")) == "cases/2026/99/C-2026-9999");
  CHECK(case_dir(*parse_case_id("C-2026-10000")) == "cases/2026/100/C-2026-10000");
  CHECK(case_dir(*parse_case_id("C-2026-12345")) == "cases/2026/123/C-2026-12345");
  CHECK(case_file(*parse_case_id("JS-2027-0042")) == "cases/2027/00/JS-2027-0042/case.yaml");
}

TEST_CASE("next_case_id starts at 1 in a new year") {
  IdsTempDir dir;
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-0001");
  mkdirs(dir.path, "cases/2026");
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-0001");
  add_case(dir.path, "C-2025-0040");
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-0001");
  CHECK(next_case_id(dir.path, "C", 2025).str() == "C-2025-0041");
}

TEST_CASE("next_case_id follows the highest number, gaps included") {
  IdsTempDir dir;
  add_case(dir.path, "C-2026-0001");
  add_case(dir.path, "C-2026-0002");
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-0003");
  add_case(dir.path, "C-2026-0057");
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-0058");
  add_case(dir.path, "C-2026-0250");  // shard 02, with 01 missing
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-0251");
  add_case(dir.path, "C-2026-0199");  // lower shard: does not matter
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-0251");
}

TEST_CASE("next_case_id keeps prefixes apart within a year") {
  IdsTempDir dir;
  add_case(dir.path, "C-2026-0005");
  add_case(dir.path, "C-2026-0120");
  add_case(dir.path, "JS-2026-0950");  // a higher shard holding only another prefix
  add_case(dir.path, "JS-2026-0012");
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-0121");
  CHECK(next_case_id(dir.path, "JS", 2026).str() == "JS-2026-0951");
  CHECK(next_case_id(dir.path, "X", 2026).str() == "X-2026-0001");
  // Same shard, both prefixes: each counts its own.
  add_case(dir.path, "JS-2026-0130");
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-0121");
}

TEST_CASE("next_case_id ignores what is not a case of that year") {
  IdsTempDir dir;
  add_case(dir.path, "C-2026-0003");
  mkdirs(dir.path, "cases/2026/07/C-2025-0799");  // wrong year inside
  mkdirs(dir.path, "cases/2026/08/notes");
  mkdirs(dir.path, "cases/2026/09/C-2026-00901");  // leading zero widening is not an ID
  mkdirs(dir.path, "cases/2026/tmp/C-2026-5000");  // not a shard
  std::ofstream(dir.path + "/cases/2026/99") << "a file, not a shard\n";
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-0004");
}

TEST_CASE("next_case_id widens after 9999") {
  IdsTempDir dir;
  add_case(dir.path, "C-2026-9998");
  add_case(dir.path, "C-2026-9999");
  CaseId next = next_case_id(dir.path, "C", 2026);
  CHECK(next.str() == "C-2026-10000");
  CHECK(case_dir(next) == "cases/2026/100/C-2026-10000");
  add_case(dir.path, next.str());
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-10001");
  add_case(dir.path, "C-2026-12345");
  CHECK(next_case_id(dir.path, "C", 2026).str() == "C-2026-12346");
}

TEST_CASE("id_year: the calendar year, or the fiscal year (年度) from 1 April") {
  auto d = [](const char* iso) { return *Date::parse(iso); };
  CHECK(id_year(d("2027-03-31"), "calendar") == 2027);
  CHECK(id_year(d("2027-04-01"), "calendar") == 2027);
  CHECK(id_year(d("2027-01-01"), "calendar") == 2027);
  CHECK(id_year(d("2026-12-31"), "calendar") == 2026);
  // Fiscal: the March/April boundary.
  CHECK(id_year(d("2027-03-31"), "fiscal") == 2026);
  CHECK(id_year(d("2027-04-01"), "fiscal") == 2027);
  // Fiscal: the calendar year's end lies inside one fiscal year.
  CHECK(id_year(d("2026-12-31"), "fiscal") == 2026);
  CHECK(id_year(d("2027-01-01"), "fiscal") == 2026);
  CHECK(id_year(d("2027-02-28"), "fiscal") == 2026);
  CHECK(id_year(d("2028-02-29"), "fiscal") == 2027);  // a leap day
  CHECK(id_year(d("2027-12-31"), "fiscal") == 2027);
  // An unknown scheme counts by the calendar (config refuses it before this).
  CHECK(id_year(d("2027-03-31"), "") == 2027);
}
