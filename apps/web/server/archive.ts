// `pnpm --filter @malardalsradet/web archive --at <ISO 8601 time> --out <file.warc.gz>` (at the
// root: `npm run archive -- …`): writes the public site as it was at that moment, from the
// releases folder (RELEASES_DIR), as a WARC 1.1 file. Any failure is one line and exit code 1.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ArchiveExportError, exportWarc } from './publishing/warcExport.ts';
import { ReleaseStore } from './publishing/releases.ts';
import { loadDotEnv, readArchiveEnv, serverSecurityHeaders } from './serverEnv.ts';

// A time with its zone (Z or an offset): a moment in law must not depend on the machine's clock setting.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const USAGE = 'Usage: npm run archive -- --at <ISO 8601 time, e.g. 2026-03-01T12:00:00+01:00> --out <file.warc.gz>';

const fail = (message: string): never => {
  console.error(`Archive not written: ${message}`);
  process.exit(1);
};

loadDotEnv();
try {
  const { values } = parseArgs({ options: { at: { type: 'string' }, out: { type: 'string' } }, strict: true });
  if (!values.at || !values.out) fail(`--at and --out are both needed. ${USAGE}`);
  const at = values.at!;
  if (!ISO_8601.test(at) || !Number.isFinite(Date.parse(at))) fail(`--at ${at} is not an ISO 8601 time with its zone. ${USAGE}`);
  // Relative to the working folder: the root for `npm run archive` (scripts/toolchain.mjs runs this file from there), apps/web for `pnpm archive`.
  const out = path.resolve(values.out!);
  const env = readArchiveEnv();
  // Read only: the server may be building beside it, and owns the folder.
  const store = new ReleaseStore(env.RELEASES_DIR, 3, (message) => console.error(`[archive] ${message}`), { readOnly: true });
  const result = await exportWarc({ store, at: new Date(at), out, siteUrl: env.SITE_URL, fallbackHeaders: serverSecurityHeaders(env) });
  console.log(
    `Wrote ${out}: ${result.records} records (${Math.round(result.bytes / 1024)} kB), the release ${result.span.releaseId}, ` +
      `live from ${result.span.liveFrom} until ${result.span.liveUntil ?? 'now'}.`,
  );
} catch (error) {
  // An ArchiveExportError is the operator's to act on; anything else (a bad variable, an unreadable folder) says what failed.
  fail(error instanceof ArchiveExportError || error instanceof Error ? error.message : String(error));
}
