// Bearer tokens: "isv_" + 64 hex digits from the system's random source; the store keeps only
// the SHA-256 of a token, its organisation, role and validity.

#include <algorithm>
#include <array>
#include <cstdio>
#include <mutex>
#include <optional>
#include <random>

#include <openssl/evp.h>

#include "isvgraph/api/service.h"
#include "isvgraph/audits/types.h"
#include "token_cache.h"

namespace isvgraph::api {
namespace {

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

// The raw SHA-256 of `text` (32 bytes). The digest is fetched from OpenSSL's provider once:
// EVP_sha256() looks it up again on every call, which every authenticated request paid.
std::string Sha256(std::string_view text) {
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, kSha256 ? kSha256 : EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::string Sha256Hex(std::string_view text) { return Hex(Sha256(text)); }

}  // namespace

Result<std::string> Service::CreateToken(const TokenOptions& options) {
  if (!graph::IsValidOrganisationId(options.organisation)) {
    return Status::InvalidArgument(
        "organisation id must be 1-128 letters, digits, '-', '_' or "
        "'.' (and not 'public'); got '" +
        options.organisation + "'");
  }
  if (options.valid_seconds < 0) return Status::InvalidArgument("validity must not be negative");
  std::random_device random;  // /dev/urandom on Linux
  std::array<unsigned char, 32> bytes;
  for (unsigned char& b : bytes) b = static_cast<unsigned char>(random() & 0xff);
  const std::string token =
      "isv_" + Hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  const int64_t now = now_unix_();
  graph::WriteBatch batch;
  // A new organisation is registered; an existing one keeps its record (name, audit groups).
  if (!chains_->store().GetOrganisation(options.organisation)) {
    batch.PutOrganisation({.id = options.organisation, .name = options.organisation});
  }
  batch.PutToken({.hash = Sha256Hex(token),
                  .organisation = options.organisation,
                  .role = std::string(graph::kRoles.Name(options.role)),
                  .created_unix = now,
                  .expires_unix = options.valid_seconds == 0 ? 0 : now + options.valid_seconds});
  ISV_RETURN_IF_ERROR(chains_->Apply(std::move(batch)));
  return token;
}

Result<Principal> Service::Authenticate(std::string_view token) const {
  // Built only when it is the answer: every request with a token passes here.
  auto unknown = [] { return Status::NotFound("unknown, expired or revoked token"); };
  if (token.size() != 68 || token.substr(0, 4) != "isv_") return unknown();
  const uint64_t token_writes = chains_->token_writes();  // before the read: see TokenCache
  auto valid = [&](const TokenCache::Entry& entry) -> Result<Principal> {
    if (!entry.usable || (entry.expires_unix != 0 && entry.expires_unix <= now_unix_())) {
      return unknown();
    }
    return entry.principal;
  };
  thread_local TokenCache::Last last;
  if (last.Is(token_cache_->instance, token) && last.entry.token_writes == token_writes) {
    return valid(last.entry);
  }
  const std::string digest = Sha256(token);
  {
    std::shared_lock lock(token_cache_->mutex);
    auto it = token_cache_->by_digest.find(digest);
    if (it != token_cache_->by_digest.end() && it->second.token_writes == token_writes) {
      last = {token_cache_->instance, std::string(token), it->second};
      return valid(it->second);
    }
  }
  auto read = chains_->store().GetToken(Hex(digest));
  if (!read) return unknown();
  const std::optional<Role> role = graph::kRoles.FromName(read->role);
  TokenCache::Entry entry{.principal = {.organisation = read->organisation,
                                        .role = role.value_or(Role::kViewer),
                                        .token_id = read->hash.substr(0, 12)},
                          .usable = !read->revoked && role.has_value(),
                          .expires_unix = read->expires_unix,
                          .token_writes = token_writes};
  Result<Principal> answer = valid(entry);
  last = {token_cache_->instance, std::string(token), entry};
  std::unique_lock lock(token_cache_->mutex);
  if (token_cache_->by_digest.size() >= TokenCache::kMaxEntries) token_cache_->by_digest.clear();
  token_cache_->by_digest[digest] = std::move(entry);
  return answer;
}

Result<std::vector<graph::AccessToken>> Service::ListTokens(const std::string& organisation) const {
  std::vector<graph::AccessToken> tokens;
  ISV_RETURN_IF_ERROR(chains_->store().ScanTokens([&](graph::AccessToken&& token) {
    if (token.organisation == organisation) tokens.push_back(std::move(token));
  }));
  std::stable_sort(tokens.begin(), tokens.end(),
                   [](const auto& a, const auto& b) { return a.created_unix < b.created_unix; });
  return tokens;
}

Status Service::RevokeToken(const std::string& organisation, const std::string& hash_prefix) {
  if (hash_prefix.size() < 8 ||
      hash_prefix.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Status::InvalidArgument("give at least 8 lower-case hex digits of the token's id");
  }
  auto tokens = ListTokens(organisation);
  if (!tokens) return tokens.error();
  const graph::AccessToken* match = nullptr;
  for (const graph::AccessToken& token : *tokens) {
    if (token.hash.rfind(hash_prefix, 0) != 0) continue;
    if (match) return Status::InvalidArgument("'" + hash_prefix + "' matches several tokens");
    match = &token;
  }
  if (!match)
    return Status::NotFound("no token of " + organisation + " starts with " + hash_prefix);
  graph::AccessToken revoked = *match;
  revoked.revoked = true;
  graph::WriteBatch batch;
  batch.PutToken(std::move(revoked));
  return chains_->Apply(std::move(batch));
}

Result<graph::Organisation> Service::GetOrganisation(const std::string& id) const {
  return chains_->store().GetOrganisation(id);
}

Result<std::vector<std::string>> Service::OrganisationIds() const {
  std::vector<std::string> ids;
  ISV_RETURN_IF_ERROR(chains_->store().ScanOrganisations(
      [&](graph::Organisation&& organisation) { ids.push_back(std::move(organisation.id)); }));
  return ids;
}

Status Service::SetOrganisationProfile(const std::string& organisation,
                                       const std::string& authority,
                                       const std::string& clause_level) {
  if (!authority.empty() && !riskdata::kAuthorities.FromName(authority)) {
    return Status::InvalidArgument("authority must be " + riskdata::kAuthorities.Alternatives() +
                                   ", not '" + authority + "'");
  }
  if (!clause_level.empty() && !audits::ClauseLevelOf(clause_level)) {
    return Status::InvalidArgument("clause level must be " + audits::kClauseLevels.Alternatives() +
                                   ", not '" + clause_level + "'");
  }
  auto org = chains_->store().GetOrganisation(organisation);
  if (!org) return org.error();
  if (!authority.empty()) org->authority = authority;
  if (!clause_level.empty()) org->clause_level = clause_level;
  graph::WriteBatch batch;
  batch.PutOrganisation(std::move(org).value());
  return chains_->Apply(std::move(batch));
}

}  // namespace isvgraph::api
