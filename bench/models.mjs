// Re-running `up` with 3 declared models that are all present: what the model step adds.
// `npm run build && node bench/models.mjs`. The step is what up/deploy run after a healthy rollout
// (pullDeclaredModels: /api/tags, the budget, the state file); Ollama is a local stand-in speaking
// its API (no Ollama binary runs on this machine), counting pull requests and layer bytes served.
import http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pullDeclaredModels } from '../dist/cli/pull-declared-models.js';
import { createOutput } from '../dist/cli/output.js';
import { loadProject } from '../dist/project/load.js';

const models = ['llama3.2:3b', 'qwen2.5-coder:7b', 'mistral:7b'];
let pulls = 0;
const server = http.createServer((request, response) => {
  if (request.url === '/api/tags') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        models: models.map((name, index) => ({
          name,
          model: name,
          size: (index + 2) * 1e9,
          digest: `d${index}`,
          modified_at: '2026-12-01T00:00:00Z',
          details: {},
        })),
      }),
    );
  } else if (request.url === '/api/pull') {
    pulls += 1;
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    response.end('{"status":"success"}\n');
  } else {
    response.writeHead(404);
    response.end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
process.env.AISTACK_OLLAMA_URL = url;
const directory = await mkdtemp(path.join(os.tmpdir(), 'aismod-bench-'));
await writeFile(
  path.join(directory, 'aistack.yaml'),
  `name: aismod-bench\ndomain: ai.localhost\nservices:\n  ollama:\n  open-webui:\n  litellm:\nmodels:\n  diskBudget: 100g\n  ollama:\n${models.map((name) => `    - name: ${name}\n`).join('')}`,
);
const project = await loadProject(directory);
const output = createOutput({ json: false, quiet: true });
const times = [];
let transferred = 0;
for (let run = 0; run < 20; run += 1) {
  const started = performance.now();
  const results = await pullDeclaredModels(project, undefined, output);
  times.push(performance.now() - started);
  transferred += results.reduce((sum, result) => sum + result.transferred, 0);
}
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    models: models.length,
    runs: times.length,
    bytesTransferred: transferred,
    pullRequests: pulls,
    medianMs: Number(times[Math.floor(times.length / 2)].toFixed(1)),
    maxMs: Number(times.at(-1).toFixed(1)),
    minMs: Number(times[0].toFixed(1)),
    load: os.loadavg().map((value) => Number(value.toFixed(2))),
  }),
);
server.close();
await rm(directory, { recursive: true, force: true });
