// Whether each change is signed by the worker it names (SPEC section 6), as `log`, `validate`
// and `doctor` report it, judged by the workers and keys in force when the change was made: those
// of the casectl.yaml in its first parent's tree (a first commit: its own; today's when that file
// is missing or does not load), so that a replaced key leaves the changes signed before intact:
//   none            signing was not in use (no worker had a signing_key) and the commit carries
//                   no signature
//   signed          a good signature by the signing_key of the worker the change names (the
//                   Worker trailer of casectl's commits; for plain git commits the worker whose
//                   email is the author's)
//   unsigned        no signature, while some worker had a signing_key
//   bad             a signature that does not verify (the commit was changed after signing)
//   not-the-author  a good signature by another key: another worker's, an unknown one, or a
//                   signature of another kind (OpenPGP, X.509)
// Verified with `ssh-keygen -Y verify` against an allowed-signers file made from that
// casectl.yaml (principals are worker IDs; one file per version of it), telling bad from
// not-the-author with `-Y check-novalidate`. Verdicts are kept in the history index by commit
// and by a hash of the keys and emails they were judged by, so a commit is verified once.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <git2.h>

#include "core/config.hpp"
#include "core/history.hpp"

namespace casectl {

// True when any worker of config has a signing_key.
bool signing_in_use(const Config& config);

class SignatureCheck {
 public:
  SignatureCheck(const std::string& root, git_repository* repo, const Config& config, History& history);
  ~SignatureCheck();

  // The verdict of each change (same order). Error(internal) when a signature needs ssh-keygen
  // and it cannot be run.
  std::vector<std::string> verdicts(const std::vector<Change>& changes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace casectl
