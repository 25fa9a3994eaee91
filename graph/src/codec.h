#pragma once

// Key layout and value encoding of format version 4 (graph/FORMAT.md). Values are compact
// binary: a version byte, then fields as varint-length-prefixed strings, IEEE doubles and
// zig-zag varints, in the order FORMAT.md lists.

#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/base/status.h"
#include "isvgraph/graph/records.h"

namespace isvgraph::graph {
struct IndexChange;  // index_change.h
}

namespace isvgraph::graph::codec {

// links: organisation \0 customer \0 supplier \0 product (customer first: a customer's
// suppliers are adjacent, which is the direction chains are walked).
std::string LinkKey(const SupplyLink& link);
std::string LinkKey(std::string_view organisation, std::string_view customer,
                    std::string_view supplier, std::string_view product);
// The link value from its parts (see EncodeLink).
std::string EncodeLinkValue(double share, std::string_view confidence, std::string_view source);

// contracts: organisation \0 contract id (ids are scoped by organisation).
std::string ContractKey(std::string_view organisation, std::string_view id);

// Into `out` (replacing what it held): a large write encodes every site into one buffer it
// keeps, instead of allocating a string per site.
void EncodeSite(const Site& site, std::string* out);
std::string EncodeLink(const SupplyLink& link);  // the value; the key carries the identity
std::string EncodeContract(const Contract& contract);
std::string EncodeOrganisation(const Organisation& organisation);
std::string EncodeAudit(const Audit& audit);
std::string EncodeToken(const AccessToken& token);

// The journal family holds entries under JournalKey(seq) and, for each site a write touched, its
// change (EncodeSiteChange) under SiteHistoryKey(site, seq); proposals are keyed by
// ProposalKey(id). Numbers are big-endian so that keys sort in number order.
std::string JournalKey(uint64_t seq);
std::string SiteHistoryKey(std::string_view site_id, uint64_t seq);
std::string SiteHistoryPrefix(std::string_view site_id);
std::string ProposalKey(uint64_t id);
// The number at the end of a journal, site-history or proposal key; false when malformed.
bool TrailingNumber(std::string_view key, uint64_t* number);
std::string EncodeJournal(const JournalEntry& entry);
std::string EncodeSiteChange(const SiteChange& change);  // without the site id (it is in the key)
Status DecodeSiteChange(std::string_view key, std::string_view value, SiteChange* change);
std::string EncodeProposal(const SiteProposal& proposal);
Status DecodeJournal(std::string_view key, std::string_view value, JournalEntry* entry);
Status DecodeProposal(std::string_view key, std::string_view value, SiteProposal* proposal);

// A write's index change (index_change.h): the kind, the tokens flag, then the lists of keys.
// Decoding "" gives kRebuild (a journal entry written without one, by an older build); DataLoss
// naming the journal seq for a malformed value.
std::string EncodeIndexChange(const IndexChange& change);
Status DecodeIndexChange(uint64_t seq, std::string_view value, IndexChange* change);

// Decoders return DataLoss naming the key for a malformed value.
Status DecodeSite(std::string_view key, std::string_view value, Site* site);
Status DecodeLink(std::string_view key, std::string_view value, SupplyLink* link);
Status DecodeContract(std::string_view key, std::string_view value, Contract* contract);
Status DecodeOrganisation(std::string_view key, std::string_view value, Organisation* org);
Status DecodeAudit(std::string_view key, std::string_view value, Audit* audit);
Status DecodeToken(std::string_view key, std::string_view value, AccessToken* token);

// Secondary index keys of a site: "c\0<country>\0<id>", "s\0<sector>\0<id>",
// "x\0<scheme>\0<value>\0<id>", each built in `scratch` and passed to
// visit(std::string_view) in turn. Prefix(kind, value) gives the scan prefix.
template <typename Visit>
void ForEachSiteIndexKey(const Site& site, std::string& scratch, const Visit& visit);
std::string IndexPrefix(char kind, const std::string& value);
std::string IndexPrefix(const std::string& scheme, const std::string& value);

template <typename Visit>
void ForEachSiteIndexKey(const Site& site, std::string& scratch, const Visit& visit) {
  auto emit = [&](char kind, std::string_view value, std::string_view external) {
    scratch.assign(1, kind).append(1, '\0').append(value).append(1, '\0');
    if (kind == 'x') scratch.append(external).append(1, '\0');
    scratch.append(site.id);
    visit(std::string_view(scratch));
  };
  emit('c', site.country, {});  // "" (unknown) too: those sites are found by name as well
  if (!site.sector.empty()) emit('s', site.sector, {});
  for (const auto& [scheme, value] : site.external_ids) emit('x', scheme, value);
}

}  // namespace isvgraph::graph::codec
