// parse_public_key: the type list, base64 and the type inside the key blob.
#include "core/ssh_key.hpp"

#include <cstdint>
#include <vector>

namespace casectl {
namespace {

constexpr const char* kTypes[] = {"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
                                  "ecdsa-sha2-nistp521", "ssh-rsa", "sk-ssh-ed25519@openssh.com",
                                  "sk-ecdsa-sha2-nistp256@openssh.com"};

// The bytes of base64 text, or nullopt when it is not well-formed base64.
std::optional<std::vector<std::uint8_t>> base64(const std::string& s) {
  if (s.empty() || s.size() % 4 != 0) return std::nullopt;
  std::vector<std::uint8_t> out;
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t pad = 0;
  for (char c : s) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == '=') v = -1;
    else return std::nullopt;
    if (v < 0) {
      ++pad;
      continue;
    }
    if (pad) return std::nullopt;  // '=' only at the end
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
    }
  }
  if (pad > 2) return std::nullopt;
  return out;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

std::optional<std::string> parse_public_key(const std::string& line, std::string* why) {
  auto no = [&](const char* reason) -> std::optional<std::string> {
    if (why) *why = reason;
    return std::nullopt;
  };
  std::string t = trim(line);
  if (t.find('\n') != std::string::npos) return no("it holds more than one line");
  auto sp = t.find_first_of(" \t");
  if (sp == std::string::npos) return no("it is not \"TYPE BASE64 [COMMENT]\" (an OpenSSH public key line, as in a .pub file)");
  std::string type = t.substr(0, sp);
  bool known = false;
  for (const char* k : kTypes) known = known || type == k;
  if (!known)
    return no("its type is not one of ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa, "
              "sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com");
  std::string rest = trim(t.substr(sp));
  std::string body = rest.substr(0, rest.find_first_of(" \t"));
  auto blob = base64(body);
  if (!blob || blob->size() < 4) return no("its key is not well-formed base64");
  std::size_t n = (std::size_t{(*blob)[0]} << 24) | (std::size_t{(*blob)[1]} << 16) |
                  (std::size_t{(*blob)[2]} << 8) | std::size_t{(*blob)[3]};
  if (n != type.size() || blob->size() < 4 + n + 4 ||
      std::string(blob->begin() + 4, blob->begin() + 4 + static_cast<long>(n)) != type)
    return no("its key does not hold a key of the type it names");
  return type + " " + body;
}

bool literal_key(const std::string& signingkey) {
  return signingkey.rfind("ssh-", 0) == 0 || signingkey.rfind("key::", 0) == 0;
}

}  // namespace casectl
