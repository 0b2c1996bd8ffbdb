#include "core/status.hpp"

#include "core/record.hpp"

namespace casectl {

const char* name(Status s) {
  switch (s) {
    case Status::intake: return "intake";
    case Status::assessed: return "assessed";
    case Status::active: return "active";
    case Status::closed: return "closed";
  }
  return "";
}

const char* name(Command c) {
  switch (c) {
    case Command::new_case: return "new";
    case Command::assess: return "assess";
    case Command::plan: return "plan";
    case Command::review: return "review";
    case Command::close: return "close";
    case Command::reopen: return "reopen";
    case Command::note: return "note";
    case Command::consent: return "consent";
    case Command::withdraw_consent: return "consent --withdraw";
    case Command::edit: return "edit";
    case Command::approve: return "approve";
    case Command::confirm: return "confirm";
    case Command::custody: return "custody";
    case Command::conference: return "conference";
    case Command::share: return "share";
    case Command::assign: return "assign";
    case Command::link: return "link";
  }
  return "";
}

std::optional<Status> parse_status(std::string_view code) {
  for (Status s : {Status::intake, Status::assessed, Status::active, Status::closed})
    if (code == name(s)) return s;
  return std::nullopt;
}

std::optional<Status> status_of(const Record& r) { return parse_status(r.status); }

}  // namespace casectl
