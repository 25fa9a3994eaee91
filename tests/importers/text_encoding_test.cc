// Files saved in other encodings than UTF-8 are read, and the report says how.

#include "text_encoding.h"

#include <gtest/gtest.h>

#include "isvgraph/base/utf8.h"

namespace isvgraph::importers {
namespace {

TEST(TextEncoding, Utf8PassesAndItsMarkIsDropped) {
  auto plain = DecodeToUtf8("{\"name\": \"Zoë\"}");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->utf8, "{\"name\": \"Zoë\"}");
  EXPECT_EQ(plain->encoding, "");
  auto marked = DecodeToUtf8("\xEF\xBB\xBF{}");
  ASSERT_TRUE(marked);
  EXPECT_EQ(marked->utf8, "{}");
}

TEST(TextEncoding, Utf16WithAMarkIsDecoded) {
  const std::string utf16le("\xFF\xFE{\0\"\0a\0\"\0:\0\xE9\0}\0", 16);  // {"a":é}
  auto decoded = DecodeToUtf8(utf16le);
  ASSERT_TRUE(decoded) << decoded.error().ToString();
  EXPECT_EQ(decoded->utf8, "{\"a\":\xC3\xA9}");
  EXPECT_EQ(decoded->encoding, "UTF-16LE (byte-order mark)");
}

TEST(TextEncoding, Latin1IsDetectedAndNamed) {
  // "Secretaría de Administración y Finanzas" in ISO-8859-1, as the Mexico City OCDS files are.
  const std::string latin1 =
      "{\"buyer\": {\"name\": \"Secretar\xED"
      "a de Administraci\xF3"
      "n y Finanzas de la Ciudad de "
      "M\xE9"
      "xico\"}, \"tender\": {\"title\": \"Adquisici\xF3"
      "n de material el\xE9"
      "ctrico\"}}";
  EXPECT_FALSE(IsUtf8(latin1));
  auto decoded = DecodeToUtf8(latin1);
  ASSERT_TRUE(decoded) << decoded.error().ToString();
  EXPECT_NE(decoded->utf8.find("Secretaría de Administración"), std::string::npos) << decoded->utf8;
  EXPECT_NE(decoded->encoding.find("(detected)"), std::string::npos);
  EXPECT_TRUE(IsUtf8(decoded->utf8));
}

}  // namespace
}  // namespace isvgraph::importers
