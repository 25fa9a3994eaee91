// Euro amounts as people type them, in Dutch or English: "912500", "912.500", "€ 912.500,50",
// "912,500", "EUR 1.250.000". A group of exactly three digits after a single kind of separator is
// a thousands group (no one writes euro amounts to three decimals); otherwise that separator is
// the decimal mark. Both kinds present: the last one is the decimal mark.

// The amount in euros, or null when the text is not an amount.
export function parseEuroAmount(text) {
  let s = String(text ?? '').replace(/€|\beur(o|os)?\b/gi, '').replace(/[\s\u00a0\u202f']/g, '');
  if (s === '' || /[^0-9.,]/.test(s)) return null;
  const dot = s.lastIndexOf('.'), comma = s.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) {
    const decimal = dot > comma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [whole, cents, ...rest] = s.split(decimal);
    if (rest.length || !/^\d{1,3}([.,]\d{3})*$/.test(whole) || whole.includes(decimal)) return null;
    s = `${whole.split(group).join('')}.${cents}`;
  } else if (dot >= 0 || comma >= 0) {
    const mark = dot >= 0 ? '.' : ',';
    const parts = s.split(mark);
    if (parts.length > 2 || /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p))) {
      if (!/^\d{1,3}$/.test(parts[0]) || !parts.slice(1).every((p) => /^\d{3}$/.test(p))) return null;
      s = parts.join('');
    } else {
      s = `${parts[0]}.${parts[1]}`;
    }
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

// "€ 912.500" (nl) or "€912,500" (en); cents only when there are any.
export function formatEuro(value, lang) {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency', currency: 'EUR',
    minimumFractionDigits: Number.isInteger(value) ? 0 : 2, maximumFractionDigits: 2,
  }).format(value);
}
