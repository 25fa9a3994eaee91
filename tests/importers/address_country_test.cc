// Countries read from addresses: a US state and ZIP code, or a country name at the end.

#include "address_country.h"

#include <gtest/gtest.h>

#include "import_fixture.h"

namespace isvgraph::importers {
namespace {

TEST(AddressCountryTest, UsStateAndZipCodeMeanUs) {
  EXPECT_TRUE(EndsWithUsStateAndZip("115 Tabor Road Morris Plains NJ 07950"));
  EXPECT_TRUE(EndsWithUsStateAndZip("1 Main St., Austin, TX 78701-1234"));
  EXPECT_TRUE(EndsWithUsStateAndZip("PO Box 12, San Juan, PR, 00901."));
  EXPECT_FALSE(EndsWithUsStateAndZip("NJ 07950"));                     // nothing before it
  EXPECT_FALSE(EndsWithUsStateAndZip("Keizersgracht 1, 1015 NL 10"));  // not a ZIP code
  EXPECT_FALSE(EndsWithUsStateAndZip("Hauptstr. 5, XX 12345"));        // not a state
  EXPECT_FALSE(EndsWithUsStateAndZip("Rua Augusta 10, 1100-053"));     // a Portuguese code
}

TEST(AddressCountryTest, TheStateWinsOverACountryOfTheSameName) {
  EXPECT_EQ(CountryOfAddress(*Kb(), "10 Peachtree St, Atlanta, GA 30303"), "US");
  EXPECT_EQ(CountryOfAddress(*Kb(), "No. 5, Keyan Rd, Hsinchu, Taiwan"), "TW");
  EXPECT_EQ(CountryOfAddress(*Kb(), "Stationsplein 1, Utrecht, Nederland."), "NL");
  EXPECT_EQ(CountryOfAddress(*Kb(), "Somewhere street 1"), "");
  EXPECT_EQ(CountryOfAddress(*Kb(), ""), "");
}

}  // namespace
}  // namespace isvgraph::importers
