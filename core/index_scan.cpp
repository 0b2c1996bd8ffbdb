// Walking cases/YEAR/SHARD/ID/case.yaml with folder listings and one lstat per record.
#include "core/i18n.hpp"
#include "core/index_scan.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/parallel.hpp"

namespace casectl {

namespace {

// An open folder being listed; closes on destruction.
class Folder {
 public:
  // Opens name inside folder dirfd (AT_FDCWD for a path), not following links. A folder that
  // does not exist (or is not a folder) gives !ok(); other failures throw Error(internal).
  Folder(int dirfd, const std::string& name, const std::string& shown) {
    int fd = openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP) return;
      fail(ErrorKind::internal, txf("cannot read folder {}: {}", shown, std::strerror(errno)));
    }
    dir_ = fdopendir(fd);
    if (!dir_) {
      close(fd);
      fail(ErrorKind::internal, txf("cannot read folder {}: {}", shown, std::strerror(errno)));
    }
  }
  ~Folder() {
    if (dir_) closedir(dir_);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;

  bool ok() const { return dir_ != nullptr; }
  int fd() const { return dirfd(dir_); }
  // The next entry that is a folder (not a link), or nullptr at the end.
  const char* next_folder() {
    while (dirent* e = readdir(dir_)) {
      if (e->d_name[0] == '.') continue;
      if (e->d_type == DT_DIR) return e->d_name;
      if (e->d_type != DT_UNKNOWN) continue;
      struct stat st;
      if (fstatat(fd(), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
        return e->d_name;
    }
    return nullptr;
  }

 private:
  DIR* dir_ = nullptr;
};

// True when s is not empty and all decimal digits.
bool digits(const char* s) {
  if (!*s) return false;
  for (; *s; ++s)
    if (*s < '0' || *s > '9') return false;
  return true;
}

// The FileStat of a stat result.
FileStat to_file_stat(const struct stat& st) {
  FileStat f;
  f.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  f.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
  f.size = static_cast<std::int64_t>(st.st_size);
  f.inode = static_cast<std::int64_t>(st.st_ino);
  f.regular = S_ISREG(st.st_mode);
  return f;
}

// lstat of name inside dirfd: nullopt when absent, a non-regular FileStat when it cannot be
// examined (so that loading it reports why).
std::optional<FileStat> stat_at(int dirfd, const char* name) {
  struct stat st;
  if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) return to_file_stat(st);
  if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
  FileStat f;
  f.regular = false;
  return f;
}

// A shard folder to read: cases/YEAR/SHARD.
struct Shard {
  std::string year, name;
  const Folder* year_folder;
};

// Adds the records of one shard folder to out.
void scan_shard(Folder& shard, const Shard& where, std::vector<FoundCase>& out) {
  // The IDs of one prefix, year and hundred that belong here (found once with case_file()).
  std::string home_prefix;
  int home_year = -1, home_hundred = -1;
  out.reserve(128);  // a hundred IDs of one prefix, mostly
  while (const char* name = shard.next_folder()) {
    std::optional<CaseId> id = parse_case_id(name);
    if (!id) continue;
    bool home = id->year == home_year && id->seq / 100 == home_hundred && id->prefix == home_prefix;
    if (!home) {
      if (case_file(*id) != "cases/" + where.year + "/" + where.name + "/" + name + "/case.yaml")
        continue;  // not in its own year and shard
      home_prefix = id->prefix;
      home_year = id->year;
      home_hundred = id->seq / 100;
    }
    char rel[64];  // ID/case.yaml (an ID is at most 23 characters)
    auto end = fmt::format_to_n(rel, sizeof rel - 1, "{}/case.yaml", name);
    *end.out = '\0';
    std::optional<FileStat> st = stat_at(shard.fd(), rel);
    if (!st) continue;  // a folder without a record
    out.push_back(FoundCase{std::move(*id), *st});
  }
}

// The shard folders of every year folder under cases; the year folders opened kept in years.
std::vector<Shard> shards_of(Folder& cases, std::vector<std::unique_ptr<Folder>>& years) {
  std::vector<Shard> shards;
  while (const char* y = cases.next_folder()) {
    if (std::strlen(y) != 4 || !digits(y)) continue;
    std::string year = y;
    auto yf = std::make_unique<Folder>(cases.fd(), year, "cases/" + year);
    if (!yf->ok()) continue;
    while (const char* s = yf->next_folder())
      if (std::strlen(s) >= 2 && digits(s)) shards.push_back(Shard{year, s, yf.get()});
    years.push_back(std::move(yf));
  }
  return shards;
}

}  // namespace

std::int64_t wall_ns() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

std::optional<FileStat> stat_file(const std::string& path) { return stat_at(AT_FDCWD, path.c_str()); }

std::size_t FoundCases::size() const {
  std::size_t n = 0;
  for (const auto& l : lists_) n += l.size();
  return n;
}

FoundCases scan_cases(const std::string& root) {
  Folder cases(AT_FDCWD, root + "/cases", "cases");
  if (!cases.ok()) return {};
  std::vector<std::unique_ptr<Folder>> years;
  std::vector<Shard> shards = shards_of(cases, years);
  // Each shard's records apart (the threads share nothing), then one list.
  std::vector<std::vector<FoundCase>> found(shards.size());
  parallel_for(shards.size(), [&](std::size_t i) {
    const Shard& s = shards[i];
    Folder sf(s.year_folder->fd(), s.name, "cases/" + s.year + "/" + s.name);
    if (sf.ok()) scan_shard(sf, s, found[i]);
  });
  return FoundCases(std::move(found));
}

std::optional<CaseId> case_id_of_path(const std::string& rel) {
  static const std::string tail = "/case.yaml";
  if (rel.size() <= tail.size() || rel.compare(rel.size() - tail.size(), tail.size(), tail) != 0)
    return std::nullopt;
  std::string dir = rel.substr(0, rel.size() - tail.size());
  std::optional<CaseId> id = parse_case_id(dir.substr(dir.rfind('/') + 1));
  if (!id || case_file(*id) != rel) return std::nullopt;
  return id;
}


}  // namespace casectl
