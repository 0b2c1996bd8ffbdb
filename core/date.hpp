// A civil date (proleptic Gregorian), ISO text, and today's date honouring $CASECTL_TODAY.
#pragma once
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace casectl {

struct Date {
  int y = 0, m = 0, d = 0;

  // Strict "YYYY-MM-DD" (a real calendar day); nullopt otherwise.
  static std::optional<Date> parse(std::string_view text);
  // Days since 1970-01-01.
  static Date from_days(long days);
  long days() const;
  Date add_days(long n) const { return from_days(days() + n); }
  std::string iso() const;

  bool operator==(const Date& o) const { return y == o.y && m == o.m && d == o.d; }
  bool operator!=(const Date& o) const { return !(*this == o); }
  bool operator<(const Date& o) const { return days() < o.days(); }
  bool operator<=(const Date& o) const { return days() <= o.days(); }
  bool operator>(const Date& o) const { return o < *this; }
  bool operator>=(const Date& o) const { return o <= *this; }
};

// A local date and time to the minute ("2026-11-01 09:30"): when a report was received, when a
// child was seen.
struct DateTime {
  Date date;
  int hour = 0, minute = 0;

  // Strict "YYYY-MM-DD HH:MM" (a real day, 00:00-23:59); nullopt otherwise.
  static std::optional<DateTime> parse(std::string_view text);
  std::string str() const;
  // Minutes since 1970-01-01 00:00.
  long minutes() const { return date.days() * 1440L + hour * 60L + minute; }

  bool operator==(const DateTime& o) const { return minutes() == o.minutes(); }
  bool operator!=(const DateTime& o) const { return !(*this == o); }
  bool operator<(const DateTime& o) const { return minutes() < o.minutes(); }
  bool operator>(const DateTime& o) const { return o < *this; }
};

// Today: $CASECTL_TODAY (YYYY-MM-DD) if set, else the local date. The only reader of the clock
// besides commit_time(). Throws Error(usage) if $CASECTL_TODAY is not a date.
Date today();

// Now, to the minute: today() with the local time of day.
DateTime now();

// Seconds since the epoch for a commit made now: the time of day is now, the date is today().
std::time_t commit_time();

// Whole years between birth and on (0 if on is before birth).
int age_on(const Date& birth, const Date& on);

}  // namespace casectl
