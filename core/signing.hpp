// Signed commits (SPEC section 6): when git is set to sign (commit.gpgsign, gpg.format ssh,
// user.signingkey), casectl signs its commits as git does, with `ssh-keygen -Y sign -n git`
// over the commit buffer, stored in the commit's gpgsig header, so that `git log
// --show-signature` verifies them. Signing that is configured and fails is an error: never an
// unsigned commit instead.
#pragma once
#include <string>

#include <git2.h>

namespace casectl {

// What git's configuration (the repository's, then the global one) says about signing.
struct SigningConfig {
  bool sign = false;          // commit.gpgsign
  std::string format;         // gpg.format ("openpgp" when unset)
  std::string key;            // user.signingkey: a key file, or a literal "ssh-..." / "key::..."
  std::string program;        // gpg.ssh.program, default ssh-keygen
};

SigningConfig signing_config(git_repository* repo);

// The armored SSH signature (namespace git) of payload made with the key of config, which
// must ask for SSH signing. Error(internal) naming the cause (no key, key file missing,
// ssh-keygen missing or failing, the agent refusing).
std::string ssh_sign(const std::string& root, const SigningConfig& config, const std::string& payload);

// Writes a commit object (no reference moved), signed when git is set to sign; Error(internal)
// when signing is configured and cannot be done. Returns its id.
git_oid create_commit(git_repository* repo, const git_signature* author, const git_signature* committer,
                      const std::string& message, const git_tree* tree, const git_commit* parent);

// The program that runs ssh-keygen's verbs: gpg.ssh.program or "ssh-keygen".
std::string ssh_program(git_repository* repo);

}  // namespace casectl
