// Three-way merge of casectl.yaml (SPEC section 9, issue 14): workers are united by id (a worker
// changed on both sides merges field by field; a worker is never lost, workers retire), every
// other setting and each policy entry merges three-way: changed on one side, that side's value;
// changed on both sides differently, a conflict (ours kept in the merged config) unless a choice
// (casectl resolve --take) covers it: then the side chosen.
#pragma once
#include "core/config.hpp"
#include "core/record_merge.hpp"

namespace casectl {

// The merge of two versions of casectl.yaml from their common base. Conflicts have no case id
// and paths such as "policy.plan_due", "workers.sato.role"; names, emails, keys and the agency
// are never shown ("(text differs)").
Merged<Config> merge_configs(const Config& base, const Config& ours, const Config& theirs,
                             const MergeChoices& choices = {});

}  // namespace casectl
