// A text document in OpenDocument format (.odt), made in the browser: the tender-document pack
// as a file an officer opens in LibreOffice or Word and pastes into the tender documents. ODF is
// on the Dutch list of open standards for government ("pas toe of leg uit").
//
// The document is a list of blocks: { heading, level }, { paragraph, muted? }, { list: [items] },
// where every text is plain text (escaped here). The package is a ZIP archive whose entries are
// stored, not compressed: ODF requires the "mimetype" entry first and uncompressed, and the rest is
// small, so one simple writer does for all.

const XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Text for XML character data and attributes; characters XML 1.0 forbids are dropped.
export function xmlText(text) {
  return String(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');

const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS} office:version="1.3"><office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/>
<style:text-properties fo:font-size="11pt"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1">
<style:paragraph-properties fo:margin-top="0.4cm"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2">
<style:paragraph-properties fo:margin-top="0.35cm"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Muted" style:family="paragraph" style:parent-style-name="Standard">
<style:text-properties fo:font-size="9pt" fo:color="#555555"/></style:style>
</office:styles></office:document-styles>`;

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

function contentXml(blocks) {
  const body = blocks.map((block) => {
    if (block.heading !== undefined) {
      const level = block.level === 2 ? 2 : 1;
      return `<text:h text:style-name="Heading_20_${level}" text:outline-level="${level}">${xmlText(block.heading)}</text:h>`;
    }
    if (block.list !== undefined) {
      return `<text:list>${block.list.map((item) => `<text:list-item><text:p>${xmlText(item)}</text:p></text:list-item>`).join('')}</text:list>`;
    }
    return `<text:p text:style-name="${block.muted ? 'Muted' : 'Standard'}">${xmlText(block.paragraph ?? '')}</text:p>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3"><office:body><office:text>
${body}
</office:text></office:body></office:document-content>`;
}

function metaXml(title, language) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.3"><office:meta>
<dc:title>${xmlText(title)}</dc:title><dc:language>${xmlText(language)}</dc:language>
<meta:generator>isvgraph</meta:generator><dc:date>${new Date().toISOString().slice(0, 19)}</dc:date>
</office:meta></office:document-meta>`;
}

// ---- ZIP (stored entries only) -----------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// The archive of `entries` ([name, Uint8Array]), in order, each stored as is.
function storedZip(entries) {
  const encoder = new TextEncoder();
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);   // local file header
    local.setUint16(4, 20, true);           // version needed: 2.0
    local.setUint16(6, 0x0800, true);       // names in UTF-8
    local.setUint16(8, 0, true);            // stored
    local.setUint16(10, 0, true);           // time
    local.setUint16(12, 0x21, true);        // date: 1980-01-01
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    local.setUint16(28, 0, true);
    parts.push(new Uint8Array(local.buffer), nameBytes, data);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);   // central directory header
    entry.setUint16(4, 20, true);
    entry.setUint16(6, 20, true);
    entry.setUint16(8, 0x0800, true);
    entry.setUint16(10, 0, true);
    entry.setUint16(12, 0, true);
    entry.setUint16(14, 0x21, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, data.length, true);
    entry.setUint32(24, data.length, true);
    entry.setUint16(28, nameBytes.length, true);
    entry.setUint32(42, offset, true);
    central.push(new Uint8Array(entry.buffer), nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);       // end of central directory
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  return new Blob([...parts, ...central, new Uint8Array(end.buffer)]);
}

// The .odt file of `blocks`, titled `title`, in `language` ("nl", "en").
export function odtDocument(title, language, blocks) {
  const encoder = new TextEncoder();
  const zip = storedZip([
    ['mimetype', encoder.encode('application/vnd.oasis.opendocument.text')],
    ['META-INF/manifest.xml', encoder.encode(MANIFEST)],
    ['content.xml', encoder.encode(contentXml(blocks))],
    ['styles.xml', encoder.encode(STYLES)],
    ['meta.xml', encoder.encode(metaXml(title, language))],
  ]);
  return new Blob([zip], { type: 'application/vnd.oasis.opendocument.text' });
}
