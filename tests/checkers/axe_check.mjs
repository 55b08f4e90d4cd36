#!/usr/bin/env node
// Run axe-core (WCAG 2.1 A and AA rules and its best practices) on local HTML files in Debian's Chromium.
//
//   node tests/checkers/axe_check.mjs [--viewport WIDTHxHEIGHT] FILE.html [FILE2.html ...]
//
// --viewport sets the page size (default 1280x800); e.g. 375x812 for a phone.
//
// Prints one JSON document on stdout:
//   {"axe": "4.x", "files": [{"file": ..., "violations": [{"id", "impact", "help",
//    "helpUrl", "nodes": [{"target", "html", "failureSummary"}]}],
//    "passed": [rule ids], "incomplete": [{"id", "nodes"}]}]}
// Exit status: 0 no violations, 1 at least one violation, 2 usage or runtime error
// (no browser, a file that does not load, time-out). The browser is always closed.
//
// Chromium is Debian's (/usr/lib/chromium/chromium or /usr/bin/chromium, or
// $CHROMIUM_PATH); playwright-core downloads no browser. The page gets no
// network: every request that is not file: or data: is aborted.

import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fromRepo = createRequire(resolve(repoRoot, 'package.json'));

// WCAG 2.1 A and AA, and axe's best practices (e.g. landmark-unique, region, heading-order)
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const PAGE_TIMEOUT_MS = 30_000;   // one page: load and axe run
const TOTAL_TIMEOUT_MS = Number(process.env.AXE_CHECK_TIMEOUT_MS || 120_000);

function fail(message) {
  process.stderr.write(`axe_check: ${message}\n`);
  process.exit(2);
}

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium']
    .filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    fail(`no Chromium found (tried ${candidates.join(', ')}); run: bash .ci/install --checkers`);
  }
  return found;
}

function loadModule(name) {
  try {
    return fromRepo(name);
  } catch {
    try {
      return require(name);
    } catch {
      fail(`npm package '${name}' is not installed; run: bash .ci/install --checkers`);
    }
  }
}

async function checkFile(context, file, axeSource) {
  const page = await context.newPage();
  try {
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return {
        version: r.testEngine && r.testEngine.version,
        passed: r.passes.map((v) => v.id),
        // Rules axe could not decide (e.g. contrast over a gradient): for a person to review.
        incomplete: r.incomplete.map((v) => ({ id: v.id, nodes: v.nodes.length })),
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
        })),
      };
    }, WCAG_TAGS);
    return result;
  } finally {
    await page.close().catch(() => {});
  }
}

async function main() {
  const args = process.argv.slice(2);
  let viewport = { width: 1280, height: 800 };
  const files = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = a.startsWith('--viewport') ? (a.includes('=') ? a.split('=')[1] : args[++i] || '') : null;
    if (m !== null) {
      const dims = /^(\d+)x(\d+)$/.exec(m);
      if (!dims) fail(`bad --viewport '${m}', expected WIDTHxHEIGHT`);
      viewport = { width: Number(dims[1]), height: Number(dims[2]) };
    } else if (a.startsWith('--')) {
      fail(`unknown option ${a}`);
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) {
    fail('usage: node tests/checkers/axe_check.mjs [--viewport WIDTHxHEIGHT] FILE.html [FILE2.html ...]');
  }
  for (const f of files) {
    if (!existsSync(f)) fail(`no such file: ${f}`);
  }
  const { chromium } = loadModule('playwright-core');
  const axeSource = readFileSync(fromRepoResolve('axe-core/axe.min.js'), 'utf8');

  let browser;
  const timer = setTimeout(async () => {
    process.stderr.write(`axe_check: timed out after ${TOTAL_TIMEOUT_MS} ms\n`);
    if (browser) await browser.close().catch(() => {});
    process.exit(2);
  }, TOTAL_TIMEOUT_MS);

  try {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: PAGE_TIMEOUT_MS,
    });
    const context = await browser.newContext({ viewport, javaScriptEnabled: true, offline: true });
    // Local files only: nothing may be fetched from a network.
    await context.route(/^(?!file:|data:)/, (route) => route.abort());

    const report = { axe: null, tags: WCAG_TAGS, viewport, files: [] };
    let total = 0;
    for (const file of files) {
      const r = await checkFile(context, file, axeSource);
      report.axe = r.version;
      report.files.push({ file, violations: r.violations, passed: r.passed, incomplete: r.incomplete });
      total += r.violations.length;
    }
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    process.exitCode = total > 0 ? 1 : 0;
  } catch (err) {
    process.stderr.write(`axe_check: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  } finally {
    clearTimeout(timer);
    if (browser) await browser.close().catch(() => {});
  }
}

function fromRepoResolve(spec) {
  try {
    return fromRepo.resolve(spec);
  } catch {
    try {
      return require.resolve(spec);
    } catch {
      fail(`npm package '${spec.split('/')[0]}' is not installed; run: bash .ci/install --checkers`);
    }
  }
}

main();
