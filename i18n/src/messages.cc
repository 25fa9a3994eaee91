#include "isvgraph/i18n/messages.h"

#include <array>

#include "isvgraph/i18n/say.h"

namespace isvgraph::i18n {
namespace {

constexpr CatalogueEntry kCatalogue[] = {
#define ISVGRAPH_MESSAGE(ident, key, english, dutch) {Msg::ident, key, english, dutch},
#include "isvgraph/i18n/message_texts.inc"
#undef ISVGRAPH_MESSAGE
};

// Fills one template: "{name}" becomes the argument's text in `language`; "{" not followed by a
// known name and "}" stay as they are.
std::string Fill(std::string_view pattern, std::initializer_list<Arg> args, Language language) {
  std::string out;
  out.reserve(pattern.size() + 32);
  size_t at = 0;
  while (at < pattern.size()) {
    const size_t open = pattern.find('{', at);
    if (open == std::string_view::npos) break;
    const size_t close = pattern.find('}', open + 1);
    if (close == std::string_view::npos) break;
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    const Arg* found = nullptr;
    for (const Arg& arg : args) {
      if (arg.name == name) found = &arg;
    }
    out.append(pattern.substr(at, open - at));
    if (found) {
      out += language == Language::kDutch ? found->nl : found->en;
    } else {
      out.append(pattern.substr(open, close - open + 1));
    }
    at = close + 1;
  }
  out.append(pattern.substr(at));
  return out;
}

}  // namespace

Text Say(Msg message, std::initializer_list<Arg> args) {
  const CatalogueEntry& entry = kCatalogue[static_cast<size_t>(message)];
  Text text{Fill(entry.english, args, Language::kEnglish),
            Fill(entry.dutch.empty() ? entry.english : entry.dutch, args, Language::kDutch)};
  return text;
}

std::string SayIn(Language language, Msg message, std::initializer_list<Arg> args) {
  const CatalogueEntry& entry = kCatalogue[static_cast<size_t>(message)];
  const bool dutch = language == Language::kDutch && !entry.dutch.empty();
  return Fill(dutch ? entry.dutch : entry.english, args, language);
}

std::vector<std::string> AllIn(Language language, const std::vector<Text>& texts) {
  std::vector<std::string> out;
  out.reserve(texts.size());
  for (const Text& text : texts) out.push_back(text.In(language));
  return out;
}

Status Fail(StatusCode code, Msg message, std::initializer_list<Arg> args) {
  Text text = Say(message, args);
  return Status(code, std::move(text.en), std::move(text.nl));
}

std::string MessageIn(Language language, const Status& status) {
  if (language == Language::kDutch && !status.message_nl().empty()) return status.message_nl();
  return status.message();
}

Text MessageOf(const Status& status) {
  return Text{status.message(),
              status.message_nl().empty() ? status.message() : status.message_nl()};
}

std::span<const CatalogueEntry> Catalogue() { return kCatalogue; }

std::vector<std::string> PlaceholdersOf(std::string_view template_text) {
  std::vector<std::string> names;
  size_t at = 0;
  while ((at = template_text.find('{', at)) != std::string_view::npos) {
    const size_t close = template_text.find('}', at + 1);
    if (close == std::string_view::npos) break;
    std::string name(template_text.substr(at + 1, close - at - 1));
    bool known = false;
    for (const std::string& seen : names) known = known || seen == name;
    if (!known) names.push_back(std::move(name));
    at = close + 1;
  }
  return names;
}

}  // namespace isvgraph::i18n
