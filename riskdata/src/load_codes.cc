// Loads the code lists: CPV 2008 (EN/NL), ISIC Rev.4 and HS 2022.

#include "csv_table.h"
#include "kb_data.h"

namespace isvgraph::riskdata {
namespace {

bool AllDigits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

Status LoadCpv(KnowledgeBaseData* data) {
  LayerInfo* layer = data->FindLayer("cpv");
  auto table = CsvTable::Read(data->LayerPath("cpv"), layer->file,
                              {"code", "code8", "level", "parent_code8", "en", "nl"});
  if (!table) return table.error();
  for (const CsvRow& row : table->rows()) {
    CpvEntry entry{.code = row.Get("code"),
                   .code8 = row.Get("code8"),
                   .level = row.Get("level"),
                   .parent_code8 = row.Get("parent_code8"),
                   .en = row.Get("en"),
                   .nl = row.Get("nl")};
    if (entry.code8.size() != 8 || !AllDigits(entry.code8)) {
      return row.Error("code8", "not an 8-digit CPV code");
    }
    if (entry.code.size() != 10 || entry.code.compare(0, 8, entry.code8) != 0 ||
        entry.code[8] != '-' || !AllDigits(entry.code.substr(9))) {
      return row.Error("code", "'" + entry.code + "' is not code8 plus '-' and a check digit");
    }
    if (entry.en.empty()) return row.Error("en", "empty description");
    data->cpv.emplace(entry.code8, std::move(entry));
  }
  for (const auto& [code8, entry] : data->cpv) {
    if (!entry.parent_code8.empty() && !data->cpv.count(entry.parent_code8)) {
      return Status::DataLoss(layer->file + ": code " + entry.code + " has unknown parent " +
                              entry.parent_code8);
    }
  }
  layer->loaded = true;
  layer->rows = static_cast<int>(table->rows().size());
  return Status::Ok();
}

Status LoadIsic(KnowledgeBaseData* data) {
  LayerInfo* layer = data->FindLayer("isic");
  auto table = CsvTable::Read(data->LayerPath("isic"), layer->file, {"code", "level", "title"});
  if (!table) return table.error();
  for (const CsvRow& row : table->rows()) {
    if (row.Get("code").empty() || row.Get("title").empty()) {
      return row.Error("code", "empty code or title");
    }
    data->isic_titles[row.Get("code")] = row.Get("title");
  }
  layer->loaded = true;
  layer->rows = static_cast<int>(table->rows().size());
  return Status::Ok();
}

Status LoadHs(KnowledgeBaseData* data) {
  LayerInfo* layer = data->FindLayer("hs");
  auto table =
      CsvTable::Read(data->LayerPath("hs"), layer->file, {"hscode", "level", "description"});
  if (!table) return table.error();
  for (const CsvRow& row : table->rows()) {
    const std::string& code = row.Get("hscode");
    if (!AllDigits(code) || (code.size() != 2 && code.size() != 4 && code.size() != 6)) {
      return row.Error("hscode", "'" + code + "' is not a 2, 4 or 6-digit HS code");
    }
    data->hs[code] = row.Get("description");
  }
  layer->loaded = true;
  layer->rows = static_cast<int>(table->rows().size());
  return Status::Ok();
}

}  // namespace

Status LoadCodes(KnowledgeBaseData* data) {
  ISV_RETURN_IF_ERROR(LoadCpv(data));
  ISV_RETURN_IF_ERROR(LoadIsic(data));
  return LoadHs(data);
}

}  // namespace isvgraph::riskdata
