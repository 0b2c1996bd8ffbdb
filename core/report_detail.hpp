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

// Sorts rows as less says, ties by their case's seq and then as they came (the rows stay put
// while their places are sorted: each is moved once).
template <class Row, class Less> void sort_rows(std::vector<std::pair<std::size_t, Row>>& rows, Less less) {
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (less(rows[a].second, rows[b].second)) return true;
    if (less(rows[b].second, rows[a].second)) return false;
    return rows[a].first < rows[b].first;
  });
  std::vector<std::pair<std::size_t, Row>> sorted;
  sorted.reserve(rows.size());
  for (std::size_t i : order) sorted.push_back(std::move(rows[i]));
  rows = std::move(sorted);
}

std::unique_ptr<ReportBuilder> caseload_builder(const ReportParams& p);
std::unique_ptr<ReportBuilder> overdue_builder(const ReportParams& p);
std::unique_ptr<ReportBuilder> risk_builder(const ReportParams& p);
std::unique_ptr<ReportBuilder> outcomes_builder(const ReportParams& p);
std::unique_ptr<ReportBuilder> services_builder(const ReportParams& p);

}  // namespace casectl::report_detail
