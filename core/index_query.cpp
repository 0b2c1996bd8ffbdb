// The case index's reading half: the filter, and the summaries unpacked from the rows loaded,
// in case ID order (for_each on this thread, for_each_part on every core, query).
#include <algorithm>

#include "core/error.hpp"
#include "core/index.hpp"
#include "core/index_impl.hpp"
#include "core/index_parse.hpp"
#include "core/name_match.hpp"
#include "core/parallel.hpp"

namespace casectl {

namespace {

// True when list is empty or holds v.
bool any_of(const Strings& list, const std::string& v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

SummaryFields CaseFilter::fields() const {
  SummaryFields f = SummaryFields::of({});
  if (!statuses.empty()) f |= SummaryFields::of({"status"});
  if (!workers.empty()) f |= SummaryFields::of({"worker"});
  if (!risks.empty()) f |= SummaryFields::of({"risk"});
  if (!name.empty()) f |= SummaryFields::of({"client_name"});
  if (overdue_at) f |= SummaryFields::of({"next_deadline_due"});
  if (!concerns.empty()) f |= SummaryFields::of({"concerns"});
  return f;
}

bool CaseFilter::matches(const CaseSummary& s) const {
  if (s.id.compare(0, id_prefix.size(), id_prefix) != 0) return false;
  if (!s.ok()) return unreadable;
  if (!any_of(statuses, s.status) || !any_of(workers, s.worker) || !any_of(risks, s.risk))
    return false;
  if (!name.empty() && !name_contains(normalise_name(s.client_name), name)) return false;
  if (overdue_at && !s.next_deadline_overdue(*overdue_at)) return false;
  if (concerns.empty()) return true;
  for (const auto& c : s.concerns)
    if (any_of(concerns, c)) return true;
  return false;
}

namespace {

// True when text names case id.
bool names(const std::string& text, const CaseId& id) {
  std::optional<CaseId> parsed = parse_case_id(text);
  return parsed && parsed->seq == id.seq && parsed->year == id.year && parsed->prefix == id.prefix;
}

// Unpacks entry e's summary into s (its strings and lists reused); a damaged one, or one of
// another case, is read again from its record.
void unpack_entry(const IndexEntry& e, const std::string& root, const Policy& policy, CaseSummary& s,
                  const SummaryFields& read) {
  try {
    summary_unpack_into(e.packed, s, read);
    if (names(s.id, e.key)) return;
  } catch (const Error&) {
  }
  // Damaged bytes in a database or snapshot that reads: the record itself, read again.
  s = read_summary(root, FoundCase{e.key, e.stat}, policy);
}

}  // namespace

SummaryFields CaseIndex::Impl::ready(const SummaryFields& wanted, const CaseFilter& filter) {
  if (!loaded) refresh();
  SummaryFields read = wanted;
  read |= filter.fields();
  return read;
}

bool CaseIndex::Impl::unpack_at(std::size_t k, const CaseFilter& filter, const SummaryFields& read,
                                CaseSummary& s) const {
  unpack_entry(entries[order[k]], root, policy, s, read);
  return filter.matches(s);
}

void CaseIndex::for_each(const CaseFilter& filter, const std::function<void(const CaseSummary&)>& fn,
                         const SummaryFields& wanted) const {
  SummaryFields read = impl_->ready(wanted, filter);
  // The summaries unpacked on every core, a window of runs at a time into summaries used again,
  // then given to fn on this thread in order.
  const std::vector<std::uint32_t>& order = impl_->order;
  constexpr std::size_t kRun = 1024, kMostRuns = 16;  // at most 16,384 summaries held
  const std::size_t cores = casectl::cores();
  std::vector<std::vector<CaseSummary>> window(
      std::min({2 * cores, kMostRuns, (order.size() + kRun - 1) / kRun}));
  std::vector<std::size_t> passed(window.size());
  for (std::size_t start = 0; start < order.size(); start += kRun * window.size()) {
    std::size_t runs = std::min(window.size(), (order.size() - start + kRun - 1) / kRun);
    parallel_for(runs, [&](std::size_t r) {
      std::size_t from = start + r * kRun, to = std::min(order.size(), from + kRun);
      std::vector<CaseSummary>& run = window[r];
      run.resize(std::max(run.size(), to - from));
      std::size_t n = 0;
      for (std::size_t k = from; k < to; ++k)
        if (impl_->unpack_at(k, filter, read, run[n])) ++n;
      passed[r] = n;
    });
    for (std::size_t r = 0; r < runs; ++r)
      for (std::size_t i = 0; i < passed[r]; ++i) fn(window[r][i]);
  }
}

void CaseIndex::for_each_part(const CaseFilter& filter, std::size_t parts,
                              const std::function<void(std::size_t, const CaseSummary&)>& fn,
                              const SummaryFields& wanted) const {
  SummaryFields read = impl_->ready(wanted, filter);
  parts = std::max<std::size_t>(parts, 1);
  parallel_runs(impl_->order.size(), parts, [&](std::size_t part, std::size_t from, std::size_t to) {
    CaseSummary s;  // one summary, its strings and lists reused from case to case
    for (std::size_t k = from; k < to; ++k)
      if (impl_->unpack_at(k, filter, read, s)) fn(part, s);
  });
}

std::optional<FileStat> CaseIndex::record_stat(const std::string& id) const {
  if (!impl_->loaded) impl_->refresh();
  std::optional<CaseId> key = parse_case_id(id);
  if (!key) return std::nullopt;
  const std::vector<IndexEntry>& entries = impl_->entries;
  const std::vector<std::uint32_t>& order = impl_->order;
  auto at = std::lower_bound(order.begin(), order.end(), *key,
                             [&](std::uint32_t i, const CaseId& k) { return id_before(entries[i].key, k); });
  if (at == order.end() || id_before(*key, entries[*at].key)) return std::nullopt;
  return entries[*at].stat;
}

std::vector<CaseSummary> CaseIndex::query(const CaseFilter& filter) const {
  if (!impl_->loaded) impl_->refresh();
  std::vector<CaseSummary> out;
  out.reserve(filter.statuses.empty() && filter.workers.empty() && filter.risks.empty() &&
                      filter.concerns.empty() && filter.id_prefix.empty() && filter.name.empty() &&
                      !filter.overdue_at
                  ? impl_->entries.size()
                  : 0);
  for_each(filter, [&](const CaseSummary& s) { out.push_back(s); });
  return out;
}

}  // namespace casectl
