// Signing a commit buffer with ssh-keygen and writing the signed commit object.
#include "core/i18n.hpp"
#include "core/signing.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/git.hpp"
#include "core/journal.hpp"
#include "core/ssh_key.hpp"
#include "core/subprocess.hpp"
#include "core/temp_file.hpp"

namespace casectl {
namespace {

constexpr std::size_t kMaxSignature = 64 * 1024;  // an RSA-16384 signature is under 4 KB
constexpr const char* kBegin = "-----BEGIN SSH SIGNATURE-----";

[[noreturn]] void cannot_sign(const std::string& why) {
  fail(ErrorKind::internal, txf("cannot sign the commit: {}; nothing was changed", why));
}

std::string first_line(const std::string& s) {
  std::string line = s.substr(0, s.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

// The key file user.signingkey names, "~/" expanded and relative to the case directory.
std::string key_path(const std::string& root, const std::string& key) {
  if (key.rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    return std::string(home ? home : "") + key.substr(1);
  }
  return key.front() == '/' ? key : root + "/" + key;
}

// The case directory of repo (its working folder, without the trailing slash).
std::string root_of(git_repository* repo) {
  std::string root = git_repository_workdir(repo) ? git_repository_workdir(repo) : ".";
  if (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

git::Config config_of(git_repository* repo) {
  git_config* raw = nullptr;
  git::check(git_repository_config_snapshot(&raw, repo), tx("cannot read git configuration"));
  return git::Config(raw);
}

}  // namespace

SigningConfig signing_config(git_repository* repo) {
  git::Config config = config_of(repo);
  SigningConfig s;
  int sign = 0;
  if (git_config_get_bool(&sign, config.get(), "commit.gpgsign") == 0) s.sign = sign != 0;
  s.format = git::config_string(config.get(), "gpg.format");
  if (s.format.empty()) s.format = "openpgp";
  s.key = git::config_string(config.get(), "user.signingkey");
  s.program = git::config_string(config.get(), "gpg.ssh.program");
  if (s.program.empty()) s.program = "ssh-keygen";
  return s;
}

std::string ssh_program(git_repository* repo) { return signing_config(repo).program; }

std::string ssh_sign(const std::string& root, const SigningConfig& config, const std::string& payload) {
  if (config.format != "ssh")
    cannot_sign(txf("git is set to sign commits (commit.gpgsign) with gpg.format {}, and casectl signs "
                            "only with SSH keys (git config gpg.format ssh)", config.format));
  if (config.key.empty())
    cannot_sign(tx("git is set to sign commits (commit.gpgsign) but user.signingkey names no key "
                "(git config user.signingkey PATH-TO-KEY)"));
  std::optional<TempFile> literal;
  std::string path;
  if (literal_key(config.key)) {
    std::string text = config.key.rfind("key::", 0) == 0 ? config.key.substr(5) : config.key;
    std::string why;
    auto key = parse_public_key(text, &why);
    if (!key) cannot_sign("user.signingkey is not an SSH public key: " + why);
    literal.emplace(tmp_dir(root), "signing-key", *key + "\n");  // ssh-keygen finds its private half in ssh-agent
    path = literal->path();
  } else {
    path = key_path(root, config.key);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
      cannot_sign(txf("the signing key {} (git config user.signingkey) does not exist or is not a file", path));
  }
  ProcessResult r = run_process({config.program, "-Y", "sign", "-n", "git", "-f", path}, payload, kMaxSignature);
  if (!r.started) cannot_sign(txf("{} could not be run ({}); install openssh-client", config.program, r.spawn_error));
  if (r.too_long) cannot_sign(txf("{} wrote more than a signature", config.program));
  if (r.status != 0)
    cannot_sign(txf("{} -Y sign failed{}", config.program,
                            r.err.empty() ? std::string() : ": " + first_line(r.err)));
  if (r.out.rfind(kBegin, 0) != 0) cannot_sign(txf("{} did not write an SSH signature", config.program));
  while (!r.out.empty() && (r.out.back() == '\n' || r.out.back() == '\r')) r.out.pop_back();
  return r.out;
}

git_oid create_commit(git_repository* repo, const git_signature* author, const git_signature* committer,
                      const std::string& message, const git_tree* tree, const git_commit* parent) {
  const git_commit* parents[1] = {parent};
  git_oid id;
  SigningConfig config = signing_config(repo);
  if (!config.sign) {
    git::check(git_commit_create(&id, repo, nullptr, author, committer, "UTF-8", message.c_str(), tree,
                                 parent ? 1 : 0, parents),
               tx("cannot commit"));
    return id;
  }
  git::Buf buffer;
  git::check(git_commit_create_buffer(&buffer.buf, repo, author, committer, "UTF-8", message.c_str(), tree,
                                      parent ? 1 : 0, parents),
             tx("cannot commit"));
  std::string payload = buffer.str();
  std::string signature = ssh_sign(root_of(repo), config, payload);
  git::check(git_commit_create_with_signature(&id, repo, payload.c_str(), signature.c_str(), "gpgsig"),
             tx("cannot commit"));
  return id;
}

}  // namespace casectl
