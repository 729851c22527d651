import sharp from 'sharp';

/** One file part of a multipart body. */
export interface FilePart {
  name: string;
  type: string;
  bytes: Buffer;
  field?: string;
}

/** A multipart/form-data body as a browser sends it: file parts (field `file` unless named), then plain fields. */
export function multipart(files: readonly FilePart[], fields: Record<string, string> = {}): { headers: Record<string, string>; payload: Buffer } {
  return multipartBody([...files.map((file) => ({ file })), ...Object.entries(fields).map(([name, value]) => ({ name, value }))]);
}

/** A form posted with its file field last, as the portal's petition form is: its plain fields, then its files. */
export function formWithFiles(fields: Record<string, string>, files: readonly FilePart[]): { headers: Record<string, string>; payload: Buffer } {
  return multipartBody([...Object.entries(fields).map(([name, value]) => ({ name, value })), ...files.map((file) => ({ file }))]);
}

function multipartBody(parts: readonly ({ file: FilePart } | { name: string; value: string })[]): { headers: Record<string, string>; payload: Buffer } {
  const boundary = '----redress-test-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('file' in part) {
      const { file } = part;
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
        ),
        file.bytes,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(chunks) };
}

/** A small scanned letter: a one-page PDF. */
export function scannedPdf(text = 'Letter of 1 November'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** A photo that says where it was taken (EXIF GPS) and by which camera. */
export async function photoWithLocation(format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width: 8, height: 6, channels: 3, background: '#a05030' } }).withExif({
    IFD0: { Make: 'PhoneMaker', Model: 'Phone 9', Copyright: 'petitioner' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
  });
  return format === 'jpeg' ? image.jpeg().toBuffer() : image.png().toBuffer();
}

/** A program (an ELF header and some code), whatever name it is sent under. */
export function executable(): Buffer {
  const bytes = Buffer.alloc(256, 0x90);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(bytes, 0);
  return bytes;
}
