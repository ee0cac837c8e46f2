import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The server under test: the binary cargo-leptos built, on a fresh data directory
// with the demo loaded, on a port of its own so a developer's `scripts/run` on
// :3000 does not interfere.
const port = Number(process.env.JUARA_E2E_PORT ?? 3100);
const root = path.resolve(__dirname, '..');
const profile = process.env.JUARA_E2E_PROFILE ?? 'debug';
const dataDir = mkdtempSync(path.join(tmpdir(), 'juara-e2e-'));
// A build elsewhere (say, a copy taken while target/ is being rebuilt) can be
// tested instead: its binary and its site root (hash.txt beside the binary).
const serverBin = process.env.JUARA_E2E_BIN ?? path.join(root, 'target', profile, 'juara');
const siteRoot = process.env.JUARA_E2E_SITE ?? path.join(root, 'target', 'site');

// A real mail server (aiosmtpd, installed by scripts/lib/install-tools.sh) that
// keeps every message as a file: tests read a person's mail from this folder.
// The runner's workers inherit the variable, so they read the folder the
// server writes (a worker loading this file again must not make another).
const smtpPort = port + 25;
const mailDir =
  process.env.JUARA_E2E_MAIL_DIR ??
  (process.env.JUARA_E2E_MAIL_DIR = mkdtempSync(path.join(tmpdir(), 'juara-e2e-mail-')));
const python = process.env.JUARA_TEST_PYTHON ?? path.join(root, 'target', 'test-tools', 'py', 'bin', 'python');

// Debian's Chromium; Playwright never downloads a browser here.
const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  // A test that passes only on a second try is a failure to look into.
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  // The debug build's wasm is large; on two busy cores hydration can take a few
  // seconds, so assertions wait up to ten.
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    testIdAttribute: 'data-test',
  },
  webServer: [
    {
      command: `${python} app/tests/common/smtp_sink.py ${smtpPort} ${mailDir} --until-stopped`,
      cwd: root,
      port: smtpPort,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
    },
    {
      command: `${serverBin} serve --demo`,
      cwd: root,
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      env: {
        JUARA_ADDR: `127.0.0.1:${port}`,
        JUARA_DATA: dataDir,
        JUARA_SITE_ROOT: siteRoot,
        JUARA_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        JUARA_MAIL_FROM: 'Panitia KIPP <panitia@juara.test>',
        // Every project signs in as every role; the limit counts failures only,
        // but keep the suite far from it.
        JUARA_LOGIN_MAX_FAILURES: '50',
        JUARA_LOG: 'warn',
      },
    },
  ],
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], ...chromium },
    },
    {
      // Judges score on 10-inch tablets: a Chromium tablet profile with touch.
      name: 'tablet',
      use: { ...devices['Galaxy Tab S4'], ...chromium },
    },
    {
      // Every page must render and every core form must post with no wasm at all.
      name: 'no-javascript',
      use: { ...devices['Desktop Chrome'], ...chromium, javaScriptEnabled: false },
    },
  ],
});
