import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminJson, registerFirstAdmin, TEST_ADMIN } from '@malardalsradet/test-support/adminApi';
import { CMS_DIR, freePort, scratchCmsEnv, startCms, startCmsOn, TEST_DATABASE } from '@malardalsradet/test-support/cmsProcess';

const runScript = (script: string, folder: string, env: NodeJS.ProcessEnv) => {
  const result = spawnSync(process.execPath, [path.join(CMS_DIR, 'scripts', script), folder], { cwd: CMS_DIR, env, encoding: 'utf8' });
  expect(result.status, `${script}: ${result.stderr}`).toBe(0);
  return result.stdout;
};

const login = async (url: string) => {
  const response = await fetch(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { token: string } }).data.token;
};

const PDF =
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

describe(`backup and restore (${TEST_DATABASE})`, () => {
  it('round-trips the seeded content and the uploads into an empty CMS', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'cms-backup-'));
    const original = await startCms({ CMS_SEED_ON_START: 'true' });
    let uploadName: string;
    try {
      const jwt = await registerFirstAdmin(original.url);
      const form = new FormData();
      form.append('files', new Blob([PDF], { type: 'application/pdf' }), 'verksamhetsberattelse-2017.pdf');
      const upload = await fetch(`${original.url}/upload`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
      expect(upload.status).toBe(201);
      uploadName = ((await upload.json()) as { url: string }[])[0]?.url ?? '';
      await original.kill();
      expect(runScript('backup.mjs', folder, original.env)).toMatch(/Backed up/);
    } finally {
      await original.stop();
    }

    // A CMS with an empty database and no uploads of its own, then the backup put back.
    const empty = await scratchCmsEnv({ PORT: String(await freePort()) });
    expect(runScript('restore.mjs', folder, empty.env)).toMatch(/Restored/);
    const restored = await startCmsOn(empty);
    try {
      const jwt = await login(restored.url);
      const reports = await adminJson<{ results: { title: string }[] }>(
        restored.url,
        jwt,
        '/content-manager/collection-types/api::report.report?locale=sv',
      );
      expect(reports.results.map((report) => report.title)).toEqual(['Verksamhetsberättelse 2017']);
      const plans = await adminJson<{ results: { title: string; status: string }[] }>(
        restored.url,
        jwt,
        '/content-manager/collection-types/api::plan.plan?locale=en&sort=title:ASC',
      );
      expect(plans.results.map((plan) => plan.title)).toEqual(['Operational plan 2018', 'Operational plan 2019 (draft)']);
      const file = await fetch(`${restored.url}${uploadName}`);
      expect(file.status).toBe(200);
      expect(await file.text()).toBe(PDF);
    } finally {
      await restored.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
