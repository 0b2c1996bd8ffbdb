// The stage changes about people around a case (issue 11): case conferences (援助方針会議),
// handing a case to another worker (担当変更) and relating two cases (きょうだい, 同一世帯,
// 以前のケース). Each is a pure change of records like those of core/stages.hpp: it fills what the
// command fills itself, checks every rule and throws Error(refused) leaving the records as they
// were.
#pragma once
#include <string>

#include "core/stages.hpp"

namespace casectl {

// A conference (casectl conference): numbered, dated today when the form gives no date.
ChangeSummary stage_conference(Record& r, Conference c, const StageContext& ctx);

// A handover (casectl assign): `worker` becomes a.to and the assignment (date today when absent,
// by the acting worker, from the worker in charge) is appended. Refused when a.to is not a
// registered worker, is retired (assignment.worker-retired) or is already in charge
// (assignment.already-in-charge).
ChangeSummary stage_assign(Record& r, Assignment a, const StageContext& ctx);

// Relates a and b (casectl link, and new --link-previous): each gets a link to the other with
// the same relation (previous-case included: each record names the other as its previous or
// later case, which is the same relation read from either side). Refused, leaving both as they
// were: a case linked to itself (link.self), or a and b already linked (link.duplicate). The
// summary is that of a's commit; b is written in the same commit.
ChangeSummary stage_link(Record& a, Record& b, const std::string& relation, const StageContext& ctx);

}  // namespace casectl
