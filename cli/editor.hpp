// Stage data from $EDITOR: on a terminal with fields missing, a commented form is offered.
#pragma once
#include <string>

#include "core/record.hpp"
#include "core/yaml_io.hpp"

namespace casectl::cli {

// Opens $VISUAL, else $EDITOR, else vi on text in a private temp file (0600) whose name ends
// with suffix; returns the text as saved. Error(internal) if the editor fails to run or exits
// non-zero.
std::string edit_in_editor(const std::string& text, const std::string& suffix);

// What the editor saved, and the temp file's path (already removed; for error places).
struct EditedText {
  std::string text;
  std::string path;
};
// Same as edit_in_editor(), also naming the temp file.
EditedText edit_text(const std::string& text, const std::string& suffix);

// Offers stage_form_template() in the editor and loads what was saved through the safe loader.
// Error(usage, "aborted ...; nothing written") when the form comes back empty or unchanged.
Node form_from_editor(const std::string& stage, const Record& r);

}  // namespace casectl::cli
