#pragma once

// Text: what a person reads, in every language isvgraph speaks. Domain results carry Text rather
// than a string, so that one cached answer serves requests in either language and the choice is
// made where the answer leaves the program (the encoders). A curated table's cell and its
// `_nl` column make one Text; a catalogue message (messages.h) makes one.

#include <string>
#include <string_view>
#include <utility>

#include "isvgraph/i18n/language.h"

namespace isvgraph::i18n {

struct Text {
  std::string en;
  std::string nl;

  // The same characters in every language: a name, a code, a number already formatted.
  static Text Same(std::string_view text) { return Text{std::string(text), std::string(text)}; }

  // The text in `language`; the English when the translation is missing (a test keeps that from
  // happening with the shipped data and catalogue).
  const std::string& In(Language language) const {
    return language == Language::kDutch && !nl.empty() ? nl : en;
  }
  bool empty() const { return en.empty() && nl.empty(); }

  // Appends per language. For joining whole clauses with punctuation ("; "), never for building
  // a sentence out of translated words.
  Text& operator+=(const Text& other) {
    en += other.en;
    nl += other.nl;
    return *this;
  }
  Text& operator+=(std::string_view same) {
    en += same;
    nl += same;
    return *this;
  }
  friend Text operator+(Text left, const Text& right) { return left += right; }
  friend Text operator+(Text left, std::string_view right) { return left += right; }
  friend Text operator+(std::string_view left, const Text& right) {
    return Text{std::string(left) + right.en, std::string(left) + right.nl};
  }
  bool operator==(const Text&) const = default;
};

// Joins texts with a separator ("; ", ", ") per language.
template <typename Range>
Text Join(const Range& texts, std::string_view separator) {
  Text joined;
  bool first = true;
  for (const Text& text : texts) {
    if (!first) joined += separator;
    joined += text;
    first = false;
  }
  return joined;
}

}  // namespace isvgraph::i18n
