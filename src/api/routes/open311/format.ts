import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

/** GeoReport v2 answers in XML (required) or JSON, chosen by the resource's extension. */
export type Open311Format = 'json' | 'xml';

const open311Formats: readonly Open311Format[] = ['xml', 'json'];

export function isFormat(value: string): value is Open311Format {
  return (open311Formats as readonly string[]).includes(value);
}

/** Splits `wage-arrears.json` into the name and the format, or null when the extension is not one we speak. */
export function splitFormat(file: string): { name: string; format: Open311Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = file.slice(dot + 1);
  return isFormat(format) ? { name: decodeURIComponent(file.slice(0, dot)), format } : null;
}

/** The format an error should be in, read from the URL: XML when it asked for XML, JSON otherwise. */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

/**
 * Characters XML 1.0 cannot carry, even escaped: C0 controls other than tab and line breaks, lone
 * surrogates, U+FFFE and U+FFFF. One of them anywhere makes a client's parser reject the whole
 * document, so they are left out of the text (they carry nothing a reader could see).
 */
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** XML has no null: an absent value is an empty element; booleans and numbers are their text. */
function xmlValue(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(xmlValue);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, xmlValue(inner)]));
  return String(value).replace(notXml, '');
}

/** The XML document for a tree, with the declaration the spec requires. */
function toXml(tree: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(xmlValue(tree))}`;
}

/**
 * Sends one answer in the asked-for format: `json` as the spec's JSON (the Spark convention), `xml`
 * as the spec's XML tree. The two are written side by side so each matches the spec's examples.
 */
export function sendOpen311(reply: FastifyReply, format: Open311Format, json: unknown, xml: Record<string, unknown>, status = 200): FastifyReply {
  if (format === 'xml') return reply.status(status).type('text/xml; charset=utf-8').send(toXml(xml));
  return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(json));
}

/** Errors in the spec's shape: a list of {code, description}, the code matching the HTTP status. */
export function sendOpen311Errors(reply: FastifyReply, format: Open311Format, status: number, descriptions: string[]): FastifyReply {
  const errors = descriptions.map((description) => ({ code: status, description }));
  return sendOpen311(reply, format, errors, { errors: { error: errors } }, status);
}
