#include "cli/app.hpp"
#include "cli/report.hpp"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iostream>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/limits.hpp"

namespace casectl::cli {

CaseStore open_store(const Globals& g) {
  CaseStore store(find_root(g.dir));
  if (!store.recovered().empty()) say("", store.recovered());
  return store;
}

const Worker& acting_worker(const CaseStore& store, const Globals& g) {
  return resolve_worker(store.config(), g.worker, const_cast<CaseStore&>(store).repo().git_user_email());
}

std::string id_list(const std::vector<std::string>& ids) {
  std::string s;
  for (std::size_t i = 0; i < ids.size() && i < 8; ++i) s += (i ? ", " : "") + ids[i];
  if (ids.size() > 8) s += txf(" and {} more", ids.size() - 8);
  return s;
}

std::string own_program() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::string path = ec ? "" : self.string();
  // A binary replaced while running (a package upgrade) reads "PATH (deleted)": the new one is there.
  const std::string deleted = " (deleted)";
  if (path.size() > deleted.size() && path.compare(path.size() - deleted.size(), deleted.size(), deleted) == 0)
    path.resize(path.size() - deleted.size());
  return path.empty() ? "casectl" : path;
}

std::string format_of(const Globals& g, const std::vector<std::string>& allowed) {
  if (g.format.empty()) return allowed.front();
  for (const auto& a : allowed)
    if (a == g.format) return a;
  std::string names;
  for (const auto& a : allowed) names += (names.empty() ? "" : " | ") + a;
  fail(ErrorKind::usage, txf("--format {} is not one of: {}", g.format, names));
}

void out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

namespace {

// Up to cap + 1 bytes of in (enough to tell that it is over cap), read in chunks.
std::string read_capped(std::istream& in, std::size_t cap) {
  std::string content;
  char buf[65536];
  while (content.size() <= cap && in) {
    in.read(buf, sizeof buf);
    content.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  return content;
}

}  // namespace

std::string read_input(const std::string& path) {
  std::string content;
  if (path == "-") {
    content = read_capped(std::cin, kMaxInputBytes);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(ErrorKind::not_found, txf("{}: cannot read the file", path));
    content = read_capped(in, kMaxInputBytes);
  }
  if (content.size() > kMaxInputBytes)
    fail(ErrorKind::malformed, txf("file larger than {} MiB", kMaxInputBytes >> 20),
         Place{path == "-" ? "<stdin>" : path, 1, 1});
  return content;
}

void example(CLI::App* cmd, const std::string& lines, const std::string& notes) {
  cmd->footer("\n" + std::string(tx("Example:")) + "\n" + lines + (notes.empty() ? "" : "\n" + notes));
}

void footer_with_example(CLI::App* cmd, const std::string& text, const std::string& lines) {
  cmd->footer("\n" + text + "\n\n" + tx("Example:") + "\n" + lines);
}

}  // namespace casectl::cli
