#pragma once

// The joint-audit scenario of the audits tests, on the memory store: three Swedish regions in
// the group se-healthcare share a glove factory in Malaysia (G, Klang), a second one in Sabah
// (G2) and two Sialkot workshops (W, W2); Oslo, not in the group, reaches the Klang factory too.
// Contract values: Stockholm 2 M, Skåne 1 M, Västra Götaland 0.5 M, Oslo 9 M euro.

#include <gtest/gtest.h>

#include "isvgraph/audits/groups.h"
#include "support/domain_world.h"

namespace isvgraph::audits {

class NordicWorld : public ::testing::Test {
 protected:
  static constexpr char kToday[] = "2026-11-28";
  static constexpr char kGroup[] = "se-healthcare";

  void SetUp() override {
    world_ = isvgraph::testing::DomainWorld::Make();
    graph::WriteBatch batch;
    for (const char* org : {"stockholm", "skane", "vgregion", "oslo"}) {
      batch.PutOrganisation({.id = org, .name = org});
    }
    auto site = [&](const char* id, const char* name, const char* country, const char* sector,
                    double lat, double lon) {
      batch.PutSite(
          {.id = id, .name = name, .country = country, .sector = sector, .lat = lat, .lon = lon});
    };
    site("D1", "Nordic Medical AB", "SE", "wholesale_trading", 59.33, 18.06);
    site("D2", "Skane Vard AB", "SE", "wholesale_trading", 55.60, 13.00);
    site("D3", "Vastra Supply AB", "SE", "wholesale_trading", 57.70, 11.97);
    site("D4", "Oslo Helse AS", "NO", "wholesale_trading", 59.91, 10.75);
    site("G", "Klang Nitrile Gloves Sdn Bhd", "MY", "rubber_gloves", 3.04, 101.45);
    site("G2", "Sabah Latex Gloves", "MY", "rubber_gloves", 5.98, 116.07);
    site("W", "Sialkot Surgical Works", "PK", "surgical_instruments", 32.49, 74.52);
    site("W2", "Sialkot Forging", "PK", "surgical_instruments", 32.50, 74.55);
    auto link = [&](const char* org, const char* supplier, const char* customer) {
      batch.PutLink(
          {.organisation = org, .supplier_id = supplier, .customer_id = customer, .product = "x"});
    };
    for (const char* s : {"G", "G2", "W", "W2"}) link("stockholm", s, "D1");
    for (const char* s : {"G", "G2", "W"}) link("skane", s, "D2");
    for (const char* s : {"G", "W2"}) link("vgregion", s, "D3");
    link("oslo", "G", "D4");
    auto contract = [&](const char* id, const char* org, const char* tier1, int64_t value) {
      batch.PutContract(
          {.id = id, .organisation = org, .tier1_site_id = tier1, .value_eur = value});
    };
    contract("K-S", "stockholm", "D1", 2000000);
    contract("K-K", "skane", "D2", 1000000);
    contract("K-V", "vgregion", "D3", 500000);
    contract("K-O", "oslo", "D4", 9000000);
    ASSERT_TRUE(world_.chains->Apply(std::move(batch)).ok());
    for (const char* org : {"stockholm", "skane", "vgregion"}) {
      ASSERT_TRUE(JoinAuditGroup(*world_.chains, org, kGroup).ok());
    }
  }

  // A site audit of the Klang factory by Skåne, shared with the group: a priority forced-labour
  // finding whose corrective action was due on 2026-11-25, and a minor one due 2026-12-20.
  graph::Audit KlangAudit() const {
    return {.site_id = "G",
            .audit_group = kGroup,
            .type = "site",
            .date = "2026-11-20",
            .auditor = "Independent Audit Sdn Bhd",
            .summary = "Migrant workers paid recruitment fees",
            .findings = {{.theme = "forced_labour",
                          .grade = "priority",
                          .text = "recruitment fees of 4 months' wages"},
                         {.theme = "health_safety", .grade = "minor", .text = "blocked fire exit"}},
            .actions = {{.finding = 0,
                         .action = "repay fees; zero-cost recruitment policy",
                         .owner = "supplier: HR",
                         .deadline = "2026-11-25",
                         .status = "open"},
                        {.finding = 1,
                         .action = "clear the exit",
                         .owner = "supplier",
                         .deadline = "2026-12-20",
                         .status = "in_progress"}}};
  }

  isvgraph::testing::DomainWorld world_;
};

}  // namespace isvgraph::audits
