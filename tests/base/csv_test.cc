// CSV cells: quoting, and formulas neutralised so that a cell a spreadsheet would run (OWASP's
// CSV injection) shows as text — whatever site name or note someone typed.

#include "isvgraph/base/csv.h"

#include <gtest/gtest.h>

namespace isvgraph {
namespace {

TEST(CsvCell, FormulasGetAnApostropheAndNumbersStayNumbers) {
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvCell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(CsvCell("@SUM(1)"), "'@SUM(1)");
  EXPECT_EQ(CsvCell("-2+3"), "'-2+3");
  EXPECT_EQ(CsvCell("\t=1+1"), "'\t=1+1");
  EXPECT_EQ(CsvCell("\r=1+1"), "\"'\r=1+1\"");
  for (const char* number : {"-33.92", "+31", "-1e-05", "0.6", "12"}) {
    EXPECT_EQ(CsvCell(number), number);
  }
  EXPECT_EQ(CsvCell("Acme, Ltd"), "\"Acme, Ltd\"");
  EXPECT_EQ(CsvCell("a;b"), "\"a;b\"");
  EXPECT_EQ(CsvCell("plain"), "plain");
}

TEST(CsvCell, TheImportersTakeTheApostropheOffAgain) {
  for (const char* text : {"=SUM(1)", "-2+3", "@x", "+y"}) {
    EXPECT_EQ(UnneutraliseCsvCell("'" + std::string(text)), text);
  }
  EXPECT_EQ(UnneutraliseCsvCell("'quoted text'"), "'quoted text'");
  EXPECT_EQ(UnneutraliseCsvCell("'-33.9"), "'-33.9");  // a number is never neutralised
}

}  // namespace
}  // namespace isvgraph
