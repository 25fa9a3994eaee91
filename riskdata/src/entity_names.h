#pragma once

// Company names as the UFLPA Entity List gives them and as buyers write them: in Chinese
// characters or Latin letters, with or without the legal form, in full or by their short name.
// ICU transliterates to ASCII Latin (新疆天业 → "xin jiang tian ye"), so that one key serves
// all scripts.

#include <string>
#include <vector>

namespace isvgraph::riskdata {

// The words of a name in ASCII Latin, lower case, without punctuation, the legal form ("co",
// "ltd", "group", "gmbh", …) and anything in parentheses. Empty for a name of legal form only.
std::vector<std::string> CoreWords(const std::string& name);

// CoreWords joined without spaces: "Xinjiang Tianye (Group) Co., Ltd." → "xinjiangtianye",
// and so does "新疆天业".
std::string CoreKey(const std::string& name);

// Whether `short_name` names the listed entity by the first words of its name: at least two
// words, at least half of the entity's core words, and one of them more than a place or a
// trade ("Hoshine Silicon" for Hoshine Silicon Industry; not "China Cotton"). Unrelated firms
// sharing a word or a place name do not match.
bool IsShortName(const std::vector<std::string>& short_name,
                 const std::vector<std::string>& entity);

}  // namespace isvgraph::riskdata
