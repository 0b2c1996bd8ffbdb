// Rules for conferences, handovers and related cases (core/rules_people.cpp).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/rules.hpp"

namespace casectl {

// Conferences (kind, attendees registered, decision, n sequence, dates), assignments (reason,
// workers known, each from the previous one's to, the last one's to in charge: assignment.*) and
// the record's own links (a case ID, not itself, not twice, a relation: link.*). Part of
// check_record().
std::vector<Problem> check_people(const Record& r, const RuleContext& ctx);

// The links of r against the other records (validate, which sees every case): other(id) gives
// the record of case id as it stands, nullptr when there is no such case (link.case-unknown), or
// nullopt when it cannot be told (the other record does not load: not judged); a case that does
// not link back with the same relation is link.not-mutual. A single record's rules
// (check_record) cannot see this.
std::vector<Problem> check_link_partners(
    const Record& r, const std::function<std::optional<const Record*>(const std::string&)>& other);

}  // namespace casectl
