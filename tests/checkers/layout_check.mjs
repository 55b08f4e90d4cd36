#!/usr/bin/env node
// Measure how local HTML files lay out in Debian's Chromium at one viewport width.
//
//   node tests/checkers/layout_check.mjs [--viewport WIDTHxHEIGHT] [--screenshot-dir DIR] FILE.html [...]
//
// Prints one JSON document on stdout:
//   {"viewport": {...}, "files": [{"file", "scrollWidth", "innerWidth",
//    "overflowing": [{"tag", "id", "class", "right"}],   elements that reach past the viewport's right edge
//    "smallestFigureText": px,                           the smallest font size a chart draws its text at
//    "smallPrint": px,                                    the font size of a statement's citation line
//    "codebook": [{"dtWeight", "ddMarginLeft", "ddFontSize", "bodyFontSize"}]}]}
// With --screenshot-dir, a full-page PNG of each file is written there (NAME-WIDTH.png).
// Exit status: 0 measured, 2 usage or runtime error. The page gets no network, as in axe_check.mjs.

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fromRepo = createRequire(resolve(repoRoot, 'package.json'));
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const PAGE_TIMEOUT_MS = 30_000;

function fail(message) {
  process.stderr.write(`layout_check: ${message}\n`);
  process.exit(2);
}

function chromiumPath() {
  const found = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium']
    .filter(Boolean).find((p) => existsSync(p));
  if (!found) fail('no Chromium found; run: bash .ci/install --checkers');
  return found;
}

// Runs in the page: what a reader on this width would notice.
function measure() {
  const width = window.innerWidth;
  const overflowing = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width && box.right > width + 0.5) {
      // only the outermost culprit: a child of an element that already overflows says nothing new
      if (!overflowing.some((o) => o.element.contains(element))) {
        overflowing.push({ element, tag: element.tagName.toLowerCase(), id: element.id,
          class: element.getAttribute('class') || '', right: Math.round(box.right) });
      }
    }
  }
  let smallest = null;
  for (const text of document.querySelectorAll('svg text')) {
    const size = text.getBoundingClientRect().height ? parseFloat(getComputedStyle(text).fontSize) : null;
    const svg = text.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    if (size !== null) {
      const drawn = size * scale;
      smallest = smallest === null ? drawn : Math.min(smallest, drawn);
    }
  }
  const citation = document.querySelector('.citation');
  const codebook = [...document.querySelectorAll('.codebook-entry')].map((entry) => {
    const dt = entry.querySelector('dt');
    const dd = entry.querySelector('dd');
    return {
      tag: entry.tagName.toLowerCase(),
      dtWeight: dt ? getComputedStyle(dt).fontWeight : null,
      ddMarginLeft: dd ? getComputedStyle(dd).marginLeft : null,
      ddFontSize: dd ? getComputedStyle(dd).fontSize : null,
      bodyFontSize: getComputedStyle(entry.closest('footer, main, body').querySelector('p')).fontSize,
    };
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: width,
    overflowing: overflowing.map(({ element, ...rest }) => rest),
    smallestFigureText: smallest,
    smallPrint: citation ? parseFloat(getComputedStyle(citation).fontSize) : null,
    codebook,
  };
}

async function main() {
  const args = process.argv.slice(2);
  let viewport = { width: 1280, height: 800 };
  let screenshots = null;
  const files = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--viewport') {
      const dims = /^(\d+)x(\d+)$/.exec(args[++i] || '');
      if (!dims) fail('bad --viewport, expected WIDTHxHEIGHT');
      viewport = { width: Number(dims[1]), height: Number(dims[2]) };
    } else if (a === '--screenshot-dir') {
      screenshots = args[++i];
    } else if (a.startsWith('--')) {
      fail(`unknown option ${a}`);
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) fail('usage: node tests/checkers/layout_check.mjs [--viewport WxH] FILE.html ...');
  for (const f of files) if (!existsSync(f)) fail(`no such file: ${f}`);
  let chromium;
  try {
    ({ chromium } = fromRepo('playwright-core'));
  } catch {
    fail("npm package 'playwright-core' is not installed; run: bash .ci/install --checkers");
  }
  let browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS,
      timeout: PAGE_TIMEOUT_MS });
    const context = await browser.newContext({ viewport, offline: true });
    await context.route(/^(?!file:|data:)/, (route) => route.abort());
    const report = { viewport, files: [] };
    for (const file of files) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
      await page.evaluate(() => document.fonts.ready);
      report.files.push({ file, ...(await page.evaluate(measure)) });
      if (screenshots) {
        await page.screenshot({ path: resolve(screenshots, `${basename(file, '.html')}-${viewport.width}.png`),
          fullPage: true });
      }
      await page.close();
    }
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } catch (err) {
    process.stderr.write(`layout_check: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  } finally {
    if (browser) await browser.close().catch(() => {});
  }
}

main();
