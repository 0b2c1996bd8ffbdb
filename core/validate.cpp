#include "core/validate.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <fmt/format.h>
#include <tuple>
#include <unistd.h>

#include "core/case_store.hpp"
#include "core/config.hpp"
#include "core/date.hpp"
#include "core/index_scan.hpp"
#include "core/parallel.hpp"
#include "core/record_io.hpp"
#include "core/rules.hpp"
#include "core/rules_people.hpp"
#include "core/signed_policy.hpp"

namespace casectl {
namespace {

// Orders case IDs as people read them: prefix, year, number.
bool by_id(const CaseCheck& a, const CaseCheck& b) {
  return std::tie(a.id.prefix, a.id.year, a.id.seq) < std::tie(b.id.prefix, b.id.year, b.id.seq);
}

// The problem a file that does not load gives: rule "malformed" at the loader's place.
Problem load_problem(const std::string& case_id, const std::string& rel, const Error& e) {
  Problem p{case_id, "malformed", "", e.what(), "", e.place()};
  if (p.place.empty()) p.place = Place{rel, 0, 0};
  return p;
}

// What the check across records (links) needs of one record: its links, and where each link's
// fields are in its file.
struct LinkView {
  bool loaded = false;  // the file loaded (else nothing can be said of its links)
  Record record;        // id and links only
  std::vector<std::pair<std::string, Place>> places;  // "links[0].case" -> its place
};

// The links of a loaded record, with their places.
LinkView link_view(const LoadedRecord& loaded) {
  LinkView v;
  v.loaded = true;
  v.record.id = loaded.record.id;
  v.record.links = loaded.record.links;
  for (std::size_t i = 0; i < v.record.links.size(); ++i)
    for (const char* key : {"case", "relation"}) {
      std::string field = fmt::format("links[{}].{}", i, key);
      v.places.emplace_back(field, locate(loaded, field));
    }
  return v;
}

// Every problem of one record file, each with its place in the file; view gets its links.
std::vector<Problem> check_file(const std::string& root, const CaseCheck& c, const RuleContext& ctx,
                                LinkView& view) {
  LoadedRecord loaded;
  try {
    loaded = load_record(root + "/" + c.path, c.path);
  } catch (const Error& e) {
    return {load_problem(c.id.str(), c.path, e)};
  }
  if (!loaded.record.links.empty()) view = link_view(loaded);
  std::vector<Problem> problems;
  if (loaded.record.id != c.id.str())
    problems.push_back(Problem{c.id.str(), "record.id", "id",
                               fmt::format("the record's id is {} but its folder is {}", parse_case_id(loaded.record.id) ? loaded.record.id : std::string("not a case ID"), c.id.str()),
                               fmt::format("set id: {} (or move the record to the folder of its ID)", c.id.str()),
                               {}});
  for (auto& p : check_record(loaded.record, ctx)) problems.push_back(std::move(p));
  for (auto& p : problems) {
    p.place = locate(loaded, p.field);
    if (p.case_id.empty()) p.case_id = c.id.str();
  }
  return problems;
}

// The cases named by ids, or every case of the directory; sorted by ID, each once.
std::vector<CaseCheck> cases_of(const std::string& root, const std::vector<std::string>& ids) {
  std::vector<CaseCheck> cases;
  if (ids.empty()) {
    for (auto& f : scan_cases(root)) cases.push_back(CaseCheck{f.id, f.path(), {}});
  } else {
    for (const auto& text : ids) {
      CaseId id = require_case_id(text);
      std::string rel = case_file(id);
      if (::access((root + "/" + rel).c_str(), F_OK) != 0) throw case_not_found(id);
      cases.push_back(CaseCheck{id, rel, {}});
    }
  }
  std::sort(cases.begin(), cases.end(), by_id);
  cases.erase(std::unique(cases.begin(), cases.end(),
                          [](const CaseCheck& a, const CaseCheck& b) { return a.id.str() == b.id.str(); }),
              cases.end());
  return cases;
}

// The check that a single record's rules cannot make (core/rules_people.hpp): every link names
// a case that exists and links back with the same relation. Partners outside the cases checked
// (validate ID...) are read from disk; a partner that does not load is not judged here (its
// own check says it is malformed).
void check_links_across(const std::string& root, std::vector<CaseCheck>& cases, std::vector<LinkView>& views) {
  std::map<std::string, std::size_t> checked;
  for (std::size_t i = 0; i < cases.size(); ++i) checked[cases[i].id.str()] = i;
  std::map<std::string, std::optional<Record>> others;  // read from disk; nullopt: does not load
  auto other = [&](const std::string& id) -> std::optional<const Record*> {
    if (auto it = checked.find(id); it != checked.end()) {
      const LinkView& v = views[it->second];
      if (v.loaded) return &v.record;
      if (!cases[it->second].problems.empty() && cases[it->second].problems.front().rule == "malformed")
        return std::nullopt;
      static const Record no_links;
      return &no_links;  // loaded, with no links
    }
    auto found = others.find(id);
    if (found == others.end()) {
      std::optional<Record> r;
      std::string rel = case_file(require_case_id(id));
      if (::access((root + "/" + rel).c_str(), F_OK) != 0) return nullptr;
      try {
        r = load_record(root + "/" + rel, rel).record;
      } catch (const Error&) {
      }
      found = others.emplace(id, std::move(r)).first;
    }
    if (!found->second) return std::nullopt;
    return &*found->second;
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (!views[i].loaded || views[i].record.id != cases[i].id.str()) continue;
    for (auto& p : check_link_partners(views[i].record, other)) {
      for (const auto& [field, place] : views[i].places)
        if (field == p.field) p.place = place;
      cases[i].problems.push_back(std::move(p));
    }
  }
}

}  // namespace

Validation validate(const std::string& root, const std::vector<std::string>& ids) {
  Validation v;
  Config config;
  try {
    config = load_config(root);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::malformed) throw;
    v.settings.push_back(load_problem("", kConfigFile, e));
    return v;
  }
  v.cases = cases_of(root, ids);
  RuleContext ctx{config, today(), std::nullopt, nullptr, now()};
  std::vector<LinkView> views(v.cases.size());
  parallel_for(v.cases.size(), [&](std::size_t i) {
    CaseCheck& c = v.cases[i];
    try {
      c.problems = check_file(root, c, ctx, views[i]);
    } catch (const Error& e) {
      c.problems = {load_problem(c.id.str(), c.path, e)};
    }
  });
  check_links_across(root, v.cases, views);
  std::vector<std::string> named;
  for (const auto& c : v.cases) named.push_back(c.id.str());
  v.signatures = signature_problems(root, config, ids.empty() ? std::vector<std::string>() : named);
  return v;
}

}  // namespace casectl
