// The stage commands as pure changes of a record: each takes the record as it stands and the
// stage's form, fills what the command fills itself (n, by, date), moves the status as the table
// of SPEC section 4 says, checks every rule (rules.hpp) and returns what the commit will say and
// the documents to commit with it. A refusal throws Error(refused) with every problem found and
// leaves the record as it was.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/change.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/record.hpp"

namespace casectl {

struct StageContext {
  const Config& config;
  std::string root;  // case directory (for template overrides); "" = built-in templates only
  Date today;
  std::string by;    // the acting worker's id
  std::optional<DateTime> now;  // now, to the minute (nullopt: times are compared by date only)
};

// Throws Error(refused) carrying every problem when there are any ("nothing was written").
void refuse_if(const std::vector<Problem>& problems);

// A new case (casectl new): r holds the id, opened date and acting worker the store chose; the
// form gives the client, household, referral and optionally the worker in charge. A refusal
// names the case "new case" (a refused case never gets the ID it was about to take).
ChangeSummary stage_new(Record& r, const Record& form, const StageContext& ctx);
ChangeSummary stage_assess(Record& r, Assessment a, const StageContext& ctx);
ChangeSummary stage_plan(Record& r, Plan p, const StageContext& ctx);
ChangeSummary stage_review(Record& r, Review v, const StageContext& ctx);
// Outcomes left empty are taken from the latest review's progress on the plan in force; the
// closure names the plan in force and, when policy.approvals.closure asks for one at the current
// risk and the acting worker is not a supervisor, the approval it uses.
ChangeSummary stage_close(Record& r, Closure c, const StageContext& ctx);
ChangeSummary stage_reopen(Record& r, Reopening o, const StageContext& ctx);
ChangeSummary stage_note(Record& r, Note n, const StageContext& ctx);
ChangeSummary stage_consent(Record& r, Consent c, const StageContext& ctx);
// Withdraws consent number n (1-based, as listed by `show`) on date (today when nullopt).
ChangeSummary stage_withdraw_consent(Record& r, int n, OptDate date, const StageContext& ctx);
// A supervisor's approval (casectl approve): kind closure or plan, by the acting worker, who must
// be a supervisor (approve.not-supervisor).
ChangeSummary stage_approve(Record& r, Approval a, const StageContext& ctx);
// A correction of the whole record (casectl edit): the new record replaces r after the rules
// pass, with the amendment (reason, optional note; date, worker and sections filled in) added;
// the commit carries the trailer "Amendment: REASON"; the documents are those whose text the
// edit changes, each marked as amended. The caller has checked that edited differs from r.
ChangeSummary stage_edit(Record& r, const Record& edited, Amendment a, const StageContext& ctx);
// Refuses (as stage_edit would) when the acting worker may not edit r at all: a closed case is
// edited only by a supervisor. Called before the editor opens, so no edit is wasted.
void check_may_edit(const Record& r, const StageContext& ctx);

}  // namespace casectl
