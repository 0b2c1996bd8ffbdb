#include "core/deadlines.hpp"

namespace casectl {

DateTime add_hours(const DateTime& t, long hours) {
  long m = t.minutes() + hours * 60;
  long days = m / 1440;
  if (m % 1440 < 0) --days;
  long rest = m - days * 1440;
  return DateTime{Date::from_days(days), static_cast<int>(rest / 60), static_cast<int>(rest % 60)};
}

std::optional<DateTime> safety_check_due(const Record& r, const Policy& policy) {
  if (!r.referral.received) return std::nullopt;
  return add_hours(*r.referral.received, policy.safety_check_hours);
}

}  // namespace casectl
