import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { detectAccelerators, runHostCommand } from '../gpu/detect-accelerators.js';
import { connectOllama } from '../models/connect-ollama.js';
import type { OllamaConnection } from '../models/connect-ollama.js';
import { readModelsState } from '../models/models-state.js';
import { ModelsError } from '../models/ollama-client.js';
import { formatBytes } from '../util/format-bytes.js';
import { estimateVram, fitVram } from '../models/vram-estimate.js';
import { loadProject } from '../project/load.js';
import type { Project } from '../project/load.js';
import { createEngine } from '../runtime/engine.js';
import type { Engine } from '../runtime/engine.js';
import { commandOutput, formatTable, printJson, projectDirectory } from './output.js';
import { ollamaEnvironment, pullDeclaredModels } from './pull-declared-models.js';

async function open(
  command: Command,
): Promise<{ project: Project; engine: Engine | undefined; connection: () => Promise<OllamaConnection> }> {
  const project = await loadProject(projectDirectory(command));
  const environment = ollamaEnvironment();
  const engine = environment.url === undefined ? createEngine() : undefined;
  return { project, engine, connection: () => connectOllama(project.stack, { ...environment, ...(engine ? { engine } : {}) }) };
}

function sameModel(left: string, right: string): boolean {
  const full = (name: string): string => (name.includes(':') ? name : `${name}:latest`);
  return full(left) === full(right);
}

export function registerModelsCommand(program: Command): void {
  const models = program
    .command('models')
    .description("The models of aistack.yaml's `models:` in Ollama: pull, list, remove, status (VRAM fit), prune");

  models
    .command('pull')
    .description(
      'Pull the declared models Ollama does not have yet (or the ones named), with progress; resumable, and a re-run fetches nothing',
    )
    .argument('[names...]', 'models from models.ollama (default: all of them)')
    .option('--concurrency <n>', 'models pulled at once (default: models.concurrency, else 1)', (value) => Number.parseInt(value, 10))
    .option('--any', 'allow a model that aistack.yaml does not declare (apps will not see it)')
    .option('--json', 'print one JSON object per line: model-pull progress events, then the result (event "models")')
    .action(async (names: string[], options: { concurrency?: number; any?: boolean; json?: boolean }, command: Command) => {
      const output = commandOutput(command);
      const { project, engine } = await open(command);
      const declared = (project.stack.models?.ollama ?? []).map((model) => model.name);
      for (const name of names) {
        if (!options.any && !declared.some((model) => sameModel(model, name)))
          throw new ModelsError('AIS_MODELS_NOT_DECLARED', {
            model: name,
            hint: `declare it (models.ollama: - name: ${name}) so every app sees it, or pass --any`,
          });
      }
      if (declared.length === 0 && names.length === 0) {
        output.info('No models are declared (models.ollama in aistack.yaml); nothing to pull.');
        return;
      }
      const results = await pullDeclaredModels(project, engine, output, {
        ...(names.length > 0 ? { names } : {}),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      });
      const failed = results.filter((result) => result.status === 'failed');
      const transferred = results.reduce((sum, result) => sum + result.transferred, 0);
      output.info(
        `${results.length - failed.length} of ${results.length} models ready; ${formatBytes(transferred)} ` +
          `fetched${failed.length > 0 ? `; failed: ${failed.map((result) => result.model).join(', ')}` : ''}.`,
      );
      if (failed.length > 0) process.exitCode = 1;
    });

  models
    .command('list')
    .description('Declared models and what Ollama has: present, size, which apps see each, the last pull')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { project, connection } = await open(command);
      const declared = project.stack.models?.ollama ?? [];
      const local = await (await connection()).client.list();
      const state = await readModelsState(project.paths.state);
      const rows = [
        ...declared.map((model) => {
          const found = local.find((candidate) => sameModel(candidate.name, model.name));
          const last = state?.models.find((entry) => entry.model === model.name);
          return {
            name: model.name,
            displayName: model.displayName,
            declared: true,
            present: found !== undefined,
            sizeBytes: found?.size ?? 0,
            apps: model.apps,
            lastPull: last ? { status: last.status, at: last.at, ...(last.error ? { error: last.error } : {}) } : undefined,
          };
        }),
        ...local
          .filter((candidate) => !declared.some((model) => sameModel(model.name, candidate.name)))
          .map((candidate) => ({
            name: candidate.name,
            displayName: candidate.name,
            declared: false,
            present: true,
            sizeBytes: candidate.size,
            apps: [],
            lastPull: undefined,
          })),
      ];
      if (options.json) {
        printJson({ models: rows });
        return;
      }
      process.stdout.write(
        formatTable(
          ['MODEL', 'STATE', 'SIZE', 'APPS'],
          rows.map((row) => [
            row.name,
            !row.declared
              ? 'not declared (`models prune` removes it)'
              : row.present
                ? 'present'
                : row.lastPull?.status === 'failed'
                  ? `missing: ${row.lastPull.error?.code ?? 'pull failed'}`
                  : 'missing',
            row.present ? formatBytes(row.sizeBytes) : '-',
            row.apps.join(', '),
          ]),
        ),
      );
    });

  models
    .command('remove')
    .description('Remove models from Ollama (they stay declared: the next `up` pulls them again unless you remove them from aistack.yaml)')
    .argument('<names...>', 'models to remove')
    .option('--json', 'print JSON')
    .action(async (names: string[], options: { json?: boolean }, command: Command) => {
      const output = commandOutput(command);
      const { client } = await (await open(command)).connection();
      const removed: string[] = [];
      const absent: string[] = [];
      for (const name of names) ((await client.remove(name)) ? removed : absent).push(name);
      if (options.json) {
        printJson({ removed, absent });
        return;
      }
      output.info(
        `${removed.length > 0 ? `Removed ${removed.join(', ')}.` : ''}${absent.length > 0 ? ` Not in Ollama: ${absent.join(', ')}.` : ''}`.trim(),
      );
    });

  models
    .command('prune')
    .description('Remove the models Ollama has that aistack.yaml does not declare, after confirmation')
    .option('-y, --yes', 'do not ask (needed when there is no terminal)')
    .option('--json', 'print JSON')
    .action(async (options: { yes?: boolean; json?: boolean }, command: Command) => {
      const output = commandOutput(command);
      const { project, connection } = await open(command);
      const { client } = await connection();
      const declared = (project.stack.models?.ollama ?? []).map((model) => model.name);
      const extra = (await client.list()).filter((model) => !declared.some((name) => sameModel(name, model.name)));
      if (extra.length === 0) {
        if (options.json) {
          printJson({ removed: [], freedBytes: 0 });
          return;
        }
        output.info('Every model in Ollama is declared; nothing to prune.');
        return;
      }
      const listing = extra.map((model) => `  ${model.name} (${formatBytes(model.size)})`).join('\n');
      if (!options.yes) {
        if (!process.stdin.isTTY) throw new ModelsError('AIS_MODELS_CONFIRM_REQUIRED', { models: extra, hint: 'run it again with --yes' });
        process.stdout.write(`These models are not declared in aistack.yaml and will be removed:\n${listing}\n`);
        const readline = createInterface({ input: process.stdin, output: process.stdout });
        const answer = await readline.question('Remove them? [y/N] ');
        readline.close();
        if (!/^y(es)?$/i.test(answer.trim())) {
          output.info('Nothing was removed.');
          return;
        }
      }
      for (const model of extra) await client.remove(model.name);
      const freedBytes = extra.reduce((sum, model) => sum + model.size, 0);
      if (options.json) {
        printJson({ removed: extra.map((model) => model.name), freedBytes });
        return;
      }
      output.info(`Removed ${extra.map((model) => model.name).join(', ')}; ${formatBytes(freedBytes)} freed.`);
    });

  models
    .command('status')
    .description(
      'Per declared model: present, loaded (in VRAM or on the CPU), and the VRAM estimate against the GPUs found (warns on CPU spill)',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { project, engine, connection } = await open(command);
      const { client } = await connection();
      const [local, running] = await Promise.all([client.list(), client.running()]);
      const info = engine ? await engine.info().catch(() => undefined) : undefined;
      const accelerators = await detectAccelerators({
        root: process.env.AISTACK_HOST_ROOT ?? '/',
        run: runHostCommand,
        ...(info ? { dockerRuntimes: info.runtimes } : {}),
      });
      const gpuMemory = accelerators.gpus.map((gpu) => gpu.memoryTotalBytes);
      const rows = [];
      for (const model of project.stack.models?.ollama ?? []) {
        const found = local.find((candidate) => sameModel(candidate.name, model.name));
        const loaded = running.find((candidate) => sameModel(candidate.name, model.name));
        const shape = found ? await client.show(model.name).catch(() => ({})) : {};
        const estimate = found ? estimateVram(found.size, model.contextLength, shape) : undefined;
        const fit = estimate ? fitVram(estimate, gpuMemory) : undefined;
        rows.push({
          name: model.name,
          present: found !== undefined,
          sizeBytes: found?.size ?? 0,
          contextLength: model.contextLength,
          loaded: loaded
            ? { sizeBytes: loaded.size, vramBytes: loaded.sizeVram, gpuShare: loaded.size > 0 ? loaded.sizeVram / loaded.size : 0 }
            : undefined,
          estimate,
          fit,
        });
      }
      if (options.json) {
        printJson({ accelerator: accelerators.vendor, gpus: accelerators.gpus, models: rows });
        return;
      }
      process.stdout.write(
        'Accelerator: ' +
          (accelerators.vendor === 'none'
            ? 'none (models run on the CPU)'
            : `${accelerators.vendor}, ${accelerators.gpus.map((gpu) => `${gpu.name} ${formatBytes(gpu.memoryTotalBytes)}`).join(', ') || 'no figures'}`) +
          '\n',
      );
      process.stdout.write(
        formatTable(
          ['MODEL', 'PRESENT', 'CONTEXT', 'VRAM NEEDED', 'FIT', 'LOADED'],
          rows.map((row) => [
            row.name,
            row.present ? formatBytes(row.sizeBytes) : 'no',
            String(row.contextLength),
            row.estimate ? `${formatBytes(row.estimate.totalBytes)}${row.estimate.exact ? '' : ' (rough)'}` : '-',
            !row.fit
              ? '-'
              : row.fit.status === 'fits'
                ? 'fits'
                : row.fit.status === 'cpu-only'
                  ? 'CPU only'
                  : `spills ${Math.round(row.fit.cpuShare * 100)}% to CPU`,
            row.loaded ? `${Math.round(row.loaded.gpuShare * 100)}% on GPU` : '-',
          ]),
        ),
      );
      for (const row of rows)
        if (row.fit?.status === 'spills')
          process.stderr.write(
            `warning: ${row.name} at ${row.contextLength} tokens needs about ${formatBytes(row.estimate!.totalBytes)} but ` +
              `the GPUs have ${formatBytes(row.fit.vramBytes)}: part of it runs on the CPU (slow); lower contextLength or ` +
              'pick a smaller tag\n',
          );
    });
}
