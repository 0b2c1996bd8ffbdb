// The child-guidance practice sections of `casectl show`.
#include "cli/summary_practice.hpp"

#include <fmt/format.h>

#include "core/deadlines.hpp"
#include "core/practice_text.hpp"
#include "core/rules_safety.hpp"

namespace casectl::cli {
namespace {

// "no. 3" / "第 3", as the rest of the summary numbers things.
std::string no(const SummaryWriter& w, int n) { return fmt::format("{} {}", w.tr("no.", "第"), n); }

// A deadline's due time: to the minute for a safety check or an urgent one, else its day.
std::string due_text(const Deadline& d) {
  return d.kind == DeadlineKind::safety_check || d.urgent ? d.due.str() : d.due.date.iso();
}

// Whether custody k's limit has passed at `now`, as the deadline model decides it.
bool custody_overdue(const std::vector<Deadline>& all, const Custody& k, const Date& limit, const DateTime& now) {
  const std::string ref = fmt::format("custody {}", k.n);
  for (const auto& d : all)
    if (d.kind == DeadlineKind::custody && d.ref == ref && d.due.date == limit) return overdue(d, now);
  return false;
}

}  // namespace

void write_in_charge(SummaryWriter& w, const Record& r, const Config& config) {
  if (!r.worker.empty()) {
    const Worker* who = config.worker(r.worker);
    std::string name = who && !who->name.empty() ? w.fmt(" ({})", "({})", who->name) : "";
    w.line(w.tr("In charge", "担当者"), r.worker + name);
  }
  for (const auto& a : r.assignments)
    w.line(w.tr("Handover", "担当変更"),
           w.fmt("{}: {} → {} ({})", "{}: {} → {}({})", day_text(a.date), a.from.empty() ? "-" : a.from,
                       a.to.empty() ? "-" : a.to, w.lab(enums::assignment_reason, a.reason)));
}

void write_received(SummaryWriter& w, const Record& r) {
  if (r.referral.received) w.line(w.tr("Received", "通告受理日時"), r.referral.received->str());
  if (!r.referral.category.empty()) w.line(w.tr("Category", "相談種別"), w.lab(enums::category, r.referral.category));
}

void write_safety_checks(SummaryWriter& w, const Record& r, const Policy& policy) {
  for (const auto& c : r.safety_checks) {
    std::string v = w.fmt("{} {}: {}, {}, by {}", "{} {}: {}、{}、確認者 {}", no(w, c.n),
                                c.at ? c.at->str() : "-", w.lab(enums::check_method, c.method),
                                w.lab(enums::check_outcome, c.outcome), c.by.empty() ? "-" : c.by);
    if (auto t = check_timing(r, c, policy))
      v += w.tr("; ", "。") + check_timing_text(*t, policy.safety_check_hours, w.locale);
    w.line(w.tr("Safety check", "安全確認"), v);
  }
}

void write_custody(SummaryWriter& w, const Record& r, const Policy& policy, const DateTime& now) {
  if (r.custody.empty()) return;
  const std::vector<Deadline> all = case_deadlines(r, policy);
  for (const auto& k : r.custody) {
    std::string state;
    if (k.ended) {
      state = w.fmt("ended {}, {}", "{} 解除、{}", k.ended->iso(), w.lab(enums::custody_outcome, k.outcome));
    } else if (OptDate limit = custody_limit(k, policy)) {
      state = w.fmt("in progress, limit {}", "保護中、期限 {}", limit->iso());
      if (custody_overdue(all, k, *limit, now)) state += w.tr(": overdue", ": 期限超過");
    } else {
      state = w.tr("in progress", "保護中");
    }
    w.line(w.tr("Custody", "一時保護"), w.fmt("{} from {} ({}): {}", "{} {}から({}): {}", no(w, k.n),
                                                    day_text(k.start), w.lab(enums::custody_basis, k.basis), state));
    for (const auto& x : k.extensions)
      w.text(w.fmt("extended {} until {} ({})", "延長 {}({}まで、{})", day_text(x.date), day_text(x.until),
                         w.lab(enums::extension_approver, x.approved_by)));
    if (!k.place.empty()) w.text(w.tr("place: ", "場所: ") + k.place);
  }
}

void write_conference(SummaryWriter& w, const Record& r) {
  if (r.conferences.empty()) return;
  const Conference& c = r.conferences.back();
  std::size_t earlier = r.conferences.size() - 1;
  std::string before = earlier == 0 ? "" : w.fmt(", {} earlier", "、ほか以前に{}回", earlier);
  w.line(w.tr("Conference", "援助方針会議"),
         w.fmt("{} ({}, {}){}: {}", "{}({}、{}){}: {}", no(w, c.n), day_text(c.date),
                     w.lab(enums::conference_kind, c.kind), before, c.decision.empty() ? "-" : c.decision));
}

void write_links(SummaryWriter& w, const Record& r, const OtherCaseLookup& lookup) {
  for (const auto& l : r.links) {
    OtherCase other = lookup ? lookup(l.case_id) : OtherCase{};
    std::string state = other.state == OtherCase::State::found       ? w.lab(enums::status, other.status)
                        : other.state == OtherCase::State::not_found ? w.tr("not found", "見つかりません")
                                                                     : w.tr("cannot be read", "読み込めません");
    w.line(w.tr("Related case", "関連ケース"),
           w.fmt("{}: {}, {}", "{}: {}、{}", l.case_id, w.lab(enums::link_relation, l.relation), state));
  }
}

void write_disclosures(SummaryWriter& w, const Record& r) {
  for (const auto& d : r.disclosures) {
    std::string ground = d.consent ? w.fmt("consent {}", "同意 第{}", *d.consent)
                         : !d.legal_basis.empty() ? w.fmt("legal basis ({})", "法令({})", d.legal_basis)
                                                  : "-";
    w.line(w.tr("Disclosure", "情報提供"),
           w.fmt("{} ({}) to {}: {}; ground: {}", "{}({})提供先 {}: {}。根拠: {}", no(w, d.n),
                       day_text(d.date), d.with.empty() ? "-" : d.with, w.labs(enums::disclosure_what, d.what), ground));
  }
}

void write_deadlines(SummaryWriter& w, const Record& r, const Policy& policy, const DateTime& now) {
  std::vector<Deadline> all = case_deadlines(r, policy);
  const std::string heading = w.tr("Deadline", "期限");
  auto what = [&](const Deadline& d) {
    std::string ref = deadline_ref_text(d.ref, w.locale);
    return deadline_kind_text(d.kind, w.locale) + (ref.empty() ? "" : w.fmt(" ({})", "({})", ref));
  };
  if (r.status != "closed")
    for (const auto& d : outstanding(all)) {
      std::string urgent = d.urgent ? w.tr(", ", "、") + deadline_urgent_text(w.locale) : "";
      w.line(heading, w.fmt("{}{}, due {}{}", "{}{}、期限 {}{}", what(d), urgent, due_text(d),
                            overdue(d, now) ? w.tr(": overdue", ": 期限超過") : ""));
    }
  for (const auto& d : all)
    if (d.kind == DeadlineKind::safety_check && d.met && d.met_at && d.due < *d.met_at)
      w.line(heading, w.fmt("{}, due {}: met late ({})", "{}、期限 {}: 期限後に実施({})", what(d),
                                  due_text(d), d.met_at->str()));
}

}  // namespace casectl::cli
