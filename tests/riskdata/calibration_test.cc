// The calibration suite: cases an expert would sign (tests/riskdata/calibration_cases.tsv), each
// with the verdict the listings and the guidance call for and the reason an expert gives. The
// cases were written from the sources, not from the program's output: a failing case means the
// program disagrees with the expert, and the reason says why the expert is right.

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "riskdata/shared_kb.h"
#include "support/text_print.h"

namespace isvgraph::riskdata {
namespace {

struct CalibrationCase {
  std::string id;
  std::string kind;  // site | tender
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<std::string> expectations;
  std::string reason;
};

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, separator);) parts.push_back(part);
  return parts;
}

std::vector<CalibrationCase> LoadCases() {
  std::ifstream in(std::string(ISVGRAPH_SOURCE_DIR) + "/tests/riskdata/calibration_cases.tsv");
  std::vector<CalibrationCase> cases;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> columns = Split(line, '\t');
    if (columns.size() != 4) {
      ADD_FAILURE() << "a case needs 4 tab-separated columns: " << line;
      continue;
    }
    CalibrationCase c{
        .id = columns[0], .expectations = Split(columns[2], ';'), .reason = columns[3]};
    std::vector<std::string> query = Split(columns[1], ';');
    c.kind = query.front();
    for (size_t i = 1; i < query.size(); ++i) {
      const size_t equals = query[i].find('=');
      c.query.emplace_back(query[i].substr(0, equals), query[i].substr(equals + 1));
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

bool Mentions(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

// Checks one site case; returns the failures, empty when the expert agrees.
std::vector<std::string> CheckSite(const CalibrationCase& c) {
  SiteQuery query;
  for (const auto& [key, value] : c.query) {
    if (key == "country") query.country = value;
    if (key == "region") query.region = value;
    if (key == "sector") query.sector = value;
    if (key == "product") query.product = value;
    if (key == "name") query.name = value;
  }
  auto site = Kb().AssessSite(query);
  if (!site) return {"query failed: " + site.error().ToString()};
  std::vector<std::string> failures;
  std::string all;
  for (const ThemeRisk& theme : site->themes)
    all += theme.explanation.en + " " + theme.sector_note.en;
  for (const std::string& expectation : c.expectations) {
    if (expectation == "flagged" && !site->flagged) failures.push_back("site not flagged");
    if (expectation == "not_flagged" && site->flagged) {
      for (const ThemeRisk& theme : site->themes) {
        if (theme.flagged) failures.push_back("flagged: " + theme.explanation.en);
      }
    }
    if (expectation.rfind("theme:", 0) == 0) {
      const size_t equals = expectation.find('=');
      const std::string id = expectation.substr(6, equals - 6);
      const bool want = expectation.substr(equals + 1) == "flagged";
      const std::optional<Theme> theme = ThemeFromId(id);
      if (!theme) return {"unknown theme " + id};
      const ThemeRisk& risk = site->themes[static_cast<size_t>(*theme)];
      if (risk.flagged != want) failures.push_back(id + ": " + risk.explanation.en);
    }
    if (expectation.rfind("excludes:", 0) == 0 && Mentions(all, expectation.substr(9))) {
      failures.push_back("mentions '" + expectation.substr(9) + "'");
    }
  }
  return failures;
}

std::vector<std::string> CheckTender(const CalibrationCase& c) {
  TenderQuery query;
  for (const auto& [key, value] : c.query) {
    if (key == "cpv") query.cpv = Split(value, ',');
    if (key == "countries") query.countries = Split(value, ',');
    if (key == "value") query.value_eur = std::stod(value);
    if (key == "authority") query.authority = value;
    if (key == "date") query.date = value;
  }
  auto advice = Kb().CheckTender(query);
  if (!advice) return {"query failed: " + advice.error().ToString()};
  std::vector<std::string> failures;
  std::string reasons, measures, actions;
  for (const ThemeAdvice& theme : advice->themes) {
    if (theme.salient) reasons += theme.reason.en + "\n";
    for (const auto& m : theme.measures) measures += m.en + "\n";
    for (const auto& q : theme.questions) measures += q.en + "\n";
  }
  for (const TenderAction& action : advice->actions) actions += action.name.en + "\n";
  auto has_place = [&](const std::string& country) {
    return std::any_of(advice->tiers.begin(), advice->tiers.end(), [&](const TierAdvice& t) {
      return std::any_of(t.places.begin(), t.places.end(),
                         [&](const TierPlace& p) { return p.country == country; });
    });
  };
  const IsvAdvice& isv = advice->isv;
  const std::string verdict = isv.mandatory ? "mandatory" : isv.advised ? "advised" : "not_advised";
  for (const std::string& e : c.expectations) {
    const size_t split = e.find_first_of(":=");
    const std::string key = e.substr(0, split);
    const std::string value = e.substr(split + 1);
    if (key == "isv" && verdict != value)
      failures.push_back("ISV " + verdict + ": " + isv.reason.en);
    if (key == "category" && isv.category != value) {
      failures.push_back("category '" + isv.category + "'");
    }
    if (key == "places_include" && !has_place(value)) failures.push_back(value + " not scored");
    if (key == "places_exclude" && has_place(value)) failures.push_back(value + " scored");
    if (key == "reasons_exclude" && Mentions(reasons, value)) {
      failures.push_back("a reason mentions '" + value + "':\n" + reasons);
    }
    if (key == "measures_exclude" && Mentions(measures, value)) {
      failures.push_back("a measure mentions '" + value + "'");
    }
    if (key == "measures_include" && !Mentions(measures, value)) {
      failures.push_back("no measure mentions '" + value + "'");
    }
    if (key == "actions_include" && !Mentions(actions, value)) {
      failures.push_back("no action '" + value + "' among:\n" + actions);
    }
  }
  return failures;
}

TEST(Calibration, EveryCaseHasAnExpertsReasonAndTheSuiteCoversEnough) {
  const std::vector<CalibrationCase> cases = LoadCases();
  EXPECT_GE(cases.size(), 60u);
  for (const CalibrationCase& c : cases) {
    EXPECT_FALSE(c.reason.empty()) << c.id;
    EXPECT_TRUE(c.kind == "site" || c.kind == "tender") << c.id;
  }
}

TEST(Calibration, TheProgramAgreesWithTheExpertOnEveryCase) {
  const bool cahra = std::any_of(Kb().layers().begin(), Kb().layers().end(),
                                 [](const LayerInfo& l) { return l.id == "eu_cahra" && l.loaded; });
  int checked = 0;
  for (const CalibrationCase& c : LoadCases()) {
    const bool needs_cahra =
        std::any_of(c.expectations.begin(), c.expectations.end(),
                    [](const std::string& e) { return Mentions(e, "conflict"); });
    if (needs_cahra && !cahra) continue;  // the optional CAHRA layer is not in this data
    const std::vector<std::string> failures = c.kind == "site" ? CheckSite(c) : CheckTender(c);
    for (const std::string& failure : failures) {
      ADD_FAILURE() << c.id << " — the expert: " << c.reason << "\n  " << failure;
    }
    ++checked;
  }
  EXPECT_GE(checked, 60);
}

}  // namespace
}  // namespace isvgraph::riskdata
