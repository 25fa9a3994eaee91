// `isvgraph tender` in the language asked: --lang, else the locale; Dutch and English answers
// agree on every number and code (the real binary, as a user runs it).

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/language_compare.h"
#include "support/shell.h"

namespace isvgraph::cli {
namespace {

using CommandRun = isvgraph::testing::ShellRun;

// Runs the binary with `environment` ("LANG=nl_NL.UTF-8 …") before it; stderr is dropped, or
// is what is read (and stdout dropped) with `errors`.
CommandRun Isvgraph(const std::string& arguments, const std::string& environment = "LANG=C",
                    bool errors = false) {
  return isvgraph::testing::RunShell("env -u LC_ALL -u LC_MESSAGES " + environment + " " +
                                     ISVGRAPH_BINARY + " " + arguments +
                                     (errors ? " 2>&1 >/dev/null" : " 2>/dev/null"));
}

constexpr char kTender[] = "tender --cpv 18100000-0 --countries BD,CN --value 500000";

TEST(TenderLanguage, DutchAndEnglishAgreeOnNumbersAndCodes) {
  CommandRun dutch = Isvgraph(std::string(kTender) + " --lang nl --json");
  CommandRun english = Isvgraph(std::string(kTender) + " --lang en --json");
  ASSERT_EQ(dutch.exit_code, 0) << dutch.output;
  ASSERT_EQ(english.exit_code, 0) << english.output;
  const nlohmann::json nl = nlohmann::json::parse(dutch.output);
  const nlohmann::json en = nlohmann::json::parse(english.output);
  const std::vector<std::string> differences = isvgraph::testing::DifferencesBeyondText(en, nl);
  EXPECT_TRUE(differences.empty()) << differences.front();
  EXPECT_NE(nl["isv"]["reason"], en["isv"]["reason"]);
  EXPECT_NE(nl["themes"][0]["measures"][0], en["themes"][0]["measures"][0]);
}

TEST(TenderLanguage, TextAnswerFollowsLangThenTheLocale) {
  CommandRun dutch = Isvgraph(std::string(kTender) + " --lang nl");
  ASSERT_EQ(dutch.exit_code, 0);
  for (const char* part : {"Aanbestedingscheck", "ISV-clausule: VERPLICHT", "vraag inschrijvers:",
                           "contractmaatregel:", "€\u00a0500.000", "ernst 1,00"}) {
    EXPECT_NE(dutch.output.find(part), std::string::npos) << part;
  }
  // No --lang: the locale decides; C or an unknown language means English.
  EXPECT_EQ(Isvgraph(kTender, "LANG=nl_NL.UTF-8").output, dutch.output);
  EXPECT_NE(Isvgraph(kTender, "LANG=C").output.find("ISV clause: MANDATORY"), std::string::npos);
  EXPECT_NE(Isvgraph(kTender, "LANG=de_DE.UTF-8").output.find("Tender check"), std::string::npos);
  // --lang wins over the locale, and a language we do not speak is a usage error.
  EXPECT_NE(
      Isvgraph(std::string(kTender) + " --lang en", "LANG=nl_NL.UTF-8").output.find("Tender check"),
      std::string::npos);
  EXPECT_EQ(Isvgraph(std::string(kTender) + " --lang fr").exit_code, 2);
}

TEST(TenderLanguage, ErrorsFollowLangThenTheLocale) {
  const std::string bad = "tender --cpv 1810000";
  CommandRun dutch = Isvgraph(bad + " --lang nl", "LANG=C", true);
  EXPECT_EQ(dutch.exit_code, 2);
  EXPECT_EQ(dutch.output,
            "isvgraph: invalid_argument: onjuiste CPV-code '1810000': verwacht 8 cijfers, "
            "eventueel met '-' en een controlecijfer (bijvoorbeeld 18100000-0)\n");
  EXPECT_EQ(Isvgraph(bad, "LANG=nl_NL.UTF-8", true).output, dutch.output);
  EXPECT_EQ(Isvgraph(bad, "LANG=C", true).output.rfind("isvgraph: invalid_argument: malformed", 0),
            0u);
  EXPECT_EQ(Isvgraph("tender --cpv 18100000-0 --lang fr", "LANG=nl_NL.UTF-8", true).output,
            "isvgraph: invalid_argument: --lang moet nl (Nederlands) of en (Engels) zijn, niet "
            "'fr'\n");
}

}  // namespace
}  // namespace isvgraph::cli
