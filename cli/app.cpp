#include "cli/app.hpp"

#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/error.hpp"

namespace casectl::cli {

CaseStore open_store(const Globals& g) { return CaseStore(find_root(g.dir)); }

const Worker& acting_worker(const CaseStore& store, const Globals& g) {
  return resolve_worker(store.config(), g.worker, const_cast<CaseStore&>(store).repo().git_user_email());
}

std::string format_of(const Globals& g, const std::vector<std::string>& allowed) {
  if (g.format.empty()) return allowed.front();
  for (const auto& a : allowed)
    if (a == g.format) return a;
  std::string names;
  for (const auto& a : allowed) names += (names.empty() ? "" : " | ") + a;
  fail(ErrorKind::usage, fmt::format("--format {} is not one of: {}", g.format, names));
}

void out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

std::string read_input(const std::string& path) {
  constexpr std::size_t kMax = 1 << 20;
  std::string content;
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    content = ss.str();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(ErrorKind::not_found, fmt::format("{}: cannot read the file", path));
    content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (content.size() > kMax)
    fail(ErrorKind::malformed, "file larger than 1 MiB", Place{path == "-" ? "<stdin>" : path, 1, 1});
  return content;
}

void example(CLI::App* cmd, const std::string& text) { cmd->footer("\nExample:\n" + text); }

}  // namespace casectl::cli
