/**
 * The XMP metadata of the PDF: PDF/A-3 and PDF/UA-1 identification and the document information, escaped.
 *
 * PDFKit writes the XMP from the document information without escaping (a 評価書名 with 「&」 or 「<」 would
 * make it malformed), without xmp:ModifyDate (PDF/A wants every Info entry mirrored) and, for PDF/A, without
 * PDF/UA's identification. This replaces PDFKit's _addInfo for one document; PDFKit's PDF/A subset still
 * adds pdfaid and the sRGB output intent.
 */

interface MetadataDocument {
  info: Record<string, unknown>;
  appendXML(xml: string, newline?: boolean): void;
  _addInfo?: () => void;
}

const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const xmpDate = (date: Date) => `${date.toISOString().split('.')[0]}Z`;

/** pdfuaid is not a predefined XMP schema of PDF/A: it is declared with an extension schema. */
const pdfuaExtension = `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>`;

/** The XMP descriptions of a document information dictionary (pure). */
export function xmpDescriptions(info: Record<string, unknown>, language: string): string {
  const text = (key: string) => (typeof info[key] === 'string' ? escapeXml(info[key] as string) : undefined);
  const date = (key: string) => (info[key] instanceof Date ? xmpDate(info[key] as Date) : undefined);
  const lines: string[] = [];
  const xmp = [
    date('CreationDate') && `<xmp:CreateDate>${date('CreationDate')}</xmp:CreateDate>`,
    date('ModDate') && `<xmp:ModifyDate>${date('ModDate')}</xmp:ModifyDate>`,
    text('Creator') && `<xmp:CreatorTool>${text('Creator')}</xmp:CreatorTool>`,
  ].filter(Boolean);
  lines.push(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">${xmp.join('')}</rdf:Description>`);
  const dc = [
    text('Title') && `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${text('Title')}</rdf:li></rdf:Alt></dc:title>`,
    text('Author') && `<dc:creator><rdf:Seq><rdf:li>${text('Author')}</rdf:li></rdf:Seq></dc:creator>`,
    text('Subject') && `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${text('Subject')}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(language)}</rdf:li></rdf:Bag></dc:language>`,
  ].filter(Boolean);
  lines.push(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">${dc.join('')}</rdf:Description>`);
  const pdf = [
    text('Producer') && `<pdf:Producer>${text('Producer')}</pdf:Producer>`,
    text('Keywords') && `<pdf:Keywords>${text('Keywords')}</pdf:Keywords>`,
  ].filter(Boolean);
  lines.push(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">${pdf.join('')}</rdf:Description>`);
  lines.push(`<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>`);
  lines.push(pdfuaExtension);
  return lines.join('\n');
}

/** Makes PDFKit write our XMP descriptions for this document (called before PDFKit ends the document). */
export function useXmpMetadata(doc: MetadataDocument, language: string): void {
  doc._addInfo = () => doc.appendXML(xmpDescriptions(doc.info, language));
}
