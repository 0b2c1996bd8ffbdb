// SignatureCheck: git_commit_extract_signature, ssh-keygen -Y verify / check-novalidate, and
// the verdicts kept in the history index.
#include "core/signature_check.hpp"

#include <map>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/git.hpp"
#include "core/signing.hpp"
#include "core/subprocess.hpp"
#include "core/temp_file.hpp"

namespace casectl {
namespace {

constexpr std::size_t kMaxOutput = 64 * 1024;

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
  git::check(git_odb_hash(&id, s.data(), s.size(), GIT_OBJECT_BLOB), "cannot hash the workers' keys");
  return git::to_hex(id);
}

// The worker a change names: casectl's Worker trailer, else the worker of the author's email.
std::string principal(const Change& c, const Config& config) {
  if (c.casectl) return c.worker;
  const Worker* w = config.worker_by_email(c.author_email);
  return w ? w->id : "";
}

}  // namespace

bool signing_in_use(const Config& config) {
  for (const auto& w : config.workers)
    if (!w.signing_key.empty()) return true;
  return false;
}

struct SignatureCheck::Impl {
  std::string root;
  git_repository* repo;
  const Config& config;
  History& history;
  bool in_use;
  std::string keys;
  std::string program;
  std::optional<TempFile> allowed;  // made at the first verification

  Impl(const std::string& r, git_repository* g, const Config& c, History& h)
      : root(r), repo(g), config(c), history(h), in_use(signing_in_use(c)), keys(keys_hash(c)), program(ssh_program(g)) {}

  // ssh-keygen with args, the payload on its stdin: true when it exits 0.
  bool run(std::vector<std::string> args, const std::string& payload) {
    args.insert(args.begin(), program);
    ProcessResult r = run_process(args, payload, kMaxOutput);
    if (!r.started)
      fail(ErrorKind::internal, fmt::format("cannot verify signatures: {} could not be run ({}); install openssh-client",
                                            program, r.spawn_error));
    return r.status == 0;
  }

  // The verdict of a change that carries a signature.
  std::string verify(const Change& c) {
    git_oid id;
    git::check(git_oid_fromstr(&id, c.commit.c_str()), "not a commit id");
    git::Buf sig, data;
    int rc = git_commit_extract_signature(&sig.buf, &data.buf, repo, &id, "gpgsig");
    if (rc == GIT_ENOTFOUND) return in_use ? "unsigned" : "none";
    git::check(rc, "cannot read the signature of commit " + c.commit.substr(0, 10));
    std::string signature = sig.str();
    if (signature.rfind("-----BEGIN SSH SIGNATURE-----", 0) != 0) return "not-the-author";
    TempFile sigfile(root, "signature", signature + "\n");
    std::string who = principal(c, config);
    const Worker* w = config.worker(who);
    if (w && !w->signing_key.empty()) {
      if (!allowed) allowed.emplace(root, "allowed-signers", allowed_signers(config));
      if (run({"-Y", "verify", "-f", allowed->path(), "-I", who, "-n", "git", "-s", sigfile.path()}, data.str()))
        return "signed";
    }
    return run({"-Y", "check-novalidate", "-n", "git", "-s", sigfile.path()}, data.str()) ? "not-the-author" : "bad";
  }
};

SignatureCheck::SignatureCheck(const std::string& root, git_repository* repo, const Config& config, History& history)
    : impl_(std::make_unique<Impl>(root, repo, config, history)) {}

SignatureCheck::~SignatureCheck() = default;

std::vector<std::string> SignatureCheck::verdicts(const std::vector<Change>& changes) {
  std::vector<std::string> out(changes.size());
  std::vector<std::string> wanted;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (changes[i].signature) wanted.push_back(changes[i].commit);
    else out[i] = impl_->in_use ? "unsigned" : "none";
  }
  if (wanted.empty()) return out;
  std::map<std::string, std::string> known;
  for (auto& [id, v] : impl_->history.verdicts(wanted, impl_->keys)) known[id] = v;
  std::vector<std::pair<std::string, std::string>> fresh;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (!changes[i].signature) continue;
    auto it = known.find(changes[i].commit);
    if (it != known.end()) {
      out[i] = it->second;
      continue;
    }
    out[i] = impl_->verify(changes[i]);
    known[changes[i].commit] = out[i];
    fresh.emplace_back(changes[i].commit, out[i]);
  }
  impl_->history.keep_verdicts(fresh, impl_->keys);
  return out;
}

}  // namespace casectl
