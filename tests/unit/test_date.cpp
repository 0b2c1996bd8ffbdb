#include <doctest/doctest.h>
#include <cstdlib>
#include <vector>

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

TEST_CASE("dates and date-times order by their fields as by their day and minute numbers") {
  // Date{} (no date) comes before every real day, as days() put it.
  std::vector<Date> days = {Date{}};
  for (long n = -800000; n <= 800000; n += 997) days.push_back(Date::from_days(n));  // years -220..4160
  for (std::size_t i = 1; i < days.size(); ++i) {
    const Date& a = days[i - 1];
    const Date& b = days[i];
    CHECK((a < b) == (a.days() < b.days()));
    CHECK((b < a) == (b.days() < a.days()));
    CHECK((a <= b) == (a.days() <= b.days()));
    CHECK_FALSE(b < b);
  }
  for (const Date& d : days) CHECK((Date{} < d) == (Date{}.days() < d.days()));
  DateTime x{*Date::parse("2026-11-30"), 23, 59}, y{*Date::parse("2026-12-01"), 0, 0};
  CHECK(x < y);
  CHECK_FALSE(y < x);
  CHECK((DateTime{x.date, 9, 30} < DateTime{x.date, 10, 0}));
  CHECK((DateTime{x.date, 9, 30} < DateTime{x.date, 9, 31}));
  CHECK(x == DateTime{*Date::parse("2026-11-30"), 23, 59});
  CHECK(x != y);
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
  CHECK(local_time(t).date.iso() == "2026-11-10");  // the local date, whatever the time zone
  std::time_t real = std::time(nullptr);
  CHECK(local_time(t).hour == local_time(real).hour);
  CHECK(entry_time() >= real);  // the entry time is the real clock, not CASECTL_TODAY's
  CHECK(entry_time() - real < 5);
  setenv("CASECTL_TODAY", "yesterday", 1);
  CHECK_THROWS_AS(today(), Error);
  unsetenv("CASECTL_TODAY");
}

TEST_CASE("date-times parse strictly as \"YYYY-MM-DD HH:MM\" and print the same") {
  auto t = DateTime::parse("2026-11-01 09:30");
  REQUIRE(t);
  CHECK(t->date == *Date::parse("2026-11-01"));
  CHECK(t->hour == 9);
  CHECK(t->minute == 30);
  CHECK(t->str() == "2026-11-01 09:30");
  CHECK(DateTime::parse("2024-02-29 00:00")->str() == "2024-02-29 00:00");
  CHECK(DateTime::parse("2026-12-31 23:59")->str() == "2026-12-31 23:59");
  CHECK(DateTime{*Date::parse("2026-11-01"), 7, 5}.str() == "2026-11-01 07:05");
  for (const char* bad : {"", "2026-11-01", "2026-11-01 9:30", "2026-11-01 09:3", "2026-11-01T09:30",
                          "2026-11-01  09:30", "2026-11-01 24:00", "2026-11-01 23:60", "2026-02-29 10:00",
                          "2026-11-01 09:30:00", "2026-11-01 09-30", "2026-11-01 0a:30", "2026-11-01 -1:30",
                          " 2026-11-01 09:30", "2026-11-01 09:30 "})
    CHECK_MESSAGE(!DateTime::parse(bad), bad);
}

TEST_CASE("date-times compare to the minute, across days") {
  auto t = [](const char* s) { return *DateTime::parse(s); };
  CHECK(t("2026-11-01 09:30") == t("2026-11-01 09:30"));
  CHECK(t("2026-11-01 09:30") != t("2026-11-01 09:31"));
  CHECK(t("2026-11-01 09:30") < t("2026-11-01 09:31"));
  CHECK(t("2026-11-01 23:59") < t("2026-11-02 00:00"));
  CHECK(t("2026-11-02 00:00") > t("2026-11-01 23:59"));
  CHECK(t("2026-11-02 00:00").minutes() - t("2026-11-01 00:00").minutes() == 1440);
  CHECK(t("1970-01-01 01:01").minutes() == 61);
}

TEST_CASE("commit_time keeps the local date of CASECTL_TODAY in a time zone far from UTC") {
  const char* old_tz = std::getenv("TZ");
  std::string saved = old_tz ? old_tz : "";
  for (const char* tz : {"Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"}) {
    setenv("TZ", tz, 1);
    tzset();
    setenv("CASECTL_TODAY", "2026-11-10", 1);
    CAPTURE(tz);
    CHECK(local_time(commit_time()).date.iso() == "2026-11-10");
  }
  unsetenv("CASECTL_TODAY");
  if (old_tz) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
  tzset();
}

TEST_CASE("local_time gives the local date and time to the minute") {
  const char* old_tz = std::getenv("TZ");
  std::string saved = old_tz ? old_tz : "";
  setenv("TZ", "Asia/Tokyo", 1);
  tzset();
  CHECK(local_time(1793000000).str() == "2026-10-26 16:33");  // 07:33:20 UTC
  if (old_tz) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
  tzset();
}
