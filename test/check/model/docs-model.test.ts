import { describe, expect, it } from 'vitest';
import { parseDocs } from '../../../src/check/model/docs-model.js';

describe('parseDocs', () => {
  it('finds services in tables and compose commands, ports, URLs and variables, at their positions', () => {
    const text =
      '| Service | Port |\n|---|---|\n| `db` | 5432 |\n\nSee http://localhost:8080/x and `API_TOKEN`.\n\n```sh\ndocker ' +
      'compose logs -f web\n```\n\nThe word SERVICE_NAME in plain text is not a mention.\n';
    const model = parseDocs([{ file: 'README.md', text }]);
    expect(model.mentions.map((mention) => `${mention.kind} ${mention.value} ${mention.range.line}:${mention.range.column}`)).toEqual([
      'service db 3:3',
      'port 5432 3:10',
      'servicePort 5432 3:10',
      'url http://localhost:8080/x 5:5',
      'variable API_TOKEN 5:33',
      'service web 8:24',
    ]);
    expect(model.words.has('db')).toBe(true);
  });
});
