import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../../src/check/model/compose-model.js';
import { CheckError } from '../../../src/errors.js';

describe('parseCompose', () => {
  it('throws AIS_CHECK_INVALID_YAML with the position of the syntax error', () => {
    let error: unknown;
    try {
      parseCompose({ file: 'compose.yaml', text: 'services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.28\n' });
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CheckError);
    expect((error as CheckError).code).toBe('AIS_CHECK_INVALID_YAML');
    expect((error as CheckError).message).toBe('invalid YAML: duplicated mapping key');
    expect((error as CheckError).location).toEqual({ file: 'compose.yaml', line: 4, column: 5 });
  });

  it('interpolates from .env and keeps the positions of the nodes', () => {
    const model = parseCompose({
      file: 'compose.yaml',
      text: 'services:\n  web:\n    image: "nginx:${TAG:-1.27}"\n',
      envFile: '.env',
      envText: 'TAG=1.28\n',
    });
    expect(model.services[0]?.value.image).toBe('nginx:1.28');
    expect(model.rangeOf(['services', 'web', 'image'])).toEqual({ file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 32 });
    expect(model.keyRangeOf(['services', 'web'])).toEqual({ file: 'compose.yaml', line: 2, column: 3, endLine: 2, endColumn: 6 });
    expect(model.variableUses).toEqual([
      {
        name: 'TAG',
        hasDefault: true,
        required: false,
        isSet: true,
        defaultValue: '1.27',
        range: { file: 'compose.yaml', line: 3, column: 19, endLine: 3, endColumn: 31 },
      },
    ]);
  });

  it('resolves merge keys and anchors', () => {
    const model = parseCompose({
      file: 'compose.yaml',
      text: 'x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
    });
    expect(model.services[0]?.value.restart).toBe('always');
  });
});

describe('the Compose model of several files', () => {
  const base =
    'services:\n  web:\n    image: nginx:1.27\n    command: ["a"]\n    ports:\n      - "8080:80"\n    environment:\n      - A=1\n      - B=2\n';
  const override =
    'services:\n  web:\n    command: ["b"]\n    ports:\n      - "8080:80"\n      - "8443:443"\n    environment:\n      B: three\n    privileged: true\n';

  it('merges -f files with the compose-spec rules and points at the file each value came from', () => {
    const model = parseCompose({
      file: 'compose.yaml',
      text: base,
      files: { 'override.yaml': override },
      overrideFiles: ['override.yaml'],
    });
    const web = model.services[0]!.value;
    expect(web.command).toEqual(['b']);
    expect(web.ports).toEqual(['8080:80', '8443:443']);
    expect(web.environment).toEqual({ A: '1', B: 'three' });
    expect(model.rangeOf(['services', 'web', 'image'])).toMatchObject({ file: 'compose.yaml', line: 3 });
    expect(model.rangeOf(['services', 'web', 'privileged'])).toMatchObject({ file: 'override.yaml', line: 9 });
    expect(model.rangeOf(['services', 'web', 'ports', 1])).toMatchObject({ file: 'override.yaml', line: 6 });
    expect(model.rangeOf(['services', 'web', 'environment', 'A'])).toMatchObject({ file: 'compose.yaml', line: 8 });
    expect(model.rangeOf(['services', 'web', 'environment', 'B'])).toMatchObject({ file: 'override.yaml', line: 8 });
  });

  it('!reset drops and !override replaces what an earlier file set', () => {
    const model = parseCompose({
      file: 'compose.yaml',
      text: base,
      files: { 'o.yaml': 'services:\n  web:\n    ports: !reset []\n    environment: !override\n      C: "4"\n' },
      overrideFiles: ['o.yaml'],
    });
    expect(model.services[0]!.value.ports).toBeUndefined();
    expect(model.services[0]!.value.environment).toEqual({ C: '4' });
  });

  it('extends a service of the same file and of another file, keeping the base’s positions', () => {
    const model = parseCompose({
      file: 'compose.yaml',
      text: 'services:\n  app:\n    extends:\n      file: common.yaml\n      service: base\n    image: app:2\n  worker:\n    extends: app\n    command: work\n',
      files: { 'common.yaml': 'services:\n  base:\n    image: app:1\n    privileged: true\n' },
    });
    expect(model.services.map((service) => [service.name, service.value.image, service.value.privileged])).toEqual([
      ['app', 'app:2', true],
      ['worker', 'app:2', true],
    ]);
    expect(model.rangeOf(['services', 'worker', 'privileged'])).toMatchObject({ file: 'common.yaml', line: 4, column: 17 });
    expect(model.rangeOf(['services', 'worker', 'command'])).toMatchObject({ file: 'compose.yaml', line: 9 });
  });

  it('include adds the included project’s services, interpolated with its own .env', () => {
    const model = parseCompose({
      file: 'compose.yaml',
      text: 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n',
      files: { 'db/compose.yaml': 'services:\n  db:\n    image: postgres:${PG_VERSION}\n', 'db/.env': 'PG_VERSION=16.4\n' },
    });
    expect(model.services.map((service) => service.name).sort()).toEqual(['db', 'web']);
    expect(model.services.find((service) => service.name === 'db')?.value.image).toBe('postgres:16.4');
    expect(model.rangeOf(['services', 'db', 'image'])).toMatchObject({ file: 'db/compose.yaml', line: 3 });
  });

  it('profiles: every service without --profile, the selected ones and those without a profile with it', () => {
    const text =
      'services:\n  a:\n    image: x:1\n  cpu:\n    image: x:1\n    profiles: [cpu]\n  gpu:\n    image: x:1\n    profiles: [gpu]\n';
    expect(parseCompose({ file: 'compose.yaml', text }).services.map((service) => service.name)).toEqual(['a', 'cpu', 'gpu']);
    expect(parseCompose({ file: 'compose.yaml', text, profiles: ['gpu'] }).services.map((service) => service.name)).toEqual(['a', 'gpu']);
  });

  it('counts env_file: .env, bare environment entries and interpolation inside .env as uses of .env keys', () => {
    const model = parseCompose({
      file: 'compose.yaml',
      text: 'services:\n  a:\n    image: x:1\n    environment:\n      - BARE\n  b:\n    image: x:1\n    env_file: .env\n',
      envFile: '.env',
      envText: 'BARE=1\nHOST=db\nURL=http://${HOST}/\n',
    });
    expect([...model.envUses].sort()).toEqual(['BARE', 'HOST', 'URL']);
  });

  it('.env.example stands in for a missing .env, and says so', () => {
    const model = parseCompose({ file: 'compose.yaml', text: 'services: {}\n', files: { '.env.example': 'A=1\n' } });
    expect([model.envFile, model.envFallback, model.envEntries.map((entry) => entry.name)]).toEqual(['.env.example', true, ['A']]);
  });

  it('an empty file and a top-level list are problems, not a clean project', () => {
    expect(parseCompose({ file: 'compose.yaml', text: '' }).problems.map((problem) => problem.kind)).toEqual(['empty']);
    expect(parseCompose({ file: 'compose.yaml', text: '- a\n- b\n' }).problems.map((problem) => problem.kind)).toEqual(['notMapping']);
  });

  it('refuses an alias bomb with the position of the alias, and accepts 2,000 merge-key aliases', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level += 1) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
    }
    let error: unknown;
    try {
      parseCompose({ file: 'bomb.yaml', text: `${levels.join('\n')}\nservices: {}\n` });
    } catch (caught: unknown) {
      error = caught;
    }
    expect((error as CheckError).code).toBe('AIS_CHECK_YAML_ALIAS_BOMB');
    expect((error as CheckError).location).toEqual({ file: 'bomb.yaml', line: 8, column: 8 });
    const services = Array.from({ length: 2000 }, (_, index) => `  s${index}:\n    <<: *defaults\n    image: x:${index}\n`).join('');
    const model = parseCompose({
      file: 'compose.yaml',
      text: `x-defaults: &defaults\n  restart: always\n  mem_limit: 64m\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n${services}`,
    });
    expect(model.services).toHaveLength(2000);
    expect(model.services[1999]!.value.restart).toBe('always');
    expect(model.rangeOf(['services', 's1999', 'restart'])).toMatchObject({ line: 2, column: 12 });
  });
});
