// The floor for `isvgraph bench`: a tight, single-threaded, in-memory CSR breadth-first search
// over the generator's CSVs, with no store, no organisations and no explanations. It writes the
// same q1/q2/q3.jsonl and prints the same figures, so both can be compared in one session
// (issue 4: the engine's Q1/Q2/Q3 should stay within 1.5x of this).
//
//   floor_bfs DATA_DIR OUT_DIR

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <gdal_priv.h>
#include <map>
#include <ogrsf_frmts.h>
#include <string>
#include <sys/resource.h>
#include <unordered_map>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Calls visit(fields) for each row of a CSV read through GDAL/OGR.
template <typename Visit>
void ReadCsv(const std::string& path, const std::vector<const char*>& columns, Visit visit) {
  const char* drivers[] = {"CSV", nullptr};
  GDALDatasetUniquePtr ds(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR, drivers, nullptr, nullptr));
  if (!ds) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(1);
  }
  OGRLayer* layer = ds->GetLayer(0);
  std::vector<int> fields;
  for (const char* c : columns) fields.push_back(layer->GetLayerDefn()->GetFieldIndex(c));
  std::vector<const char*> row(fields.size());
  for (const auto& f : *layer) {
    for (size_t i = 0; i < fields.size(); ++i) row[i] = f->GetFieldAsString(fields[i]);
    visit(row);
  }
}

struct Graph {
  std::vector<std::string> ids;  // sorted
  std::vector<uint16_t> score;   // thousandths
  std::vector<uint32_t> offsets, suppliers;
  struct Contract {
    std::string id;
    uint32_t buyer, tier1;
    int64_t value;
  };
  std::vector<Contract> contracts;  // sorted by id
  std::vector<uint32_t> stamp;
  std::vector<uint8_t> tier;
  std::vector<uint32_t> queue;
  uint32_t epoch = 0;

  void Bfs(uint32_t root) {
    ++epoch;
    queue.clear();
    queue.push_back(root);
    stamp[root] = epoch;
    tier[root] = 1;
    for (size_t h = 0; h < queue.size(); ++h) {
      const uint32_t s = queue[h];
      if (tier[s] >= 8) continue;
      for (uint32_t e = offsets[s]; e < offsets[s + 1]; ++e) {
        const uint32_t t = suppliers[e];
        if (stamp[t] != epoch) {
          stamp[t] = epoch;
          tier[t] = static_cast<uint8_t>(tier[s] + 1);
          queue.push_back(t);
        }
      }
    }
  }

  void Line(const std::string& contract, std::string* out) {
    std::vector<std::pair<uint32_t, uint8_t>> flagged;
    uint16_t max = 0;
    for (uint32_t s : queue) {
      max = std::max(max, score[s]);
      if (score[s] >= 600) flagged.emplace_back(s, tier[s]);
    }
    std::sort(flagged.begin(), flagged.end());
    char buf[64];
    std::snprintf(buf, sizeof(buf), "\",\"reachable\":%zu,\"flagged\":%zu,\"max_score\":%u.%03u",
                  queue.size(), flagged.size(), max / 1000u, max % 1000u);
    *out += "{\"contract_id\":\"" + contract + buf + ",\"flagged_sites\":[";
    for (size_t i = 0; i < flagged.size(); ++i) {
      *out += (i ? ",[\"" : "[\"") + ids[flagged[i].first] + "\"," +
              std::to_string(flagged[i].second) + "]";
    }
    *out += "]}\n";
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: floor_bfs DATA_DIR OUT_DIR\n");
    return 2;
  }
  const std::string dir = argv[1], out = argv[2];
  RegisterOGRCSV();
  Graph g;
  const Clock::time_point load = Clock::now();
  std::map<std::pair<std::string, std::string>, uint16_t> risk;
  ReadCsv(dir + "/risk.csv", {"country", "sector", "score"}, [&](auto& r) {
    const uint16_t milli = static_cast<uint16_t>(std::lround(std::atof(r[2]) * 1000));
    uint16_t& best = risk[{r[0], r[1]}];
    best = std::max(best, milli);
  });
  std::vector<std::pair<std::string, uint16_t>> sites;
  ReadCsv(dir + "/sites.csv", {"site_id", "country", "sector"}, [&](auto& r) {
    auto it = risk.find({r[1], r[2]});
    sites.emplace_back(r[0], it == risk.end() ? 0 : it->second);
  });
  std::sort(sites.begin(), sites.end());
  std::unordered_map<std::string, uint32_t> number;
  for (uint32_t i = 0; i < sites.size(); ++i) {
    g.ids.push_back(sites[i].first);
    g.score.push_back(sites[i].second);
    number[sites[i].first] = i;
  }
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  ReadCsv(dir + "/edges.csv", {"supplier_id", "customer_id"},
          [&](auto& r) { edges.emplace_back(number.at(r[1]), number.at(r[0])); });
  const size_t n = g.ids.size();
  g.offsets.assign(n + 1, 0);
  for (auto& [c, s] : edges) ++g.offsets[c + 1];
  for (size_t i = 0; i < n; ++i) g.offsets[i + 1] += g.offsets[i];
  g.suppliers.resize(edges.size());
  std::vector<uint32_t> fill(g.offsets.begin(), g.offsets.end() - 1);
  for (auto& [c, s] : edges) g.suppliers[fill[c]++] = s;
  std::map<std::string, uint32_t> buyers;
  ReadCsv(dir + "/contracts.csv", {"contract_id", "buyer_id", "tier1_id", "value_eur"},
          [&](auto& r) {
            const uint32_t buyer = buyers.emplace(r[1], buyers.size()).first->second;
            g.contracts.push_back({r[0], buyer, number.at(r[2]), std::atoll(r[3])});
          });
  std::sort(g.contracts.begin(), g.contracts.end(), [](auto& a, auto& b) { return a.id < b.id; });
  std::unordered_map<std::string, size_t> contract_of;
  for (size_t i = 0; i < g.contracts.size(); ++i) contract_of[g.contracts[i].id] = i;
  std::vector<std::string> sample;
  {
    std::ifstream in(dir + "/q1_sample.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) sample.push_back(line);
  }
  g.stamp.assign(n, 0);
  g.tier.assign(n, 0);
  const double load_s = Since(load);

  std::vector<double> q1_ms;
  std::string q1;
  for (const std::string& id : sample) {
    const Clock::time_point t = Clock::now();
    g.Bfs(g.contracts[contract_of.at(id)].tier1);
    g.Line(id, &q1);
    q1_ms.push_back(Since(t) * 1000);
  }
  std::ofstream(out + "/q1.jsonl") << q1;
  std::sort(q1_ms.begin(), q1_ms.end());

  const Clock::time_point q2_start = Clock::now();
  {
    std::unordered_map<uint32_t, std::string> by_tier1;  // reuse per tier-1 site (allowed)
    std::ofstream q2(out + "/q2.jsonl");
    std::string buffer;
    for (const auto& c : g.contracts) {
      auto it = by_tier1.find(c.tier1);
      if (it == by_tier1.end()) {
        g.Bfs(c.tier1);
        std::string line;
        g.Line("", &line);
        it = by_tier1.emplace(c.tier1, line.substr(std::strlen("{\"contract_id\":\"\""))).first;
      }
      buffer += "{\"contract_id\":\"" + c.id + "\"" + it->second;
    }
    q2 << buffer;
  }
  const double q2_s = Since(q2_start);

  const Clock::time_point q3_start = Clock::now();
  {
    std::map<uint32_t, std::vector<size_t>> groups;
    for (size_t i = 0; i < g.contracts.size(); ++i) groups[g.contracts[i].tier1].push_back(i);
    std::unordered_map<uint32_t, std::pair<std::vector<uint32_t>, int64_t>> acc;
    for (auto& [tier1, members] : groups) {
      g.Bfs(tier1);
      for (uint32_t s : g.queue) {
        if (g.score[s] < 600) continue;
        auto& [who, value] = acc[s];
        for (size_t c : members) {
          who.push_back(g.contracts[c].buyer);
          value += g.contracts[c].value;
        }
      }
    }
    struct Row {
      uint32_t site;
      size_t buyers;
      int64_t value;
    };
    std::vector<Row> rows;
    for (auto& [s, entry] : acc) {
      auto& who = entry.first;
      std::sort(who.begin(), who.end());
      const size_t distinct = std::unique(who.begin(), who.end()) - who.begin();
      if (distinct >= 2) rows.push_back({s, distinct, entry.second});
    }
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      if (a.buyers != b.buyers) return a.buyers > b.buyers;
      if (g.score[a.site] != g.score[b.site]) return g.score[a.site] > g.score[b.site];
      return a.site < b.site;
    });
    std::ofstream q3(out + "/q3.jsonl");
    for (size_t i = 0; i < rows.size() && i < 100; ++i) {
      const uint16_t m = g.score[rows[i].site];
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%u.%03u", m / 1000u, m % 1000u);
      q3 << "{\"rank\":" << i + 1 << ",\"site_id\":\"" << g.ids[rows[i].site]
         << "\",\"buyers\":" << rows[i].buyers << ",\"score\":" << buf
         << ",\"value_eur\":" << rows[i].value << "}\n";
    }
  }
  const double q3_s = Since(q3_start);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double median = (q1_ms[q1_ms.size() / 2 - 1] + q1_ms[q1_ms.size() / 2]) / 2;
  std::printf(
      "{\"load_s\":%.3f,\"q1_median_ms\":%.4f,\"q1_p99_ms\":%.4f,\"q2_s\":%.3f,"
      "\"q3_s\":%.4f,\"peak_rss_mb\":%.1f,\"threads\":1}\n",
      load_s, median, q1_ms[98], q2_s, q3_s, usage.ru_maxrss / 1024.0);
  return 0;
}
