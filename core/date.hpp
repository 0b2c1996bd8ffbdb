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
  // Ordered by the fields, which for the real calendar days that parse(), from_days() and the
  // clock make, and for Date{} (no date: before all of them), is the order of days() without
  // converting (deadlines sort by them).
  bool operator<(const Date& o) const { return y != o.y ? y < o.y : m != o.m ? m < o.m : d < o.d; }
  bool operator<=(const Date& o) const { return !(o < *this); }
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

  bool operator==(const DateTime& o) const { return date == o.date && hour == o.hour && minute == o.minute; }
  bool operator!=(const DateTime& o) const { return !(*this == o); }
  bool operator<(const DateTime& o) const {
    return date != o.date ? date < o.date : hour != o.hour ? hour < o.hour : minute < o.minute;
  }
  bool operator>(const DateTime& o) const { return o < *this; }
};

// Today: $CASECTL_TODAY (YYYY-MM-DD) if set, else the local date. The only reader of the clock
// besides commit_time() and entry_time(). Throws Error(usage) if $CASECTL_TODAY is not a date.
Date today();

// Now, to the minute: today() with the local time of day.
DateTime now();

// The author (event) time of a commit made now (SPEC section 6): the local time of day now on
// the day of the event (the stage's date) when given, else on today()'s date, so
// $CASECTL_TODAY moves it.
std::time_t commit_time(const std::optional<Date>& event = std::nullopt);

// The committer (entry) time of a commit made now: the real clock, which nothing (not
// $CASECTL_TODAY) changes, so that a late entry shows as late (SPEC section 6).
std::time_t entry_time();

// ISO text of an optional date; "" when absent.
std::string iso(const std::optional<Date>& d);

// The moment a local day starts (00:00 in the local time zone).
std::time_t local_start(const Date& d);

// The local date and time (to the minute) of a moment.
DateTime local_time(std::time_t t);

// A moment as local ISO 8601 time with its UTC offset ("2026-11-02T10:15:03+09:00").
std::string iso_time(std::time_t t);

// Whole years between birth and on (0 if on is before birth).
int age_on(const Date& birth, const Date& on);

}  // namespace casectl
