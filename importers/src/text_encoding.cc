#include "text_encoding.h"

#include <memory>

#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include "isvgraph/base/utf8.h"

namespace isvgraph::importers {
namespace {

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

Result<std::string> Convert(std::string_view bytes, const char* charset) {
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
  if (text.isBogus()) return Status::DataLoss(std::string("cannot decode the file as ") + charset);
  std::string utf8;
  text.toUTF8String(utf8);
  return utf8;
}

}  // namespace

Result<DecodedText> DecodeToUtf8(std::string_view bytes) {
  // Byte-order marks, longest first (the UTF-32LE mark begins with the UTF-16LE one).
  const struct {
    std::string_view mark;
    const char* charset;
  } kMarks[] = {{std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
                {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
                {"\xEF\xBB\xBF", "UTF-8"},
                {"\xFF\xFE", "UTF-16LE"},
                {"\xFE\xFF", "UTF-16BE"}};
  for (const auto& [mark, charset] : kMarks) {
    if (!StartsWith(bytes, mark)) continue;
    const std::string_view body = bytes.substr(mark.size());
    if (std::string_view(charset) == "UTF-8") {
      if (!IsUtf8(body)) break;  // a mark followed by something else: detect below
      return DecodedText{std::string(body), ""};
    }
    auto utf8 = Convert(body, charset);
    if (!utf8) return utf8.error();
    return DecodedText{std::move(utf8).value(), std::string(charset) + " (byte-order mark)"};
  }
  if (IsUtf8(bytes)) return DecodedText{std::string(bytes), ""};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                      &ucsdet_close);
  if (U_FAILURE(status)) return Status::Internal("ICU charset detection is unavailable");
  ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  const char* name = match ? ucsdet_getName(match, &status) : nullptr;
  if (U_FAILURE(status) || !name || std::string_view(name) == "UTF-8") {
    return Status::DataLoss(
        "the file is not UTF-8 and its encoding could not be recognised; save it as UTF-8");
  }
  auto utf8 = Convert(bytes, name);
  if (!utf8) return utf8.error();
  return DecodedText{std::move(utf8).value(), std::string(name) + " (detected)"};
}

}  // namespace isvgraph::importers
