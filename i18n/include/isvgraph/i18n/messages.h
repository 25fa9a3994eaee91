#pragma once

// The program's own sentences: a message catalogue compiled at build time from i18n/po/nl.po
// (GNU gettext format; msgctxt is the key, msgid the English, msgstr the Dutch). Templates are
// whole sentences or clauses with named placeholders ("{country}"); Say() fills them in each
// language. The build turns every key into a Msg enumerator, so code cannot name a message the
// catalogue lacks; a test fails when a message lacks a language or its placeholders differ.

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/i18n/text.h"

namespace isvgraph::i18n {

enum class Msg {
#define ISVGRAPH_MESSAGE_KEY(ident) ident,
#include "isvgraph/i18n/message_keys.inc"
#undef ISVGRAPH_MESSAGE_KEY
};

// One placeholder's value, in every language. It views the caller's strings rather than copying
// them: an Arg lives only inside the braces of a Say() call, and so does any temporary it views
// (temporaries last to the end of the full expression). Never keep one in a variable.
struct Arg {
  std::string_view name;
  std::string_view en;
  std::string_view nl;

  Arg(std::string_view name, const Text& value)
      : name(name), en(value.en), nl(value.nl.empty() ? value.en : value.nl) {}
  // A name, code or other text that is the same in every language.
  Arg(std::string_view name, std::string_view same) : name(name), en(same), nl(same) {}
  Arg(std::string_view name, const char* same) : name(name), en(same), nl(same) {}
  Arg(std::string_view name, const std::string& same) : name(name), en(same), nl(same) {}
};

// The message with its placeholders filled in, in every language. A placeholder without an
// argument stays visible as "{name}" (a test walks the catalogue so that none does).
Text Say(Msg message, std::initializer_list<Arg> args = {});

// The catalogue as compiled: for tests and for `isvgraph` diagnostics.
struct CatalogueEntry {
  Msg message;
  std::string_view key;
  std::string_view english;
  std::string_view dutch;
};
std::span<const CatalogueEntry> Catalogue();

// The placeholder names of a template, in order of appearance, each once.
std::vector<std::string> PlaceholdersOf(std::string_view template_text);

}  // namespace isvgraph::i18n
