/**
 * Reads back what a pia PDF declares about its source: the attached canonical JSON and the SHA-256 in the
 * document information. Works on the PDFs this renderer writes (PDFKit: no object streams, no
 * encryption); for any PDF, `pdfdetach -saveall` + `sha256sum` and `pdfinfo -custom` do the same by hand.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

export interface AttachedSource {
  /** Name of the attached file (e.g. koshigaya-48-kodomo-iryohi.json). */
  name: string;
  json: string;
  /** SHA-256 of the attached bytes, computed here. */
  sha256: string;
  /** SHA-256 the PDF declares (document information SourceSHA256), if any. */
  declared?: string;
}

/** The attached source of a pia PDF, or undefined when the PDF has no attached JSON. */
export function readPdfSource(bytes: Uint8Array): AttachedSource | undefined {
  const buffer = Buffer.from(bytes);
  const text = buffer.toString('latin1');
  // PDFKit writes document information values as indirect objects: /SourceSHA256 59 0 R … 59 0 obj (…) endobj.
  const ref = /\/SourceSHA256 (\d+) 0 R/.exec(text)?.[1];
  const declared = ref ? new RegExp(`\\n${ref} 0 obj\\n\\(([0-9a-f]{64})\\)\\nendobj`).exec(text)?.[1] : undefined;
  const file = /\/Type \/EmbeddedFile\n([\s\S]*?)>>\nstream\n/.exec(text);
  if (!file) return undefined;
  const length = Number(/\/Length (\d+)/.exec(file[1]!)?.[1]);
  const start = file.index + file[0].length;
  const raw = buffer.subarray(start, start + length);
  const data = /\/Filter \/FlateDecode/.test(file[1]!) ? inflateSync(raw) : raw;
  const filespec = /\/Type \/Filespec\n[\s\S]*?\/F \(([^)]*)\)/.exec(text.slice(start + length));
  return {
    name: filespec?.[1] ?? '',
    json: data.toString('utf8'),
    sha256: createHash('sha256').update(data).digest('hex'),
    declared,
  };
}
