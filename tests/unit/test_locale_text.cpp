// Words and dates as documents write them: date styles (the Japanese eras at their boundaries),
// periods, ages, day counts, lists and the labels that depend on the client's age.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/locale_text.hpp"

using namespace casectl;

namespace {

Date d(const char* iso) {
  auto v = Date::parse(iso);
  REQUIRE(v);
  return *v;
}

}  // namespace

TEST_CASE("date styles are read and named by iso, western and era only") {
  for (DateStyle s : {DateStyle::iso, DateStyle::western, DateStyle::era}) {
    auto back = parse_date_style(date_style_name(s));
    REQUIRE(back);
    CHECK(*back == s);
  }
  CHECK(std::string(date_style_name(DateStyle::iso)) == "iso");
  CHECK(std::string(date_style_name(DateStyle::western)) == "western");
  CHECK(std::string(date_style_name(DateStyle::era)) == "era");
  for (const char* bad : {"", "ISO", "Western", "era ", "japanese", "wareki"})
    CHECK_MESSAGE(!parse_date_style(bad), bad);
  CHECK(date_style_names() == "iso | western | era");
}

TEST_CASE("iso dates are the same in every locale") {
  for (const char* locale : {"en", "ja", "fr", ""})
    CHECK(format_date(d("2026-11-10"), locale, DateStyle::iso) == "2026-11-10");
}

TEST_CASE("western dates: 10 November 2026 / 2026年11月10日") {
  CHECK(format_date(d("2026-11-10"), "en", DateStyle::western) == "10 November 2026");
  CHECK(format_date(d("2027-01-01"), "en", DateStyle::western) == "1 January 2027");
  CHECK(format_date(d("2026-12-31"), "en", DateStyle::western) == "31 December 2026");
  CHECK(format_date(d("2026-11-10"), "ja", DateStyle::western) == "2026年11月10日");
  CHECK(format_date(d("2026-01-05"), "ja", DateStyle::western) == "2026年1月5日");
  // Any other locale is written as en.
  CHECK(format_date(d("2026-11-10"), "fr", DateStyle::western) == "10 November 2026");
}

TEST_CASE("era dates in ja, the first year written 元年, en writes era as western") {
  CHECK(format_date(d("2026-11-10"), "ja", DateStyle::era) == "令和8年11月10日");
  CHECK(format_date(d("2019-05-01"), "ja", DateStyle::era) == "令和元年5月1日");
  CHECK(format_date(d("2019-04-30"), "ja", DateStyle::era) == "平成31年4月30日");
  CHECK(format_date(d("2020-01-01"), "ja", DateStyle::era) == "令和2年1月1日");
  CHECK(format_date(d("1989-01-08"), "ja", DateStyle::era) == "平成元年1月8日");
  CHECK(format_date(d("1989-01-07"), "ja", DateStyle::era) == "昭和64年1月7日");
  CHECK(format_date(d("1926-12-25"), "ja", DateStyle::era) == "昭和元年12月25日");
  CHECK(format_date(d("1926-12-24"), "ja", DateStyle::era) == "大正15年12月24日");
  CHECK(format_date(d("1912-07-30"), "ja", DateStyle::era) == "大正元年7月30日");
  CHECK(format_date(d("1912-07-29"), "ja", DateStyle::era) == "明治45年7月29日");
  CHECK(format_date(d("1868-10-23"), "ja", DateStyle::era) == "明治元年10月23日");
  // Before Meiji: the western form.
  CHECK(format_date(d("1868-10-22"), "ja", DateStyle::era) == "1868年10月22日");
  CHECK(format_date(d("2026-11-10"), "en", DateStyle::era) == "10 November 2026");
}

TEST_CASE("periods: start – end, open at either end, empty when both are absent") {
  std::optional<Date> a = d("2026-11-10"), b = d("2026-12-10"), none;
  CHECK(format_period(a, b, "en", DateStyle::western) == "10 November 2026 – 10 December 2026");
  CHECK(format_period(a, none, "en", DateStyle::western) == "from 10 November 2026");
  CHECK(format_period(none, b, "en", DateStyle::western) == "until 10 December 2026");
  CHECK(format_period(a, b, "en", DateStyle::iso) == "2026-11-10 – 2026-12-10");
  CHECK(format_period(a, b, "ja", DateStyle::western) == "2026年11月10日〜2026年12月10日");
  CHECK(format_period(a, none, "ja", DateStyle::era) == "令和8年11月10日〜");
  CHECK(format_period(none, b, "ja", DateStyle::iso) == "〜2026-12-10");
  CHECK(format_period(none, none, "en", DateStyle::western) == "");
  CHECK(format_period(none, none, "ja", DateStyle::western) == "");
}

TEST_CASE("ages and day counts: singular for one in en, 歳 and 日 in ja") {
  CHECK(format_age(8, "en") == "8 years");
  CHECK(format_age(1, "en") == "1 year");
  CHECK(format_age(0, "en") == "0 years");
  CHECK(format_age(8, "ja") == "8歳");
  CHECK(format_age(1, "ja") == "1歳");
  CHECK(format_days(119, "en") == "119 days");
  CHECK(format_days(1, "en") == "1 day");
  CHECK(format_days(0, "en") == "0 days");
  CHECK(format_days(119, "ja") == "119日");
  CHECK(format_days(100000, "en") == "100000 days");
}

TEST_CASE("lists are joined with ', ' or '、'") {
  CHECK(join_list({}, "en") == "");
  CHECK(join_list({"mother"}, "en") == "mother");
  CHECK(join_list({"mother", "father", "school"}, "en") == "mother, father, school");
  CHECK(join_list({"母", "父"}, "ja") == "母、父");
  CHECK(join_list({"母"}, "ja") == "母");
  // Empty items are kept in their place.
  CHECK(join_list({"a", "", "b"}, "en") == "a, , b");
}

TEST_CASE("a child is under 18 on the date") {
  Date birth = d("2008-11-10");
  CHECK(is_child_on(birth, d("2026-11-09")));
  CHECK_FALSE(is_child_on(birth, d("2026-11-10")));
  CHECK_FALSE(is_child_on(birth, d("2030-01-01")));
  CHECK(is_child_on(birth, birth));
  // Born on 29 February: 18 on 1 March of a common year, not on 28 February.
  Date leap = d("2008-02-29");
  CHECK(is_child_on(leap, d("2026-02-28")));
  CHECK_FALSE(is_child_on(leap, d("2026-03-01")));
}

TEST_CASE("labels that depend on the client: child or adult, en or ja") {
  CHECK(person_label(true, "en") == "Child");
  CHECK(person_label(false, "en") == "Client");
  CHECK(person_label(true, "ja") == "子ども");
  CHECK(person_label(false, "ja") == "本人");
  CHECK(client_views_heading(true, "en") == "The child's views");
  CHECK(client_views_heading(false, "en") == "The client's wishes");
  CHECK(client_views_heading(true, "ja") == "子どもの意見");
  CHECK(client_views_heading(false, "ja") == "本人の意向");
  CHECK(unknown_text("en") == "unknown");
  CHECK(unknown_text("ja") == "不明");
  CHECK(unknown_text("fr") == "unknown");
  CHECK(person_label(true, "de") == "Child");
}
