import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardRequest } from '@malardalsradet/test-support/forwardRequest';
import { FEEDBACK_API_PATH, type FeedbackSubmission } from '@malardalsradet/site-contract';

/** One delivery the stub was sent, and what it answered. */
export interface StubDelivery {
  authorization: string | undefined;
  body: { data: FeedbackSubmission };
  status: number;
}

/**
 * The CMS as the site server sees it, for the feedback tests: every request goes on to the real
 * CMS (the site's content), except the feedback create, which the stub takes itself, records,
 * and answers as the CMS does (201, or 200 for an id it has: the contract's FEEDBACK_API_PATH) — or 503 while it is "down",
 * or closes the connection unanswered while it is "unreachable".
 */
export const startStubFeedbackCms = async (cmsUrl: string) => {
  const deliveries: StubDelivery[] = [];
  const stored = new Map<string, FeedbackSubmission>();
  let down = false;
  let unreachable = false;
  const target = new URL(cmsUrl);
  const server = http.createServer((request, response) => {
    if (request.method === 'POST' && request.url === FEEDBACK_API_PATH) {
      if (unreachable) {
        request.socket.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: FeedbackSubmission };
        const status = down ? 503 : stored.has(body.data.submissionId) ? 200 : 201;
        if (status === 201) stored.set(body.data.submissionId, body.data);
        deliveries.push({ authorization: request.headers.authorization, body, status });
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(status === 503 ? { error: { status } } : { data: { submissionId: body.data.submissionId } }));
      });
      return;
    }
    forwardRequest(request, response, { host: target.hostname, port: target.port, headers: { ...request.headers, host: target.host } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deliveries,
    /** The messages the "CMS" keeps, by submission id. */
    stored,
    setDown: (value: boolean) => {
      down = value;
    },
    setUnreachable: (value: boolean) => {
      unreachable = value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
