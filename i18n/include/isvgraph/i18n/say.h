#pragma once

// The encoders' side of the catalogue: a message, or a list of texts, in the one language an
// answer is written in. (Say() in messages.h builds every language, for results that are kept.)

#include <initializer_list>
#include <string>
#include <vector>

#include "isvgraph/i18n/messages.h"

namespace isvgraph::i18n {

// The message with its placeholders filled in, in `language` only.
std::string SayIn(Language language, Msg message, std::initializer_list<Arg> args = {});

// Each text in `language`, in order.
std::vector<std::string> AllIn(Language language, const std::vector<Text>& texts);

}  // namespace isvgraph::i18n
