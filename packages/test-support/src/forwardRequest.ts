import http, { type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Passes a request on to another server and its answer back, as the small proxies of the tests
 * do (the TLS proxy's stand-in, the site's stub CMS); `options` say where, and what the request
 * carries besides its method and path. A failed connection closes the client's.
 */
export const forwardRequest = (request: IncomingMessage, response: ServerResponse, options: http.RequestOptions): void => {
  const upstream = http.request({ method: request.method, path: request.url, ...options }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', () => response.destroy());
  request.pipe(upstream);
};
