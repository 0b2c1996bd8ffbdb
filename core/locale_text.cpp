#include "core/locale_text.hpp"

#include <fmt/format.h>

namespace casectl {
namespace {

struct Era {
  Date start;        // first day of the era
  const char* name;  // 令和
};

// Japanese eras since the calendar reform, newest first (Gregorian first days).
const Era kEras[] = {
    {{2019, 5, 1}, "令和"},
    {{1989, 1, 8}, "平成"},
    {{1926, 12, 25}, "昭和"},
    {{1912, 7, 30}, "大正"},
    {{1868, 10, 23}, "明治"},
};

// 2026年11月10日
std::string ja_western(const Date& d) { return fmt::format("{}年{}月{}日", d.y, d.m, d.d); }

// 令和8年11月10日 (the first year of an era is 元年); before Meiji, the western form.
std::string ja_era(const Date& d) {
  for (const auto& e : kEras) {
    if (d < e.start) continue;
    int year = d.y - e.start.y + 1;
    std::string y = year == 1 ? "元" : std::to_string(year);
    return fmt::format("{}{}年{}月{}日", e.name, y, d.m, d.d);
  }
  return ja_western(d);
}

// 10 November 2026
std::string en_western(const Date& d) {
  static const char* const months[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};
  return fmt::format("{} {} {}", d.d, months[d.m - 1], d.y);
}

}  // namespace

bool is_ja(std::string_view locale) { return locale == "ja"; }

std::optional<DateStyle> parse_date_style(std::string_view name) {
  for (DateStyle s : {DateStyle::iso, DateStyle::western, DateStyle::era})
    if (name == date_style_name(s)) return s;
  return std::nullopt;
}

const char* date_style_name(DateStyle style) {
  switch (style) {
    case DateStyle::iso: return "iso";
    case DateStyle::western: return "western";
    case DateStyle::era: return "era";
  }
  return "western";
}

std::string date_style_names() { return "iso | western | era"; }

std::string format_date(const Date& d, std::string_view locale, DateStyle style) {
  if (style == DateStyle::iso) return d.iso();
  if (!is_ja(locale)) return en_western(d);
  return style == DateStyle::era ? ja_era(d) : ja_western(d);
}

std::string format_period(const std::optional<Date>& start, const std::optional<Date>& end,
                          std::string_view locale, DateStyle style) {
  if (!start && !end) return "";
  std::string a = start ? format_date(*start, locale, style) : "";
  std::string b = end ? format_date(*end, locale, style) : "";
  if (is_ja(locale)) return a + "〜" + b;
  if (!start) return "until " + b;
  if (!end) return "from " + a;
  return a + " – " + b;
}

std::string format_age(int years, std::string_view locale) {
  if (is_ja(locale)) return fmt::format("{}歳", years);
  return fmt::format("{} {}", years, years == 1 ? "year" : "years");
}

std::string format_days(long days, std::string_view locale) {
  if (is_ja(locale)) return fmt::format("{}日", days);
  return fmt::format("{} {}", days, days == 1 ? "day" : "days");
}

std::string join_list(const std::vector<std::string>& items, std::string_view locale) {
  const char* sep = is_ja(locale) ? "、" : ", ";
  std::string s;
  for (const auto& item : items) {
    if (!s.empty()) s += sep;
    s += item;
  }
  return s;
}

bool is_child_on(const Date& birth, const Date& on) { return age_on(birth, on) < 18; }

std::string person_label(bool child, std::string_view locale) {
  if (is_ja(locale)) return child ? "子ども" : "本人";
  return child ? "Child" : "Client";
}

std::string client_views_heading(bool child, std::string_view locale) {
  if (is_ja(locale)) return child ? "子どもの意見" : "本人の意向";
  return child ? "The child's views" : "The client's wishes";
}

std::string unknown_text(std::string_view locale) { return is_ja(locale) ? "不明" : "unknown"; }

}  // namespace casectl
