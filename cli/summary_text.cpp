// The readable summary of a case that `casectl show` prints.
#include "cli/summary_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/messages.hpp"
#include "cli/summary_practice.hpp"
#include "core/rules.hpp"

namespace casectl::cli {
namespace {

using Writer = SummaryWriter;

std::string d(const OptDate& date) { return day_text(date); }

// The contact log: the last five notes (every one with all), newest last.
void notes(Writer& w, const Record& r, bool all) {
  if (r.notes.empty()) return;
  std::size_t from = all || r.notes.size() <= 5 ? 0 : r.notes.size() - 5;
  w.line(w.tr("Contacts", "記録"),
         from == 0 ? fmt::format("{}", r.notes.size())
                   : fmt::format("{} ({} {}; --all)", r.notes.size(), w.tr("the last", "最新"), r.notes.size() - from));
  for (std::size_t i = from; i < r.notes.size(); ++i) {
    const Note& n = r.notes[i];
    w.text(fmt::format("{} {} [{}] {}", i + 1, d(n.date), w.lab(enums::note_kind, n.kind), n.text));
  }
}

// What the case waits for, in words.
std::string outstanding_label(Outstanding o, const Writer& w) {
  switch (o) {
    case Outstanding::assessment: return w.tr("an assessment (casectl assess)", "アセスメント(casectl assess)");
    case Outstanding::plan: return w.tr("a plan (casectl plan)", "支援計画(casectl plan)");
    case Outstanding::review: return w.tr("the next review (casectl review)", "次回モニタリング(casectl review)");
    case Outstanding::closure: return w.tr("the closure decided (casectl close)", "決定した終結(casectl close)");
    case Outstanding::none: return "-";
  }
  return "-";
}

}  // namespace

std::string summary_text(const Record& r, const Config& config, const DateTime& now, bool all_notes,
                         const OtherCaseLookup& lookup) {
  const Date& today = now.date;
  Writer w{ui_language(), {}};  // in the language chosen (SPEC section 5)
  w.s += terminal_text(fmt::format("{}  {}  ({} {})", r.id, w.lab(enums::status, r.status), w.tr("worker", "担当"), r.worker),
                       Newlines::escape) + "\n";
  std::string who = r.client.name.empty() ? "-" : r.client.name;
  if (!r.client.sex.empty()) who += ", " + w.lab(enums::sex, r.client.sex);
  if (r.client.birth_date)
    who += fmt::format(", {} {} ({}{})", w.tr("born", "生年月日"), r.client.birth_date->iso(),
                       age_on(*r.client.birth_date, today), w.tr("", "歳"));
  w.line(w.tr("Client", "本人"), who);
  if (!r.client.address.empty()) w.line(w.tr("Address", "住所"), r.client.address);
  if (!r.client.school.empty()) w.line(w.tr("School", "学校"), r.client.school);
  for (const auto& h : r.household)
    w.line(w.tr("Household", "世帯"), h.name + (h.relation.empty() ? "" : " (" + h.relation + ")"));
  write_in_charge(w, r, config);
  w.line(w.tr("Opened", "受理日"), d(r.opened));
  w.line(w.tr("Referral", "通告・相談"),
         fmt::format("{} {} {}, {}", d(r.referral.date), w.tr("from", "経路"), w.lab(enums::source, r.referral.source),
                     w.lab(enums::urgency, r.referral.urgency)));
  write_received(w, r);
  w.line(w.tr("Concerns", "主訴"), w.labs(enums::concern, r.referral.concerns));
  w.text(r.referral.reason);
  write_safety_checks(w, r, config.policy);
  if (!r.assessments.empty()) {
    const auto& a = r.assessments.back();
    w.line(w.tr("Assessment", "アセスメント"),
           fmt::format("{} {} ({}): {} {}, {} {}", w.tr("no.", "第"), a.n, d(a.date), w.tr("risk", "リスク"),
                       w.lab(enums::risk, a.risk), w.tr("safety", "安全"), w.lab(enums::safety, a.safety)));
    for (const auto& n : a.needs) w.text(fmt::format("{} [{}] {}", n.id, w.lab(enums::need_domain, n.domain), n.text));
    for (const auto& act : a.immediate_actions) w.text(w.tr("Immediate action: ", "緊急対応: ") + act);
  }
  write_custody(w, r, config.policy, now);
  write_conference(w, r);
  if (!r.plans.empty()) {
    const auto& p = r.plans.back();
    w.line(w.tr("Plan", "支援計画"),
           fmt::format("{} {} ({}): {} {}, {} {}, {} {}", w.tr("no.", "第"), p.n, d(p.date), p.goals.size(),
                       w.tr("goals", "目標"), p.services.size(), w.tr("services", "サービス"),
                       w.tr("next review", "次回モニタリング"), d(p.next_review)));
    for (const auto& g : p.goals) w.text(fmt::format("{} {} ({} {})", g.id, g.text, w.tr("due", "期限"), d(g.due)));
  }
  if (!r.reviews.empty()) {
    const auto& v = r.reviews.back();
    w.line(w.tr("Review", "モニタリング"),
           fmt::format("{} {} ({}): {}, {} {}, {} {}", w.tr("no.", "第"), v.n, d(v.date), w.lab(enums::decision, v.decision),
                       w.tr("risk", "リスク"), w.lab(enums::risk, v.risk), w.tr("next review", "次回"), d(v.next_review)));
  }
  notes(w, r, all_notes);
  for (std::size_t i = 0; i < r.consents.size(); ++i) {
    const Consent& c = r.consents[i];
    w.line(w.tr("Consent", "情報共有の同意"),
           fmt::format("{} {}: {}, {} ({}{})", w.tr("no.", "第"), c.n > 0 ? c.n : static_cast<int>(i) + 1, c.party, c.scope, d(c.date),
                       c.withdrawn ? ", " + w.tr("withdrawn ", "撤回 ") + c.withdrawn->iso() : std::string()));
  }
  write_disclosures(w, r);
  for (const auto& a : r.approvals)
    w.line(w.tr("Approval", "決裁・承認"),
           fmt::format("{} {}: {} ({}, {})", w.tr("no.", "第"), a.n, w.lab(enums::approval_kind, a.kind), d(a.date), a.by));
  write_links(w, r, lookup);
  for (const auto& a : r.amendments)
    w.line(w.tr("Amendment", "訂正"),
           fmt::format("{} {}: {} ({}), {}", d(a.date), a.by, w.lab(enums::amendment_reason, a.reason),
                       fmt::join(a.sections, ", "), a.documents.empty() ? "-" : fmt::format("{}", fmt::join(a.documents, ", "))));
  for (std::size_t i = 0; i < r.closures.size(); ++i) {
    const Closure& c = r.closures[i];
    std::string approval = c.approval ? fmt::format(", {} {}", w.tr("approval", "承認"), *c.approval) : "";
    w.line(w.tr("Closed", "終結"),
           fmt::format("{} {} ({}): {}{}", w.tr("no.", "第"), c.n, d(c.date), w.lab(enums::closure_reason, c.reason), approval));
    w.text(c.evaluation);
    if (i < r.reopenings.size()) {
      const Reopening& o = r.reopenings[i];
      std::string urgency = o.urgency.empty() ? "" : ", " + w.lab(enums::urgency, o.urgency);
      w.line(w.tr("Reopened", "再開"), fmt::format("{} {} ({}){}", w.tr("no.", "第"), o.n, d(o.date), urgency));
      w.text(o.reason);
    }
  }
  write_deadlines(w, r, config.policy, now);
  Outstanding o = outstanding(r);
  if (o != Outstanding::none) w.line(w.tr("Outstanding", "未了"), outstanding_label(o, w));
  return w.s;
}

}  // namespace casectl::cli
