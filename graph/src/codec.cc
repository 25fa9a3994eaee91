#include "codec.h"

#include <cstring>
#include <vector>

#include "index_change.h"

namespace isvgraph::graph::codec {
namespace {

constexpr char kValueVersion = 1;

class Writer {
 public:
  Writer() { out_.push_back(kValueVersion); }
  // Writes into `out` (emptied first) and keeps it.
  explicit Writer(std::string* out) : out_(*out) {
    out_.clear();
    out_.push_back(kValueVersion);
  }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void Signed(int64_t v) {
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void String(const std::string& s) {
    Varint(s.size());
    out_ += s;
  }
  void Double(double d) {
    char bytes[8];
    std::memcpy(bytes, &d, 8);
    out_.append(bytes, 8);
  }
  void OptionalDouble(const std::optional<double>& d) {
    out_.push_back(d ? 1 : 0);
    if (d) Double(*d);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string own_;
  std::string& out_ = own_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {
    ok_ = !in_.empty() && in_[0] == kValueVersion;
    pos_ = 1;
  }
  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64 && ok_; shift += 7) {
      if (pos_ >= in_.size()) return ok_ = false;
      const auto byte = static_cast<unsigned char>(in_[pos_++]);
      *v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return true;
    }
    return ok_ = false;
  }
  bool Signed(int64_t* v) {
    uint64_t u = 0;
    if (!Varint(&u)) return false;
    *v = static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
    return true;
  }
  bool String(std::string* s) {
    uint64_t n = 0;
    if (!Varint(&n) || n > in_.size() - pos_) return ok_ = false;
    s->assign(in_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool Double(double* d) {
    if (in_.size() - pos_ < 8) return ok_ = false;
    std::memcpy(d, in_.data() + pos_, 8);
    pos_ += 8;
    return true;
  }
  bool OptionalDouble(std::optional<double>* d) {
    if (pos_ >= in_.size()) return ok_ = false;
    const bool present = in_[pos_++] != 0;
    if (!present) {
      d->reset();
      return true;
    }
    double value = 0;
    if (!Double(&value)) return false;
    *d = value;
    return true;
  }
  // True when every field read and nothing is left over.
  bool Done() const { return ok_ && pos_ == in_.size(); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = false;
};

Status Malformed(const char* kind, std::string_view key) {
  return Status::DataLoss(std::string("malformed ") + kind + " record '" + std::string(key) + "'");
}

std::vector<std::string_view> SplitKey(std::string_view key) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t zero = key.find('\0', start);
    if (zero == std::string_view::npos) {
      parts.push_back(key.substr(start));
      return parts;
    }
    parts.push_back(key.substr(start, zero - start));
    start = zero + 1;
  }
}

}  // namespace

std::string LinkKey(std::string_view organisation, std::string_view customer,
                    std::string_view supplier, std::string_view product) {
  std::string key;
  key.reserve(organisation.size() + customer.size() + supplier.size() + product.size() + 3);
  key += organisation;
  key += '\0';
  key += customer;
  key += '\0';
  key += supplier;
  key += '\0';
  key += product;
  return key;
}

std::string LinkKey(const SupplyLink& link) {
  return LinkKey(link.organisation, link.customer_id, link.supplier_id, link.product);
}

std::string EncodeLinkValue(double share, std::string_view confidence, std::string_view source) {
  SupplyLink link{
      .share = share, .confidence = std::string(confidence), .source = std::string(source)};
  return EncodeLink(link);
}

void EncodeSite(const Site& site, std::string* out) {
  Writer w(out);
  w.String(site.name);
  w.String(site.country);
  w.String(site.region);
  w.String(site.sector);
  w.String(site.role);
  w.OptionalDouble(site.lat);
  w.OptionalDouble(site.lon);
  w.Varint(site.external_ids.size());
  for (const auto& [scheme, value] : site.external_ids) {
    w.String(scheme);
    w.String(value);
  }
}

Status DecodeSite(std::string_view key, std::string_view value, Site* site) {
  Reader r(value);
  site->id.assign(key);
  uint64_t n = 0;
  bool ok = r.String(&site->name) && r.String(&site->country) && r.String(&site->region) &&
            r.String(&site->sector) && r.String(&site->role) && r.OptionalDouble(&site->lat) &&
            r.OptionalDouble(&site->lon) && r.Varint(&n);
  site->external_ids.clear();
  for (uint64_t i = 0; ok && i < n; ++i) {
    std::string scheme, id;
    ok = r.String(&scheme) && r.String(&id);
    site->external_ids.emplace(std::move(scheme), std::move(id));
  }
  return ok && r.Done() ? Status::Ok() : Malformed("site", key);
}

std::string EncodeLink(const SupplyLink& link) {
  Writer w;
  w.Double(link.share);
  w.String(link.confidence);
  w.String(link.source);
  return w.Take();
}

Status DecodeLink(std::string_view key, std::string_view value, SupplyLink* link) {
  std::vector<std::string_view> parts = SplitKey(key);
  if (parts.size() != 4) return Malformed("link", key);
  link->organisation.assign(parts[0]);
  link->customer_id.assign(parts[1]);
  link->supplier_id.assign(parts[2]);
  link->product.assign(parts[3]);
  Reader r(value);
  const bool ok = r.Double(&link->share) && r.String(&link->confidence) && r.String(&link->source);
  return ok && r.Done() ? Status::Ok() : Malformed("link", key);
}

std::string ContractKey(std::string_view organisation, std::string_view id) {
  std::string key;
  key.reserve(organisation.size() + id.size() + 1);
  key += organisation;
  key += '\0';
  key += id;
  return key;
}

std::string EncodeContract(const Contract& c) {
  Writer w;
  w.String(c.buyer_site_id);
  w.String(c.tier1_site_id);
  w.String(c.title);
  w.String(c.cpv);
  w.Signed(c.value_eur);
  w.String(c.chain_type);
  // Optional trailing sections: records without them have none. The value note comes after the
  // follow-up steps, so a record with a note carries the step count even when it is 0.
  if (!c.followup.empty() || !c.value_note.empty()) {
    w.Varint(c.followup.size());
    for (const FollowUpStep& step : c.followup) {
      w.String(step.step);
      w.String(step.date);
      w.String(step.note);
      w.Varint(static_cast<uint64_t>(step.tier));
    }
  }
  if (!c.value_note.empty()) w.String(c.value_note);
  return w.Take();
}

Status DecodeContract(std::string_view key, std::string_view value, Contract* c) {
  std::vector<std::string_view> parts = SplitKey(key);
  if (parts.size() != 2) return Malformed("contract", key);
  c->organisation.assign(parts[0]);
  c->id.assign(parts[1]);
  Reader r(value);
  bool ok = r.String(&c->buyer_site_id) && r.String(&c->tier1_site_id) && r.String(&c->title) &&
            r.String(&c->cpv) && r.Signed(&c->value_eur) && r.String(&c->chain_type);
  c->followup.clear();
  if (ok && !r.Done()) {
    uint64_t steps = 0;
    ok = r.Varint(&steps) && steps <= value.size();
    for (uint64_t i = 0; ok && i < steps; ++i) {
      FollowUpStep step;
      uint64_t tier = 0;
      ok = r.String(&step.step) && r.String(&step.date) && r.String(&step.note) &&
           r.Varint(&tier) && tier <= 2;
      step.tier = static_cast<int>(tier);
      c->followup.push_back(std::move(step));
    }
  }
  c->value_note.clear();
  if (ok && !r.Done()) ok = r.String(&c->value_note);
  return ok && r.Done() ? Status::Ok() : Malformed("contract", key);
}

std::string EncodeOrganisation(const Organisation& o) {
  Writer w;
  w.String(o.name);
  w.Varint(o.audit_groups.size());
  for (const std::string& group : o.audit_groups) w.String(group);
  if (!o.authority.empty() || !o.clause_level.empty()) {  // optional trailing section
    w.String(o.authority);
    w.String(o.clause_level);
  }
  return w.Take();
}

Status DecodeOrganisation(std::string_view key, std::string_view value, Organisation* o) {
  Reader r(value);
  o->id.assign(key);
  uint64_t groups = 0;
  bool ok = r.String(&o->name) && r.Varint(&groups) && groups <= value.size();
  o->audit_groups.assign(ok ? groups : 0, std::string());
  for (std::string& group : o->audit_groups) ok = ok && r.String(&group);
  o->authority.clear();
  o->clause_level.clear();
  if (ok && !r.Done()) ok = r.String(&o->authority) && r.String(&o->clause_level);
  return ok && r.Done() ? Status::Ok() : Malformed("organisation", key);
}

std::string EncodeAudit(const Audit& a) {
  Writer w;
  for (const std::string* field : {&a.site_id, &a.organisation, &a.audit_group, &a.type, &a.date,
                                   &a.valid_until, &a.clause_level, &a.auditor, &a.summary}) {
    w.String(*field);
  }
  w.Varint(a.findings.size());
  for (const AuditFinding& f : a.findings) {
    w.String(f.theme);
    w.String(f.grade);
    w.String(f.text);
  }
  w.Varint(a.actions.size());
  for (const CorrectiveAction& c : a.actions) {
    w.Varint(static_cast<uint64_t>(c.finding));
    w.String(c.action);
    w.String(c.owner);
    w.String(c.deadline);
    w.String(c.status);
  }
  return w.Take();
}

Status DecodeAudit(std::string_view key, std::string_view value, Audit* a) {
  Reader r(value);
  a->id.assign(key);
  bool ok = true;
  for (std::string* field : {&a->site_id, &a->organisation, &a->audit_group, &a->type, &a->date,
                             &a->valid_until, &a->clause_level, &a->auditor, &a->summary}) {
    ok = ok && r.String(field);
  }
  uint64_t count = 0;
  ok = ok && r.Varint(&count) && count <= value.size();
  a->findings.assign(ok ? count : 0, AuditFinding());
  for (AuditFinding& f : a->findings)
    ok = ok && r.String(&f.theme) && r.String(&f.grade) && r.String(&f.text);
  ok = ok && r.Varint(&count) && count <= value.size();
  a->actions.assign(ok ? count : 0, CorrectiveAction());
  for (CorrectiveAction& c : a->actions) {
    uint64_t finding = 0;
    ok = ok && r.Varint(&finding) && finding < a->findings.size() && r.String(&c.action) &&
         r.String(&c.owner) && r.String(&c.deadline) && r.String(&c.status);
    c.finding = static_cast<int>(finding);
  }
  return ok && r.Done() ? Status::Ok() : Malformed("audit", key);
}

std::string EncodeToken(const AccessToken& t) {
  Writer w;
  w.String(t.organisation);
  w.String(t.role);
  w.Signed(t.created_unix);
  w.Signed(t.expires_unix);
  w.Varint(t.revoked ? 1 : 0);
  return w.Take();
}

Status DecodeToken(std::string_view key, std::string_view value, AccessToken* t) {
  Reader r(value);
  t->hash.assign(key);
  uint64_t revoked = 0;
  const bool ok = r.String(&t->organisation) && r.String(&t->role) && r.Signed(&t->created_unix) &&
                  r.Signed(&t->expires_unix) && r.Varint(&revoked);
  t->revoked = revoked != 0;
  return ok && r.Done() ? Status::Ok() : Malformed("token", key);
}

std::string IndexPrefix(char kind, const std::string& value) {
  std::string key(1, kind);
  key += '\0';
  key += value;
  key += '\0';
  return key;
}

std::string IndexPrefix(const std::string& scheme, const std::string& value) {
  std::string key = IndexPrefix('x', scheme);
  key += value;
  key += '\0';
  return key;
}

namespace {

void PutBigEndian(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out->push_back(static_cast<char>((v >> shift) & 0xff));
}

void WriteChanges(Writer& w, const std::vector<FieldChange>& changes) {
  w.Varint(changes.size());
  for (const FieldChange& c : changes) {
    w.String(c.field);
    w.String(c.before);
    w.String(c.after);
  }
}

bool ReadChanges(Reader& r, size_t limit, std::vector<FieldChange>* changes) {
  uint64_t n = 0;
  if (!r.Varint(&n) || n > limit) return false;
  changes->assign(n, FieldChange());
  for (FieldChange& c : *changes) {
    if (!r.String(&c.field) || !r.String(&c.before) || !r.String(&c.after)) return false;
  }
  return true;
}

bool ReadStrings(Reader& r, size_t limit, std::vector<std::string>* out) {
  uint64_t n = 0;
  if (!r.Varint(&n) || n > limit) return false;
  out->assign(n, std::string());
  for (std::string& s : *out) {
    if (!r.String(&s)) return false;
  }
  return true;
}

}  // namespace

std::string JournalKey(uint64_t seq) {
  std::string key = "e";
  PutBigEndian(&key, seq);
  return key;
}

std::string SiteHistoryPrefix(std::string_view site_id) {
  return "s" + std::string(site_id) + std::string(1, '\0');
}

std::string SiteHistoryKey(std::string_view site_id, uint64_t seq) {
  std::string key = SiteHistoryPrefix(site_id);
  PutBigEndian(&key, seq);
  return key;
}

std::string ProposalKey(uint64_t id) {
  std::string key;
  PutBigEndian(&key, id);
  return key;
}

bool TrailingNumber(std::string_view key, uint64_t* number) {
  if (key.size() < 8) return false;
  *number = 0;
  for (size_t i = key.size() - 8; i < key.size(); ++i) {
    *number = (*number << 8) | static_cast<unsigned char>(key[i]);
  }
  return true;
}

namespace {

void WriteSiteChange(Writer& w, const SiteChange& change) {
  w.String(change.kind);
  WriteChanges(w, change.fields);
}

bool ReadSiteChange(Reader& r, size_t limit, SiteChange* change) {
  return r.String(&change->kind) && ReadChanges(r, limit, &change->fields);
}

}  // namespace

std::string EncodeSiteChange(const SiteChange& change) {
  Writer w;
  WriteSiteChange(w, change);
  return w.Take();
}

Status DecodeSiteChange(std::string_view key, std::string_view value, SiteChange* change) {
  Reader r(value);
  const bool ok = ReadSiteChange(r, value.size(), change);
  return ok && r.Done() ? Status::Ok() : Malformed("site history entry", key);
}

std::string EncodeJournal(const JournalEntry& e) {
  Writer w;
  w.Signed(e.time_unix);
  w.String(e.organisation);
  w.String(e.token_id);
  w.String(e.what);
  w.Varint(e.records);
  w.Varint(e.site_count);
  const size_t listed = std::min(e.sites.size(), JournalEntry::kListedSites);
  w.Varint(listed);
  for (size_t i = 0; i < listed; ++i) {
    w.String(e.sites[i].site_id);
    WriteSiteChange(w, e.sites[i]);
  }
  return w.Take();
}

Status DecodeJournal(std::string_view key, std::string_view value, JournalEntry* e) {
  Reader r(value);
  uint64_t records = 0, site_count = 0, listed = 0;
  bool ok = TrailingNumber(key, &e->seq) && r.Signed(&e->time_unix) && r.String(&e->organisation) &&
            r.String(&e->token_id) && r.String(&e->what) && r.Varint(&records) &&
            r.Varint(&site_count) && r.Varint(&listed) && listed <= JournalEntry::kListedSites;
  e->records = records;
  e->site_count = site_count;
  e->sites.assign(ok ? listed : 0, {});
  for (SiteChange& change : e->sites) {
    ok = ok && r.String(&change.site_id) && ReadSiteChange(r, value.size(), &change);
  }
  return ok && r.Done() ? Status::Ok() : Malformed("journal entry", key);
}

std::string EncodeProposal(const SiteProposal& p) {
  Writer w;
  w.String(p.site_id);
  w.String(p.organisation);
  w.String(p.token_id);
  w.Signed(p.time_unix);
  std::string site;
  EncodeSite(p.proposed, &site);
  w.String(p.proposed.id);
  w.String(site);
  WriteChanges(w, p.changes);
  for (const std::vector<std::string>* list : {&p.consent, &p.accepted}) {
    w.Varint(list->size());
    for (const std::string& s : *list) w.String(s);
  }
  w.String(p.state);
  w.String(p.decided_by);
  w.Signed(p.decided_unix);
  return w.Take();
}

Status DecodeProposal(std::string_view key, std::string_view value, SiteProposal* p) {
  Reader r(value);
  std::string site_id, site;
  bool ok =
      TrailingNumber(key, &p->id) && r.String(&p->site_id) && r.String(&p->organisation) &&
      r.String(&p->token_id) && r.Signed(&p->time_unix) && r.String(&site_id) && r.String(&site) &&
      DecodeSite(site_id, site, &p->proposed).ok() && ReadChanges(r, value.size(), &p->changes) &&
      ReadStrings(r, value.size(), &p->consent) && ReadStrings(r, value.size(), &p->accepted) &&
      r.String(&p->state) && r.String(&p->decided_by) && r.Signed(&p->decided_unix);
  return ok && r.Done() ? Status::Ok() : Malformed("proposal", key);
}

std::string EncodeIndexChange(const IndexChange& change) {
  Writer w;
  w.Varint(static_cast<uint64_t>(change.kind));
  w.Varint(change.tokens ? 1 : 0);
  w.Varint(change.sites.size());
  for (const std::string& id : change.sites) w.String(id);
  w.Varint(change.links.size());
  for (const SupplyLink& link : change.links) {
    w.String(link.organisation);
    w.String(link.supplier_id);
    w.String(link.customer_id);
    w.String(link.product);
  }
  w.Signed(change.link_records_added);
  w.Varint(change.contracts.size());
  for (const auto& [organisation, id] : change.contracts) {
    w.String(organisation);
    w.String(id);
  }
  w.Varint(change.organisations.size());
  for (const std::string& id : change.organisations) w.String(id);
  return w.Take();
}

Status DecodeIndexChange(uint64_t seq, std::string_view value, IndexChange* change) {
  *change = IndexChange();
  if (value.empty()) {
    change->kind = IndexChange::Kind::kRebuild;
    return Status::Ok();
  }
  Reader r(value);
  uint64_t kind = 0, tokens = 0, n = 0;
  bool ok = r.Varint(&kind) && kind <= static_cast<uint64_t>(IndexChange::Kind::kRebuild) &&
            r.Varint(&tokens) && tokens <= 1 && ReadStrings(r, value.size(), &change->sites) &&
            r.Varint(&n) && n <= value.size();
  change->kind = static_cast<IndexChange::Kind>(kind);
  change->tokens = tokens == 1;
  change->links.assign(ok ? n : 0, SupplyLink());
  for (SupplyLink& link : change->links) {
    ok = ok && r.String(&link.organisation) && r.String(&link.supplier_id) &&
         r.String(&link.customer_id) && r.String(&link.product);
  }
  ok = ok && r.Signed(&change->link_records_added) && r.Varint(&n) && n <= value.size();
  change->contracts.assign(ok ? n : 0, {});
  for (auto& [organisation, id] : change->contracts) {
    ok = ok && r.String(&organisation) && r.String(&id);
  }
  ok = ok && ReadStrings(r, value.size(), &change->organisations);
  if (ok && r.Done()) return Status::Ok();
  return Status::DataLoss("malformed index change of journal entry " + std::to_string(seq));
}

}  // namespace isvgraph::graph::codec

namespace isvgraph::graph {

std::string LinkPageKey(const SupplyLink& link) {
  return codec::LinkKey(std::string_view(), link.customer_id, link.supplier_id, link.product)
      .substr(1);
}

}  // namespace isvgraph::graph
