#pragma once

// The encoders' side of the catalogue: a message, or a list of texts, in the one language an
// answer is written in; and failures said in every language. (Say() in messages.h builds every
// language, for results that are kept.)

#include <initializer_list>
#include <string>
#include <vector>

#include "isvgraph/base/status.h"
#include "isvgraph/i18n/messages.h"

namespace isvgraph::i18n {

// The message with its placeholders filled in, in `language` only.
std::string SayIn(Language language, Msg message, std::initializer_list<Arg> args = {});

// Each text in `language`, in order.
std::vector<std::string> AllIn(Language language, const std::vector<Text>& texts);

// A failed status whose message is the catalogue's, in English and Dutch: what a person can
// meet (a bad parameter, an unknown country, a refused file) is said this way.
Status Fail(StatusCode code, Msg message, std::initializer_list<Arg> args = {});

// A status's message in `language`; English where the status was said in English only.
std::string MessageIn(Language language, const Status& status);

// A status's message in every language (English standing in for a missing Dutch).
Text MessageOf(const Status& status);

}  // namespace isvgraph::i18n
