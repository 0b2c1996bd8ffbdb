// Case IDs (PREFIX-YYYY-NNNN) and the sharded folder each lives in (SPEC section 2).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"

namespace casectl {

struct CaseId {
  std::string prefix;  // letters A-Z, 1-8 of them
  int year = 0;        // four digits
  int seq = 0;         // 1..; written with at least four digits
  std::string str() const;  // "C-2026-0001"
};

// True when text looks like an id (a goal's, a service's, a need's): 1-40 of A-Z a-z 0-9 - _ .;
// anything else (free text a hand edit put there) is never quoted in messages or lists.
bool plain_id(std::string_view text);

// Case ID order: prefix, then year, then number (C-2026-0002 before C-2026-0010).
bool id_before(const CaseId& a, const CaseId& b);

// Parses "PREFIX-YYYY-NNNN" strictly (prefix [A-Z]{1,8}, year 4 digits, seq 4+ digits, no
// leading zeros beyond the 4-digit width, seq >= 1); nullopt otherwise.
std::optional<CaseId> parse_case_id(std::string_view text);

// Like parse_case_id, but throws Error(usage) naming the argument and the expected form.
CaseId require_case_id(std::string_view text);

// True when text is a valid prefix: 1-8 letters A-Z.
bool valid_prefix(std::string_view text);

// "cases/2026/00/C-2026-0001": year, then the hundreds of the sequence number (two digits at
// least: 0001-0099 -> 00, 0100-0199 -> 01, 12345 -> 123), then the ID.
std::string case_dir(const CaseId& id);
// case_dir(id) + "/case.yaml"
std::string case_file(const CaseId& id);

// The year a case opened on `opened` is numbered in: the calendar year for id_scheme
// "calendar", the fiscal year (年度, 1 April to 31 March, named by the year it starts in) for
// "fiscal": opened 2027-03-31 -> 2026, opened 2027-04-01 -> 2027. Any other scheme is calendar.
int id_year(const Date& opened, const std::string& scheme);

// The next free ID for prefix and year in the case directory at root: one more than the highest
// sequence number found under cases/YEAR/ (reading only the year folder and its highest shard).
CaseId next_case_id(const std::string& root, const std::string& prefix, int year);

}  // namespace casectl
