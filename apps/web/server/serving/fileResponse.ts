import type { IncomingMessage, ServerResponse } from 'node:http';
import fresh from 'fresh';
import Negotiator from 'negotiator';
import parseRange from 'range-parser';
import { ENCODINGS, type Encoding, type Representation, type StaticFile } from '../publishing/staticFiles.ts';

type Choice = Encoding | 'identity' | null;

// Browsers send a handful of Accept-Encoding values; their answers are kept, so that the hot path
// does not parse q-values on every request. Bounded: a client sending endless variants only
// costs the parse.
const choices = new Map<string, Choice[]>();
const CHOICES_KEPT = 200;

/**
 * The codings a client takes, best first, by honest negotiation (q-values, `identity`, `*`,
 * `;q=0` refusals; RFC 9110, 12.5.3), out of brotli, gzip and the plain body. An empty list:
 * nothing the client takes.
 */
const acceptedCodings = (header: string | undefined): Choice[] => {
  if (header === undefined) return ['identity'];
  let accepted = choices.get(header);
  if (!accepted) {
    // Negotiator orders by q-value, then, among equals, by our preference (smallest first). Its
    // types predate the `preferred` option of negotiator 1.x.
    const offered = [...ENCODINGS, 'identity'];
    const negotiator = new Negotiator({ headers: { 'accept-encoding': header } }) as unknown as {
      encodings(available: string[], options: { preferred: string[] }): string[];
    };
    accepted = negotiator.encodings(offered, { preferred: offered }) as Choice[];
    if (choices.size >= CHOICES_KEPT) choices.clear();
    choices.set(header, accepted);
  }
  return accepted;
};

/** The representation to send: the client's best coding that the file has; null when none will do. */
const chooseRepresentation = (file: StaticFile, acceptEncoding: string | undefined): Representation | null => {
  for (const choice of acceptedCodings(acceptEncoding)) {
    const representation = choice && file.representation(choice);
    if (representation) return representation;
  }
  return null;
};

/**
 * Sends a file of the release: content negotiation, conditional requests (If-None-Match with
 * weak tags, lists and `*`; If-Modified-Since), byte ranges of the plain body, HEAD (no body
 * is read for a HEAD or a 304); `extra` (HSTS) is added when given.
 */
export const sendFile = (request: IncomingMessage, response: ServerResponse, file: StaticFile, extra: readonly string[] = []) => {
  const representation = chooseRepresentation(file, request.headers['accept-encoding']);
  if (!representation) {
    response.writeHead(406, ['content-type', 'text/plain; charset=utf-8', 'vary', 'accept-encoding', ...extra]);
    response.end('None of the content codings this file is sent in is acceptable (Accept-Encoding).\n');
    return;
  }
  const { headers } = request;
  if (
    (headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) &&
    fresh(headers, { etag: representation.etag, 'last-modified': file.lastModified })
  ) {
    response.writeHead(304, [
      'etag',
      representation.etag,
      'cache-control',
      file.cacheControl,
      'last-modified',
      file.lastModified,
      'vary',
      'accept-encoding',
      ...extra,
    ]);
    response.end();
    return;
  }
  if (headers.range !== undefined && representation.encoding === 'identity' && rangeApplies(request, representation, file)) {
    return sendRange(request, response, representation, headers.range, extra);
  }
  response.writeHead(200, extra.length > 0 ? [...representation.headers, ...extra] : representation.headers);
  response.end(request.method === 'HEAD' ? undefined : representation.body);
};

/** If-Range: the range applies only to the representation the client already has part of. */
const rangeApplies = (request: IncomingMessage, representation: Representation, file: StaticFile) => {
  const ifRange = request.headers['if-range'];
  if (typeof ifRange !== 'string') return ifRange === undefined;
  return ifRange.startsWith('"') ? ifRange === representation.etag : ifRange === file.lastModified;
};

const sendRange = (request: IncomingMessage, response: ServerResponse, representation: Representation, range: string, extra: readonly string[]) => {
  const size = Number(representation.headers[representation.headers.indexOf('content-length') + 1]);
  const ranges = parseRange(size, range, { combine: true });
  const sendWhole = () => {
    response.writeHead(200, [...representation.headers, ...extra]);
    response.end(request.method === 'HEAD' ? undefined : representation.body);
  };
  // Not a range we understand: the whole file, as if none had been asked for.
  if (ranges === -2 || (ranges !== -1 && ranges.type !== 'bytes')) return sendWhole();
  if (ranges === -1) {
    response.writeHead(416, ['content-range', `bytes */${size}`, 'content-type', 'text/plain; charset=utf-8', ...extra]);
    response.end('The requested range is outside the file.\n');
    return;
  }
  const [only] = ranges;
  // Several ranges at once would need multipart/byteranges; the whole file serves as well.
  if (ranges.length !== 1 || !only) return sendWhole();
  const { start, end } = only;
  const headers = representation.headers.slice();
  headers[headers.indexOf('content-length') + 1] = String(end - start + 1);
  response.writeHead(206, [...headers, 'content-range', `bytes ${start}-${end}/${size}`, ...extra]);
  response.end(request.method === 'HEAD' ? undefined : representation.body.subarray(start, end + 1));
};

/** The not-found page, never cached, with the security headers. */
export const sendNotFound = (request: IncomingMessage, response: ServerResponse, file: StaticFile | undefined, security: readonly string[]) => {
  if (!file) {
    response.writeHead(404, ['content-type', 'text/plain; charset=utf-8', 'cache-control', 'no-store', ...security]);
    response.end(request.method === 'HEAD' ? undefined : 'Not found\n');
    return;
  }
  sendStatusPage(request, response, 404, file, security);
};

/**
 * An old address of the release (301 with its Location in `extra`, or 410): its page with the
 * headers of a file of the release (cached like the pages, revalidated at every use, as an old
 * address may be taken by a new page), so that the WARC export records it as it was sent. No
 * conditional requests or ranges: a browser follows the 301, and a 410 page is small.
 */
export const sendOldAddress = (request: IncomingMessage, response: ServerResponse, status: 301 | 410, file: StaticFile, extra: readonly string[]) => {
  const representation = chooseRepresentation(file, request.headers['accept-encoding']) ?? file.identity;
  response.writeHead(status, [...representation.headers, ...extra]);
  response.end(request.method === 'HEAD' ? undefined : representation.body);
};

/** A page of the release answering with a status of its own (the not-found page, the feedback form's busy page), never cached. */
export const sendStatusPage = (request: IncomingMessage, response: ServerResponse, status: number, file: StaticFile, extra: readonly string[]) => {
  const representation = chooseRepresentation(file, request.headers['accept-encoding']) ?? file.identity;
  const headers = ['content-type', file.contentType, 'cache-control', 'no-store', 'vary', 'accept-encoding', ...extra];
  if (representation.encoding !== 'identity') headers.push('content-encoding', representation.encoding);
  headers.push('content-length', String(representation.body.length));
  response.writeHead(status, headers);
  response.end(request.method === 'HEAD' ? undefined : representation.body);
};

/**
 * A file of an earlier release, as an editor's archive link asks for it: the representation
 * readers were sent (the same body, coding and headers), but never kept by a browser or a proxy
 * (`Cache-Control: private, no-store` in place of the file's own) and never indexed (`extra`
 * carries X-Robots-Tag). No conditional requests or ranges: nothing of it is cached to revalidate.
 */
export const sendArchivedFile = (request: IncomingMessage, response: ServerResponse, file: StaticFile, extra: readonly string[]) => {
  const representation = chooseRepresentation(file, request.headers['accept-encoding']) ?? file.identity;
  const headers = representation.headers.slice();
  headers[headers.indexOf('cache-control') + 1] = 'private, no-store';
  response.writeHead(200, [...headers, ...extra]);
  response.end(request.method === 'HEAD' ? undefined : representation.body);
};
