// The folder for short-lived files a helper program reads by path (ssh-keygen's signatures and
// allowed-signers files): the case directory's .casectl/tmp/ when it can be written, else a
// private folder made for this object (mkdtemp, mode 0700) under $TMPDIR (default /tmp), removed
// with its files when the object goes, so that a read-only case directory (an inspector's copy)
// is still read.
#pragma once
#include <string>

namespace casectl {

class ScratchDir {
 public:
  // Error(conflict) when .casectl/ is unsafe (core/private_dir: refused, never bypassed);
  // Error(internal) when neither folder can be had.
  explicit ScratchDir(const std::string& root);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  // True when it is a folder of its own under $TMPDIR.
  bool own() const { return own_; }

 private:
  std::string path_;
  bool own_ = false;
};

}  // namespace casectl
