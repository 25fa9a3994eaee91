// How a request chooses its language: tags, locales and Accept-Language with q-values.

#include "isvgraph/i18n/language.h"

#include <cstdlib>

#include <gtest/gtest.h>

namespace isvgraph::i18n {
namespace {

TEST(ParseLanguage, TakesTagsAndLocalesOfOurLanguages) {
  EXPECT_EQ(ParseLanguage("nl"), Language::kDutch);
  EXPECT_EQ(ParseLanguage("NL"), Language::kDutch);
  EXPECT_EQ(ParseLanguage("nl-BE"), Language::kDutch);
  EXPECT_EQ(ParseLanguage("nl_NL.UTF-8"), Language::kDutch);
  EXPECT_EQ(ParseLanguage("en-GB"), Language::kEnglish);
  EXPECT_EQ(ParseLanguage("en"), Language::kEnglish);
  EXPECT_EQ(ParseLanguage("de"), std::nullopt);
  EXPECT_EQ(ParseLanguage(""), std::nullopt);
  EXPECT_EQ(ParseLanguage("nl-"), std::nullopt);
  EXPECT_EQ(ParseLanguage("C"), std::nullopt);
}

TEST(NegotiateLanguage, HighestQValueWinsAndTheEarlierOfEquals) {
  EXPECT_EQ(NegotiateLanguage("nl"), Language::kDutch);
  EXPECT_EQ(NegotiateLanguage("nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7"), Language::kDutch);
  EXPECT_EQ(NegotiateLanguage("en;q=0.5, nl;q=0.8"), Language::kDutch);
  EXPECT_EQ(NegotiateLanguage("nl;q=0.5, en;q=0.8"), Language::kEnglish);
  EXPECT_EQ(NegotiateLanguage("de, nl;q=0.3"), Language::kDutch);  // German is not ours
  EXPECT_EQ(NegotiateLanguage("en, nl"), Language::kEnglish);
  EXPECT_EQ(NegotiateLanguage("nl;q=0, en;q=0.1"), Language::kEnglish);  // q=0 excludes
  EXPECT_EQ(NegotiateLanguage("fr, de"), std::nullopt);
  EXPECT_EQ(NegotiateLanguage("*"), Language::kEnglish);
  EXPECT_EQ(NegotiateLanguage("nl;q=abc, en;q=0.2"), Language::kEnglish);  // malformed q ignored
  EXPECT_EQ(NegotiateLanguage(""), std::nullopt);
}

TEST(LanguageFromEnvironment, FollowsThePosixOrder) {
  ::setenv("LC_ALL", "", 1);
  ::setenv("LC_MESSAGES", "nl_NL.UTF-8", 1);
  ::setenv("LANG", "en_GB.UTF-8", 1);
  EXPECT_EQ(LanguageFromEnvironment(), Language::kDutch);
  ::setenv("LC_ALL", "C", 1);
  EXPECT_EQ(LanguageFromEnvironment(), Language::kEnglish);
  ::unsetenv("LC_ALL");
  ::unsetenv("LC_MESSAGES");
  ::unsetenv("LANG");
  EXPECT_EQ(LanguageFromEnvironment(), Language::kEnglish);
}

}  // namespace
}  // namespace isvgraph::i18n
