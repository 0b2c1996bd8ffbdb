#include <doctest/doctest.h>
#include <cstdlib>

#include "core/date.hpp"
#include "core/error.hpp"

using namespace casectl;

TEST_CASE("dates parse strictly as ISO calendar days") {
  CHECK(Date::parse("2026-11-02")->iso() == "2026-11-02");
  CHECK(Date::parse("2024-02-29"));
  CHECK_FALSE(Date::parse("2026-02-29"));
  CHECK_FALSE(Date::parse("2026-13-01"));
  CHECK_FALSE(Date::parse("2026-1-01"));
  CHECK_FALSE(Date::parse("2026-11-02 "));
  CHECK_FALSE(Date::parse("20261102"));
  CHECK_FALSE(Date::parse(""));
}

TEST_CASE("date arithmetic round-trips through day numbers") {
  Date d = *Date::parse("2026-12-31");
  CHECK(d.add_days(1).iso() == "2027-01-01");
  CHECK(d.add_days(-365).iso() == "2025-12-31");
  CHECK(Date::from_days(0).iso() == "1970-01-01");
  CHECK(*Date::parse("2026-11-01") < *Date::parse("2026-11-02"));
}

TEST_CASE("ages are whole years on the date") {
  Date birth = *Date::parse("2018-04-12");
  CHECK(age_on(birth, *Date::parse("2026-04-11")) == 7);
  CHECK(age_on(birth, *Date::parse("2026-04-12")) == 8);
  CHECK(age_on(birth, *Date::parse("2017-01-01")) == 0);
}

TEST_CASE("CASECTL_TODAY replaces today and keeps the time of day for commits") {
  setenv("CASECTL_TODAY", "2026-11-10", 1);
  CHECK(today().iso() == "2026-11-10");
  std::time_t t = commit_time();
  CHECK(t / 86400 == Date::parse("2026-11-10")->days());
  setenv("CASECTL_TODAY", "yesterday", 1);
  CHECK_THROWS_AS(today(), Error);
  unsetenv("CASECTL_TODAY");
}
