#include "isvgraph/i18n/format.h"

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include <unicode/datefmt.h>
#include <unicode/gregocal.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>

namespace isvgraph::i18n {
namespace {

// English as written in Europe (day before month; the users are in the EU), and Dutch.
const icu::Locale& LocaleOf(Language language) {
  static const icu::Locale kEnglish("en", "GB");
  static const icu::Locale kDutch("nl", "NL");
  return language == Language::kDutch ? kDutch : kEnglish;
}

std::string Render(const icu::number::LocalizedNumberFormatter& formatter, double value) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text = formatter.formatDouble(value, status).toString(status);
  std::string out;
  if (U_FAILURE(status)) return std::to_string(value);
  return text.toUTF8String(out);
}

template <typename Settings>
Text EachLanguage(double value, Settings settings) {
  Text text;
  for (Language language : kLanguages) {
    auto formatter = settings(icu::number::NumberFormatter::withLocale(LocaleOf(language)));
    (language == Language::kDutch ? text.nl : text.en) = Render(formatter, value);
  }
  return text;
}

// Formatters built once: LocalizedNumberFormatter is immutable and safe to share between
// threads, and building one costs far more than using it (scores are written thousands of times
// per import or tender check).
struct CachedFormatters {
  static constexpr int kMaxDigits = 4;
  icu::number::LocalizedNumberFormatter decimal[2][kMaxDigits + 1];
  icu::number::LocalizedNumberFormatter count[2];
  icu::number::LocalizedNumberFormatter euro_whole[2];
  icu::number::LocalizedNumberFormatter euro_cents[2];

  CachedFormatters() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::CurrencyUnit euro(u"EUR", status);
    for (Language language : kLanguages) {
      const int l = language == Language::kDutch ? 1 : 0;
      const auto base = icu::number::NumberFormatter::withLocale(LocaleOf(language));
      for (int digits = 0; digits <= kMaxDigits; ++digits) {
        decimal[l][digits] = base.precision(icu::number::Precision::fixedFraction(digits))
                                 .grouping(UNUM_GROUPING_OFF);
      }
      count[l] = base.precision(icu::number::Precision::integer());
      euro_whole[l] = base.unit(euro).precision(icu::number::Precision::integer());
      euro_cents[l] = base.unit(euro).precision(icu::number::Precision::fixedFraction(2));
    }
  }
};

const CachedFormatters& Cached() {
  static const CachedFormatters cached;
  return cached;
}

template <typename Pick>
Text WithCached(double value, Pick pick) {
  return Text{Render(pick(0), value), Render(pick(1), value)};
}

bool Whole(double value) { return std::fabs(value - std::round(value)) < 0.005; }

}  // namespace

Text Decimal(double value, int digits) {
  if (digits >= 0 && digits <= CachedFormatters::kMaxDigits) {
    return WithCached(value, [&](int l) -> const auto& { return Cached().decimal[l][digits]; });
  }
  return EachLanguage(value, [digits](icu::number::LocalizedNumberFormatter f) {
    return f.precision(icu::number::Precision::fixedFraction(digits))
        .grouping(UNUM_GROUPING_OFF);
  });
}

Text Count(int64_t value) {
  return WithCached(static_cast<double>(value),
                    [](int l) -> const auto& { return Cached().count[l]; });
}

Text Money(double value, std::string_view currency) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString code = icu::UnicodeString::fromUTF8(currency);
  icu::CurrencyUnit unit(code.getTerminatedBuffer(), status);
  if (U_FAILURE(status) || currency.size() != 3) {
    return Decimal(value, 2) + " " + std::string(currency);
  }
  const bool whole = Whole(value);
  return EachLanguage(value, [&](icu::number::LocalizedNumberFormatter f) {
    return f.unit(unit).precision(whole ? icu::number::Precision::integer()
                                        : icu::number::Precision::fixedFraction(2));
  });
}

Text Euro(double value) {
  const bool whole = Whole(value);
  return WithCached(value, [whole](int l) -> const auto& {
    return whole ? Cached().euro_whole[l] : Cached().euro_cents[l];
  });
}

Text LongDate(std::string_view iso_date) {
  int year = 0, month = 0, day = 0;
  if (iso_date.size() != 10 ||
      std::sscanf(std::string(iso_date).c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      month < 1 || month > 12 || day < 1 || day > 31) {
    return Text::Same(iso_date);
  }
  Text text;
  for (Language language : kLanguages) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::DateFormat> format(
        icu::DateFormat::createInstanceForSkeleton(u"dMMMMy", LocaleOf(language), status));
    icu::GregorianCalendar calendar(*icu::TimeZone::getGMT(), status);
    calendar.set(year, month - 1, day, 12, 0, 0);
    const UDate date = calendar.getTime(status);
    if (U_FAILURE(status) || !format) return Text::Same(iso_date);
    format->setTimeZone(*icu::TimeZone::getGMT());
    icu::UnicodeString out;
    format->format(date, out);
    std::string utf8;
    (language == Language::kDutch ? text.nl : text.en) = out.toUTF8String(utf8);
  }
  return text;
}

}  // namespace isvgraph::i18n
