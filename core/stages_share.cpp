#include "core/stages_share.hpp"

#include <fmt/format.h>

#include "core/i18n.hpp"

#include "core/stage_skeleton.hpp"

namespace casectl {

ChangeSummary stage_share(Record& r, Disclosure d, const StageContext& ctx) {
  stage_detail::run_stage(r, Command::share, ctx, [&] { r.disclosures.push_back(d = stage_detail::numbered(r.disclosures, d, ctx, r.id)); });
  std::string what;
  for (const auto& w : d.what) what += (what.empty() ? "" : ", ") + w;
  std::string ground = d.consent ? fmt::format("consent {}", *d.consent) : std::string("legal basis");
  std::string said = d.consent ? txf("share {}: disclosure {} ({}) on consent {}", r.id, d.n, what, *d.consent)
                               : txf("share {}: disclosure {} ({}) on legal basis", r.id, d.n, what);
  return ChangeSummary{"share", fmt::format("disclosure {} ({}) on {}", d.n, what, ground), {}}.on(d.date).saying(said);
}

}  // namespace casectl
