#pragma once

// A contract's chain as a map model (maps/map_layers.h): the disclosed sites with their scores
// and the links followed, then the template's assumed tiers at their typical places, marked
// assumed and linked from the deepest disclosed tier. maps/ writes it as a vector file or
// draws it. The texts a person reads (title, names of assumed places, reasons) are in
// `language`; ids are the same in every language.

#include "isvgraph/contracts/assessment.h"
#include "isvgraph/maps/map_layers.h"

namespace isvgraph::contracts {

maps::ChainMap ChainMapOf(const ContractAssessment& assessment,
                          i18n::Language language = i18n::Language::kEnglish);

}  // namespace isvgraph::contracts
