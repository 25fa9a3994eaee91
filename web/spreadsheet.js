// CSV for the spreadsheet on the user's desk. Dutch Excel reads a comma-separated file as one
// column and mangles UTF-8 without a byte-order mark: for Dutch, semicolons; always the mark.

// Rows of fields from RFC 4180 CSV text (quoted fields may hold separators, quotes, newlines).
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// The rows as CSV for `lang`'s Excel: BOM, ";" for Dutch and "," otherwise, CRLF, fields quoted
// when they need it. (The server already neutralised formula-like fields; they stay as they are.)
export function csvForExcel(rows, lang) {
  const sep = lang === 'nl' ? ';' : ',';
  const quote = (f) => (/[";,\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return `\ufeff${rows.map((r) => r.map(quote).join(sep)).join('\r\n')}\r\n`;
}

// Saves `blob` under `name` (an <a download> click: no new tab, a meaningful file name).
export function saveAs(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
