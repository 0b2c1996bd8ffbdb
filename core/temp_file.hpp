// A short-lived private file (a key or signature handed to ssh-keygen by path) in a private
// folder (.casectl/tmp/, or a ScratchDir), removed when the object goes.
#pragma once
#include <string>

namespace casectl {

class TempFile {
 public:
  // Writes content to a new file (0600, never through a link) named after `stem`, this process
  // and a counter in the private folder dir. Error(internal) on failure.
  TempFile(const std::string& dir, const std::string& stem, const std::string& content);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace casectl
