// Words for the practice sections that `show` and the documents share.
#include "core/practice_text.hpp"

#include <fmt/format.h>

#include "core/locale_text.hpp"

namespace casectl {
namespace {

// "65 h", "47 h 30 min" / "65時間", "47時間30分".
std::string duration(long minutes, std::string_view locale) {
  long h = minutes / 60, m = minutes % 60;
  if (is_ja(locale)) return m == 0 ? fmt::format("{}時間", h) : fmt::format("{}時間{}分", h, m);
  return m == 0 ? fmt::format("{} h", h) : fmt::format("{} h {} min", h, m);
}

}  // namespace

std::string check_timing_text(const CheckTiming& t, int limit_hours, std::string_view locale) {
  if (!t.received)
    return is_ja(locale) ? "通告受理日時の記録なし" : "the time the report was received is not recorded";
  std::string report = t.reopening == 0 ? (is_ja(locale) ? "通告" : "the report")
                                        : is_ja(locale) ? fmt::format("再開第{}回の通告", t.reopening)
                                                     : fmt::format("the report of reopening {}", t.reopening);
  if (is_ja(locale))
    return fmt::format("{}から{}(期限{}時間): {}", report, duration(t.minutes, locale), limit_hours,
                       t.late ? "期限超過" : "期限内");
  return fmt::format("{} after {} (limit {} h): {}", duration(t.minutes, locale), report, limit_hours,
                     t.late ? "late" : "in time");
}

std::string deadline_kind_text(DeadlineKind k, std::string_view locale) {
  bool j = is_ja(locale);
  switch (k) {
    case DeadlineKind::safety_check: return j ? "安全確認" : "safety check";
    case DeadlineKind::assessment: return j ? "アセスメント" : "assessment";
    case DeadlineKind::plan: return j ? "支援計画" : "plan";
    case DeadlineKind::review: return j ? "モニタリング" : "review";
    case DeadlineKind::revision: return j ? "支援計画の見直し" : "plan revision";
    case DeadlineKind::reassessment: return j ? "再アセスメント" : "re-assessment";
    case DeadlineKind::custody: return j ? "一時保護の期限" : "custody limit";
    case DeadlineKind::service_end: return j ? "サービス終了後の確認" : "service end";
    case DeadlineKind::consent_expiry: return j ? "同意の有効期限" : "consent expiry";
  }
  return "";
}

std::string deadline_ref_text(const std::string& ref, std::string_view locale) {
  if (!is_ja(locale) || ref.empty()) return ref;
  static const std::pair<const char*, const char*> words[] = {
      {"referral", "通告"}, {"assessment", "アセスメント"}, {"plan", "支援計画"}, {"review", "モニタリング"},
      {"custody", "一時保護"}, {"service", "サービス"}, {"consent", "同意"}};
  auto space = ref.find(' ');
  std::string head = ref.substr(0, space), rest = space == std::string::npos ? "" : ref.substr(space + 1);
  for (const auto& [en, j] : words)
    if (head == en) return rest.empty() ? j : fmt::format("{} {}", j, rest);
  return ref;
}

std::string deadline_urgent_text(std::string_view locale) { return is_ja(locale) ? "最優先" : "urgent"; }

std::string deadline_when_text(long minutes_late, std::string_view locale) {
  if (minutes_late == 0) return is_ja(locale) ? "ちょうど期限" : "due now";
  long m = minutes_late < 0 ? -minutes_late : minutes_late;
  std::string span = m < 60     ? (is_ja(locale) ? fmt::format("{}分", m) : fmt::format("{} min", m))
                     : m < 1440 ? (is_ja(locale) ? fmt::format("{}時間", m / 60) : fmt::format("{} h", m / 60))
                                : format_days(m / 1440, locale);
  if (minutes_late > 0) return is_ja(locale) ? span + "超過" : span + " late";
  return is_ja(locale) ? "あと" + span : "in " + span;
}

}  // namespace casectl
