import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/index.js';
import { ManifestError } from '../../src/errors.js';
import { collectManifestProblems, formatCodeFrame, parseManifest } from '../../src/manifest/parse.js';

const ids = catalog.map((entry) => entry.id);
const head = 'name: lab\ndomain: ai.example.com\n';

function errorOf(text: string): ManifestError {
  try {
    parseManifest(text, 'aistack.yaml', ids);
  } catch (error: unknown) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error('expected a ManifestError');
}

interface Mistake {
  readonly name: string;
  readonly text: string;
  /** `file:line:col CODE message`, as the CLI prints it. */
  readonly error: string;
  readonly hint: string;
}

const mistakes: readonly Mistake[] = [
  {
    name: 'a typo in a service id suggests the catalog id',
    text: `${head}services:\n  ollama:\n  qdrnt:\n`,
    error: 'aistack.yaml:5:3 AIS_MANIFEST_UNKNOWN_SERVICE unknown service "qdrnt"; did you mean "qdrant"?',
    hint: 'run `aistack services` to list the catalog; a service that is not in it goes under `custom:`',
  },
  {
    name: 'an unknown top-level key suggests the closest key',
    text: `${head}servics:\n  ollama:\n`,
    error: 'aistack.yaml:3:1 AIS_MANIFEST_UNKNOWN_KEY unknown key "servics" at the top level; did you mean "services"?',
    hint: 'keys allowed here: name, domain, services, custom, tls, images, resources, proxy, console, monitor, backup, upgrade, models, check, targets',
  },
  {
    name: 'an unknown nested key points at the key and suggests the closest one',
    text: `${head}services:\n  n8n:\n    replica: 2\n`,
    error: 'aistack.yaml:5:5 AIS_MANIFEST_UNKNOWN_KEY unknown key "replica" in services.n8n; did you mean "replicas"?',
    hint: 'keys allowed here: image, env, resources, route, replicas, gpu, directPort, startTimeout',
  },
  {
    name: 'a word where a number belongs is a wrong type at the value',
    text: `${head}services:\n  n8n:\n    replicas: two\n`,
    error: 'aistack.yaml:5:15 AIS_MANIFEST_INVALID_TYPE services.n8n.replicas: expected a number, got "two"',
    hint: 'write `replicas` as a number; see docs/manifest.md, section `services`',
  },
  {
    name: 'a memory size with a space and a unit word is an invalid value',
    text: `${head}services:\n  n8n:\n    resources:\n      memory: 512 MB\n`,
    error: 'aistack.yaml:6:15 AIS_MANIFEST_INVALID_VALUE services.n8n.resources.memory: expected a size such as 512m or 2g, got "512 MB"',
    hint: 'see docs/manifest.md, section `services`',
  },
  {
    name: 'a domain with upper case and an underscore is an invalid value',
    text: 'name: lab\ndomain: AI_Example\n',
    error: 'aistack.yaml:2:9 AIS_MANIFEST_INVALID_VALUE domain: expected a domain name such as ai.example.com, got "AI_Example"',
    hint: 'see docs/manifest.md, section `domain`',
  },
  {
    name: 'an unknown TLS mode lists the modes',
    text: `${head}tls:\n  mode: letsencrypt\n`,
    error: 'aistack.yaml:4:9 AIS_MANIFEST_INVALID_VALUE tls.mode: expected one of "self-signed", "files", "acme", got "letsencrypt"',
    hint: 'see docs/manifest.md, section `tls`',
  },
  {
    name: 'ACME without an email is a missing key at tls',
    text: `${head}tls:\n  mode: acme\n`,
    error: 'aistack.yaml:3:1 AIS_MANIFEST_MISSING_KEY missing key "email" in tls: expected a string',
    hint: 'add `email:` under tls; see docs/manifest.md, section `tls`',
  },
  {
    name: 'ACME with something that is not an email address is an invalid value',
    text: `${head}tls:\n  mode: acme\n  email: ops\n`,
    error: 'aistack.yaml:5:10 AIS_MANIFEST_INVALID_VALUE tls.email: expected an email address, got "ops"',
    hint: 'see docs/manifest.md, section `tls`',
  },
  {
    name: 'a misspelt required key is reported as the typo, not as the missing key',
    text: `${head}tls:\n  mode: acme\n  emial: ops@example.com\n`,
    error: 'aistack.yaml:5:3 AIS_MANIFEST_UNKNOWN_KEY unknown key "emial" in tls; did you mean "email"?',
    hint: 'keys allowed here: mode, keyType, certificate, key, chain, email, directory, caFile',
  },
  {
    name: 'a second YAML document is a YAML error',
    text: `${head}---\nname: other\n`,
    error: 'aistack.yaml:3:1 AIS_MANIFEST_YAML invalid YAML: more than one document (a second `---`)',
    hint: 'aistack.yaml holds one document; remove the extra `---`',
  },
  {
    name: 'a tab used for indentation is a YAML error',
    text: `${head}services:\n\tollama:\n`,
    error: 'aistack.yaml:4:1 AIS_MANIFEST_YAML invalid YAML: Tabs are not allowed as indentation',
    hint: 'indent with spaces; YAML does not allow tabs for indentation',
  },
  {
    name: 'keys of one mapping in different columns are a YAML error',
    text: `${head}tls:\n    mode: acme\n  email: ops@example.com\n`,
    error: 'aistack.yaml:5:3 AIS_MANIFEST_YAML invalid YAML: All mapping items must start at the same column',
    hint: 'line up the keys of one mapping in the same column, indenting with spaces',
  },
  {
    name: 'a duplicate key points at the second one and names the first line',
    text: `${head}services:\n  ollama:\n  ollama:\n    gpu: true\n`,
    error: 'aistack.yaml:5:3 AIS_MANIFEST_DUPLICATE_KEY duplicate key "ollama" (first set on line 4)',
    hint: 'keep one of the two entries (merge their settings)',
  },
  {
    name: 'a __proto__ key is refused',
    text: `${head}services:\n  __proto__:\n    polluted: true\n`,
    error: 'aistack.yaml:4:3 AIS_MANIFEST_FORBIDDEN_KEY the key "__proto__" is not allowed',
    hint: 'remove it; aistack.yaml never uses __proto__',
  },
  {
    name: 'a custom service without an image points at the service',
    text: `${head}custom:\n  app:\n    port: 8080\n`,
    error: 'aistack.yaml:4:3 AIS_MANIFEST_MISSING_KEY missing key "image" in custom.app: expected a string',
    hint: 'add `image:` under custom.app; see docs/manifest.md, section `custom`',
  },
  {
    name: 'a relative volume target of a custom service is an invalid value',
    text: `${head}custom:\n  app:\n    image: example/app:1.0\n    volumes:\n      - name: data\n        target: data\n`,
    error: 'aistack.yaml:8:17 AIS_MANIFEST_INVALID_VALUE custom.app.volumes[0].target: expected an absolute path, got "data"',
    hint: 'see docs/manifest.md, section `custom`',
  },
  {
    name: 'a misspelt health check key is reported across the health check shapes',
    text: `${head}custom:\n  app:\n    image: example/app:1.0\n    health:\n      htp: /health\n`,
    error: 'aistack.yaml:7:7 AIS_MANIFEST_UNKNOWN_KEY unknown key "htp" in custom.app.health; did you mean "http"?',
    hint: 'keys allowed here: http, expectStatus, interval, timeout, retries, startPeriod, tcp, command',
  },
  {
    name: 'a direct port that is neither a boolean nor a number names both',
    text: `${head}services:\n  n8n:\n    directPort: yes\n`,
    error: 'aistack.yaml:5:17 AIS_MANIFEST_INVALID_TYPE services.n8n.directPort: expected true/false or a number, got "yes"',
    hint: 'see docs/manifest.md, section `services`',
  },
  {
    name: 'a privileged direct port is out of range',
    text: `${head}services:\n  n8n:\n    directPort: 80\n`,
    error: 'aistack.yaml:5:17 AIS_MANIFEST_INVALID_VALUE services.n8n.directPort: expected a number at least 1024, got 80',
    hint: 'see docs/manifest.md, section `services`',
  },
  {
    name: 'services written as a list instead of a mapping is a wrong type',
    text: `${head}services:\n  - ollama\n  - qdrant\n`,
    error: 'aistack.yaml:4:3 AIS_MANIFEST_INVALID_TYPE services: expected a mapping (key: value lines), got a list',
    hint: 'write `services` as a mapping (key: value lines); see docs/manifest.md, section `services`',
  },
  {
    name: 'a custom service id with capitals and an underscore is an invalid key',
    text: `${head}custom:\n  My_App:\n    image: example/app:1.0\n`,
    error:
      'aistack.yaml:4:3 AIS_MANIFEST_INVALID_KEY custom: "My_App" is not a valid key: expected a service id: lower-case ' +
      'letters, digits and dashes, starting with a letter',
    hint: 'rename "My_App"; see docs/manifest.md, section `custom`',
  },
  {
    name: 'a manifest without a name is a missing key at the top',
    text: 'domain: ai.example.com\nservices:\n  ollama:\n',
    error: 'aistack.yaml:1:1 AIS_MANIFEST_MISSING_KEY missing key "name" at the top level: expected a string',
    hint: 'add `name:` at the top level; see docs/manifest.md, section `name`',
  },
  {
    name: 'an image that would be a docker option is not an image reference',
    text: `${head}services:\n  n8n:\n    image: --output=/tmp/x\n`,
    error:
      'aistack.yaml:5:12 AIS_MANIFEST_INVALID_VALUE services.n8n.image: expected an image reference such as nginx:1.29 or ' +
      'registry.internal:5000/team/api:1.4.2, got "--output=/tmp/x"',
    hint: 'see docs/manifest.md, section `services`',
  },
  {
    name: 'a custom image with a space is not an image reference',
    text: `${head}custom:\n  app:\n    image: example/app 1.0\n`,
    error:
      'aistack.yaml:5:12 AIS_MANIFEST_INVALID_VALUE custom.app.image: expected an image reference such as nginx:1.29 or ' +
      'registry.internal:5000/team/api:1.4.2, got "example/app 1.0"',
    hint: 'see docs/manifest.md, section `custom`',
  },
  {
    name: 'an image override with upper case in the path is not an image reference',
    text: `${head}images:\n  overrides:\n    n8n: example/N8N:1\n`,
    error:
      'aistack.yaml:5:10 AIS_MANIFEST_INVALID_VALUE images.overrides.n8n: expected an image reference such as nginx:1.29 or ' +
      'registry.internal:5000/team/api:1.4.2, got "example/N8N:1"',
    hint: 'see docs/manifest.md, section `images`',
  },
  {
    name: 'a registry with a tag is not a registry prefix',
    text: `${head}images:\n  registry: registry.internal:5000/mirror:latest\n`,
    error:
      'aistack.yaml:4:13 AIS_MANIFEST_INVALID_VALUE images.registry: expected a registry host with an optional path, such ' +
      'as registry.internal:5000/mirror, got "registry.internal:5000/mirror:latest"',
    hint: 'see docs/manifest.md, section `images`',
  },
  {
    name: 'a NUL character in a value (written as an escape) is refused at the value',
    text: `${head}services:\n  n8n:\n    env:\n      GREETING: "hello\\0world"\n`,
    error: 'aistack.yaml:6:17 AIS_MANIFEST_INVALID_VALUE services.n8n.env.GREETING: the value contains the control character U+0000',
    hint: 'remove it (an editor that shows invisible characters helps); values are plain text',
  },
  {
    name: 'a raw control character in a value is refused at the value',
    text: `${head}custom:\n  app:\n    image: example/app:1\n    env:\n      BELL: ding\u0007dong\n`,
    error: 'aistack.yaml:7:13 AIS_MANIFEST_INVALID_VALUE custom.app.env.BELL: the value contains the control character U+0007',
    hint: 'remove it (an editor that shows invisible characters helps); values are plain text',
  },
  {
    name: 'a control character in a key is refused at the key',
    text: `${head}services:\n  n8n:\n    env:\n      "A\\u001bB": x\n`,
    error: 'aistack.yaml:6:7 AIS_MANIFEST_INVALID_VALUE services.n8n.env.A\u001bB: the key contains the control character U+001B',
    hint: 'remove it (an editor that shows invisible characters helps); values are plain text',
  },
  {
    name: 'a multi-line user is refused: only env values, commands and reasons may span lines',
    text: `${head}custom:\n  app:\n    image: example/app:1\n    user: |\n      1000\n      root\n`,
    error: 'aistack.yaml:6:11 AIS_MANIFEST_INVALID_VALUE custom.app.user: this value cannot span lines',
    hint: 'write it on one line; only env values, commands and check.disable reasons may span lines',
  },
  {
    name: 'a user with a space is not user[:group]',
    text: `${head}custom:\n  app:\n    image: example/app:1\n    user: root --privileged\n`,
    error:
      'aistack.yaml:6:11 AIS_MANIFEST_INVALID_VALUE custom.app.user: expected a user such as 1000, 1000:1000 or app (user[:group]), got "root --privileged"',
    hint: 'see docs/manifest.md, section `custom`',
  },
  {
    name: 'a %YAML directive is refused at its line',
    text: `%YAML 9.9\n---\n${head}`,
    error: 'aistack.yaml:1:1 AIS_MANIFEST_YAML invalid YAML: the directive "%YAML 9.9" is not allowed',
    hint: 'remove the line; aistack.yaml is plain YAML without %YAML or %TAG directives',
  },
  {
    name: 'a %TAG directive is refused at its line',
    text: `%TAG !e! tag:example.com,2000:\n---\n${head}`,
    error: 'aistack.yaml:1:1 AIS_MANIFEST_YAML invalid YAML: the directive "%TAG !e! tag:example.com,2000:" is not allowed',
    hint: 'remove the line; aistack.yaml is plain YAML without %YAML or %TAG directives',
  },
  {
    name: 'an unknown tag is refused at the value, not read as a string',
    text: `${head}proxy:\n  bind: !ip 127.0.0.1\n`,
    error: 'aistack.yaml:4:9 AIS_MANIFEST_YAML invalid YAML: Unresolved tag: !ip',
    hint: 'fix the YAML syntax at this position (indent with spaces; quote values containing ": " or "#")',
  },
  {
    name: 'an invalid cron schedule says what croner found wrong',
    text: `${head}backup:\n  schedule: "61 3 * * *"\n`,
    error:
      'aistack.yaml:4:13 AIS_MANIFEST_INVALID_VALUE backup.schedule: expected a cron expression such as "0 3 * * *" (minute ' +
      'hour day month weekday); Invalid value for minute: 61, got "61 3 * * *"',
    hint: 'see docs/manifest.md, section `backup`',
  },
  {
    name: 'proxy.bind must be an IP address',
    text: `${head}proxy:\n  bind: not-an-ip\n`,
    error:
      'aistack.yaml:4:9 AIS_MANIFEST_INVALID_VALUE proxy.bind: expected an IP address such as 0.0.0.0, 127.0.0.1 or ::, got "not-an-ip"',
    hint: 'see docs/manifest.md, section `proxy`',
  },
  {
    name: 'an SMTP port must be a port number',
    text:
      `${head}monitor:\n  notifiers:\n    - type: email\n      name: mail\n      host: smtp.example.com\n      port: -5\n     ` +
      ' from: a@example.com\n      to: [b@example.com]\n',
    error: 'aistack.yaml:8:13 AIS_MANIFEST_INVALID_VALUE monitor.notifiers[0].port: expected a number at least 1, got -5',
    hint: 'see docs/manifest.md, section `monitor`',
  },
  {
    name: 'an alias bomb is refused before it expands',
    text:
      'name: lab\ndomain: ai.example.com\n' +
      'x-a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n' +
      'x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n' +
      'x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n' +
      'x-d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    error: 'aistack.yaml:4:10 AIS_MANIFEST_YAML invalid YAML: more than 100 alias expansions',
    hint: 'write the values out instead of using anchors (&) and aliases (*)',
  },
];

describe('parseManifest', () => {
  it.each(mistakes)('$name', ({ text, error, hint }) => {
    const thrown = errorOf(text);
    expect(thrown.format()).toBe(error);
    expect(thrown.hint).toBe(hint);
    expect(collectManifestProblems(text, 'aistack.yaml', ids)).toHaveLength(1);
  });

  it('lets env values, commands and check.disable reasons span lines, and keeps tabs', () => {
    const manifest = parseManifest(
      `${head}custom:\n  app:\n    image: example/app:1\n    env:\n      SCRIPT: "line one\\nline two\\tend"\n    command: ["sh", "-c", "echo a\\necho b"]\n` +
        'check:\n  disable:\n    - rule: images/pinned-tag\n      reason: |\n        we build it here\n        and pin the digest\n',
      'aistack.yaml',
      ids,
    );
    expect(manifest.custom?.app?.env?.SCRIPT).toBe('line one\nline two\tend');
    expect(manifest.custom?.app?.command).toEqual(['sh', '-c', 'echo a\necho b']);
    expect(manifest.check?.disable?.[0]?.reason).toBe('we build it here\nand pin the digest\n');
  });

  it('returns the validated manifest with defaults filled in', () => {
    const manifest = parseManifest(`${head}services:\n  ollama:\n  n8n:\n    replicas: 2\n`, 'aistack.yaml', ids);
    expect(manifest).toEqual({
      name: 'lab',
      domain: 'ai.example.com',
      services: { ollama: {}, n8n: { replicas: 2 } },
      tls: { mode: 'self-signed' },
    });
  });

  it('reports the first problem by position when there are several', () => {
    const text = `${head}services:\n  n8n:\n    replicas: two\n  qdrnt:\ntls:\n  mode: acme\n`;
    expect(errorOf(text).format()).toBe('aistack.yaml:5:15 AIS_MANIFEST_INVALID_TYPE services.n8n.replicas: expected a number, got "two"');
  });

  it('uses the file name it is given in the location', () => {
    expect(errorOf('name: lab\n').location).toEqual({ file: 'stacks/lab/aistack.yaml', line: 1, column: 1 });

    function errorOf(text: string): ManifestError {
      try {
        parseManifest(text, 'stacks/lab/aistack.yaml', ids);
      } catch (error: unknown) {
        if (error instanceof ManifestError) return error;
      }
      throw new Error('expected a ManifestError');
    }
  });

  it('does not suggest a service id when none is close', () => {
    expect(errorOf(`${head}services:\n  wordpress:\n`).message).toBe('unknown service "wordpress"');
  });

  it('never echoes a value that may be a secret, such as a webhook URL', () => {
    const text = `${head}monitor:\n  notifiers:\n    - type: slack\n      name: ops\n      url: hooks-T000-B000-s3cr3tvalue\n`;
    const thrown = errorOf(text);
    expect(thrown.format()).toBe('aistack.yaml:7:12 AIS_MANIFEST_INVALID_VALUE monitor.notifiers[0].url: expected a URL, got a string');
    expect(thrown.format()).not.toContain('s3cr3t');
  });
});

describe('collectManifestProblems', () => {
  it('lists every problem in source order for `aistack check`', () => {
    const text = `${head}services:\n  qdrnt:\n  n8n:\n    replicas: two\n    gpu: 1\ntls:\n  mode: acme\nbackups: {}\n`;
    const problems = collectManifestProblems(text, 'aistack.yaml', ids);
    expect(problems.map((problem) => `${problem.location.line}:${problem.location.column} ${problem.code} ${problem.path}`)).toEqual([
      '4:3 AIS_MANIFEST_UNKNOWN_SERVICE services.qdrnt',
      '6:15 AIS_MANIFEST_INVALID_TYPE services.n8n.replicas',
      '7:10 AIS_MANIFEST_INVALID_VALUE services.n8n.gpu',
      '8:1 AIS_MANIFEST_MISSING_KEY tls.email',
      '10:1 AIS_MANIFEST_UNKNOWN_KEY backups',
    ]);
  });

  it('is empty for a valid manifest', () => {
    expect(collectManifestProblems(`${head}services:\n  qdrant:\n`, 'aistack.yaml', ids)).toEqual([]);
  });
});

describe('formatCodeFrame', () => {
  it('shows two lines of context around the line and a caret under the column', () => {
    const text = `${head}services:\n  n8n:\n    replicas: two\n  qdrant:\ntls:\n  mode: acme\n`;
    expect(formatCodeFrame(text, { line: 5, column: 15 })).toBe(
      ['  3 | services:', '  4 |   n8n:', '> 5 |     replicas: two', '    |               ^', '  6 |   qdrant:', '  7 | tls:'].join('\n'),
    );
  });

  it('clips the context at the start of the file', () => {
    expect(formatCodeFrame('name: lab\ndomain: x\n', { line: 1, column: 1 })).toBe(
      ['> 1 | name: lab', '    | ^', '  2 | domain: x'].join('\n'),
    );
  });
});

describe('retired service ids', () => {
  const aliases = { openmemory: 'mem0', 'openmemory-ui': 'mem0-dashboard' };

  it('parse as their successor, keeping the settings', () => {
    const manifest = parseManifest(
      `${head}services:\n  openmemory:\n    env: { MEM0_DEFAULT_LLM_MODEL: llama3.2 }\n  openmemory-ui:\n`,
      'aistack.yaml',
      ids,
      aliases,
    );
    expect(Object.keys(manifest.services).sort()).toEqual(['mem0', 'mem0-dashboard']);
    expect(manifest.services.mem0?.env).toEqual({ MEM0_DEFAULT_LLM_MODEL: 'llama3.2' });
  });

  it('are unknown to a parser that was given no aliases', () => {
    expect(collectManifestProblems(`${head}services:\n  openmemory:\n`, 'aistack.yaml', ids).map((problem) => problem.code)).toEqual([
      'AIS_MANIFEST_UNKNOWN_SERVICE',
    ]);
  });

  it('next to their successor are a duplicate, at the retired key', () => {
    const problems = collectManifestProblems(`${head}services:\n  mem0:\n  openmemory:\n`, 'aistack.yaml', ids, aliases);
    expect(problems.map((problem) => `${problem.location.line}:${problem.location.column} ${problem.code} ${problem.message}`)).toEqual([
      '5:3 AIS_MANIFEST_DUPLICATE_KEY services.openmemory is the retired name of mem0, which is also listed (line 4)',
    ]);
    expect(problems[0]?.hint).toBe('keep mem0 and move the settings of openmemory into it');
  });
});
