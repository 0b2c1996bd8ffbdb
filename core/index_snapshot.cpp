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
#include <deque>
#include <optional>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "core/private_dir.hpp"

namespace casectl {

namespace {

// File layout: a Header, `count` Rows in case ID order, then the packed summaries (`bytes` of
// them), each Row pointing at its own. Native byte order (the order mark tells another). A delta
// has the same layout: its header names the whole copy it applies to (`from`), and its rows are
// the rows changed or added since that copy, and those removed (`gone`, with no summary).
constexpr char kMagic[8] = {'C', 'S', 'N', 'A', 'P', 'S', 'H', 'T'};
constexpr std::uint32_t kOrderMark = 0x01020304;

struct Header {
  char magic[8];
  std::uint32_t schema, row_size, order_mark, reserved0;
  std::uint64_t tag, count, bytes;
  std::uint64_t from;  // a delta: the tag of the whole copy it applies to; a whole copy: 0
  std::uint64_t reserved;
};

struct Row {
  std::int64_t mtime_ns, ctime_ns, size, inode;
  std::uint64_t at;  // offset of the packed summary in the byte area
  std::uint32_t length;
  std::int32_t year, seq;
  char prefix[8];  // 1-8 letters A-Z, zero-filled
  std::uint8_t ok, regular, gone, reserved;  // gone: a delta's row removed
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

std::string delta_name(const std::string& name) { return name + ".delta"; }

}  // namespace

// One mapped snapshot or delta file whose header and size agree.
struct IndexSnapshot::Mapping {
  const char* data = nullptr;
  std::size_t size = 0;
  Header h{};

  ~Mapping() {
    if (data) ::munmap(const_cast<char*>(data), size);
  }
  const char* rows() const { return data + sizeof h; }
  const char* bytes() const { return rows() + h.count * sizeof(Row); }
  // True when p lies in this file's packed summaries (compared as addresses: p may point
  // anywhere).
  bool holds(std::string_view p) const {
    auto at = reinterpret_cast<std::uintptr_t>(p.data());
    return !p.empty() && at >= reinterpret_cast<std::uintptr_t>(bytes()) &&
           at + p.size() <= reinterpret_cast<std::uintptr_t>(data + size);
  }

  // The file `name` of dir mapped, when it is of this layout and whole; else nullptr.
  static std::unique_ptr<Mapping> of(const std::string& dir, const std::string& name) {
    int fd = open_private_file(dir, name, O_RDONLY);
    if (fd < 0) return nullptr;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(Header))) {
      ::close(fd);
      return nullptr;
    }
    auto m = std::make_unique<Mapping>();
    m->size = static_cast<std::size_t>(st.st_size);
    void* map = ::mmap(nullptr, m->size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) return nullptr;
    m->data = static_cast<const char*>(map);
    std::memcpy(&m->h, map, sizeof m->h);
    const Header& h = m->h;
    bool fits = h.count <= (m->size - sizeof h) / sizeof(Row) && h.bytes == m->size - sizeof h - h.count * sizeof(Row);
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.schema != kIndexSchema || h.row_size != sizeof(Row) ||
        h.order_mark != kOrderMark || h.tag == 0 || !fits)
      return nullptr;
    return m;
  }
};

namespace {

// A mapping's rows read one at a time, each checked (a valid case ID after the one before it, a
// summary inside the file).
class RowReader {
 public:
  explicit RowReader(const IndexSnapshot::Mapping* m) : m_(m) {}
  // Decodes the next row into e and gone; false when there is none (more cleared) or it is damaged.
  bool next(IndexEntry& e, bool& gone) {
    more = m_ && i_ < m_->h.count;
    if (!more) return true;
    Row r;
    std::memcpy(&r, m_->rows() + i_ * sizeof(Row), sizeof r);
    ++i_;
    std::optional<CaseId> key = key_of(r);
    const std::uint64_t bytes = m_->h.bytes;
    if (!key || r.at > bytes || r.length > bytes - r.at || r.ok > 1 || r.regular > 1 || r.gone > 1 ||
        (i_ > 1 && !id_before(prev_, *key)))
      return false;
    prev_ = *key;
    e.key = std::move(*key);
    e.stat = FileStat{r.mtime_ns, r.ctime_ns, r.size, r.inode, r.regular != 0};
    e.packed = std::string_view(m_->bytes() + r.at, r.length);
    e.ok = r.ok != 0;
    gone = r.gone != 0;
    return true;
  }
  bool more = false;  // the row last asked for was there

 private:
  const IndexSnapshot::Mapping* m_;
  std::uint64_t i_ = 0;
  CaseId prev_;
};

// A row to write: an entry, or (gone) the key of one removed since the whole copy.
struct OutRow {
  const IndexEntry* e;
  bool gone;
};

// Writes rows as the file `name` of dir of state tag (a delta from the whole copy of state from,
// or whole when from is 0), replacing it: false (nothing replaced) when it cannot.
bool write_file(const std::string& dir, const std::string& name, std::uint64_t tag, std::uint64_t from,
                const std::vector<OutRow>& out) {
  std::vector<Row> rows(out.size());
  std::uint64_t at = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const IndexEntry& e = *out[i].e;
    Row& r = rows[i];
    r = Row{};
    r.mtime_ns = e.stat.mtime_ns;
    r.ctime_ns = e.stat.ctime_ns;
    r.size = e.stat.size;
    r.inode = e.stat.inode;
    r.at = at;
    r.length = out[i].gone ? 0 : static_cast<std::uint32_t>(e.packed.size());
    r.year = e.key.year;
    r.seq = e.key.seq;
    std::memcpy(r.prefix, e.key.prefix.data(), std::min(e.key.prefix.size(), sizeof r.prefix));
    r.ok = e.ok;
    r.regular = e.stat.regular;
    r.gone = out[i].gone;
    at += r.length;
  }
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.schema = kIndexSchema;
  h.row_size = sizeof(Row);
  h.order_mark = kOrderMark;
  h.tag = tag;
  h.count = rows.size();
  h.bytes = at;
  h.from = from;

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
  for (const OutRow& o : out) {
    if (o.gone) continue;
    std::string_view p = o.e->packed;
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
  std::string from_path = dir + "/" + tmp, to = dir + "/" + name;
  if (ok && std::rename(from_path.c_str(), to.c_str()) == 0) return true;
  ::unlink(from_path.c_str());
  return false;
}

// The rows of entries (in order) that differ from the whole copy: changed or added, and those of
// the copy removed (their keys kept in removed) — when there are at most `most` and the copy
// reads whole; else false.
bool delta_rows(const IndexSnapshot::Mapping& whole, const std::vector<IndexEntry>& entries,
                const std::vector<std::uint32_t>& order, std::size_t most, std::deque<IndexEntry>& removed,
                std::vector<OutRow>& out) {
  RowReader rows(&whole);
  IndexEntry w;
  bool gone = false;
  if (!rows.next(w, gone)) return false;
  std::size_t j = 0;
  while (rows.more || j < order.size()) {
    if (gone) return false;  // a whole copy removes nothing
    const IndexEntry* e = j < order.size() ? &entries[order[j]] : nullptr;
    if (e && (!rows.more || id_before(e->key, w.key))) {
      out.push_back({e, false});  // added
      ++j;
      if (out.size() > most) return false;
      continue;
    }
    if (!e || id_before(w.key, e->key)) {
      IndexEntry& r = removed.emplace_back();
      r.key = w.key;
      out.push_back({&r, true});
    } else {
      if (!whole.holds(e->packed)) out.push_back({e, false});  // read again since the copy
      ++j;
    }
    if (out.size() > most || !rows.next(w, gone)) return false;
  }
  return true;
}

}  // namespace

IndexSnapshot::IndexSnapshot(std::unique_ptr<Mapping> whole, std::unique_ptr<Mapping> delta)
    : whole_(std::move(whole)), delta_(std::move(delta)) {}

IndexSnapshot::~IndexSnapshot() = default;

std::unique_ptr<IndexSnapshot> IndexSnapshot::open(const std::string& dir, const std::string& name, std::uint64_t tag) {
  if (tag == 0) return nullptr;
  std::unique_ptr<Mapping> delta = Mapping::of(dir, delta_name(name));
  if (delta && (delta->h.tag != tag || delta->h.from == 0)) delta.reset();
  std::unique_ptr<Mapping> whole = Mapping::of(dir, name);
  if (!whole || whole->h.from != 0 || whole->h.tag != (delta ? delta->h.from : tag)) return nullptr;
  return std::unique_ptr<IndexSnapshot>(new IndexSnapshot(std::move(whole), std::move(delta)));
}

bool IndexSnapshot::entries(std::vector<IndexEntry>& out) const {
  out.clear();
  out.reserve(whole_->h.count + (delta_ ? delta_->h.count : 0));
  RowReader whole(whole_.get()), delta(delta_.get());
  IndexEntry w, d;
  bool w_gone = false, d_gone = false;
  if (!whole.next(w, w_gone) || !delta.next(d, d_gone)) return false;
  while (whole.more || delta.more) {
    if (whole.more && w_gone) return false;  // a whole copy removes nothing
    if (delta.more && (!whole.more || !id_before(w.key, d.key))) {
      bool same = whole.more && !id_before(d.key, w.key);  // the delta's row replaces or removes w
      if (d_gone && !same) return false;                   // removes a row the copy does not have
      if (!d_gone) out.push_back(std::move(d));
      if ((same && !whole.next(w, w_gone)) || !delta.next(d, d_gone)) return false;
    } else {
      out.push_back(std::move(w));
      if (!whole.next(w, w_gone)) return false;
    }
  }
  return true;
}

IndexSnapshot::Written IndexSnapshot::write(const std::string& dir, const std::string& name, std::uint64_t tag,
                                            const std::vector<IndexEntry>& entries,
                                            const std::vector<std::uint32_t>& order, const IndexSnapshot* from) {
  remove_stale_temps(dir, name);
  remove_stale_temps(dir, delta_name(name));
  if (from && from->whole_->h.tag != tag) {
    // At most a thirty-second of the rows (and 256 in a small index): past that, reading the
    // delta's rows in costs more than the whole copy saves.
    std::size_t most = std::max<std::size_t>(256, order.size() / 32);
    std::deque<IndexEntry> removed;
    std::vector<OutRow> out;
    if (delta_rows(*from->whole_, entries, order, most, removed, out))
      return write_file(dir, delta_name(name), tag, from->whole_->h.tag, out) ? Written::delta : Written::none;
  }
  // The delta of the copy about to be replaced is never used again; removed first, so that a
  // delta another process writes meanwhile (from the new copy) is not.
  std::string stale = dir + "/" + delta_name(name);
  ::unlink(stale.c_str());
  std::vector<OutRow> out;
  out.reserve(order.size());
  for (std::uint32_t i : order) out.push_back({&entries[i], false});
  return write_file(dir, name, tag, 0, out) ? Written::whole : Written::none;
}

}  // namespace casectl
