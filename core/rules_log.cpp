// Rules for the logs of a case: reopenings (a reason, after a closure), the contact notes and
// the consents to share information.
#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

using namespace rules_detail;

std::vector<Problem> check_log(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  // Closures and reopenings alternate: reopening j reopens closure j (both counted from 1).
  if (r.reopenings.size() > r.closures.size())
    out.add("reopen.no-closure", at("reopenings", r.closures.size()),
            txf("reopening {} follows no closure", r.closures.size() + 1),
            tx("record the closure the reopening follows, or remove the reopening"));
  if (r.closures.size() > r.reopenings.size() + 1)
    out.add("close.not-reopened", at("closures", r.reopenings.size() + 1),
            txf("closure {} follows closure {} with no reopening between", r.reopenings.size() + 2,
                r.reopenings.size() + 1),
            tx("record the reopening between them, or remove the closure"));
  check_sequence(out, r.reopenings, "reopenings", N_("reopening"));
  for (std::size_t j = 0; j < r.reopenings.size(); ++j) {
    const Reopening& o = r.reopenings[j];
    const std::string base = at("reopenings", j);
    check_worker(out, ctx, o.by, base + ".by", txf("reopening {} by", j + 1).c_str());
    if (o.reason.empty())
      out.add("reopen.reason-required", base + ".reason",
              txf("reopening {} gives no reason", j + 1),
              tx("say why the case is reopened (casectl reopen --reason)"));
    if (j >= r.closures.size()) continue;  // reopen.no-closure already says so
    if (o.closure && !find_n(r.closures, *o.closure))
      out.add("reopen.closure-unknown", base + ".closure",
              txf("reopening {} names closure {}, which the record does not have", j + 1, *o.closure),
              txf("name the closure it reopened ({})", j + 1));
    else if (o.closure && *o.closure != static_cast<int>(j) + 1)
      out.add("reopen.closure-mismatch", base + ".closure",
              txf("reopening {} names closure {}, but it follows closure {}", j + 1, *o.closure, j + 1),
              txf("set closure: {}", j + 1));
  }
  for (std::size_t j = 0; j < r.notes.size(); ++j) {
    const std::string base = at("notes", j);
    check_worker(out, ctx, r.notes[j].by, base + ".by", txf("note {} by", j + 1).c_str());
    if (r.notes[j].text.empty())
      out.add("note.text-required", base + ".text", txf("note {} has no text", j + 1),
              tx("say what happened in the contact"));
  }
  // A consent to share says who may receive what, and who agreed to it; consents are numbered
  // (casectl share and consent --withdraw name them by n).
  check_sequence(out, r.consents, "consents", N_("consent"));
  for (std::size_t j = 0; j < r.consents.size(); ++j) {
    const Consent& c = r.consents[j];
    const std::string base = at("consents", j);
    if (c.party.empty())
      out.add("consent.party-required", base + ".party",
              txf("consent {} names no party", j + 1),
              tx("name who may receive the information (e.g. school)"));
    if (c.scope.empty())
      out.add("consent.scope-required", base + ".scope",
              txf("consent {} has no scope", j + 1), tx("say what may be shared"));
    if (c.given_by.empty())
      out.add("consent.given-by-required", base + ".given_by",
              txf("consent {} does not say who gave it", j + 1),
              tx("name who gave the consent (e.g. mother)"));
  }
  return list;
}

}  // namespace casectl
