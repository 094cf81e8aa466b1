// Secrets, TLS and proxy rendering: what `aistack secrets`, `aistack tls renew` and the proxy
// renderer cost, next to openssl doing the same certificate work.
// Run with `npm run build && node bench/secrets-tls.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { catalog } from '../dist/catalog/index.js';
import { manifestSchema } from '../dist/manifest/schema.js';
import { renderProxy } from '../dist/render/proxy/render-proxy.js';
import { ensureSecrets } from '../dist/secrets/ensure.js';
import { listTlsHosts } from '../dist/tls/hosts.js';
import { resolveTlsFiles } from '../dist/tls/layout.js';
import { ensureSelfSigned } from '../dist/tls/self-signed.js';
import { resolveStack } from '../dist/stack/resolve.js';

const services = ['open-webui', 'ollama', 'litellm', 'n8n', 'flowise', 'qdrant', 'mem0', 'adminer', 'dify', 'supabase'];
const manifest = manifestSchema.parse(
  parse(`name: bench\ndomain: ai.example.com\nservices:\n${services.map((id) => `  ${id}:\n`).join('')}`),
);
const stack = resolveStack(manifest, catalog);
const root = mkdtempSync(path.join(os.tmpdir(), 'aistack-bench-secrets-'));
const ms = (started) => Number(process.hrtime.bigint() - started) / 1e6;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = [];
try {
  const runs = Number(process.env.RUNS ?? 5);
  const generate = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    await ensureSecrets(path.join(root, `secrets-${run}`), stack.secrets);
    generate.push(ms(started));
  }
  const again = process.hrtime.bigint();
  await ensureSecrets(path.join(root, 'secrets-0'), stack.secrets);
  results.push({ benchmark: `ensureSecrets, ${stack.secrets.length} secrets (first run)`, medianMs: Math.round(median(generate)) });
  results.push({ benchmark: 'ensureSecrets, all present (idempotent run)', ms: Math.round(ms(again)) });

  const renders = [];
  for (let run = 0; run < 200; run += 1) {
    const started = process.hrtime.bigint();
    renderProxy(stack);
    renders.push(ms(started));
  }
  results.push({
    benchmark: `renderProxy, ${stack.services.filter((service) => service.route).length} routes`,
    medianMs: Number(median(renders).toFixed(2)),
    bytes: renderProxy(stack).reduce((sum, file) => sum + file.content.length, 0),
  });

  for (const keyType of ['ecdsa-p256', 'rsa-2048']) {
    const times = [];
    for (let run = 0; run < runs; run += 1) {
      const started = process.hrtime.bigint();
      await ensureSelfSigned(resolveTlsFiles(path.join(root, `tls-${keyType}-${run}`)), {
        stackName: 'bench',
        hosts: listTlsHosts(stack),
        keyType,
      });
      times.push(ms(started));
    }
    results.push({
      benchmark: `self-signed CA + leaf (${keyType}, ${listTlsHosts(stack).length} names)`,
      medianMs: Math.round(median(times)),
    });
  }
  // The peer: the same CA + leaf with the openssl CLI (four processes).
  const peer = [];
  for (let run = 0; run < runs; run += 1) {
    const directory = path.join(root, `openssl-${run}`);
    execFileSync('mkdir', ['-p', directory]);
    const started = process.hrtime.bigint();
    const sh = (args) => execFileSync('openssl', args, { cwd: directory, stdio: 'ignore' });
    sh([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '3650',
      '-subj',
      '/CN=bench CA',
    ]);
    sh([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'leaf.key',
      '-out',
      'leaf.csr',
      '-subj',
      '/CN=ai.example.com',
    ]);
    writeFileSync(
      path.join(directory, 'san.ext'),
      `subjectAltName=${listTlsHosts(stack)
        .map((host) => `DNS:${host}`)
        .join(',')}\n`,
    );
    sh([
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'leaf.crt',
      '-days',
      '397',
      '-extfile',
      'san.ext',
    ]);
    peer.push(ms(started));
  }
  results.push({ benchmark: 'peer: openssl CLI CA + leaf (ecdsa-p256, 3 processes)', medianMs: Math.round(median(peer)) });
  for (const result of results) console.log(JSON.stringify(result));
} finally {
  rmSync(root, { recursive: true, force: true });
}
