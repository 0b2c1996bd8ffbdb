// Status and command names (core/status).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/record.hpp"
#include "core/status.hpp"

using namespace casectl;

TEST_CASE("status codes round-trip and nothing else parses") {
  for (Status s : {Status::intake, Status::assessed, Status::active, Status::closed})
    CHECK(parse_status(name(s)) == s);
  CHECK(std::string(name(Status::assessed)) == "assessed");
  for (const char* bad : {"", "open", "Closed", "closed ", "受理"}) CHECK_FALSE(parse_status(bad).has_value());
}

TEST_CASE("status_of reads the record's status field") {
  Record r;
  CHECK_FALSE(status_of(r).has_value());
  r.status = "active";
  CHECK(status_of(r) == Status::active);
  r.status = "frozen";
  CHECK_FALSE(status_of(r).has_value());
}

TEST_CASE("every command has a distinct name as typed on the command line") {
  std::set<std::string> names;
  for (Command c : kCommands) CHECK(names.insert(name(c)).second);
  CHECK(names.size() == kCommands.size());
  CHECK(std::string(name(Command::new_case)) == "new");
  CHECK(std::string(name(Command::reopen)) == "reopen");
}
