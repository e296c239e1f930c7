// Takes the screenshots in docs/redaktorsguide.md from a running `npm run dev` (admin on :1337,
// site on :4321), in headless Chromium, logged in as the development editor (role Redaktör), so
// that they show exactly what an editor sees:
//   node scripts/editor-guide-screenshots.ts
// It changes no content: the menus and dialogs it opens are closed again, the edits it makes to
// show them are never saved, and the picture it picks for upload is cancelled before it reaches
// the media library.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { launchChromium } from '@malardalsradet/test-support/browser';

const OUT = fileURLToPath(new URL('../../../docs/bilder/', import.meta.url));
const ADMIN = process.env.ADMIN_URL ?? 'http://localhost:1337/admin';
const EMAIL = process.env.CMS_EDITOR_EMAIL ?? 'redaktor@malardalsradet.local';
const PASSWORD = process.env.CMS_EDITOR_PASSWORD ?? 'Malardalsradet2026!';
const VIEWPORT = { width: 1440, height: 900 };
// Space kept around a cropped control, so that the reader sees where on the screen it is.
const MARGIN = 24;

const browser = await launchChromium();
const page = await browser.newPage({ viewport: VIEWPORT, locale: 'sv-SE' });
// Leaving an edit view with the unsaved changes made for a picture asks "leave the page?", and
// cancelling an upload asks "close?": yes both times, so that nothing is saved.
page.on('dialog', (dialog) => void dialog.accept());

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of the page around these elements or boxes (all of them, plus a margin). */
const areaAround = async (...targets: (Locator | Box)[]) => {
  const boxes = (await Promise.all(targets.map((target) => ('boundingBox' in target ? target.boundingBox() : Promise.resolve(target))))).filter(
    (box) => box !== null,
  );
  const left = Math.max(0, Math.min(...boxes.map((box) => box.x)) - MARGIN);
  const top = Math.max(0, Math.min(...boxes.map((box) => box.y)) - MARGIN);
  const right = Math.min(VIEWPORT.width, Math.max(...boxes.map((box) => box.x + box.width)) + MARGIN);
  const bottom = Math.min(VIEWPORT.height, Math.max(...boxes.map((box) => box.y + box.height)) + MARGIN);
  return { x: left, y: top, width: right - left, height: bottom - top };
};

/** Saves docs/bilder/<name>.png: the whole window, or only the area around the given elements. */
const shot = async (name: string, ...around: (Locator | Box)[]) => {
  // Menus, dialogs and previews animate in: measure and take the picture once they are still.
  await page.waitForTimeout(1000);
  const clip = around.length > 0 ? await areaAround(...around) : undefined;
  await page.screenshot({ path: path.join(OUT, `${name}.png`), clip });
  console.log(`docs/bilder/${name}.png`);
};

// A pointer resting on a list or a card shows hover buttons that are not part of the picture.
const movePointerAway = () => page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2);

const openEditView = async (listPath: string, title: string) => {
  await page.goto(`${ADMIN}/content-manager/collection-types/${listPath}?page=1&pageSize=10&plugins[i18n][locale]=sv`);
  await page.waitForSelector('table', { timeout: 60_000 });
  await page.getByText(title, { exact: true }).first().click();
  await page.waitForSelector('input[name="title"]', { timeout: 60_000 });
  await page.waitForTimeout(1500);
};

// The block editor's block menu: its accessible name is the field's label ("Innehåll"), so it is
// found by its own aria-label.
const blockMenu = () => page.locator('[role=combobox][aria-label="Välj ett block"]');
const textEditor = () => page.locator('[role=textbox][contenteditable=true]').first();

/** Puts the cursor after the last character of the text editor, as a click at the end would. */
const placeCursorAtEndOfText = async () => {
  const lastText = textEditor().locator('[data-slate-string]').last();
  await lastText.click();
  // The editor takes over the click's position a moment later; the end is set after that.
  await page.waitForTimeout(300);
  await lastText.evaluate((element) => {
    const text = element.firstChild!;
    const range = document.createRange();
    range.setStart(text, text.textContent?.length ?? 0);
    range.collapse(true);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  });
  await page.waitForTimeout(300);
};

/** Selects one word in the text editor, as an editor does before making it a link. */
const selectWordInText = async (word: string) => {
  await textEditor()
    .locator('[data-slate-string]', { hasText: word })
    .first()
    .evaluate((element, wanted) => {
      const text = element.firstChild!;
      const start = text.textContent?.indexOf(wanted) ?? 0;
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + wanted.length);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }, word);
};

/** A picture of the lake, made on the spot: the guide's upload example needs a real JPEG. */
const lakePicture = async () => {
  const painter = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await painter.setContent(
    '<body style="margin:0;background:linear-gradient(#7fb2e5,#cfe3f5 55%,#2f5d8a 55%,#2f5d8a 62%,#3d7a4a 62%)">' +
      '<div style="position:absolute;left:860px;top:90px;width:170px;height:170px;border-radius:50%;background:#f6d04d"></div></body>',
  );
  const buffer = await painter.screenshot({ type: 'jpeg', quality: 85 });
  await painter.close();
  return { name: 'malaren.jpg', mimeType: 'image/jpeg', buffer };
};

await page.goto(`${ADMIN}/auth/login`);
await page.waitForSelector('input[name="email"]', { timeout: 120_000 });
await shot('01-inloggning');
await page.fill('input[name="email"]', EMAIL);
await page.fill('input[name="password"]', PASSWORD);
await page.click('button[type="submit"]');
await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
await page.waitForTimeout(3000);
// Strapi's banner about its new media library (with a link to English documentation) would
// cover the top of every page; an editor closes it once.
const newsBanner = page.getByText('Nytt mediebibliotek').locator('xpath=ancestor::div[.//button][1]');
if (await newsBanner.isVisible().catch(() => false)) await newsBanner.getByRole('button', { name: 'Stäng' }).click();
await page.getByText('Webbplatsen', { exact: true }).first().scrollIntoViewIfNeeded();
await movePointerAway();
await shot('02-startsida-webbplatsens-status');

await page.goto(`${ADMIN}/content-manager/collection-types/api::plan.plan?page=1&pageSize=10&plugins[i18n][locale]=sv`);
await page.waitForSelector('table', { timeout: 60_000 });
await movePointerAway();
await shot('03-lista-verksamhetsplaner');

await openEditView('api::plan.plan', 'Verksamhetsplan 2019 (utkast)');
const editUrl = page.url();
await shot('04-redigera-verksamhetsplan');

// The preview opens only for saved content, so it comes before the unsaved edits below.
await page.getByRole('link', { name: 'Öppna förhandsgranskning' }).click();
await page.waitForTimeout(4000);
await shot('05-forhandsgranskning');

await page.goto(editUrl);
await page.waitForSelector('input[name="title"]', { timeout: 60_000 });
await page.waitForTimeout(1500);
// A new, empty line at the end of the text, as the guide tells editors to make before choosing a
// block; scrolled to the top so that the block menu has room to open downwards.
await placeCursorAtEndOfText();
await page.keyboard.press('Enter');
await page
  .locator('[role=toolbar]')
  .first()
  .evaluate((toolbar) => toolbar.scrollIntoView({ block: 'start' }));
await page.mouse.wheel(0, -60);
await blockMenu().click();
await shot('06-blockmeny', page.locator('[role=toolbar]').first(), page.getByRole('listbox'));
await page.keyboard.press('Escape');

await selectWordInText('rådsmötet');
await page.locator('[role=toolbar] button[aria-label="Länk"]').click();
const linkDialog = page.locator('[data-radix-popper-content-wrapper]').last();
await linkDialog.locator('input[name="url"]').fill('https://www.malardalsradet.se/');
await shot('07-lank', page.locator('[role=toolbar]').first(), linkDialog);
await linkDialog.getByRole('button', { name: 'Avbryt' }).click();

// An image goes on the empty line made above: the block menu's "Bild" opens the media library.
await placeCursorAtEndOfText();
await page.keyboard.press('ArrowDown');
await blockMenu().click();
await page.getByRole('option', { name: 'Bild' }).click();
const mediaDialog = page.getByRole('dialog');
await mediaDialog.getByRole('button', { name: 'Lägg till fler filer' }).click();
await mediaDialog.locator('input[type=file]').setInputFiles(await lakePicture());
// The card's buttons (remove, edit) show while the pointer is on it.
await mediaDialog.getByText('malaren.jpg').hover();
await shot('08-ladda-upp-bild', mediaDialog);
await mediaDialog.getByRole('button', { name: 'Redigera' }).click();
await mediaDialog.getByLabel('Alternativtext').fill('Mälaren en solig dag, sedd från stranden vid Västerås');
await shot('09-alternativtext', mediaDialog);
// Back out without uploading: the file's details, the upload (Strapi asks "close?" while a file
// is not uploaded yet, answered above) and the media library.
await mediaDialog.getByRole('button', { name: 'Avbryt' }).click();
await mediaDialog.getByRole('button', { name: 'Avbryt' }).click();
await mediaDialog.getByRole('button', { name: 'Avbryt' }).click();

// The language list and the per-language actions, on a document published in both languages.
// An open list or menu hides the rest of the page from the accessibility tree, so what the
// pictures show beside them is measured first.
await openEditView('api::plan.plan', 'Verksamhetsplan 2018');
const languageListButton = page.getByRole('combobox').filter({ hasText: 'Svenska (sv)' }).first();
const languageList = await languageListButton.boundingBox();
const previewButton = await page.getByRole('link', { name: 'Öppna förhandsgranskning' }).boundingBox();
await languageListButton.click();
await shot('12-spraklistan', languageList!, page.getByRole('listbox'));
await page.keyboard.press('Escape');

// The menu, with the language list above it and the preview button below.
await page.getByRole('button', { name: 'Fler åtgärder för posten' }).click();
const moreActions = page.getByRole('menu');
await moreActions.getByRole('menuitem', { name: 'Avpublicera flera språk' }).hover();
await shot('10-fler-atgarder-for-posten', languageList!, previewButton!, moreActions);
await page.keyboard.press('Escape');

await page.goto(`${ADMIN}/plugins/upload`);
// The media library loads its page on first use, which can take a while in development.
await page.getByText(/^Start \(\d+ objekt\)$/).waitFor({ timeout: 60_000 });
await page.getByRole('button', { name: 'Ny' }).click();
await page.getByRole('menu').waitFor();
await shot('11-mediebiblioteket-ny');
await page.keyboard.press('Escape');

// "Bilder och alternativtexter": each image's alt text in Swedish and English and its mark.
await page.goto(`${ADMIN}/bilder-och-alternativtexter`);
await page.getByRole('heading', { name: 'Bilder och alternativtexter', level: 1 }).waitFor({ timeout: 60_000 });
await page.locator('tbody tr').first().waitFor({ timeout: 60_000 });
await movePointerAway();
await shot('13-bilder-och-alternativtexter');

// "Länkar hit" beside a document: the published pages that link to it.
await openEditView('api::plan.plan', 'Verksamhetsplan 2018');
// The panel's last line: the last linking page, or that none links here.
const linksHere = page.getByText(/länkar till|länkar hit\.?$/).last();
await linksHere.waitFor({ timeout: 60_000 });
await movePointerAway();
await shot('14-lankar-hit', page.getByText('Länkar hit', { exact: true }).first(), linksHere);

await browser.close();
