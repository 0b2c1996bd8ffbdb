// resolve --take and --done over git's index stages (see resolve.hpp).
#include "core/resolve.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/case_store.hpp"
#include "core/config_merge.hpp"
#include "core/conflict_file.hpp"
#include "core/date.hpp"
#include "core/document_refresh.hpp"
#include "core/documents.hpp"
#include "core/error.hpp"
#include "core/git_program.hpp"
#include "core/i18n.hpp"
#include "core/ids.hpp"
#include "core/lock.hpp"
#include "core/record_io.hpp"
#include "core/stages.hpp"
#include "core/sync.hpp"
#include "core/yaml_io.hpp"

namespace casectl {
namespace {

namespace fs = std::filesystem;

// The file resolve works on: a case record or casectl.yaml.
struct Target {
  std::string name;  // the case ID, or casectl.yaml
  std::string rel;   // its path from the root
  bool settings = false;
};

Target target_of(const std::string& name) {
  if (name == kConfigFile) return {name, kConfigFile, true};
  CaseId id = require_case_id(name);
  return {id.str(), case_file(id), false};
}

// git as the acting worker (author and committer of the merge commit).
GitProgram git_as(const std::string& root, const Worker& by) {
  return GitProgram(root, {"GIT_AUTHOR_NAME=" + by.name, "GIT_AUTHOR_EMAIL=" + by.email,
                           "GIT_COMMITTER_NAME=" + by.name, "GIT_COMMITTER_EMAIL=" + by.email});
}

// The shown names of paths.
std::vector<std::string> shown(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(shown_path(p));
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// MERGE_HEAD; Error(not_found) when no merge is in progress.
std::string require_merge(const GitProgram& git) {
  std::string head = git.commit_of("MERGE_HEAD");
  if (head.empty())
    fail(ErrorKind::not_found, tx("no merge in progress: nothing to resolve (`casectl status` says what is in conflict)"));
  return head;
}

// Error(not_found) when the target is not among the merge's unmerged files.
void require_in_conflict(const GitProgram& git, const Target& t) {
  std::vector<std::string> paths = unmerged_files(git);
  for (const auto& p : paths)
    if (p == t.rel) return;
  if (paths.empty()) fail(ErrorKind::not_found, txf("{} is not in conflict: no file of the merge is", t.name));
  fail(ErrorKind::not_found, txf("{} is not in conflict (in conflict: {})", t.name, joined(shown(paths))));
}

// A version of the file from git's index (1 base, 2 ours, 3 theirs); nullopt when absent.
std::optional<std::string> stage(const GitProgram& git, int n, const std::string& rel) {
  ProcessResult r = git.run({"show", ":" + std::to_string(n) + ":" + rel});
  if (!r.started || r.status != 0) return std::nullopt;
  return r.out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- The choices made so far: .git/casectl-resolve/NAME ----

std::string state_dir(const std::string& root) { return root + "/.git/casectl-resolve"; }

struct State {
  MergeChoices choices;
  std::optional<std::string> written;  // the conflict file resolve wrote last
};

// The choices of this merge (those of another merge are stale: none).
State load_state(const std::string& root, const std::string& name, const std::string& merge_head) {
  State st;
  std::ifstream in(state_dir(root) + "/" + name);
  std::string line;
  if (!std::getline(in, line) || line != "merge " + merge_head) return st;
  while (std::getline(in, line)) {
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    st.choices.push_back({line.substr(tab + 1), line.compare(0, tab, "theirs") == 0 ? Side::theirs : Side::ours});
  }
  std::string written = state_dir(root) + "/" + name + ".written";
  if (fs::exists(written)) st.written = read_text(written);
  return st;
}

void save_state(const std::string& root, const std::string& name, const std::string& merge_head, const State& st) {
  std::string s = "merge " + merge_head + "\n";
  for (const auto& c : st.choices) s += std::string(c.side == Side::ours ? "ours" : "theirs") + "\t" + c.path + "\n";
  write_file_atomic(state_dir(root) + "/" + name + ".written", st.written.value_or(""));
  write_file_atomic(state_dir(root) + "/" + name, s);
}

void clear_state(const std::string& root, const std::string& name) {
  std::error_code ec;
  fs::remove(state_dir(root) + "/" + name, ec);
  fs::remove(state_dir(root) + "/" + name + ".written", ec);
}

// A FIELD replaces the earlier choices at or under it; no FIELD (every conflict) replaces none.
void add_choices(MergeChoices& choices, Side side, const std::vector<std::string>& fields) {
  if (fields.empty()) return choices.push_back({"", side});
  for (const auto& f : fields) {
    MergeChoices kept;
    for (const auto& c : choices)
      if (c.path.empty() || !covers(f, c.path)) kept.push_back(c);
    kept.push_back({f, side});
    choices = kept;
  }
}

// ---- The merge by meaning of the three versions ----

struct Versions {
  std::string base, ours, theirs;
};

Versions versions(const GitProgram& git, const Target& t) {
  std::optional<std::string> b = stage(git, 1, t.rel), o = stage(git, 2, t.rel), th = stage(git, 3, t.rel);
  if (!o || !th)
    fail(ErrorKind::conflict, txf("{} was deleted on one side: settle it by hand, then `casectl resolve {} --done`",
                                  t.name, t.name));
  if (!b)
    fail(ErrorKind::conflict, txf("{} was added on both sides with no common version: settle it by hand, then "
                                  "`casectl resolve {} --done`", t.name, t.name));
  return {*b, *o, *th};
}

struct Merge {
  std::string text;                      // the merged file, stable form
  std::vector<MergeConflict> conflicts;  // the merge's, then (when none) the rules'
  std::optional<Record> record;          // the merged record (records only)
};

Record decode(const std::string& text, const std::string& display) {
  return decode_record(load_yaml(text, display), display);
}

RuleContext rule_context(const Config& config) { return RuleContext{config, today(), std::nullopt, nullptr, now()}; }

// The merge with choices; with_rules: a clean merge of a record must also keep the rules.
Merge merge(const Target& t, const Versions& v, const MergeChoices& choices, const Config& config, bool with_rules) {
  Merge m;
  if (t.settings) {
    auto c = merge_configs(parse_config(v.base, t.rel + " (base)"), parse_config(v.ours, t.rel + " (ours)"),
                           parse_config(v.theirs, t.rel + " (theirs)"), choices);
    m.text = emit_config(c.merged);
    parse_config(m.text, t.rel);  // what is written must load
    m.conflicts = c.conflicts;
    return m;
  }
  Record o = decode(v.ours, t.rel + " (ours)"), th = decode(v.theirs, t.rel + " (theirs)");
  auto r = merge_records(decode(v.base, t.rel + " (base)"), o, th, choices);
  m.conflicts = r.conflicts;
  if (m.conflicts.empty() && with_rules) m.conflicts = rule_conflicts(r.merged, o, th, rule_context(config));
  m.text = emit_record(r.merged);
  m.record = r.merged;
  return m;
}

// Error(usage) for a FIELD with no conflict at or under it, naming the conflicts there are.
void require_fields(const Target& t, const std::vector<std::string>& fields, const std::vector<MergeConflict>& conflicts) {
  std::vector<std::string> paths;
  for (const auto& c : conflicts) paths.push_back(c.path);
  for (const auto& f : fields) {
    bool found = false;
    for (const auto& p : paths) found = found || covers(f, p);
    if (found) continue;
    if (paths.empty()) fail(ErrorKind::usage, txf("no conflict at {} in {}: the merge of its fields has none", f, t.name));
    fail(ErrorKind::usage, txf("no conflict at {} in {}; its conflicts: {}", f, t.name, joined(paths)));
  }
}

// ---- Settling: documents, git add, the merge commit ----

// The documents in the case folder, rendered again from r (core/document_refresh.hpp) and
// written; their paths from the root.
std::vector<std::string> render_documents(const std::string& root, const Record& r, const Config& config) {
  std::vector<std::string> out;
  std::optional<CaseId> id = parse_case_id(r.id);
  if (!id) return out;
  for (const FileChange& d : documents_rendered_again(r, config, root, case_dir(*id))) {
    write_file_atomic(root + "/" + d.path, d.content);
    out.push_back(d.path);
  }
  return out;
}

// The subject of the merge commit: sync's when MERGE_HEAD is a remote's branch, else one naming it.
std::string merge_subject(const GitProgram& git, const std::string& merge_head) {
  ProcessResult r = git.run({"for-each-ref", "--points-at", merge_head, "--format=%(refname:strip=2)", "refs/remotes/"});
  std::istringstream refs(r.started && r.status == 0 ? r.out : "");
  for (std::string ref; std::getline(refs, ref);) {
    std::size_t slash = ref.find('/');
    if (slash != std::string::npos && ref.substr(slash + 1) != "HEAD")
      return sync_merge_subject(ref.substr(0, slash), ref.substr(slash + 1));
  }
  return "resolve: merge " + merge_head.substr(0, 12);
}

// Writes the settled text, renders the documents of record, stages them, and commits the merge
// when no file is left unmerged.
ResolveOutcome settle(const std::string& root, const GitProgram& git, const Target& t, const std::string& text,
                      const Record* record, const Config& config, const std::string& merge_head) {
  ResolveOutcome o;
  o.name = t.name;
  write_file_atomic(root + "/" + t.rel, text);
  o.staged.push_back(t.rel);
  if (record)
    for (const auto& rel : render_documents(root, *record, config)) o.staged.push_back(rel);
  std::vector<std::string> add{"add", "--"};
  add.insert(add.end(), o.staged.begin(), o.staged.end());
  git.text(add, "cannot stage the resolved files");
  clear_state(root, t.name);
  o.unmerged = shown(unmerged_files(git));
  if (!o.unmerged.empty()) return o;
  git.text({"commit", "--quiet", "-m", merge_subject(git, merge_head)}, "cannot commit the merge");
  o.commit = git.commit_of("HEAD");
  std::error_code ec;
  fs::remove_all(state_dir(root), ec);
  return o;
}

// True when the case's record merged (it is not in conflict) but documents of its folder are: a
// plain `git pull` merges documents as text, and both sides rendered them again.
bool only_documents_in_conflict(const GitProgram& git, const Target& t) {
  if (t.settings) return false;
  const std::string folder = t.rel.substr(0, t.rel.rfind('/') + 1);
  bool documents = false;
  for (const auto& p : unmerged_files(git)) {
    if (p == t.rel) return false;
    documents = documents || p.compare(0, folder.size(), folder) == 0;
  }
  return documents;
}

// Documents in conflict as text are never settled as text: rendered again from the merged
// record (as it stands, hand edits and comments kept), staged, the merge committed when nothing
// else is in conflict.
ResolveOutcome settle_documents(const std::string& root, const GitProgram& git, const Target& t, const Config& config,
                                const std::string& merge_head) {
  std::string text = read_text(root + "/" + t.rel);
  if (int line = conflict_marker_line(text))
    fail(ErrorKind::malformed, tx("a conflict marker line is in the record: settle it, then run resolve again"),
         Place{t.rel, line, 1});
  LoadedRecord loaded{Record{}, load_yaml(text, t.rel), t.rel};
  loaded.record = decode_record(loaded.tree, t.rel);
  require_own_id(loaded, t.name);
  return settle(root, git, t, text, &loaded.record, config, merge_head);
}

}  // namespace

void forget_resolve_choices(const std::string& root) {
  std::error_code ec;
  fs::remove_all(state_dir(root), ec);
}

Config settings_during_merge(const std::string& root) {
  GitProgram git(root);
  for (const auto& p : git.commit_of("MERGE_HEAD").empty() ? std::vector<std::string>{} : unmerged_files(git))
    if (p == kConfigFile)
      if (std::optional<std::string> ours = stage(git, 2, kConfigFile)) return parse_config(*ours, "casectl.yaml (ours)");
  return load_config(root);
}

ResolveOutcome resolve_take(const std::string& root, const std::string& name, Side side,
                            const std::vector<std::string>& fields, const Worker& by, const Config& config) {
  Target t = target_of(name);
  Lock lock(root, lock_holder(by.id, "resolve " + t.name));
  GitProgram git = git_as(root, by);
  std::string merge_head = require_merge(git);
  if (only_documents_in_conflict(git, t)) return settle_documents(root, git, t, config, merge_head);
  require_in_conflict(git, t);
  Versions v = versions(git, t);
  State st = load_state(root, t.name, merge_head);
  std::string file = read_text(root + "/" + t.rel);
  Merge m;
  try {
    // The file as the merge driver writes it (again after `git checkout --merge`): no choices yet.
    Merge plain = merge(t, v, {}, config, true);
    if (file == merge_conflict_file(t.name, plain.conflicts, {}, plain.text, v.theirs)) st = State{};
    else if (!st.written || file != *st.written)  // changed since the driver or resolve wrote it
      fail(ErrorKind::conflict,
           txf("{} was edited by hand since the conflict file was written: finish it with `casectl resolve {} --done` "
               "(or `git checkout --merge -- {}` to start again)", t.name, t.name, t.rel));
    require_fields(t, fields, merge(t, v, {}, config, false).conflicts);
    add_choices(st.choices, side, fields);
    m = merge(t, v, st.choices, config, true);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::malformed) throw;
    fail(ErrorKind::conflict, txf("{} cannot be merged by meaning ({}): settle it by hand, then `casectl resolve {} --done`",
                                  t.name, e.what(), t.name));
  }
  if (!m.conflicts.empty()) {
    std::string text = merge_conflict_file(t.name, m.conflicts, st.choices, m.text, v.theirs);
    write_file_atomic(root + "/" + t.rel, text);
    st.written = text;
    save_state(root, t.name, merge_head, st);
    ResolveOutcome o;
    o.name = t.name;
    o.remaining = m.conflicts;
    o.unmerged = shown(unmerged_files(git));
    return o;
  }
  return settle(root, git, t, m.text, m.record ? &*m.record : nullptr, config, merge_head);
}

ResolveOutcome resolve_done(const std::string& root, const std::string& name, const Worker& by, const Config& config) {
  Target t = target_of(name);
  Lock lock(root, lock_holder(by.id, "resolve " + t.name));
  GitProgram git = git_as(root, by);
  std::string merge_head = require_merge(git);
  if (only_documents_in_conflict(git, t)) return settle_documents(root, git, t, config, merge_head);
  require_in_conflict(git, t);
  std::string text = read_text(root + "/" + t.rel);
  if (int line = conflict_marker_line(text))
    fail(ErrorKind::malformed,
         tx("a conflict marker line is left (rule: no <<<<<<<, |||||||, ======= or >>>>>>> line may stay): "
            "settle that part, delete the marker lines, then run --done again"),
         Place{t.rel, line, 1});
  if (t.settings) return settle(root, git, t, emit_config(parse_config(text, t.rel)), nullptr, config, merge_head);
  LoadedRecord loaded{Record{}, load_yaml(text, t.rel), t.rel};
  loaded.record = decode_record(loaded.tree, t.rel);
  require_own_id(loaded, t.name);
  std::vector<Problem> problems;
  std::optional<std::string> o = stage(git, 2, t.rel), th = stage(git, 3, t.rel);
  try {
    if (!o || !th) fail(ErrorKind::malformed, "");
    problems = merge_problems(loaded.record, decode(*o, t.rel), decode(*th, t.rel), rule_context(config));
  } catch (const Error&) {
    problems = check_record(loaded.record, rule_context(config));  // a side does not load: every rule
  }
  for (auto& p : problems) p.place = locate(loaded, p.field);
  refuse_if(problems);
  return settle(root, git, t, emit_record(loaded.record), &loaded.record, config, merge_head);
}

}  // namespace casectl
