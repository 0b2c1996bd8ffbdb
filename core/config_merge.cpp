// The three-way merge of casectl.yaml, setting by setting.
#include "core/config_merge.hpp"

#include <string>

namespace casectl {
namespace {

using Out = std::vector<MergeConflict>;

std::string shown(int v) { return std::to_string(v); }
std::string shown(bool v) { return v ? "true" : "false"; }
std::string shown(const std::string& v) { return v.empty() ? "(none)" : v; }
std::string shown(DateStyle v) { return date_style_name(v); }
std::string shown(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
  return "[" + s + "]";
}
template <class V> std::string shown(const std::map<std::string, V>& m) {
  std::string s;
  for (const auto& [k, v] : m) s += (s.empty() ? "" : ", ") + k + "=" + shown(v);
  return "{" + s + "}";
}

// Where the conflicts go and the choices that settle them.
struct Sink {
  Out& out;
  const MergeChoices& choices;
};

// One setting: a side that did not change it takes the other's; changed differently on both
// sides, the side chosen, else ours is kept and the conflict named (with the values only when
// `show`).
template <class F>
void three(const std::string& path, const F& b, const F& o, const F& t, F& r, Sink& sink, bool show = true) {
  Out& out = sink.out;
  if (o == t || t == b) r = o;
  else if (o == b) r = t;
  else if (const MergeChoice* c = choice_for(sink.choices, path)) r = c->side == Side::ours ? o : t;
  else {
    r = o;
    out.push_back({"", path, show ? shown(o) : "(text differs)", show ? shown(t) : "(text differs)", ""});
  }
}

// Two versions of one worker (added on both sides: from a worker with only the id).
void worker(const Worker& b, const Worker& o, const Worker& t, Worker& r, Sink& out) {
  std::string at = "workers." + o.id + ".";
  three(at + "name", b.name, o.name, t.name, r.name, out, false);
  three(at + "email", b.email, o.email, t.email, r.email, out, false);
  three(at + "role", b.role, o.role, t.role, r.role, out);
  three(at + "retired", b.retired, o.retired, t.retired, r.retired, out);
  three(at + "signing_key", b.signing_key, o.signing_key, t.signing_key, r.signing_key, out, false);
}

const Worker* find(const std::vector<Worker>& v, const std::string& id) {
  for (const auto& w : v)
    if (w.id == id) return &w;
  return nullptr;
}

}  // namespace

Merged<Config> merge_configs(const Config& b, const Config& o, const Config& t, const MergeChoices& choices) {
  Merged<Config> m;
  Config& r = m.merged;
  Sink out{m.conflicts, choices};
  r = o;
  three("casectl", b.version, o.version, t.version, r.version, out);
  three("agency", b.agency, o.agency, t.agency, r.agency, out, false);
  three("locale", b.locale, o.locale, t.locale, r.locale, out);
  three("id_prefix", b.id_prefix, o.id_prefix, t.id_prefix, r.id_prefix, out);
  three("id_scheme", b.id_scheme, o.id_scheme, t.id_scheme, r.id_scheme, out);
  three("date_style", b.date_style, o.date_style, t.date_style, r.date_style, out);
  const Policy &pb = b.policy, &po = o.policy, &pt = t.policy;
  Policy& pr = r.policy;
  three("policy.assessment_due", pb.assessment_due, po.assessment_due, pt.assessment_due, pr.assessment_due, out);
  three("policy.plan_due", pb.plan_due, po.plan_due, pt.plan_due, pr.plan_due, out);
  three("policy.safety_check_hours", pb.safety_check_hours, po.safety_check_hours, pt.safety_check_hours,
        pr.safety_check_hours, out);
  three("policy.custody_days", pb.custody_days, po.custody_days, pt.custody_days, pr.custody_days, out);
  three("policy.review_every", pb.review_every, po.review_every, pt.review_every, pr.review_every, out);
  three("policy.approvals", pb.approvals, po.approvals, pt.approvals, pr.approvals, out);
  three("policy.require_signed", pb.require_signed, po.require_signed, pt.require_signed, pr.require_signed, out);

  // Workers: ours in their order, then those only theirs has; none is ever dropped.
  r.workers.clear();
  for (const auto& wo : o.workers) {
    const Worker* wt = find(t.workers, wo.id);
    if (!wt) {
      r.workers.push_back(wo);
      continue;
    }
    const Worker* wb = find(b.workers, wo.id);
    Worker fresh;
    fresh.id = wo.id;
    Worker merged = wo;
    worker(wb ? *wb : fresh, wo, *wt, merged, out);
    r.workers.push_back(merged);
  }
  for (const auto& wt : t.workers)
    if (!find(o.workers, wt.id)) r.workers.push_back(wt);
  return m;
}

}  // namespace casectl
