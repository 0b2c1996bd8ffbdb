#include "core/earlier_cases.hpp"

#include "core/name_match.hpp"

namespace casectl {

std::vector<EarlierCase> earlier_cases(const CaseIndex& index, const std::string& name, const OptDate& birth_date) {
  std::vector<EarlierCase> out;
  const std::string key = normalise_name(name);
  if (key.empty() || !birth_date) return out;
  CaseFilter all;
  all.unreadable = false;
  index.for_each(all, [&](const CaseSummary& s) {
    if (s.birth_date == birth_date && normalise_name(s.client_name) == key) out.push_back({s.id, s.status});
  });
  return out;
}

}  // namespace casectl
