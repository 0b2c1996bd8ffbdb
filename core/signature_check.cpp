// SignatureCheck: the keys in force at each change, git_commit_extract_signature, ssh-keygen
// -Y verify / check-novalidate on every core, and the verdicts kept in the history index.
#include "core/i18n.hpp"
#include "core/signature_check.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "core/config_versions.hpp"
#include "core/error.hpp"
#include "core/git.hpp"
#include "core/parallel.hpp"
#include "core/scratch_dir.hpp"
#include "core/signing.hpp"
#include "core/subprocess.hpp"
#include "core/temp_file.hpp"

namespace casectl {
namespace {

constexpr std::size_t kMaxOutput = 64 * 1024;
constexpr std::size_t kBatch = 256;  // signatures read before their ssh-keygens run

// The allowed-signers text of config: one line per worker with a key, the worker ID as principal.
std::string allowed_signers(const Config& config) {
  std::string s;
  for (const auto& w : config.workers)
    if (!w.signing_key.empty()) s += fmt::format("{} namespaces=\"git\" {}\n", w.id, w.signing_key);
  return s;
}

// What a verdict depends on besides the commit: the keys and who each email belongs to.
std::string keys_hash(const Config& config) {
  std::string s = allowed_signers(config);
  for (const auto& w : config.workers) s += fmt::format("{}\t{}\n", w.id, w.email);
  git_oid id;
  git::init();
  git::check(git_odb_hash(&id, s.data(), s.size(), GIT_OBJECT_BLOB), tx("cannot hash the workers' keys"));
  return git::to_hex(id);
}

// The worker a change names: casectl's Worker trailer, else the worker of the author's email.
std::string principal(const Change& c, const Config& config) {
  if (c.casectl) return c.worker;
  const Worker* w = config.worker_by_email(c.author_email);
  return w ? w->id : "";
}

// The workers and keys a change is judged by: those of the casectl.yaml in force when it was made.
struct Keys {
  const Config* config = nullptr;
  bool in_use = false;
  std::string hash;                 // keys_hash(): the key of its verdicts in the history index
  std::optional<TempFile> allowed;  // its allowed-signers file, made at its first verification
};

// One signature to verify: the change's index, its keys, the worker it names (when that worker
// had a key), the signature and the signed data.
struct Job {
  std::size_t index;
  Keys* keys;
  std::string who;
  std::string signature, data;
};

}  // namespace

bool signing_in_use(const Config& config) {
  for (const auto& w : config.workers)
    if (!w.signing_key.empty()) return true;
  return false;
}

struct SignatureCheck::Impl {
  std::string root;
  git_repository* repo;
  const Config& config;  // HEAD's: for a change whose casectl.yaml cannot be read
  History& history;
  ConfigVersions versions;
  std::optional<ScratchDir> scratch;  // made at the first verification; outlives the files in it
  std::map<std::string, Keys> keys;   // by the settings blob of the changes judged by them
  std::string program;

  Impl(const std::string& r, git_repository* g, const Config& c, History& h)
      : root(r), repo(g), config(c), history(h), versions(g), program(ssh_program(g)) {}

  // The keys change c is judged by: the settings in force when it was made (today's when that
  // casectl.yaml is missing or does not load).
  Keys& keys_for(const Change& c) {
    auto [it, added] = keys.try_emplace(c.settings);
    Keys& k = it->second;
    if (added) {
      const Config* then = c.settings.empty() ? nullptr : versions.at(c.settings);
      k.config = then ? then : &config;
      k.in_use = signing_in_use(*k.config);
      k.hash = keys_hash(*k.config);
    }
    return k;
  }

  // The folder of the files ssh-keygen reads (core/scratch_dir).
  const std::string& scratch_path() {
    if (!scratch) scratch.emplace(root);
    return scratch->path();
  }

  // ssh-keygen with args, the payload on its stdin: true when it exits 0.
  bool run(std::vector<std::string> args, const std::string& payload) const {
    args.insert(args.begin(), program);
    ProcessResult r = run_process(args, payload, kMaxOutput);
    if (!r.started)
      fail(ErrorKind::internal, txf("cannot verify signatures: {} could not be run ({}); install openssh-client",
                                            program, r.spawn_error));
    return r.status == 0;
  }

  // The verdict of a change whose signature is not to be verified, or its Job (verdict "").
  std::string prepare(const Change& c, std::size_t index, Job& job) {
    Keys& k = keys_for(c);
    git_oid id;
    git::check(git_oid_fromstr(&id, c.commit.c_str()), tx("not a commit id"));
    git::Buf sig, data;
    int rc = git_commit_extract_signature(&sig.buf, &data.buf, repo, &id, "gpgsig");
    if (rc == GIT_ENOTFOUND) return k.in_use ? "unsigned" : "none";
    git::check(rc, txf("cannot read the signature of commit {}", c.commit.substr(0, 10)));
    std::string signature = sig.str();
    if (signature.rfind("-----BEGIN SSH SIGNATURE-----", 0) != 0) return "not-the-author";
    scratch_path();  // made here, before verify() runs on other threads
    std::string who = principal(c, *k.config);
    const Worker* w = k.config->worker(who);
    if (w && !w->signing_key.empty()) {
      if (!k.allowed) k.allowed.emplace(scratch_path(), "allowed-signers", allowed_signers(*k.config));
      job.who = who;
    }
    job.index = index;
    job.keys = &k;
    job.signature = signature + "\n";
    job.data = data.str();
    return "";
  }

  // The verdict of a job (run on any thread).
  std::string verify(const Job& j) const {
    TempFile sigfile(scratch->path(), "signature", j.signature);
    if (!j.who.empty() &&
        run({"-Y", "verify", "-f", j.keys->allowed->path(), "-I", j.who, "-n", "git", "-s", sigfile.path()}, j.data))
      return "signed";
    return run({"-Y", "check-novalidate", "-n", "git", "-s", sigfile.path()}, j.data) ? "not-the-author" : "bad";
  }

  // Verifies the changes `which` of changes into out, kBatch at a time (bounded memory): their
  // signatures read here (libgit2's objects stay on this thread), ssh-keygen run on every core.
  void verify_all(const std::vector<Change>& changes, const std::vector<std::size_t>& which,
                  std::vector<std::string>& out) {
    for (std::size_t from = 0; from < which.size(); from += kBatch) {
      std::vector<Job> jobs;
      for (std::size_t n = from; n < std::min(which.size(), from + kBatch); ++n) {
        Job job{};
        std::size_t i = which[n];
        out[i] = prepare(changes[i], i, job);
        if (out[i].empty()) jobs.push_back(std::move(job));
      }
      parallel_for(jobs.size(), [&](std::size_t n) { out[jobs[n].index] = verify(jobs[n]); });
    }
  }
};

SignatureCheck::SignatureCheck(const std::string& root, git_repository* repo, const Config& config, History& history)
    : impl_(std::make_unique<Impl>(root, repo, config, history)) {}

SignatureCheck::~SignatureCheck() = default;

std::vector<std::string> SignatureCheck::verdicts(const std::vector<Change>& changes) {
  std::vector<std::string> out(changes.size());
  // The signed changes by the settings they are judged by: one look-up in the index each.
  std::map<std::string, std::vector<std::size_t>> signed_by_settings;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (changes[i].signature) signed_by_settings[changes[i].settings].push_back(i);
    else out[i] = impl_->keys_for(changes[i]).in_use ? "unsigned" : "none";
  }
  std::vector<std::size_t> fresh;
  for (const auto& [settings, group] : signed_by_settings) {
    const Keys& k = impl_->keys_for(changes[group.front()]);
    std::vector<std::string> ids;
    for (std::size_t i : group) ids.push_back(changes[i].commit);
    std::map<std::string, std::string> known;
    for (auto& [id, v] : impl_->history.verdicts(ids, k.hash)) known[id] = v;
    for (std::size_t i : group) {
      auto it = known.find(changes[i].commit);
      if (it != known.end()) out[i] = it->second;
      else fresh.push_back(i);
    }
  }
  impl_->verify_all(changes, fresh, out);
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> keep;  // by keys hash
  for (std::size_t i : fresh) keep[impl_->keys_for(changes[i]).hash].emplace_back(changes[i].commit, out[i]);
  for (const auto& [hash, verdicts] : keep) impl_->history.keep_verdicts(verdicts, hash);
  return out;
}

}  // namespace casectl
