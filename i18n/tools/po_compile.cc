// Build-time tool: compiles the message catalogue (a GNU gettext .po file whose entries carry a
// msgctxt key) into two X-macro lists: the keys, one per line
//   ISVGRAPH_MESSAGE_KEY(kIsvMandatory)
// and the texts
//   ISVGRAPH_MESSAGE(kIsvMandatory, "isv.mandatory", "English…", "Dutch…")
// A file is rewritten only when its content changes, so that editing a translation recompiles
// the catalogue alone and not every file that names a message.
// A fuzzy or empty translation is compiled as "" (the catalogue test then fails, and Text::In
// falls back to English). Malformed files, entries without a key, bad keys and repeated keys stop
// the build with file:line and the reason.
//
// Usage: po_compile INPUT.po KEYS.inc TEXTS.inc

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Entry {
  int line = 0;
  std::string key, english, dutch;
  bool fuzzy = false;
};

[[noreturn]] void Fail(const std::string& file, int line, const std::string& why) {
  std::cerr << file << ":" << line << ": " << why << "\n";
  std::exit(1);
}

// The content of one quoted .po string, unescaped; `line` for errors.
std::string Unquote(const std::string& text, const std::string& file, int line) {
  const size_t open = text.find('"');
  const size_t close = text.rfind('"');
  if (open == std::string::npos || close == open) Fail(file, line, "expected a quoted string");
  std::string out;
  for (size_t i = open + 1; i < close; ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i >= close) Fail(file, line, "backslash at the end of a string");
    switch (text[i]) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      default:
        Fail(file, line, std::string("unknown escape \\") + text[i]);
    }
  }
  return out;
}

std::string Identifier(const std::string& key, const std::string& file, int line) {
  std::string ident = "k";
  bool upper = true;
  for (char c : key) {
    if (c == '_' || c == '.') {
      upper = true;
    } else if (std::islower(static_cast<unsigned char>(c)) ||
               std::isdigit(static_cast<unsigned char>(c))) {
      ident += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    } else {
      Fail(file, line, "key '" + key + "' may hold only a-z, 0-9, '_' and '.'");
    }
  }
  return ident;
}

std::string CString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\%03o", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// Writes `content` to `path` unless the file already holds exactly that.
void WriteIfChanged(const std::string& path, const std::string& content) {
  std::ifstream existing(path, std::ios::binary);
  if (existing) {
    std::ostringstream old;
    old << existing.rdbuf();
    if (old.str() == content) return;
  }
  std::ofstream output(path, std::ios::binary | std::ios::trunc);
  output << content;
  if (!output) Fail(path, 0, "cannot write the file");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: po_compile INPUT.po KEYS.inc TEXTS.inc\n";
    return 2;
  }
  const std::string file = argv[1];
  std::ifstream in(file);
  if (!in) Fail(file, 0, "cannot read the file");
  std::vector<Entry> entries;
  Entry current;
  std::string* field = nullptr;  // the field continuation lines append to
  bool fuzzy_next = false;
  auto finish = [&] {
    if (current.line != 0 && !current.english.empty()) entries.push_back(current);
    current = Entry{};
    field = nullptr;
  };
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    if (text.empty()) {
      finish();
      continue;
    }
    if (text.rfind("#,", 0) == 0) {
      fuzzy_next = fuzzy_next || text.find("fuzzy") != std::string::npos;
      continue;
    }
    if (text[0] == '#') continue;
    if (text[0] == '"') {
      if (!field) Fail(file, line, "a string continues no field");
      *field += Unquote(text, file, line);
      continue;
    }
    const auto starts = [&](const char* word) { return text.rfind(word, 0) == 0; };
    if (starts("msgctxt ")) {
      finish();
      current.line = line;
      current.fuzzy = fuzzy_next;
      fuzzy_next = false;
      current.key = Unquote(text, file, line);
      field = &current.key;
    } else if (starts("msgid ")) {
      if (current.line == 0) {
        current.line = line;  // the header entry, or an entry without a key
        current.fuzzy = fuzzy_next;
        fuzzy_next = false;
      }
      current.english = Unquote(text, file, line);
      field = &current.english;
    } else if (starts("msgstr ")) {
      current.dutch = Unquote(text, file, line);
      field = &current.dutch;
    } else {
      Fail(file, line, "expected msgctxt, msgid, msgstr, a comment or a string");
    }
  }
  finish();

  std::set<std::string> keys;
  std::ostringstream key_list, text_list;
  const std::string banner = "// Generated by po_compile from " + file + "; do not edit.\n";
  key_list << banner;
  text_list << banner;
  for (const Entry& entry : entries) {
    if (entry.key.empty()) Fail(file, entry.line, "entry without a msgctxt key");
    if (!keys.insert(entry.key).second) Fail(file, entry.line, "key '" + entry.key + "' repeated");
    const std::string ident = Identifier(entry.key, file, entry.line);
    key_list << "ISVGRAPH_MESSAGE_KEY(" << ident << ")\n";
    text_list << "ISVGRAPH_MESSAGE(" << ident << ", " << CString(entry.key) << ", "
              << CString(entry.english) << ", " << CString(entry.fuzzy ? "" : entry.dutch) << ")\n";
  }
  WriteIfChanged(argv[2], key_list.str());
  WriteIfChanged(argv[3], text_list.str());
  return 0;
}
