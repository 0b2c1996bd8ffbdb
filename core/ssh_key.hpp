// OpenSSH public keys as casectl.yaml's workers carry them (signing_key).
#pragma once
#include <optional>
#include <string>

namespace casectl {

// The key of an OpenSSH public key line "TYPE BASE64 [COMMENT]" as "TYPE BASE64" (the comment,
// often user@host, dropped), or nullopt with *why set when it is not one: TYPE among
// ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa, sk-ssh-ed25519@openssh.com,
// sk-ecdsa-sha2-nistp256@openssh.com; BASE64 well-formed and naming the same type inside.
std::optional<std::string> parse_public_key(const std::string& line, std::string* why);

// True for text git would take as a literal key in user.signingkey ("ssh-..." or "key::...").
bool literal_key(const std::string& signingkey);

}  // namespace casectl
