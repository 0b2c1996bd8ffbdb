// Shared by the core/rules_*.cpp files only: collecting problems and naming record paths.
#pragma once
#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "core/ids.hpp"
#include "core/rules.hpp"

namespace casectl::rules_detail {

// Collects the problems of one record.
struct Out {
  const Record& r;
  std::vector<Problem>& list;
  // Adds one problem for r (named by its id only when the id is of the ID form).
  void add(std::string rule, std::string field, std::string message, std::string fix) {
    std::string id = parse_case_id(r.id) ? r.id : std::string();
    list.push_back(Problem{std::move(id), std::move(rule), std::move(field), std::move(message),
                           std::move(fix), {}});
  }
};

// "assessments[0]", "plans[2]", ...
inline std::string at(const char* list, std::size_t i) { return fmt::format("{}[{}]", list, i); }

// An id or enumeration value quoted for a message ('N1'), or a neutral phrase when the text
// does not look like an id (a hand edit may have put free text where an id belongs).
std::string show(const std::string& id);

// A worker named in `field` must be registered in casectl.yaml (worker.required if empty,
// worker.unknown otherwise). `what` is in the language chosen: tx("closure by").
void check_worker(Out& out, const RuleContext& ctx, const std::string& id,
                  const std::string& field, const char* what);

// The index of the first element of v whose id (by get) equals id, or npos.
template <class T, class Get>
std::size_t index_of(const std::vector<T>& v, const std::string& id, Get get) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (get(v[i]) == id) return i;
  return static_cast<std::size_t>(-1);
}

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

// True when the list holds the string.
inline bool contains(const Strings& v, const std::string& s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

// record.n-sequence for a numbered list (items count 1, 2, ... in order); `what` names an item
// (marked N_("closure") by the caller, looked up here).
template <class T> void check_sequence(Out& out, const std::vector<T>& v, const char* list, const char* what) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i].n != static_cast<int>(i) + 1)
      out.add("record.n-sequence", at(list, i) + ".n",
              txf("{} number {} where {} was expected", tx(what), v[i].n, i + 1),
              txf("set n: {} ({} count 1, 2, ... in order)", i + 1, list));
}

// The rules of an approval that an item (a plan, a closure) names.
struct ApprovalRules {
  const char* kind;     // the approval kind the item needs: "plan", "closure"
  const char* unknown;  // rule: the named approval is missing or of another kind
  const char* used;     // rule: an earlier item of the list already used it
  const char* item;     // an item in messages, N_("plan {}"), N_("closure {}"): looked up here
  const char* each;     // the kind as a noun in messages, N_("plan"), N_("closure")
};

// Item i of `items` (plans or closures, at `base`) names an approval: it exists, is of the kind
// the rules name, and no earlier item used it. Returns the approval (nullptr when none is named
// or it is missing) for the caller's own check of its date.
template <class T>
const Approval* check_named_approval(Out& out, const std::vector<T>& items, std::size_t i,
                                     const std::string& base, const ApprovalRules& rules) {
  const T& item = items[i];
  if (!item.approval) return nullptr;
  const int n = *item.approval;
  const Approval* a = find_n(out.r.approvals, n);
  if (!a)
    out.add(rules.unknown, base + ".approval",
            txf("{} names approval {}, which the record does not have", txf(rules.item, item.n), n),
            tx("name an approval listed under approvals, or remove it"));
  else if (a->kind != rules.kind)
    out.add(rules.unknown, base + ".approval",
            txf("{} names approval {}, which is an approval of a {}", txf(rules.item, item.n), n,
                show(a->kind)),
            txf("name an approval of kind {}", rules.kind));
  for (std::size_t k = 0; k < i; ++k)
    if (items[k].approval == item.approval)
      out.add(rules.used, base + ".approval",
              txf("approval {} was already used by {}", n, txf(rules.item, items[k].n)),
              txf("each {} needs an approval of its own (casectl approve ID {})", tx(rules.each), rules.kind));
  return a;
}

// The days policy.review_every gives for risk, or -1 when the policy has no entry.
int review_days(const RuleContext& ctx, const std::string& risk);

// The first event of the case, which its acts and logs follow: the referral, else the opening.
struct CaseStart {
  const OptDate& date;
  const char* what;  // "the referral", "the opening of the case" (in the language chosen)
};
CaseStart case_start(const Record& r);

// The date rules of SPEC section 4 for one record (dates.required, dates.future, dates.order),
// the one copy that every rules_*.cpp file checks its event dates with.
struct DateCheck {
  Out& out;
  Date today;

  // An event date: present (dates.required), and not after today.
  void event(const OptDate& d, const std::string& field, const std::string& what);
  // An optional event date: not after today (dates.future).
  void past(const OptDate& d, const std::string& field, const std::string& what);
  // d (of `what`) on or after ref (of `ref_what`) (dates.order).
  void order(const OptDate& d, const std::string& field, const std::string& what, const OptDate& ref,
             const std::string& ref_what);
  // d on or after the case's start (case_start) (dates.order).
  void after_start(const OptDate& d, const std::string& field, const std::string& what);
};

}  // namespace casectl::rules_detail
