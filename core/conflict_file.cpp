// The conflict file's text: written by the merge driver and resolve, its markers found by resolve.
#include "core/conflict_file.hpp"

#include <sstream>

namespace casectl {

std::string conflict_file(const std::vector<std::string>& comments,
                          const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string s;
  for (const auto& c : comments) s += "# " + c + "\n";
  for (const auto& [marker, text] : parts) {
    s += marker + "\n" + text;
    if (!text.empty() && text.back() != '\n') s += "\n";
  }
  return s + ">>>>>>> theirs\n";
}

std::string conflict_how(const std::string& what) {
  return "Settle it with `casectl resolve " + what + " --take ours|theirs [FIELD...]`; or keep one version or " +
         "combine them by hand, delete these comment and marker lines, then `casectl resolve " + what + " --done`.";
}

std::string merge_conflict_file(const std::string& what, const std::vector<MergeConflict>& conflicts,
                                const MergeChoices& choices, const std::string& merged,
                                const std::string& theirs) {
  std::vector<std::string> comments{"casectl: merge conflict in " + what + ": both versions are kept below."};
  for (const auto& c : conflicts) comments.push_back(c.str());
  for (const auto& c : choices)
    comments.push_back(std::string("chosen: ") + (c.side == Side::ours ? "ours" : "theirs") + " at " +
                       (c.path.empty() ? "every other conflict" : c.path));
  comments.push_back(conflict_how(what));
  return conflict_file(comments, {{"<<<<<<< merged (ours where they conflict)", merged}, {"=======", theirs}});
}

int conflict_marker_line(const std::string& text) {
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    for (const char* m : {"<<<<<<< ", "||||||| ", ">>>>>>> "})
      if (line.compare(0, 8, m) == 0 || line == std::string(m, 7)) return n;
    if (line == "=======") return n;
  }
  return 0;
}

}  // namespace casectl
