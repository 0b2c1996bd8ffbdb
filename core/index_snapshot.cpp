// The case index's snapshot file: layout, mapping, checks and writing.
#include "core/index_snapshot.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "core/private_dir.hpp"

namespace casectl {

namespace {

// File layout: a Header, `count` Rows in case ID order, then the packed summaries (`bytes` of
// them), each Row pointing at its own. Native byte order (the order mark tells another).
constexpr char kMagic[8] = {'C', 'S', 'N', 'A', 'P', 'S', 'H', 'T'};
constexpr std::uint32_t kOrderMark = 0x01020304;

struct Header {
  char magic[8];
  std::uint32_t schema, row_size, order_mark, reserved0;
  std::uint64_t tag, count, bytes;
  std::uint64_t reserved[2];
};

struct Row {
  std::int64_t mtime_ns, ctime_ns, size, inode;
  std::uint64_t at;  // offset of the packed summary in the byte area
  std::uint32_t length;
  std::int32_t year, seq;
  char prefix[8];  // 1-8 letters A-Z, zero-filled
  std::uint8_t ok, regular, reserved[2];
};

static_assert(sizeof(Header) == 64 && sizeof(Row) == 64, "the snapshot layout is fixed");

// The row's case ID when it is one a case directory can hold.
std::optional<CaseId> key_of(const Row& r) {
  std::size_t n = 0;
  while (n < sizeof r.prefix && r.prefix[n]) ++n;
  CaseId id{std::string(r.prefix, n), r.year, r.seq};
  if (!valid_prefix(id.prefix) || id.year < 1000 || id.year > 9999 || id.seq < 1) return std::nullopt;
  return id;
}

// Writes to fd through a staging buffer (small pieces gathered, large ones written directly).
class Writer {
 public:
  explicit Writer(int fd) : fd_(fd) { buf_.reserve(kBuffer); }
  void put(const void* data, std::size_t n) {
    if (n >= kBuffer / 4) {
      flush();
      raw(static_cast<const char*>(data), n);
      return;
    }
    if (buf_.size() + n > kBuffer) flush();
    buf_.insert(buf_.end(), static_cast<const char*>(data), static_cast<const char*>(data) + n);
  }
  bool finish() {
    flush();
    return ok_;
  }

 private:
  static constexpr std::size_t kBuffer = 1 << 20;
  void flush() {
    raw(buf_.data(), buf_.size());
    buf_.clear();
  }
  void raw(const char* p, std::size_t n) {
    while (ok_ && n > 0) {
      ssize_t w = ::write(fd_, p, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        ok_ = false;
        return;
      }
      p += w;
      n -= static_cast<std::size_t>(w);
    }
  }
  int fd_;
  bool ok_ = true;
  std::vector<char> buf_;
};

// Removes the temporary files NAME.PID.tmp that processes no longer running left (killed while
// writing a snapshot).
void remove_stale_temps(const std::string& dir, const std::string& name) {
  remove_files(dir, [&](const std::string& file) {
    const std::string tail = ".tmp";
    if (file.size() <= name.size() + 1 + tail.size() || file.compare(0, name.size() + 1, name + ".") != 0 ||
        file.compare(file.size() - tail.size(), tail.size(), tail) != 0)
      return false;
    std::string pid = file.substr(name.size() + 1, file.size() - name.size() - 1 - tail.size());
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid.size() > 9) return false;
    return ::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH;
  });
}

}  // namespace

std::unique_ptr<IndexSnapshot> IndexSnapshot::open(const std::string& dir, const std::string& name, std::uint64_t tag) {
  if (tag == 0) return nullptr;
  int fd = open_private_file(dir, name, O_RDONLY);
  if (fd < 0) return nullptr;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(Header))) {
    ::close(fd);
    return nullptr;
  }
  std::size_t size = static_cast<std::size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return nullptr;
  std::unique_ptr<IndexSnapshot> snap(new IndexSnapshot(static_cast<const char*>(map), size));
  Header h;
  std::memcpy(&h, map, sizeof h);
  bool fits = h.count <= (size - sizeof h) / sizeof(Row) &&
              h.bytes == size - sizeof h - h.count * sizeof(Row);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.schema != kIndexSchema ||
      h.row_size != sizeof(Row) || h.order_mark != kOrderMark || h.tag != tag || !fits)
    return nullptr;
  return snap;
}

IndexSnapshot::~IndexSnapshot() { ::munmap(const_cast<char*>(data_), size_); }

bool IndexSnapshot::entries(std::vector<IndexEntry>& out) const {
  Header h;
  std::memcpy(&h, data_, sizeof h);
  const char* rows = data_ + sizeof h;
  const char* bytes = rows + h.count * sizeof(Row);
  out.clear();
  out.reserve(h.count);
  for (std::uint64_t i = 0; i < h.count; ++i) {
    Row r;
    std::memcpy(&r, rows + i * sizeof(Row), sizeof r);
    std::optional<CaseId> key = key_of(r);
    if (!key || r.at > h.bytes || r.length > h.bytes - r.at || r.ok > 1 || r.regular > 1) return false;
    IndexEntry& e = out.emplace_back();
    e.key = std::move(*key);
    e.stat = FileStat{r.mtime_ns, r.ctime_ns, r.size, r.inode, r.regular != 0};
    e.packed = std::string_view(bytes + r.at, r.length);
    e.ok = r.ok != 0;
  }
  return true;
}

bool IndexSnapshot::write(const std::string& dir, const std::string& name, std::uint64_t tag,
                          const std::vector<IndexEntry>& entries, const std::vector<std::uint32_t>& order) {
  std::vector<Row> rows(order.size());
  std::uint64_t at = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const IndexEntry& e = entries[order[i]];
    Row& r = rows[i];
    r = Row{};
    r.mtime_ns = e.stat.mtime_ns;
    r.ctime_ns = e.stat.ctime_ns;
    r.size = e.stat.size;
    r.inode = e.stat.inode;
    r.at = at;
    r.length = static_cast<std::uint32_t>(e.packed.size());
    r.year = e.key.year;
    r.seq = e.key.seq;
    std::memcpy(r.prefix, e.key.prefix.data(), std::min(e.key.prefix.size(), sizeof r.prefix));
    r.ok = e.ok;
    r.regular = e.stat.regular;
    at += e.packed.size();
  }
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.schema = kIndexSchema;
  h.row_size = sizeof(Row);
  h.order_mark = kOrderMark;
  h.tag = tag;
  h.count = rows.size();
  h.bytes = at;

  remove_stale_temps(dir, name);
  std::string tmp = fmt::format("{}.{}.tmp", name, ::getpid());
  int fd = open_private_file(dir, tmp, O_WRONLY | O_CREAT | O_TRUNC);
  if (fd < 0) return false;
  Writer w(fd);
  w.put(&h, sizeof h);
  w.put(rows.data(), rows.size() * sizeof(Row));
  // Packed summaries that lie one after another in memory (those of the snapshot read before)
  // go out as one piece.
  const char* run = nullptr;
  std::size_t run_size = 0;
  for (std::uint32_t i : order) {
    std::string_view p = entries[i].packed;
    if (run && run + run_size == p.data()) {
      run_size += p.size();
      continue;
    }
    if (run_size) w.put(run, run_size);
    run = p.data();
    run_size = p.size();
  }
  if (run_size) w.put(run, run_size);
  bool ok = w.finish();
  ok = ::close(fd) == 0 && ok;
  std::string from = dir + "/" + tmp, to = dir + "/" + name;
  if (ok && std::rename(from.c_str(), to.c_str()) == 0) return true;
  ::unlink(from.c_str());
  return false;
}

}  // namespace casectl
