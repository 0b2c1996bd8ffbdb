// Three-way merge of a case record and of casectl.yaml (SPEC section 9, issue 14): the merge that
// `casectl merge-driver` (git's merge driver) and `casectl sync` use. Pure: no files, no git.
//
// Records, by ONE walk over the fields() tables of core/record.hpp:
// - a field changed on one side only takes that side's value; the same change on both sides is
//   fine; different values on both sides are a conflict (ours is kept in the merged record);
// - the lists that only grow (notes, safety_checks, consents, disclosures, conferences,
//   approvals, amendments, reopenings, assignments, household, links) keep every item of both
//   sides: an item added on both sides identically is kept once; items added on each side are
//   appended after the base's items in date order, and where they carry `n` they are numbered
//   on from the base's highest (references to a renumbered consent or approval follow it). A
//   top-level list never loses an item: an item deleted on one side is kept;
// - the numbered sections (assessments, plans, reviews, closures, custody) and lists inside an
//   item with an id (goals, services, needs, ...) are matched by key: the same key added on both
//   sides with different content is a conflict, named field by field; inside an item, an item
//   deleted on one side and unchanged on the other is deleted.
// casectl.yaml merges the same way: core/config_merge.hpp.
//
// With choices (casectl resolve --take, core/resolve.hpp) a conflict a choice covers is settled
// by the side chosen instead of being named: the value, the item kept or deleted, the section
// added on both sides taken whole from that side.
#pragma once
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/record.hpp"
#include "core/rules.hpp"

namespace casectl {

// One thing the merge could not decide. Values are codes, dates or numbers only (SPEC section
// 8): free text and personal data are "(text differs)" or "(value differs)"; absent is "(none)".
struct MergeConflict {
  std::string case_id;  // "" for casectl.yaml
  std::string path;     // "assessments[n=2].risk", "client.address", "notes[#3]", "policy.plan_due"
  std::string ours, theirs;
  std::string rule;  // for a merged record that breaks a rule: the rule's name (path: its field)

  // "C-2026-0001: assessments[n=2].risk: ours high, theirs medium", or
  // "C-2026-0001: plans[0].goals: the merged record breaks rule plan.need-unanswered".
  std::string str() const;
};

template <class T> struct Merged {
  T merged;
  std::vector<MergeConflict> conflicts;
  bool clean() const { return conflicts.empty(); }
};

// The side a conflict is settled by.
enum class Side { ours, theirs };

// A choice of `casectl resolve --take`: the conflicts at path or under it take side; path ""
// covers every conflict.
struct MergeChoice {
  std::string path;
  Side side = Side::ours;
};
using MergeChoices = std::vector<MergeChoice>;

// True when field is path or a section above it: "assessments[n=2]" covers
// "assessments[n=2].risk" and itself, not "assessments[n=20]"; "" covers every path.
bool covers(const std::string& field, const std::string& path);

// The choice that settles a conflict at path: of those covering it the one with the longest
// path (the last of equal ones); nullptr when none covers it.
const MergeChoice* choice_for(const MergeChoices& choices, const std::string& path);

// The merge of two versions of a record from their common base (see the top of this file),
// each conflict a choice covers settled by its side.
Merged<Record> merge_records(const Record& base, const Record& ours, const Record& theirs,
                             const MergeChoices& choices = {});

// The problems of check_record(merged) that neither ours nor theirs had (by rule and field, or
// rule and message): what the merge (or a hand resolution of it) broke.
std::vector<Problem> merge_problems(const Record& merged, const Record& ours, const Record& theirs,
                                    const RuleContext& ctx);

// merge_problems(), each as a conflict: a merge must not make a record break a rule.
std::vector<MergeConflict> rule_conflicts(const Record& merged, const Record& ours,
                                          const Record& theirs, const RuleContext& ctx);

}  // namespace casectl
