// What the report files (core/report*.cpp) share: cells, columns and each report's builder.
#pragma once
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/enums.hpp"
#include "core/report.hpp"

namespace casectl::report_detail {

// The text of an enum value: its label for people, its code for scripts.
std::string value(const Enum& e, const std::string& code, const ReportParams& p);
// A column: its heading in locale for people, its key for scripts.
Column column(const char* key, const char* en, const char* ja, const ReportParams& p, bool numeric = false);
// True when the summary is readable and its worker is selected (--worker).
bool selected(const CaseSummary& s, const ReportParams& p);
// Open at as_of: not closed.
bool open_case(const CaseSummary& s);
// The columns naming a client: name and birth date, or (redacted) the age at as_of.
void person_columns(Table& t, const ReportParams& p);
void person_cells(std::vector<std::string>& row, const CaseSummary& s, const ReportParams& p);
// Days from a to b.
long days_between(const Date& a, const Date& b);
// The median of v ("12", "12.5"); "" for none.
std::string median(std::vector<long> v);

// Sorts rows by their case's seq, then (stable) as less says.
template <class Row, class Less> void sort_rows(std::vector<std::pair<std::size_t, Row>>& rows, Less less) {
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) { return less(a.second, b.second); });
}

std::unique_ptr<ReportBuilder> caseload_builder(const ReportParams& p);
std::unique_ptr<ReportBuilder> overdue_builder(const ReportParams& p);
std::unique_ptr<ReportBuilder> risk_builder(const ReportParams& p);
std::unique_ptr<ReportBuilder> outcomes_builder(const ReportParams& p);
std::unique_ptr<ReportBuilder> services_builder(const ReportParams& p);

}  // namespace casectl::report_detail
