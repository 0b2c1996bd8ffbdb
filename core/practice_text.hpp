// Words for the child-guidance practice sections (issue 11) that `show` and the documents share,
// in English or Japanese: a safety check's timing against the 48-hour rule, and a deadline's kind
// and reference in words.
#pragma once
#include <string>
#include <string_view>

#include "core/deadlines.hpp"

namespace casectl {

// "65 h after the report (limit 48 h): late", "5 h 30 min after the report of reopening 1 (limit
// 48 h): in time"; ja "通告から65時間(期限48時間): 期限超過". When the report's time is not
// recorded: "the time the report was received is not recorded".
std::string check_timing_text(const CheckTiming& t, int limit_hours, std::string_view locale);

// "safety check", "custody limit", ... / "安全確認", "一時保護の期限", ...
std::string deadline_kind_text(DeadlineKind k, std::string_view locale);

// A deadline's ref ("custody 1", "service S2", "referral 2") in words of locale; "" stays "".
std::string deadline_ref_text(const std::string& ref, std::string_view locale);

// "urgent" / "最優先": what marks the most urgent deadline (an unsafe check, no assessment since).
std::string deadline_urgent_text(std::string_view locale);

// How late or how soon a deadline is, from minutes_late (now minus due; core/due.hpp): under an
// hour in minutes, under a day in whole hours, else in whole days. "3 days late", "5 h late",
// "40 min late", "in 5 h", "in 1 day", "due now" / "3日超過", "5時間超過", "あと5時間", "あと1日",
// "ちょうど期限".
std::string deadline_when_text(long minutes_late, std::string_view locale);

}  // namespace casectl
