// The test mail server's mailbox: every message the server under test sent,
// one .eml file each, in the folder playwright.config.ts gives the sink.

import { expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One message as a person's mail program would show it. */
export interface Mail {
  to: string;
  subject: string;
  /** Every text part, decoded (the plain text and the HTML). */
  body: string;
}

function folder(): string {
  const dir = process.env.JUARA_E2E_MAIL_DIR;
  if (!dir) throw new Error('JUARA_E2E_MAIL_DIR is not set: run the tests through playwright.config.ts');
  return dir;
}

function quotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let index = 0; index < joined.length; index++) {
    const hex = joined.slice(index + 1, index + 3);
    if (joined[index] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(joined[index], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A header value, with RFC 2047 encoded words (`=?utf-8?b?…?=`) undone. */
function headerValue(head: string, name: string): string {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  const value = line ? line.slice(name.length + 1).trim() : '';
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : quotedPrintable(data.replace(/_/g, ' ')),
  );
}

function parse(raw: string): Mail {
  const head = raw.split(/\r?\n\r?\n/)[0];
  const parts = [...raw.matchAll(/Content-Transfer-Encoding: *(\S+)\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)(?=\r?\n--|$)/gi)];
  const body = parts
    .map(([, encoding, content]) => {
      switch (encoding.toLowerCase()) {
        case 'base64':
          return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
        case 'quoted-printable':
          return quotedPrintable(content);
        default:
          return content;
      }
    })
    .join('\n');
  return { to: headerValue(head, 'To'), subject: headerValue(head, 'Subject'), body };
}

/** Every message the server sent so far, oldest first. */
export function mailbox(): Mail[] {
  return readdirSync(folder())
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => parse(readFileSync(path.join(folder(), name), 'utf8')));
}

/** The newest message to `email` whose subject matches, waiting for the
 * server's mail worker (it looks for due messages every 3 seconds). */
export async function mailTo(email: string, subject: RegExp = /./): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        found = mailbox()
          .filter((mail) => mail.to.includes(email) && subject.test(mail.subject))
          .at(-1);
        return found !== undefined;
      },
      { message: `a message to ${email} with a subject like ${subject}`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}
