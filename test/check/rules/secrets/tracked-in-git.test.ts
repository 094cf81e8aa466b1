import { secretsTrackedInGit } from '../../../../src/check/rules/secrets/tracked-in-git.js';
import type { ProjectContext } from '../../../../src/check/types.js';
import { testRule } from '../../support/rule-tester.js';

const compose = 'services:\n  db:\n    image: postgres:16\n    secrets: [db]\nsecrets:\n  db:\n    file: ./secrets/db.txt\n';
const project: ProjectContext = {
  domain: 'ai.example.com',
  proxyService: 'proxy',
  routes: [],
  portPlan: [],
  secretsDirectory: './.aistack/secrets',
};

testRule(secretsTrackedInGit, {
  valid: [
    { name: 'git tracks the compose file, not the secret', compose, facts: { trackedFiles: ['compose.yaml'] } },
    { name: 'not a git work tree (nothing tracked)', compose, facts: { trackedFiles: [] } },
    {
      name: 'a tracked file next to the secrets directory is not in it',
      compose: 'services: {}\n',
      project,
      facts: { trackedFiles: ['.aistack/secrets.md'] },
    },
    {
      name: 'a foreign project has no .aistack/secrets to protect',
      compose: 'services: {}\n',
      facts: { trackedFiles: ['.aistack/secrets/postgres-password'] },
    },
  ],
  invalid: [
    {
      name: 'the secret file a compose file names',
      compose,
      facts: { trackedFiles: ['secrets/db.txt'] },
      errors: [{ messageId: 'tracked', data: { file: 'secrets/db.txt' }, file: 'secrets/db.txt', line: 1, column: 1 }],
    },
    {
      name: 'a file in aistack’s secrets directory',
      compose: 'services: {}\n',
      project,
      facts: { trackedFiles: ['.aistack/secrets/postgres-password'] },
      errors: [
        {
          messageId: 'tracked',
          data: { file: '.aistack/secrets/postgres-password' },
          file: '.aistack/secrets/postgres-password',
          line: 1,
          column: 1,
        },
      ],
    },
    {
      name: 'a file deeper in the secrets directory (the mounted copies)',
      compose: 'services: {}\n',
      project,
      facts: { trackedFiles: ['.aistack/secrets/mounted/n8n-encryption-key'] },
      errors: [{ messageId: 'tracked', line: 1, column: 1 }],
    },
    {
      name: 'every tracked secret, in order',
      compose: `${compose}  api:\n    file: secrets/api.txt\n`,
      facts: { trackedFiles: ['secrets/api.txt', 'secrets/db.txt'] },
      errors: [
        { messageId: 'tracked', data: { file: 'secrets/api.txt' }, line: 1, column: 1 },
        { messageId: 'tracked', data: { file: 'secrets/db.txt' }, line: 1, column: 1 },
      ],
    },
  ],
});
