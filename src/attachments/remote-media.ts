import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';

/**
 * Fetches a file an Open311 client named by its `media_url` (FixMyStreet sends the photo that way),
 * so the petitioner's photo becomes an attachment like any other. The address is the sender's, so
 * the fetch is guarded: http or https only; no loopback, private, link-local or other internal
 * address, checked on the address actually connected to (a name resolving to one is refused, and a
 * redirect is checked again); at most `maxBytes`, within `timeoutMs`, at most three redirects.
 * Hosts an operator names (`allowHosts`, e.g. a county's own FixMyStreet on its intranet) may be
 * internal.
 */
export interface MediaFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  allowHosts: readonly string[];
}

/** What was fetched: the bytes, the type the server said, and a file name from the address. */
export interface FetchedMedia {
  bytes: Buffer;
  claimedType: string | undefined;
  name: string;
}

/** Why a fetch did not bring a file, as a code: permanent ones are not tried again. */
export type MediaFetchFailure = 'address_refused' | 'not_found' | 'too_large' | 'unreachable';
export const permanentFailures: readonly MediaFetchFailure[] = ['address_refused', 'not_found', 'too_large'];

export class MediaFetchError extends Error {
  constructor(readonly reason: MediaFetchFailure, message: string) {
    super(message);
  }
}

const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

/** Whether an address is one a fetch for the public may not reach. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    return mapped ? internal.check(mapped, 'ipv4') : internal.check(address, 'ipv6');
  }
  return true;
}

function fileName(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '').trim();
  return last === '' ? 'media' : last;
}

type Lookup = NonNullable<http.RequestOptions['lookup']>;

/** A resolver that refuses every internal address, so the check holds for the address connected to. */
function guardedLookup(allowed: boolean): Lookup {
  return ((hostname: string, options: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const usable = allowed ? addresses : addresses.filter((entry) => !isInternalAddress(entry.address));
      if (usable.length === 0) return callback(new MediaFetchError('address_refused', `${hostname} resolves only to internal addresses.`), []);
      if ((options as { all?: boolean }).all) return callback(null, usable);
      const first = usable[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  });
}

function getOnce(url: URL, options: MediaFetchOptions): Promise<{ redirect: string } | FetchedMedia> {
  const allowed = options.allowHosts.includes(url.hostname);
  if (isIP(url.hostname.replace(/^\[|\]$/g, '')) && !allowed && isInternalAddress(url.hostname.replace(/^\[|\]$/g, ''))) {
    return Promise.reject(new MediaFetchError('address_refused', `${url.hostname} is an internal address.`));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { lookup: guardedLookup(allowed), timeout: options.timeoutMs, headers: { accept: 'image/*, application/pdf' } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        return resolve({ redirect: response.headers.location });
      }
      if (status !== 200) {
        response.resume();
        return reject(new MediaFetchError(status === 404 || status === 410 ? 'not_found' : 'unreachable', `${url.href} answered ${status}.`));
      }
      const declared = Number(response.headers['content-length'] ?? 0);
      if (declared > options.maxBytes) {
        response.destroy();
        return reject(new MediaFetchError('too_large', `${url.href} is ${declared} bytes; at most ${options.maxBytes}.`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          response.destroy();
          reject(new MediaFetchError('too_large', `${url.href} is more than ${options.maxBytes} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        const type = response.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
        resolve({ bytes: Buffer.concat(chunks), claimedType: type || undefined, name: fileName(url) });
      });
      response.on('error', (error) => reject(new MediaFetchError('unreachable', error.message)));
    });
    request.on('timeout', () => request.destroy(new MediaFetchError('unreachable', `${url.href} did not answer within ${options.timeoutMs} ms.`)));
    request.on('error', (error) => reject(error instanceof MediaFetchError ? error : new MediaFetchError('unreachable', error.message)));
  });
}

/** Fetches `address`, following at most three redirects, each checked as the first address was. */
export async function fetchMedia(address: string, options: MediaFetchOptions): Promise<FetchedMedia> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new MediaFetchError('address_refused', `${address} is not a URL.`);
  }
  for (let hop = 0; hop <= 3; hop += 1) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new MediaFetchError('address_refused', `${url.protocol} is not http or https.`);
    if (url.username || url.password) throw new MediaFetchError('address_refused', 'an address with credentials is not fetched.');
    const got = await getOnce(url, options);
    if (!('redirect' in got)) return got;
    url = new URL(got.redirect, url);
  }
  throw new MediaFetchError('unreachable', `${address} redirects more than three times.`);
}
