// The history index: HEAD's commits described once each, kept in line with HEAD incrementally.
#include "core/history.hpp"
#include "core/i18n.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <future>
#include <system_error>
#include <optional>

#include "core/commit_text.hpp"
#include "core/config_versions.hpp"
#include "core/date.hpp"
#include "core/git.hpp"
#include "core/git_program_log.hpp"
#include "core/history_path_walk.hpp"
#include "core/history_store.hpp"
#include "core/ids.hpp"
#include "core/private_db.hpp"
#include "core/private_dir.hpp"

namespace casectl {

namespace {

constexpr const char* kFileName = "history.sqlite";
constexpr const char* kUpdateLock = "history.update";

// What must change in the index to reach HEAD.
struct Plan {
  bool drop_all = false;             // start afresh
  std::vector<std::string> removed;  // indexed commits no longer in HEAD's history
  std::optional<git_oid> hide;       // where the walk from HEAD stops (the tip, or the last common commit)
};

// The commits reachable from `from` and not from `hide`, newest first (topological order).
std::vector<git_oid> walk(git_repository* repo, const git_oid& from, const std::optional<git_oid>& hide) {
  git_revwalk* raw = nullptr;
  git::check(git_revwalk_new(&raw, repo), tx("cannot walk the history"));
  git::Revwalk w(raw);
  git::check(git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL), tx("cannot walk the history"));
  git::check(git_revwalk_push(raw, &from), tx("cannot walk the history"));
  if (hide) git::check(git_revwalk_hide(raw, &*hide), tx("cannot walk the history"));
  std::vector<git_oid> ids;
  git_oid id;
  int rc;
  while ((rc = git_revwalk_next(&id, raw)) == 0) ids.push_back(id);
  if (rc != GIT_ITEROVER) git::check(rc, tx("cannot walk the history"));
  return ids;
}

// How to go from the indexed tip to head.
Plan plan_for(git_repository* repo, const std::string& tip, const git_oid& head) {
  Plan p;
  git_oid t;
  if (tip.empty() || git_oid_fromstr(&t, tip.c_str()) < 0) {
    p.drop_all = true;
    return p;
  }
  if (git_graph_descendant_of(repo, &head, &t) == 1) {
    p.hide = t;  // the usual case: new commits on top of the tip
    return p;
  }
  git_oid base;
  if (git_merge_base(&base, repo, &head, &t) < 0) {  // unrelated, or the tip is gone
    p.drop_all = true;
    return p;
  }
  for (const git_oid& gone : walk(repo, t, base)) p.removed.push_back(git::to_hex(gone));
  p.hide = base;
  return p;
}

// Describes every commit of ids, on this thread: libgit2 serialises its reads of a pack behind
// one lock, so two threads took more time than one (5.1 s of CPU and 9.1 s against 4.5 s and
// 5.3 s for 100,000 commits on 2 busy cores), and the background update should leave the other
// core to the user.
std::vector<Change> describe_all(git_repository* repo, const std::vector<git_oid>& ids) {
  std::vector<Change> out;
  out.reserve(ids.size());
  for (const git_oid& id : ids) out.push_back(describe(repo, id));
  return out;
}

// .casectl/history.update, held (flock) by the process that brings the index up to date. Not
// held when it cannot be made (a case directory casectl cannot write: the index is then in
// memory and nobody else's).
class UpdateLock {
 public:
  UpdateLock(const std::string& root, bool wait) {
    std::string dir = private_dir_if_possible(root);
    if (dir.empty()) return;
    fd_ = open_private_file(dir, kUpdateLock, O_RDWR | O_CREAT);
    if (fd_ < 0) return;
    while (::flock(fd_, LOCK_EX | (wait ? 0 : LOCK_NB)) < 0) {
      if (errno == EINTR) continue;
      busy_ = errno == EWOULDBLOCK;
      ::close(fd_);
      fd_ = -1;
      return;
    }
  }
  ~UpdateLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  UpdateLock(const UpdateLock&) = delete;
  UpdateLock& operator=(const UpdateLock&) = delete;
  bool busy() const { return busy_; }  // another process holds it

 private:
  int fd_ = -1;
  bool busy_ = false;
};

// libgit2's settings for reading a long history: the trees of the case folders kept in its
// cache (the default limit, 4 KB, leaves out a year's folder of many shards, read again for every
// commit), and objects read without hashing them again (as git reads them; a third of the time).
void tune_for_history() {
  static const bool done = [] {
    git::init();
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<size_t>(1) << 20);
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    return true;
  }();
  (void)done;
}

}  // namespace

Change describe(git_repository* repo, const git_oid& id) {
  git::Commit c = git::lookup_commit(repo, id);
  git::Tree tree = git::commit_tree(c.get());
  git::Tree before;
  if (git_commit_parentcount(c.get()) > 0)
    before = git::commit_tree(git::lookup_commit(repo, *git_commit_parent_id(c.get(), 0)).get());
  TreeChanges touched = compare_trees(repo, before.get(), tree.get());
  std::vector<CaseRename> renames = case_renames(repo, c.get(), touched);
  Change out = describe_commit(c.get(), std::move(touched));
  out.renames = std::move(renames);
  if (auto settings = config_blob(before ? before.get() : tree.get())) out.settings = git::to_hex(*settings);
  return out;
}

Change describe_commit(const git_commit* commit, TreeChanges touched) {
  Change c;
  c.commit = git::to_hex(*git_commit_id(commit));
  const git_signature* committer = git_commit_committer(commit);
  const git_signature* author = git_commit_author(commit);
  c.entered = committer->when.time;
  c.entered_offset = committer->when.offset;
  c.event = author->when.time;
  c.event_offset = author->when.offset;
  c.author_name = author->name ? author->name : "";
  c.author_email = author->email ? author->email : "";
  c.cases = std::move(touched.cases);
  c.outside = touched.outside;
  c.merge = git_commit_parentcount(commit) > 1;
  git::Buf sig;
  c.signature = git_commit_header_field(&sig.buf, commit, "gpgsig") == 0;
  const char* message = git_commit_message(commit);
  CommitText text = parse_commit_text(message ? message : "");
  bool names_touched = text.case_id.empty()
                           ? c.cases.empty()
                           : std::find(c.cases.begin(), c.cases.end(), text.case_id) != c.cases.end();
  c.casectl = text.casectl && !c.merge && names_touched;
  if (c.casectl) {
    c.worker = text.worker;
    c.action = text.action;
    c.summary = text.summary;
  } else {
    c.action = "git";
    c.summary = text.subject;
  }
  return c;
}

bool late_entry(const Change& c) {
  Date event = local_time(static_cast<std::time_t>(c.event)).date;
  Date entered = local_time(static_cast<std::time_t>(c.entered)).date;
  return event.days() < entered.days() - 1;
}

struct History::Impl {
  std::string root;
  git::Repository repo;
  HistoryStore store;
  bool refreshed = false;
  bool behind = false;
  std::size_t walk_min = History::kWalkMin;

  Impl(const std::string& r) : root(r), repo(git::open(r)), store(private_db_file(r, kFileName)) {}

  // One refresh attempt: false when another process refreshed meanwhile.
  bool refresh_once(HistoryStats& st) {
    auto head = git::head_id(repo.get());
    std::string tip = store.tip();
    std::string head_hex = head ? git::to_hex(*head) : "";
    if (tip == head_hex) return true;
    Plan p;
    std::vector<git_oid> ids;
    if (head) {
      p = plan_for(repo.get(), tip, *head);
      ids = walk(repo.get(), *head, p.hide);
    } else {
      p.drop_all = true;  // no commit on HEAD's branch
    }
    std::vector<Change> added = describe_all(repo.get(), ids);
    std::reverse(added.begin(), added.end());  // oldest first: positions grow with the history
    if (!store.update(tip, p.drop_all, p.removed, added, head_hex)) return false;
    st.added = added.size();
    st.removed = p.removed.size();
    st.rebuilt = st.rebuilt || (p.drop_all && !tip.empty());
    return true;
  }

  // One refresh (see History::refresh), the update lock held by the caller.
  HistoryStats refresh() {
    HistoryStats st;
    store.with_db([&] {
      st = HistoryStats{};
      for (int attempt = 0; attempt < 5 && !refresh_once(st); ++attempt) {
      }
      return 0;
    });
    st.rebuilt = store.take_rebuilt() || st.rebuilt;
    refreshed = true;
    return st;
  }

  // changes(case_id) without the index, while it has nothing usable (missing, made anew, or
  // for another history) and HEAD has at least walk_min commits: the commits that changed the
  // case's folder, as git's own log finds them (asked while HEAD's history is walked here for
  // the order), or by a libgit2 walk limited to the folder when git cannot be run. None when
  // the index can be brought up to date instead (HEAD's history shorter, or the index usable:
  // its missing commits are added at a cost that grows with their number only).
  std::optional<std::vector<Change>> walked(const std::string& case_id) {
    auto head = git::head_id(repo.get());
    if (!head) return std::nullopt;
    bool usable = store.with_db([&] { return !plan_for(repo.get(), store.tip(), *head).drop_all; });
    if (usable) return std::nullopt;
    std::string path = case_dir(require_case_id(case_id));
    std::string gitdir = git_repository_path(repo.get()), head_hex = git::to_hex(*head);
    auto ask_git = [=] { return git_program_log(gitdir, head_hex, path); };
    std::future<std::optional<std::vector<std::string>>> asked;
    try {
      asked = std::async(std::launch::async, ask_git);
    } catch (const std::system_error&) {
      asked = std::async(std::launch::deferred, ask_git);  // no thread to spare: ask after the walk
    }
    std::vector<git_oid> ids = walk(repo.get(), *head, std::nullopt);
    std::optional<std::vector<std::string>> candidates = asked.get();
    if (ids.size() < walk_min) return std::nullopt;
    return followed(ids, case_id, path_changes(repo.get(), ids, path, candidates), candidates.has_value(),
                    gitdir, head_hex);
  }

  // The changes of case_id among `hits` (its folder's, from path_changes over ids), followed back
  // across its renumberings as HistoryStore::changes follows them in the index (the same
  // segments, by position in ids), asking git again for each former ID's folder when it was
  // asked for the first (`by_git`), else walking.
  std::vector<Change> followed(const std::vector<git_oid>& ids, const std::string& case_id, std::vector<PathHit> hits,
                               bool by_git, const std::string& gitdir, const std::string& head_hex) {
    std::vector<Change> out;
    std::string id = case_id;
    std::size_t bound = 0;  // only hits at an index of ids >= bound (older than what was taken)
    for (;;) {
      const PathHit* into = nullptr;  // the newest renumbering into id, and away from it
      const PathHit* away = nullptr;
      for (const PathHit& h : hits) {
        if (h.index < bound) continue;
        for (const CaseRename& r : h.change.renames) {
          if (!into && r.to == id) into = &h;
          if (!away && r.from == id) away = &h;
        }
      }
      bool follow = into && (!away || into->index <= away->index);
      std::size_t end = follow ? into->index + 1 : away ? away->index : ids.size();
      std::string former;
      if (follow)
        for (const CaseRename& r : into->change.renames)
          if (r.to == id) former = r.from;
      for (PathHit& h : hits)
        if (h.index >= bound && h.index < end) {
          h.change.case_id = id;
          out.push_back(std::move(h.change));
        }
      if (!follow) return out;
      bound = end;
      id = former;
      std::string path = case_dir(require_case_id(id));
      std::optional<std::vector<std::string>> candidates;
      if (by_git) candidates = git_program_log(gitdir, head_hex, path);
      hits = path_changes(repo.get(), ids, path, candidates);
    }
  }
};

History::History(const std::string& root) : impl_((tune_for_history(), std::make_unique<Impl>(root))) {}

History::~History() = default;

HistoryStats History::refresh() {
  UpdateLock hold(impl_->root, true);
  return impl_->refresh();
}

std::optional<HistoryStats> History::refresh_unless_busy() {
  UpdateLock hold(impl_->root, false);
  if (hold.busy()) return std::nullopt;
  return impl_->refresh();
}


void History::set_walk_min(std::size_t n) { impl_->walk_min = n; }

bool History::behind() const { return impl_->behind; }

std::vector<Change> History::changes(const std::string& case_id) {
  impl_->behind = false;
  if (!impl_->refreshed && !case_id.empty()) {
    if (auto out = impl_->walked(case_id)) {
      impl_->behind = true;
      return std::move(*out);
    }
  }
  if (!impl_->refreshed) refresh();
  return impl_->store.with_db([&] { return impl_->store.changes(case_id); });
}

std::vector<Change> History::entered_between(std::int64_t from, std::int64_t to) {
  if (!impl_->refreshed) refresh();
  return impl_->store.with_db([&] { return impl_->store.entered_between(from, to); });
}

std::optional<Change> History::renumbered_away(const std::string& case_id) {
  if (!impl_->refreshed) refresh();
  return impl_->store.with_db([&] { return impl_->store.renumbered_away(case_id); });
}

std::vector<std::pair<std::string, std::string>> History::verdicts(const std::vector<std::string>& ids,
                                                                   const std::string& keys) {
  return impl_->store.with_db([&] { return impl_->store.verdicts(ids, keys); });
}

void History::keep_verdicts(const std::vector<std::pair<std::string, std::string>>& verdicts,
                            const std::string& keys) {
  if (verdicts.empty()) return;
  impl_->store.with_db([&] {
    impl_->store.keep_verdicts(verdicts, keys);
    return 0;
  });
}

std::string History::file_path(const std::string& root) { return root + "/.casectl/" + kFileName; }

}  // namespace casectl
