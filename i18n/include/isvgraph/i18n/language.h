#pragma once

// The languages isvgraph answers in, and how a request chooses one. English is the language of
// the code and the fallback; Dutch is the language of most users (docs/glossary.md holds the
// terms both use). Codes, ids, numbers and JSON keys never change with the language; only what
// a person reads does.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace isvgraph::i18n {

enum class Language { kEnglish, kDutch };
inline constexpr std::array<Language, 2> kLanguages = {Language::kEnglish, Language::kDutch};

// "en" or "nl": the value of Content-Language, `<html lang>` and `--lang`.
std::string_view LanguageCode(Language language);

// A BCP 47 tag or a POSIX locale name: "nl", "NL", "nl-BE", "nl_NL.UTF-8", "en-GB" → the
// language; nullopt for any other language, an empty or a malformed tag.
std::optional<Language> ParseLanguage(std::string_view tag);

// The language an Accept-Language header (RFC 9110, 12.5.4) prefers among ours: the highest
// q-value wins, the earlier of equal ones; "*" means any (English); q=0 excludes. nullopt when
// the header names none of ours (the caller then answers in English).
std::optional<Language> NegotiateLanguage(std::string_view accept_language);

// The CLI's default: the first of LC_ALL, LC_MESSAGES and LANG that is set and not empty, when
// it names one of ours; English otherwise ("C", "POSIX", unset).
Language LanguageFromEnvironment();

}  // namespace isvgraph::i18n
