#include "core/case_store.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/editor_copy.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/journal.hpp"

namespace casectl {
namespace {

bool is_file(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string current_dir() {
  char buf[4096];
  if (!::getcwd(buf, sizeof buf)) fail(ErrorKind::internal, tx("cannot read the current folder"));
  return buf;
}

Author author_of(const Worker& w) { return Author{w.name.empty() ? w.id : w.name, w.email}; }

}  // namespace

std::string find_root(const std::optional<std::string>& dash_c) {
  auto check = [](const std::string& dir, const char* how) {
    if (!is_file(dir + "/" + kConfigFile))
      fail(ErrorKind::not_found,
           txf("{} {} is not a case directory (no {}); make one with `casectl init DIR`", how, dir, kConfigFile));
    return dir;
  };
  if (dash_c && !dash_c->empty()) return check(*dash_c, "-C");
  if (const char* env = std::getenv("CASECTL_DIR"); env && *env) return check(env, "CASECTL_DIR");
  std::string dir = current_dir();
  while (true) {
    if (is_file(dir + "/" + kConfigFile)) return dir;
    auto slash = dir.rfind('/');
    if (slash == std::string::npos || dir == "/") break;
    dir = slash == 0 ? "/" : dir.substr(0, slash);
  }
  fail(ErrorKind::not_found,
       txf("not in a case directory (no {} here or in any parent); use -C DIR, set CASECTL_DIR, or "
           "make one with `casectl init DIR`",
           kConfigFile));
}

std::string commit_message(const std::string& case_id, const ChangeSummary& change,
                           const std::string& stage, const std::string& worker_id) {
  std::string subject = change.action + " " + case_id;
  if (!change.summary.empty()) subject += ": " + change.summary;
  std::string text = fmt::format("{}\n\nCase: {}\nStage: {}\nWorker: {}\n", subject, case_id, stage, worker_id);
  for (const auto& [key, value] : change.trailers) text += fmt::format("{}: {}\n", key, value);
  return text;
}

std::string commit_message(const ChangeSummary& change, const std::string& worker_id) {
  std::string subject = change.action;
  if (!change.summary.empty()) subject += ": " + change.summary;
  return fmt::format("{}\n\nWorker: {}\n", subject, worker_id);
}

Error case_not_found(const CaseId& id, const std::string& at) {
  if (!at.empty()) return Error(ErrorKind::not_found, txf("no case {} at {}", id.str(), at));
  return Error(ErrorKind::not_found, txf("no case {} ({} does not exist)", id.str(), case_file(id)));
}

std::string lock_holder(const std::string& worker_id, const std::string& command) {
  return fmt::format("{}: casectl {}", worker_id, command);
}

namespace {

// Finishes or rolls back a change that was interrupted in root (core/journal.hpp), under the
// lock, before anything reads the case directory; "" when there was none.
std::string recover_at_start(const std::string& root) {
  if (!journal_pending(root)) return "";
  Repo repo(root);
  Lock lock(root, "recovery");
  return recover(root, repo.handle()).local();
}

}  // namespace

CaseStore::CaseStore(const std::string& root)
    : root_(root), recovered_(recover_at_start(root)), config_(load_config(root)), repo_(root) {}

bool CaseStore::exists(const CaseId& id) const { return is_file(root_ + "/" + case_file(id)); }

LoadedRecord CaseStore::load(const CaseId& id) const {
  std::string rel = case_file(id);
  require_no_symlinks(root_, rel);
  if (!exists(id)) throw case_not_found(id);
  LoadedRecord loaded = load_record(root_ + "/" + rel, rel);
  require_own_id(loaded, id.str());
  return loaded;
}

void CaseStore::prepare_locked() {
  recover(root_, repo_.handle());  // leftovers of an interrupted change (another process's)
  remove_stale_editor_copies(root_);  // those of a killed `casectl edit` (core/editor_copy.hpp)
  repo_.require_clean_state();
}

CaseId CaseStore::create(const Worker& by, const Date& opened,
                         const std::function<ChangeSummary(Record&)>& fill) {
  return create_maybe_with(by, opened, nullptr, [&](Record& r, Record*) { return fill(r); });
}

CaseId CaseStore::create_with(const Worker& by, const Date& opened, const CaseId& other,
                              const std::function<ChangeSummary(Record&, Record&)>& fill) {
  return create_maybe_with(by, opened, &other, [&](Record& r, Record* o) { return fill(r, *o); });
}

CaseId CaseStore::create_maybe_with(const Worker& by, const Date& opened, const CaseId* other,
                                    const std::function<ChangeSummary(Record&, Record*)>& fill) {
  return locked_change(lock_holder(by.id, "new"), [&] {
    const int year = id_year(opened, config_.id_scheme);  // calendar, or fiscal (年度)
    require_no_symlinks(root_, "cases/" + std::to_string(year));
    std::string head = repo_.head();
    std::optional<Record> ro;
    if (other) {
      if (!exists(*other)) throw case_not_found(*other);
      repo_.require_unmodified(case_file(*other));
      ro = load(*other).record;
    }
    CaseId id = next_case_id(root_, config_.id_prefix, year);
    std::string rel = case_file(id);
    repo_.require_unmodified(rel);
    Record r;
    r.id = id.str();
    r.opened = opened;
    r.worker = by.id;
    ChangeSummary change = fill(r, ro ? &*ro : nullptr);
    if (other)
      commit_records(by, id, rel, r, case_file(*other), *ro, change, head);
    else
      commit_record(by, id, rel, r, change, head);
    return id;
  });
}

std::string CaseStore::change(const Worker& by, const CaseId& id,
                              const std::function<ChangeSummary(Record&)>& mutate) {
  return locked_change(lock_holder(by.id, "change " + id.str()), [&] {
    std::string rel = case_file(id);
    if (!exists(id)) throw case_not_found(id);
    repo_.require_unmodified(rel);
    std::string head = repo_.head();
    Record r = load(id).record;
    ChangeSummary change = mutate(r);
    return commit_record(by, id, rel, r, change, head);
  });
}

std::string CaseStore::commit_record(const Worker& by, const CaseId& id, const std::string& rel,
                                     const Record& r, ChangeSummary& change, const std::string& head) {
  std::vector<FileChange> files{{rel, emit_record(r)}};
  for (auto& d : change.documents) {
    repo_.require_unmodified(d.path);
    files.push_back(std::move(d));
  }
  return repo_.commit(files, author_of(by), commit_message(id.str(), change, r.status, by.id), head,
                      commit_time(change.event));
}

std::string CaseStore::change_pair(const Worker& by, const CaseId& a, const CaseId& b,
                                   const std::function<ChangeSummary(Record&, Record&)>& mutate) {
  return locked_change(lock_holder(by.id, "change " + a.str() + " " + b.str()), [&] {
    std::string rel_a = case_file(a), rel_b = case_file(b);
    if (!exists(a)) throw case_not_found(a);
    if (!exists(b)) throw case_not_found(b);
    repo_.require_unmodified(rel_a);
    repo_.require_unmodified(rel_b);
    std::string head = repo_.head();
    Record ra = load(a).record;
    Record rb = load(b).record;
    ChangeSummary change = mutate(ra, rb);
    if (a.str() == b.str()) return commit_record(by, a, rel_a, ra, change, head);
    return commit_records(by, a, rel_a, ra, rel_b, rb, change, head);
  });
}

std::string CaseStore::commit_records(const Worker& by, const CaseId& id, const std::string& rel, const Record& r,
                                      const std::string& rel2, const Record& r2, ChangeSummary& change,
                                      const std::string& head) {
  std::vector<FileChange> files{{rel, emit_record(r)}, {rel2, emit_record(r2)}};
  for (auto& d : change.documents) {
    repo_.require_unmodified(d.path);
    files.push_back(std::move(d));
  }
  return repo_.commit(files, author_of(by), commit_message(id.str(), change, r.status, by.id), head,
                      commit_time(change.event));
}

std::string CaseStore::change_settings(const Worker& acting, const std::function<void(Config&)>& mutate,
                                       const std::string& message) {
  const Worker by = acting;  // `acting` may live in config_, which is reloaded below
  return locked_change(lock_holder(by.id, "settings"), [&] {
    repo_.require_unmodified(kConfigFile);
    std::string head = repo_.head();
    config_ = load_config(root_);
    mutate(config_);
    return repo_.commit({{kConfigFile, emit_config(config_)}}, author_of(by), message, head,
                        commit_time());
  });
}

}  // namespace casectl
