// Loads the ECB euro reference rates (layers/ecb_eurofxref_hist.csv, as the ECB publishes it:
// newest row first, "N/A" where a currency has no rate, a trailing comma on every line) and
// answers conversions: the rate of a day, or of the last business day before it.

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <string_view>

#include "kb_data.h"

namespace isvgraph::riskdata {
namespace {

// The comma-separated cells of one line, as views into it.
std::vector<std::string_view> Cells(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  for (size_t comma; (comma = line.find(',', start)) != std::string_view::npos; start = comma + 1) {
    cells.push_back(line.substr(start, comma - start));
  }
  cells.push_back(line.substr(start));
  return cells;
}

Status ParseEuroRates(KnowledgeBaseData* data) {
  const LayerInfo* layer = data->FindLayer("ecb_rates");
  std::ifstream in(data->LayerPath("ecb_rates"), std::ios::binary);
  if (!in) return Status::NotFound(layer->file + ": file not found");
  std::string text;
  in.seekg(0, std::ios::end);
  text.resize(static_cast<size_t>(in.tellg()));
  in.seekg(0);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  std::string_view rest = text;
  auto next_line = [&rest]() {
    const size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  const std::vector<std::string_view> header = Cells(next_line());
  if (header.empty() || header[0] != "Date") {
    return Status::DataLoss(layer->file + ":1: the first column must be Date");
  }
  std::vector<std::vector<std::pair<std::string, double>>*> columns(header.size(), nullptr);
  for (size_t i = 1; i < header.size(); ++i) {
    if (!header[i].empty()) columns[i] = &data->euro_rates[std::string(header[i])];
  }
  for (int number = 2; !rest.empty(); ++number) {
    const std::string_view line = next_line();
    if (line.empty()) continue;
    const std::vector<std::string_view> cells = Cells(line);
    const std::string_view date = cells[0];
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') {
      return Status::DataLoss(layer->file + ":" + std::to_string(number) + ": bad date '" +
                              std::string(date) + "'");
    }
    for (size_t i = 1; i < cells.size() && i < header.size(); ++i) {
      if (!columns[i] || cells[i] == "N/A" || cells[i].empty()) continue;
      double rate = 0;
      const auto [end, error] =
          std::from_chars(cells[i].data(), cells[i].data() + cells[i].size(), rate);
      if (error != std::errc() || end != cells[i].data() + cells[i].size() || !(rate > 0)) {
        return Status::DataLoss(layer->file + ":" + std::to_string(number) + ": bad " +
                                std::string(header[i]) + " rate '" + std::string(cells[i]) + "'");
      }
      columns[i]->emplace_back(std::string(date), rate);
    }
  }
  // The file is newest first; lookups want oldest first.
  for (auto& [currency, rates] : data->euro_rates) std::reverse(rates.begin(), rates.end());
  return Status::Ok();
}

}  // namespace

// At load only the header and the row count: the rates (a 2 MB table) are parsed on the first
// conversion, since most runs of the program convert nothing.
Status LoadEuroRates(KnowledgeBaseData* data) {
  LayerInfo* layer = data->FindLayer("ecb_rates");
  std::ifstream in(data->LayerPath("ecb_rates"), std::ios::binary);
  if (!in) return Status::NotFound(layer->file + ": file not found");
  std::string header;
  std::getline(in, header);
  if (header.rfind("Date,", 0) != 0) {
    return Status::DataLoss(layer->file + ":1: the first column must be Date");
  }
  layer->rows = static_cast<int>(
      std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
  layer->loaded = true;
  return Status::Ok();
}

Result<EuroRate> KnowledgeBase::EuroRateOn(const std::string& currency,
                                           const std::string& date) const {
  const std::string code = Upper(currency);
  if (code == "EUR") return EuroRate{.currency = code, .rate = 1, .rate_date = date};
  std::call_once(data_->euro_rates_once,
                 [this] { data_->euro_rates_status = ParseEuroRates(data_.get()); });
  if (!data_->euro_rates_status.ok()) return data_->euro_rates_status;
  auto found = data_->euro_rates.find(code);
  if (found == data_->euro_rates.end()) {
    return Status::NotFound("the ECB publishes no euro reference rate for " + code);
  }
  const auto& rates = found->second;
  // The last rate on or before the date: rates are set on TARGET business days only.
  auto after = std::upper_bound(rates.begin(), rates.end(), std::make_pair(date, 1e300));
  if (after == rates.begin()) {
    return Status::NotFound("the ECB has no " + code + " rate on or before " + date +
                            " (its first is of " + rates.front().first + ")");
  }
  const auto& [rate_date, rate] = *(after - 1);
  if (after == rates.end() && rate_date < date && code != "EUR") {
    // The currency stopped (a member joined the euro) or the layer is older than the date.
    const std::string newest = rates.back().first;
    if (newest < data_->euro_rates.at("USD").back().first) {
      return Status::NotFound("the ECB stopped quoting " + code + " after " + newest);
    }
  }
  return EuroRate{.currency = code, .rate = rate, .rate_date = rate_date};
}

}  // namespace isvgraph::riskdata
