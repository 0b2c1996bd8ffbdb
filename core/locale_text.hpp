// Words and dates as documents write them in each locale (en, ja): dates in three styles, ages,
// day counts, lists, and the few labels that depend on the client (child or adult).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace casectl {

// True for the Japanese locale ("ja"); every other locale is written in English.
bool is_ja(std::string_view locale);
// The English or Japanese text, by locale.
inline const char* in_locale(std::string_view locale, const char* en, const char* ja) {
  return is_ja(locale) ? ja : en;
}

// How documents write dates (the `date_style` of casectl.yaml).
enum class DateStyle {
  iso,      // 2026-11-10 in every locale
  western,  // 10 November 2026 / 2026年11月10日 (the default)
  era,      // ja: 令和8年11月10日 (year 1 written 元年); en: as western
};

// "iso" | "western" | "era" -> the style; nullopt for any other name.
std::optional<DateStyle> parse_date_style(std::string_view name);
// The name of a style, as parse_date_style reads it.
const char* date_style_name(DateStyle style);
// "iso | western | era", for error messages.
std::string date_style_names();

// A date in locale ("en" or "ja"; anything else is treated as en) and style.
std::string format_date(const Date& d, std::string_view locale, DateStyle style);
// A period "start – end" (ja "start〜end"); either end may be absent; "" when both are.
std::string format_period(const std::optional<Date>& start, const std::optional<Date>& end,
                          std::string_view locale, DateStyle style);
// Whole years: "8 years", "1 year" / "8歳".
std::string format_age(int years, std::string_view locale);
// A count of days: "119 days", "1 day" / "119日".
std::string format_days(long days, std::string_view locale);
// Items joined with ", " (ja "、").
std::string join_list(const std::vector<std::string>& items, std::string_view locale);

// True when a person born on birth is under 18 on the date on (a child in SPEC's sense).
bool is_child_on(const Date& birth, const Date& on);
// What a document calls the person: "Child" / "子ども", or "Client" / "本人".
std::string person_label(bool child, std::string_view locale);
// The heading of participation.client_views: "The child's views" / "子どもの意見" for a child,
// else "The client's wishes" / "本人の意向".
std::string client_views_heading(bool child, std::string_view locale);
// "unknown" / "不明", for a value the record does not hold.
std::string unknown_text(std::string_view locale);

}  // namespace casectl
