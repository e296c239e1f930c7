// Does adding an Image block to a Blocks field lose text? An editor reported that adding an image
// right after a paragraph ending in a link lost the paragraph, or the end of the link text. This
// script drives the admin panel in headless Chromium the way an editor would: it writes a paragraph
// "Läs mer i " followed by a link (the toolbar's link button), adds an Image block through the
// block-type dropdown after each of several cursor moves (see SCENARIOS), picks an image in the
// media dialog, saves, and compares the saved JSON with what was typed.
//
//   ADMIN_URL=http://localhost:1337/admin ADMIN_EMAIL=... ADMIN_PASSWORD=... \
//     node apps/cms/test/support/blocksImageTextLoss.ts [scenario ...]
//
// ADMIN_EMAIL / ADMIN_PASSWORD fall back to CMS_EDITOR_EMAIL / CMS_EDITOR_PASSWORD, then to the
// development editor (role Redaktör, as editors have it). CHROMIUM_PATH (default /usr/bin/chromium);
// SCREENSHOT_DIR, when set, gets a screenshot after each scenario; TRACE=true prints Slate's
// selection after every step; STEP_MS (250) is the pause after each click or key; KEEP_ENTRY=true
// keeps the test entry and image. The script makes its own draft "Prioriterat område" (Swedish)
// and uploads its own small PNG, and deletes both at the end. It logs in once (the admin allows
// 5 logins in 5 minutes).
// Exit code: 0 when no scenario lost text, 1 when one did, 2 when the script itself failed.
//
// Run by test/adminInSwedish.int.test.ts as a process of its own, and by hand as above; Node runs
// it directly (type stripping, an ES module as the rest of test/). Type-checked with the tests
// (tsconfig.test.json), which have the DOM's types it needs.
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const ADMIN = (process.env.ADMIN_URL ?? 'http://localhost:1337/admin').replace(/\/$/, '');
const ORIGIN = new URL(ADMIN).origin;
const EMAIL = process.env.ADMIN_EMAIL ?? process.env.CMS_EDITOR_EMAIL ?? 'redaktor@malardalsradet.local';
const PASSWORD = process.env.ADMIN_PASSWORD ?? process.env.CMS_EDITOR_PASSWORD ?? 'Malardalsradet2026!';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const KEEP_ENTRY = process.env.KEEP_ENTRY === 'true';
// Pause after each click or key, at about an editor's pace. Slate reads the browser's selection
// asynchronously (on selectionchange), so a key pressed a few milliseconds after a click acts on
// the old selection, which no person would see.
const STEP_MS = Number(process.env.STEP_MS ?? 250);

const UID = 'api::priority-area.priority-area';
const LOCALE = 'sv';
const INTRO = 'Inledande stycke som ska finnas kvar.';
const LEAD = 'Läs mer i ';
const LINK_TEXT = 'årsrapporten 2025';
const LINK_URL = 'https://example.org/arsrapport-2025';

interface TextNode {
  type: 'text';
  text: string;
  [mark: string]: unknown;
}
interface Block {
  type: string;
  children?: (Block | TextNode)[];
  url?: string;
  image?: { name?: string };
}

// ---------------------------------------------------------------------------------------------
// Admin API (the admin's own JWT, read from its cookie after logging in through the form)

let jwt = '';

const api = async <T = unknown>(method: string, pathname: string, body?: unknown): Promise<T> => {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${jwt}` } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${ORIGIN}${pathname}`, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
};

const entryPath = (documentId = '') => `/content-manager/collection-types/${UID}${documentId ? `/${documentId}` : ''}?locale=${LOCALE}`;

const paragraph = (text: string): Block => ({ type: 'paragraph', children: [{ type: 'text', text }] });

/** A 32×24 PNG made here, so the script needs no file of its own. */
const testPng = (): Buffer => {
  const width = 32;
  const height = 24;
  const rows = Array.from({ length: height }, (_, y) =>
    Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, (_, x) => [x * 8, y * 10, 160]).flat())]),
  );
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(typed));
    return Buffer.concat([length, typed, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

// ---------------------------------------------------------------------------------------------
// The editor

const editorBox = (page: Page) => page.locator('[role="textbox"][contenteditable="true"]').first();

/** The Slate editor's value and selection, read through React's fiber of the editable element. */
const slateState = (page: Page) =>
  page.evaluate(() => {
    const element = document.querySelector<Element & Record<string, unknown>>('[role="textbox"][contenteditable="true"]');
    const fiberKey = element && Object.keys(element).find((key) => key.startsWith('__reactFiber$'));
    interface Fiber {
      memoizedProps?: { editor?: { children?: unknown; selection?: unknown } };
      return?: Fiber;
    }
    let fiber = fiberKey ? (element[fiberKey] as Fiber) : undefined;
    while (fiber && !fiber.memoizedProps?.editor?.children) fiber = fiber.return;
    const editor = fiber?.memoizedProps?.editor;
    return editor
      ? (JSON.parse(JSON.stringify({ selection: editor.selection ?? null, children: editor.children })) as { selection: unknown; children: Block[] })
      : null;
  });

const describeSelection = (selection: unknown): string => {
  if (!selection) return 'none';
  const { anchor, focus } = selection as { anchor: { path: number[]; offset: number }; focus: { path: number[]; offset: number } };
  const point = (p: { path: number[]; offset: number }) => `[${p.path.join(',')}]:${p.offset}`;
  return point(anchor) === point(focus) ? point(anchor) : `${point(anchor)}–${point(focus)}`;
};

const openEntry = async (page: Page, documentId: string) => {
  await page.goto(`${ADMIN}/content-manager/collection-types/${UID}/${documentId}?plugins[i18n][locale]=${LOCALE}`);
  await editorBox(page).waitFor({ timeout: 60_000 });
  // Let the edit view's own queries settle first: a late answer re-mounts the editor and drops
  // keys typed meanwhile (seen once in ~35 runs), which is not what this script is after. The side
  // panels (Webbplatsen, Schemaläggning, Länkar hit) appear once their own answers are in, and the
  // edit view renders again when they do: wait for them too.
  for (const title of ['Webbplatsen', 'Schemaläggning', 'Länkar hit']) {
    await page.getByText(title, { exact: true }).first().waitFor({ timeout: 30_000 });
  }
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(1500);
};

const TRACE = process.env.TRACE === 'true';

/** Waits a step; with TRACE=true also prints what was done and where Slate's selection is then. */
const pause = async (page: Page, did = '') => {
  await page.waitForTimeout(STEP_MS);
  if (TRACE) console.log(`    · ${(did || 'step').padEnd(22)} selection ${describeSelection((await slateState(page))?.selection)}`);
};
const press = async (page: Page, key: string) => {
  await page.keyboard.press(key);
  await pause(page, key);
};

const paragraphs = (page: Page) => editorBox(page).locator('p');

/** A mouse click to the right of the end of a paragraph's last line, as an editor would. */
const clickEndOf = async (page: Page, index: number) => {
  const box = await paragraphs(page).nth(index).boundingBox();
  if (!box) throw new Error(`paragraph ${index} not visible`);
  await page.mouse.click(box.x + box.width - 4, box.y + box.height - 6);
  await pause(page, `click end of p${index}`);
};

const linkPopover = (page: Page) => page.locator('[data-radix-popper-content-wrapper]').filter({ has: page.locator('input[name="url"]') });

/**
 * Fills a field of the link popover until it holds the value. The popover sets its fields from
 * the link once it has opened; on a busy machine that can land after a fill and empty the field
 * again, and the scenario would then start from a link without text (a failed setup, not a finding).
 */
const fillUntilHeld = async (page: Page, input: Locator, value: string) => {
  for (let tries = 0; tries < 5 && (await input.inputValue()) !== value; tries++) {
    await input.fill(value);
    await page.waitForTimeout(STEP_MS);
  }
};

/** The toolbar's link button (it acts on pointerdown), then the popover's fields and its Save. */
const addLinkWithPopover = async (page: Page, text: string | null) => {
  await page.getByRole('button', { name: /^(Link|Länk)$/ }).dispatchEvent('pointerdown');
  const popover = linkPopover(page);
  await popover.waitFor({ timeout: 10_000 });
  await pause(page, 'link button');
  if (text !== null) await fillUntilHeld(page, popover.locator('input[name="text"]'), text);
  await fillUntilHeld(page, popover.locator('input[name="url"]'), LINK_URL);
  await pause(page, 'popover filled');
  await popover.getByRole('button', { name: /^(Spara|Save)$/ }).click();
  await popover.waitFor({ state: 'hidden', timeout: 10_000 });
  await pause(page, 'popover Save');
};

/** The second paragraph: "Läs mer i " and a link, the link made as the scenario says. */
const writeLinkParagraph = async (page: Page, how: 'popover' | 'select-text') => {
  await clickEndOf(page, 0);
  await press(page, 'Enter');
  if (how === 'popover') {
    // Link button with nothing selected: Strapi inserts an empty link; its text and URL are typed in the popover.
    await page.keyboard.type(LEAD, { delay: 20 });
    await pause(page);
    await addLinkWithPopover(page, LINK_TEXT);
  } else {
    // The text typed first, then selected with Shift+← and made a link; only the URL is typed.
    await page.keyboard.type(LEAD + LINK_TEXT, { delay: 20 });
    await pause(page);
    for (const _character of LINK_TEXT) await page.keyboard.press('Shift+ArrowLeft', { delay: 30 });
    await pause(page);
    await addLinkWithPopover(page, null);
  }
  // Only a paragraph that really ends in the link is a fair start: say so when the UI did not make it.
  const state = await slateState(page);
  const made = state?.children[1];
  const link = made ? links(made).find((node) => node.url === LINK_URL) : undefined;
  if (state && (!made || !link || textOf(made) !== LEAD + LINK_TEXT || textOf(link) !== LINK_TEXT)) {
    throw new Error(`setup: the link paragraph was not made as intended: ${describeBlocks(state.children).join(' | ')}`);
  }
};

/**
 * A mouse click on the link's text, `fromEnd` characters before its end. Clicking a link opens its
 * popover; the editor closes it with Cancel.
 */
const clickInLinkThenCancel = async (page: Page, fromEnd: number) => {
  const point = await editorBox(page)
    .locator('a')
    .first()
    .evaluate((anchor, back) => {
      const walker = document.createTreeWalker(anchor, NodeFilter.SHOW_TEXT);
      let last: Text | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node.textContent ?? '').trim()) last = node as Text;
      if (!last) return null;
      // The right edge of the character just before the wanted caret position.
      const range = document.createRange();
      const at = last.data.length - back;
      range.setStart(last, at - 1);
      range.setEnd(last, at);
      const rect = range.getBoundingClientRect();
      return { x: rect.right - 1, y: rect.top + rect.height / 2 };
    }, fromEnd);
  if (!point) throw new Error('link text not found');
  await page.mouse.click(point.x, point.y);
  await pause(page, `click in link (-${fromEnd})`);
  const popover = linkPopover(page);
  if (await popover.isVisible().catch(() => false)) {
    await popover.getByRole('button', { name: /^(Avbryt|Cancel)$/ }).click();
    await pause(page, 'popover Cancel');
  }
};

let imageName = '';

/** The block-type dropdown → Image, then the image in the media dialog and its Finish button. */
const addImageFromDropdown = async (page: Page) => {
  await page.locator('[role="combobox"][aria-label="Select a block"], [role="combobox"][aria-label="Välj ett block"]').first().click();
  await page.getByRole('option', { name: /^(Image|Bild)$/ }).click();
  const dialog = page.getByRole('dialog').filter({ has: page.getByRole('checkbox', { name: imageName }) });
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.getByRole('checkbox', { name: imageName }).click();
  await dialog.getByRole('button', { name: /^(Slutför|Finish)$/ }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  await page.waitForTimeout(500);
};

/** The page's Save button; resolves when the admin has stored the draft. */
const saveEntry = async (page: Page, documentId: string) => {
  const stored = page.waitForResponse(
    (response) => response.request().method() === 'PUT' && response.url().includes(`/content-manager/collection-types/${UID}/${documentId}`),
    { timeout: 30_000 },
  );
  await page.getByRole('button', { name: /^(Spara|Save)$/ }).click();
  const response = await stored;
  if (!response.ok()) throw new Error(`Save answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
  await page.waitForTimeout(500);
};

// ---------------------------------------------------------------------------------------------
// Scenarios: what the editor does between making the link and choosing Image.

interface Scenario {
  id: string;
  what: string;
  run(page: Page, documentId: string): Promise<void>;
}

const SCENARIOS: Scenario[] = [
  {
    id: 'image-right-after-link-save',
    what: 'link via popover, Save in the popover, then straight to dropdown → Image',
    run: async (page) => {
      await writeLinkParagraph(page, 'popover');
    },
  },
  {
    id: 'click-end-of-paragraph',
    what: 'link via popover, click right of the end of the paragraph, dropdown → Image',
    run: async (page) => {
      await writeLinkParagraph(page, 'popover');
      await clickEndOf(page, 1);
    },
  },
  {
    id: 'end-key',
    what: 'link via popover, End key, dropdown → Image',
    run: async (page) => {
      await writeLinkParagraph(page, 'popover');
      await press(page, 'End');
    },
  },
  {
    id: 'click-outside-editor',
    what: 'link via popover, click in the Sammanfattning field (outside the editor), dropdown → Image',
    run: async (page) => {
      await writeLinkParagraph(page, 'popover');
      await page.locator('textarea[name="summary"]').click();
      await pause(page, 'click Sammanfattning');
    },
  },
  {
    id: 'enter-right-after-link-save',
    what: 'link via popover, Enter straight after Save in the popover, dropdown → Image',
    run: async (page) => {
      await writeLinkParagraph(page, 'popover');
      await press(page, 'Enter');
    },
  },
  {
    id: 'enter-after-click-end',
    what: 'link via popover, click right of the end of the paragraph, Enter, dropdown → Image',
    run: async (page) => {
      await writeLinkParagraph(page, 'popover');
      await clickEndOf(page, 1);
      await press(page, 'Enter');
    },
  },
  {
    id: 'enter-then-click-outside',
    what: 'link via popover, click end of paragraph, Enter, click in Sammanfattning, dropdown → Image',
    run: async (page) => {
      await writeLinkParagraph(page, 'popover');
      await clickEndOf(page, 1);
      await press(page, 'Enter');
      await page.locator('textarea[name="summary"]').click();
      await pause(page, 'click Sammanfattning');
    },
  },
  {
    id: 'enter-two-chars-before-link-end',
    what: 'link via popover, End, ←←, Enter (cursor 2 characters before the end of the link), dropdown → Image',
    run: async (page) => {
      await writeLinkParagraph(page, 'popover');
      await press(page, 'End');
      await press(page, 'ArrowLeft');
      await press(page, 'ArrowLeft');
      await press(page, 'Enter');
    },
  },
  {
    id: 'click-on-link-end-cancel-enter',
    what: 'link via popover, mouse click on the end of the link text (its popover opens), Cancel, Enter, dropdown → Image',
    run: async (page) => {
      await writeLinkParagraph(page, 'popover');
      await clickInLinkThenCancel(page, 0);
      await press(page, 'Enter');
    },
  },
  {
    id: 'selected-text-made-link',
    what: 'text typed, the link text selected with Shift+← and made a link (URL in the popover), dropdown → Image',
    run: async (page) => {
      await writeLinkParagraph(page, 'select-text');
    },
  },
  {
    id: 'saved-then-reopened-no-click',
    what: 'link via popover, entry saved and reopened, dropdown → Image without clicking in the editor first',
    run: async (page, documentId) => {
      await writeLinkParagraph(page, 'popover');
      await saveEntry(page, documentId);
      await openEntry(page, documentId);
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Judging the saved value

const textOf = (node: Block | TextNode): string =>
  node.type === 'text' ? String((node as TextNode).text ?? '') : ((node as Block).children ?? []).map(textOf).join('');

const links = (node: Block | TextNode): Block[] =>
  node.type === 'link' ? [node] : node.type === 'text' ? [] : ((node as Block).children ?? []).flatMap(links);

const describeBlocks = (blocks: Block[]) =>
  blocks.map((block) => {
    if (block.type === 'image') return `image(${block.image?.name ?? '?'})`;
    const parts = (block.children ?? []).map((child) =>
      child.type === 'link' ? `link(${JSON.stringify(textOf(child))})` : JSON.stringify(textOf(child)),
    );
    return `${block.type}: ${parts.filter((part) => part !== '""').join(' + ') || '(empty)'}`;
  });

/** What of the typed text is gone from the saved value (text moved to another block counts as kept). */
const judge = (blocks: Block[]) => {
  const all = blocks.map(textOf).join('');
  const lost: string[] = [];
  for (const expected of [INTRO, LEAD.trim()]) if (!all.includes(expected)) lost.push(JSON.stringify(expected));
  const link = blocks.flatMap(links).find((node) => node.url === LINK_URL);
  const linkText = link ? textOf(link) : '';
  if (linkText !== LINK_TEXT) {
    let kept = 0;
    while (kept < LINK_TEXT.length && linkText[kept] === LINK_TEXT[kept]) kept++;
    const missing = LINK_TEXT.slice(kept);
    // The rest of the link text may survive as plain text in a block of its own.
    const elsewhere = blocks.some((block) => textOf(block).includes(missing) && !links(block).includes(link!));
    if (!link) lost.push(`the whole link ${JSON.stringify(LINK_TEXT)}${elsewhere ? ' (its text survives unlinked)' : ''}`);
    else if (elsewhere)
      lost.push(`link shortened to ${JSON.stringify(linkText)}; ${JSON.stringify(missing)} survives as plain text elsewhere (not lost)`);
    else lost.push(`the end of the link text: ${JSON.stringify(missing)} (link now ${JSON.stringify(linkText)})`);
  }
  const images = blocks.filter((block) => block.type === 'image').length;
  const textLost = lost.some((entry) => !entry.endsWith('(not lost)'));
  return { lost, images, textLost };
};

// ---------------------------------------------------------------------------------------------

const main = async () => {
  const wanted = process.argv.slice(2);
  const scenarios = wanted.length ? SCENARIOS.filter((scenario) => wanted.includes(scenario.id)) : SCENARIOS;
  if (scenarios.length === 0) throw new Error(`No such scenario. Known: ${SCENARIOS.map((s) => s.id).join(', ')}`);

  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  let documentId = '';
  let imageId: number | undefined;
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'sv-SE' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());

    await page.goto(`${ADMIN}/auth/login`);
    await page.waitForSelector('input[name="email"]', { timeout: 120_000 });
    await page.fill('input[name="email"]', EMAIL);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
    jwt = (await context.cookies()).find((cookie) => cookie.name === 'jwtToken')?.value ?? '';
    if (!jwt) throw new Error('Logged in, but found no jwtToken cookie for the admin API');

    const stamp = Date.now().toString(36);
    imageName = `bildtest-${stamp}.png`;
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(testPng())], { type: 'image/png' }), imageName);
    const [uploaded] = await api<{ id: number; name: string }[]>('POST', '/upload', form);
    imageId = uploaded!.id;

    const created = await api<{ data: { documentId: string } }>('POST', entryPath(), {
      title: `Bildtest textförlust ${stamp}`,
      slug: `bildtest-textforlust-${stamp}`,
      order: 1,
      description: [paragraph(INTRO)],
    });
    documentId = created.data.documentId;
    console.log(`Admin ${ADMIN}; test entry ${UID} ${documentId} (${LOCALE}); image ${imageName}`);
    console.log(`Typed: paragraph ${JSON.stringify(INTRO)}, then ${JSON.stringify(LEAD)} + link ${JSON.stringify(LINK_TEXT)} → ${LINK_URL}\n`);

    const results: { id: string; verdict: string }[] = [];
    for (const scenario of scenarios) {
      console.log(`● ${scenario.id}: ${scenario.what}`);
      // One more try when the run fails before any result (a timing hiccup of the admin, not a verdict).
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          await api('PUT', entryPath(documentId), { description: [paragraph(INTRO)] });
          await openEntry(page, documentId);
          await scenario.run(page, documentId);
          const before = await slateState(page);
          console.log(`  selection when choosing Image: ${describeSelection(before?.selection)}`);
          console.log(`  editor before: ${before ? describeBlocks(before.children).join(' | ') : '(not readable)'}`);
          await addImageFromDropdown(page);
          const after = await slateState(page);
          const domText = (await editorBox(page).innerText())
            .replace(/\uFEFF/g, '')
            .replace(/\n+/g, ' ⏎ ')
            .trim();
          console.log(`  editor after:  ${after ? describeBlocks(after.children).join(' | ') : '(not readable)'}`);
          console.log(`  editor text:   ${JSON.stringify(domText)}`);
          await saveEntry(page, documentId);
          const saved = await api<{ data: { description: Block[] | null } }>('GET', entryPath(documentId));
          const blocks = saved.data.description ?? [];
          console.log(`  saved:         ${describeBlocks(blocks).join(' | ')}`);
          const { lost, images, textLost } = judge(blocks);
          const verdict = `${textLost ? 'TEXT LOST' : 'no text lost'}${lost.length ? `: ${lost.join('; ')}` : ''}; ${images} image block(s)`;
          console.log(`  → ${verdict}\n`);
          results.push({ id: scenario.id, verdict });
          if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${scenario.id}.png`), fullPage: true });
          break;
        } catch (error) {
          const reason = (error as Error).message.split('\n')[0];
          if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${scenario.id}-failed-${attempt}.png`) }).catch(() => {});
          if (attempt === 1) {
            console.log(`  (attempt 1 did not run through: ${reason}; trying again)`);
            continue;
          }
          const verdict = `FAILED TO RUN: ${reason}`;
          console.log(`  → ${verdict}\n`);
          results.push({ id: scenario.id, verdict });
        }
      }
    }

    console.log('Summary');
    for (const { id, verdict } of results) console.log(`  ${id.padEnd(36)} ${verdict}`);
    const anyLost = results.some(({ verdict }) => verdict.startsWith('TEXT LOST'));
    const anyFailed = results.some(({ verdict }) => verdict.startsWith('FAILED'));
    process.exitCode = anyFailed ? 2 : anyLost ? 1 : 0;
  } finally {
    if (!KEEP_ENTRY) {
      if (documentId) await api('DELETE', entryPath(documentId)).catch((error) => console.warn(`Could not delete the test entry: ${error}`));
      if (imageId !== undefined)
        await api('DELETE', `/upload/files/${imageId}`).catch((error) => console.warn(`Could not delete the test image: ${error}`));
    }
    await browser.close();
  }
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
