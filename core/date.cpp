#include "core/date.hpp"

#include <cstdlib>
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace casectl {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
long days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_days(int y, int m) {
  static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : n[m - 1];
}

}  // namespace

std::optional<Date> Date::parse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  Date d{num(0, 4), num(5, 2), num(8, 2)};
  if (d.y < 1 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > month_days(d.y, d.m)) return std::nullopt;
  return d;
}

long Date::days() const { return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)); }

Date Date::from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

namespace {

// Writes v as `width` decimal digits (zero-padded) ending just before end; returns where it began.
char* put_digits(char* end, int v, int width) {
  for (int i = 0; i < width; ++i, v /= 10) *--end = static_cast<char>('0' + v % 10);
  return end;
}

}  // namespace

// Written by hand, not by fmt: lists and reports write a few of them for each of 100,000 cases.
std::string Date::iso() const {
  if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
  char text[10];
  put_digits(text + 4, y, 4);
  text[4] = '-';
  put_digits(text + 7, m, 2);
  text[7] = '-';
  put_digits(text + 10, d, 2);
  return std::string(text, sizeof text);
}

Date today() {
  if (const char* env = std::getenv("CASECTL_TODAY"); env && *env) {
    auto d = Date::parse(env);
    if (!d) fail(ErrorKind::usage, txf("CASECTL_TODAY={} is not a date (YYYY-MM-DD)", env));
    return *d;
  }
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

DateTime now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return DateTime{today(), tm.tm_hour, tm.tm_min};
}

std::optional<DateTime> DateTime::parse(std::string_view text) {
  if (text.size() != 16 || text[10] != ' ' || text[13] != ':') return std::nullopt;
  auto d = Date::parse(text.substr(0, 10));
  auto two = [&](std::size_t at) {
    char a = text[at], b = text[at + 1];
    return (a >= '0' && a <= '9' && b >= '0' && b <= '9') ? (a - '0') * 10 + (b - '0') : -1;
  };
  int h = two(11), m = two(14);
  if (!d || h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return DateTime{*d, h, m};
}

std::string DateTime::str() const {
  if (hour < 0 || hour > 99 || minute < 0 || minute > 99) return fmt::format("{} {:02d}:{:02d}", date.iso(), hour, minute);
  std::string out = date.iso();
  char text[6] = {' ', 0, 0, ':', 0, 0};
  put_digits(text + 3, hour, 2);
  put_digits(text + 6, minute, 2);
  return out.append(text, sizeof text);
}

std::time_t commit_time(const std::optional<Date>& event) {
  std::time_t now = std::time(nullptr);
  const char* env = std::getenv("CASECTL_TODAY");
  if (!event && (!env || !*env)) return now;
  Date day = event ? *event : today();
  std::tm tm{};
  localtime_r(&now, &tm);  // the local time of day, moved to today()'s local date
  tm.tm_year = day.y - 1900;
  tm.tm_mon = day.m - 1;
  tm.tm_mday = day.d;
  tm.tm_isdst = -1;
  return std::mktime(&tm);
}

std::time_t entry_time() { return std::time(nullptr); }

DateTime local_time(std::time_t t) {
  std::tm tm{};
  localtime_r(&t, &tm);
  return DateTime{Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}, tm.tm_hour, tm.tm_min};
}

std::string iso_time(std::time_t t) {
  std::tm local{};
  localtime_r(&t, &local);
  long off = local.tm_gmtoff / 60;
  char sign = off < 0 ? '-' : '+';
  if (off < 0) off = -off;
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}{:02d}:{:02d}",
                     local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, local.tm_hour,
                     local.tm_min, local.tm_sec, sign, off / 60, off % 60);
}

int age_on(const Date& birth, const Date& on) {
  if (on < birth) return 0;
  int age = on.y - birth.y;
  if (on.m < birth.m || (on.m == birth.m && on.d < birth.d)) --age;
  return age;
}

std::string iso(const std::optional<Date>& d) { return d ? d->iso() : std::string(); }

std::time_t local_start(const Date& d) {
  std::tm tm{};
  tm.tm_year = d.y - 1900;
  tm.tm_mon = d.m - 1;
  tm.tm_mday = d.d;
  tm.tm_isdst = -1;
  return std::mktime(&tm);
}

}  // namespace casectl
