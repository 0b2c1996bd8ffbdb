// The history index: HEAD's commits described once each, kept in line with HEAD incrementally.
#include "core/history.hpp"

#include <algorithm>
#include <optional>
#include <thread>

#include "core/commit_text.hpp"
#include "core/config_versions.hpp"
#include "core/date.hpp"
#include "core/git.hpp"
#include "core/history_store.hpp"
#include "core/parallel.hpp"
#include "core/private_db.hpp"

namespace casectl {

namespace {

constexpr const char* kFileName = "history.sqlite";
constexpr std::size_t kPerThread = 2048;  // fewer commits than this a thread are described by one

// What must change in the index to reach HEAD.
struct Plan {
  bool drop_all = false;             // start afresh
  std::vector<std::string> removed;  // indexed commits no longer in HEAD's history
  std::optional<git_oid> hide;       // where the walk from HEAD stops (the tip, or the last common commit)
};

// The commits reachable from `from` and not from `hide`, newest first (topological order).
std::vector<git_oid> walk(git_repository* repo, const git_oid& from, const std::optional<git_oid>& hide) {
  git_revwalk* raw = nullptr;
  git::check(git_revwalk_new(&raw, repo), "cannot walk the history");
  git::Revwalk w(raw);
  git::check(git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL), "cannot walk the history");
  git::check(git_revwalk_push(raw, &from), "cannot walk the history");
  if (hide) git::check(git_revwalk_hide(raw, &*hide), "cannot walk the history");
  std::vector<git_oid> ids;
  git_oid id;
  int rc;
  while ((rc = git_revwalk_next(&id, raw)) == 0) ids.push_back(id);
  if (rc != GIT_ITEROVER) git::check(rc, "cannot walk the history");
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

// The tree of a commit's first parent, or none for a first commit.
git::Tree first_parent_tree(git_repository* repo, const git_commit* c) {
  if (git_commit_parentcount(c) == 0) return git::Tree();
  git::Commit parent = git::lookup_commit(repo, *git_commit_parent_id(c, 0));
  return git::commit_tree(parent.get());
}

// Describes the commits ids[begin, end) with repo.
void describe_range(git_repository* repo, const std::vector<git_oid>& ids, std::size_t begin,
                    std::size_t end, std::vector<Change>& out) {
  for (std::size_t i = begin; i < end; ++i) {
    git::Commit c = git::lookup_commit(repo, ids[i]);
    git::Tree tree = git::commit_tree(c.get());
    git::Tree before = first_parent_tree(repo, c.get());
    out[i] = describe_commit(c.get(), compare_trees(repo, before.get(), tree.get()));
    auto settings = config_blob(before ? before.get() : tree.get());
    if (settings) out[i].settings = git::to_hex(*settings);
  }
}

// Describes every commit of ids, on every core: one contiguous range each (consecutive commits
// share their trees, which libgit2 caches per repository), the first with repo, the others each
// with a repository handle of their own (libgit2's objects are not shared between threads).
std::vector<Change> describe_all(const std::string& root, git_repository* repo, const std::vector<git_oid>& ids) {
  std::vector<Change> out(ids.size());
  std::size_t threads = std::max<std::size_t>(1, std::thread::hardware_concurrency());
  std::size_t slices = std::max<std::size_t>(1, std::min(threads, ids.size() / kPerThread));
  std::size_t per = (ids.size() + slices - 1) / slices;
  parallel_for(slices, [&](std::size_t s) {
    git::Repository own = s == 0 ? git::Repository() : git::open(root);
    describe_range(s == 0 ? repo : own.get(), ids, s * per, std::min(ids.size(), (s + 1) * per), out);
  });
  return out;
}

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
    std::vector<Change> added = describe_all(root, repo.get(), ids);
    std::reverse(added.begin(), added.end());  // oldest first: positions grow with the history
    if (!store.update(tip, p.drop_all, p.removed, added, head_hex)) return false;
    st.added = added.size();
    st.removed = p.removed.size();
    st.rebuilt = st.rebuilt || (p.drop_all && !tip.empty());
    return true;
  }
};

History::History(const std::string& root) : impl_((tune_for_history(), std::make_unique<Impl>(root))) {}

History::~History() = default;

HistoryStats History::refresh() {
  HistoryStats st;
  impl_->store.with_db([&] {
    st = HistoryStats{};
    for (int attempt = 0; attempt < 5 && !impl_->refresh_once(st); ++attempt) {
    }
    return 0;
  });
  st.rebuilt = impl_->store.take_rebuilt() || st.rebuilt;
  impl_->refreshed = true;
  return st;
}

std::vector<Change> History::changes(const std::string& case_id) {
  if (!impl_->refreshed) refresh();
  return impl_->store.with_db([&] { return impl_->store.changes(case_id); });
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
