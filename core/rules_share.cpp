// Rules of information sharing (SPEC section 4, "Share"): a disclosure names the party and what
// was shared, and rests on exactly one ground. A consent it names must exist, be the consent of
// that party, have been given on or before the disclosure's date, not have been withdrawn on or
// before it, and not have expired by then (a consent covers its expiry date, its last day). A
// legal basis (e.g. the Child Welfare Act's duty to the regional council) is the other ground.
// Messages name numbers, codes and dates only: never the party or the legal basis (free text).
#include "core/rules_share.hpp"

#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

using namespace rules_detail;

namespace {

// The consent disclosure d (number `no`, at `base`) rests on, checked against d.
void check_consent_ground(Out& out, const Disclosure& d, int no, const std::string& base) {
  const int n = *d.consent;
  const Consent* c = find_n(out.r.consents, n);
  const std::string field = base + ".consent";
  if (!c) {
    out.add("share.consent-unknown", field,
            out.r.consents.size() == 1
                ? txf("disclosure {} rests on consent {}, which the record does not have ({} consent)", no, n,
                      out.r.consents.size())
                : txf("disclosure {} rests on consent {}, which the record does not have ({} consents)", no, n,
                      out.r.consents.size()),
            tx("name a consent by its number as `casectl show` lists it, record the consent first (casectl consent), "
               "or give the legal basis instead"));
    return;
  }
  if (c->party != d.with)
    out.add("share.consent-other-party", field,
            txf("consent {} was given for another party than the one disclosure {} shared with", n, no),
            tx("name a consent given for this party (consent.party equal to `with`), or give the legal basis"));
  if (!d.date) return;  // dates.required says so
  if (c->date && *c->date > *d.date)
    out.add("share.consent-not-yet-given", field,
            txf("consent {} was given on {}, after disclosure {} ({})", n, c->date->iso(), no, d.date->iso()),
            tx("a consent covers only what is shared on or after the day it was given: correct the dates, or give "
               "the legal basis"));
  if (c->withdrawn && *c->withdrawn <= *d.date)
    out.add("share.consent-withdrawn", field,
            txf("consent {} was withdrawn on {}, on or before disclosure {} ({})", n, c->withdrawn->iso(),
                no, d.date->iso()),
            tx("a withdrawn consent covers nothing more: ask for a new consent (casectl consent), or give the legal "
               "basis"));
  if (c->expires && *c->expires < *d.date)
    out.add("share.consent-expired", field,
            txf("consent {} expired on {}, before disclosure {} ({})", n, c->expires->iso(), no,
                d.date->iso()),
            tx("ask for a new consent (casectl consent), or give the legal basis"));
}

}  // namespace

std::vector<Problem> check_disclosures(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  check_sequence(out, r.disclosures, "disclosures", N_("disclosure"));
  DateCheck dc{out, ctx.today};
  for (std::size_t j = 0; j < r.disclosures.size(); ++j) {
    const Disclosure& d = r.disclosures[j];
    const std::string base = at("disclosures", j);
    const int no = static_cast<int>(j) + 1;
    check_worker(out, ctx, d.by, base + ".by", txf("disclosure {} by", no).c_str());
    const std::string what = txf("disclosure {}", no);
    dc.event(d.date, base + ".date", what);
    dc.after_start(d.date, base + ".date", what);
    if (d.with.empty())
      out.add("share.with-required", base + ".with", txf("disclosure {} names no party", no),
              tx("name who received the information (--with, e.g. school or regional-council)"));
    if (d.what.empty())
      out.add("share.what-required", base + ".what", txf("disclosure {} does not say what was shared", no),
              txf("name at least one of: {}", enums::disclosure_what.allowed()));
    const bool basis = !d.legal_basis.empty();
    if (!d.consent && !basis)
      out.add("share.ground-required", base,
              txf("disclosure {} rests on neither a consent nor a legal basis", no),
              tx("name the consent it rests on (--consent N) or the law that allows it (--legal-basis TEXT)"));
    else if (d.consent && basis)
      out.add("share.ground-both", base + ".legal_basis",
              txf("disclosure {} names both a consent and a legal basis", no),
              tx("keep one ground: the consent (--consent N) or the legal basis (--legal-basis TEXT)"));
    if (d.consent) check_consent_ground(out, d, no, base);
  }
  return list;
}

}  // namespace casectl
