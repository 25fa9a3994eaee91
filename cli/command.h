#pragma once

// What every command family of the isvgraph executable shares: the family interface main.cc
// wires, the error exit, and opening the service. A family parses flags and calls api::Service
// (or, for questions without a store, the knowledge base and the encoders); nothing else.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "isvgraph/api/service.h"
#include "isvgraph/base/status.h"
#include "isvgraph/i18n/language.h"
#include "isvgraph/i18n/say.h"

namespace isvgraph::cli {

// A group of related subcommands (serve and demo; store administration; …), with its flags.
class CommandFamily {
 public:
  virtual ~CommandFamily() = default;
  // Adds the family's subcommands and their flags to the application.
  virtual void Add(CLI::App& app) = 0;
  // Runs the family's subcommand that was parsed and returns its exit code; nullopt when none
  // of the family's subcommands was given.
  virtual std::optional<int> Run() = 0;
};

std::unique_ptr<CommandFamily> NewServeCommands();     // serve, demo
std::unique_ptr<CommandFamily> NewStoreCommands();     // backup, restore, export, token, group, org
std::unique_ptr<CommandFamily> NewImportCommands();    // import, import template
std::unique_ptr<CommandFamily> NewContractCommands();  // chain, assess, followup
std::unique_ptr<CommandFamily> NewRiskCommands();      // risk, tender
std::unique_ptr<CommandFamily> NewAuditCommands();     // audits
std::unique_ptr<CommandFamily> NewMapCommands();       // map
std::unique_ptr<CommandFamily> NewBenchCommands();     // bench
std::unique_ptr<CommandFamily> NewDataCommands();      // data check, data diff

// Prints the error in `language` (by default the locale's) and returns the exit code: 2 for bad
// arguments, 1 for everything else. The code name before the message stays as it is.
inline int Fail(const Status& status, i18n::Language language = i18n::LanguageFromEnvironment()) {
  std::fprintf(stderr, "isvgraph: %s: %s\n", std::string(StatusCodeName(status.code())).c_str(),
               i18n::MessageIn(language, status).c_str());
  return status.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

// Prints an answer on standard output, ending it with a line break when it has none. Returns 0.
inline int Print(const std::string& answer) {
  std::fputs(answer.c_str(), stdout);
  if (!answer.empty() && answer.back() != '\n') std::fputc('\n', stdout);
  return 0;
}

// `--lang nl|en` on a subcommand that writes for people; without it the environment's locale
// (LC_ALL, LC_MESSAGES, LANG) chooses, and English is the fallback.
inline void AddLanguageOption(CLI::App* command, std::string* lang) {
  command->add_option("--lang", *lang,
                      "Language of the answer: nl (Dutch) or en (English); default from the "
                      "locale (LANG)");
}

// The language `--lang` asked for, or the locale's. InvalidArgument for another language.
inline Result<i18n::Language> CommandLanguage(const std::string& lang) {
  if (lang.empty()) return i18n::LanguageFromEnvironment();
  if (auto language = i18n::ParseLanguage(lang)) return *language;
  return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorCliLang, {{"lang", lang}});
}

// Opens the service on an existing store: NotFound "no store at DIR" when there is none.
inline Result<std::unique_ptr<api::Service>> OpenExisting(api::ServiceOptions options) {
  options.create_if_missing = false;
  return api::Service::Open(options);
}

}  // namespace isvgraph::cli
