import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KONG_TEMPLATE } from '../../src/catalog/supabase.js';
import { SQUID_CONFIG } from '../../src/catalog/dify-ssrf-proxy.js';
import { printLines, shellQuote } from '../../src/catalog/shell-quote.js';

function sh(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', script], { timeout: 10_000 }, (error, stdout) => {
      if (error) reject(new Error(error.message, { cause: error }));
      else resolve(stdout);
    });
  });
}

describe('shell quoting', () => {
  it('quotes single quotes, backticks and dollars so sh prints them verbatim', async () => {
    const words = ["it's", '\\set pgpass `echo "$POSTGRES_PASSWORD"`', "ALTER USER a WITH PASSWORD :'pgpass';", ''];
    expect(await sh(printLines(words))).toBe(`${words.join('\n')}\n`);
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
  });

  it('writes the squid and kong configuration line for line', async () => {
    expect(await sh(printLines(SQUID_CONFIG))).toBe(`${SQUID_CONFIG.join('\n')}\n`);
    expect(await sh(printLines(KONG_TEMPLATE))).toBe(`${KONG_TEMPLATE.join('\n')}\n`);
  });
});
