import { describe, expect, it } from 'vitest';
import { checkKubernetesFiles } from '../../../src/check/kubernetes/check-kubernetes-files.js';
import { renderKubernetes } from '../../../src/render/kubernetes/render-kubernetes.js';
import { CLUSTER_CASES, loadGoldenProject } from '../../render/kubernetes/render-project.js';

/** A Deployment that passes every rule; cases change one thing in it. */
function deployment(container: string, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
${extra}      containers:
${container}`;
}

const good = `        - name: api
          image: example/api:1.4.2
          resources: { limits: { cpu: 500m, memory: 256Mi } }
          securityContext: { allowPrivilegeEscalation: false }
          readinessProbe: { tcpSocket: { port: 80 } }
          livenessProbe: { tcpSocket: { port: 80 } }
`;

const valid: readonly { name: string; text: string }[] = [
  { name: 'a pinned, limited, probed, unprivileged container', text: deployment(good) },
  { name: 'an image pinned by digest only', text: deployment(good.replace('example/api:1.4.2', `example/api@sha256:${'a'.repeat(64)}`)) },
  {
    name: 'a Secret without data (values come from files)',
    text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: empty\ntype: Opaque\n',
  },
  {
    name: 'a _FILE variable pointing at a mounted secret',
    text: deployment(`${good}          env:\n            - name: DB_PASSWORD_FILE\n              value: /run/secrets/db\n`),
  },
  {
    name: 'a Job without probes',
    text:
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: ' +
      `OnFailure\n      containers:\n${good.replace(/ {10}(readiness|liveness)Probe.*\n/g, '')}`,
  },
];

const invalid: readonly { name: string; text: string; expected: readonly [string, string, number][] }[] = [
  {
    name: 'a container port that is not a number',
    text: deployment(`${good}          ports: [{ containerPort: abc }]\n`),
    expected: [['kubernetes/schema', 'schema', 19]],
  },
  { name: 'the latest tag', text: deployment(good.replace(':1.4.2', ':latest')), expected: [['kubernetes/latest-tag', 'latestTag', 14]] },
  { name: 'no tag at all', text: deployment(good.replace(':1.4.2', '')), expected: [['kubernetes/latest-tag', 'latestTag', 14]] },
  {
    name: 'no limits',
    text: deployment(good.replace('          resources: { limits: { cpu: 500m, memory: 256Mi } }\n', '')),
    expected: [['kubernetes/no-limits', 'noLimits', 13]],
  },
  {
    name: 'a privileged container',
    text: deployment(good.replace('{ allowPrivilegeEscalation: false }', '{ privileged: true }')),
    expected: [['kubernetes/privileged', 'privileged', 16]],
  },
  {
    name: 'privilege escalation left on',
    text: deployment(good.replace('{ allowPrivilegeEscalation: false }', '{}')),
    expected: [['kubernetes/privileged', 'escalation', 16]],
  },
  {
    name: 'no probes',
    text: deployment(good.replace(/ {10}(readiness|liveness)Probe.*\n/g, '')),
    expected: [['kubernetes/missing-probes', 'missingProbes', 13]],
  },
  {
    name: 'a hostPath volume',
    text: deployment(good, '      volumes:\n        - name: data\n          hostPath: { path: /srv/data }\n'),
    expected: [['kubernetes/host-path', 'hostPath', 14]],
  },
  {
    name: 'a Secret with its values inline',
    text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2\n',
    expected: [['kubernetes/inline-secret', 'secretData', 5]],
  },
  {
    name: 'a password in an env value',
    text: deployment(`${good}          env:\n            - name: DB_PASSWORD\n              value: hunter2\n`),
    expected: [['kubernetes/inline-secret', 'secretEnv', 21]],
  },
];

describe('checkKubernetesFiles', () => {
  for (const { name, text } of valid) {
    it(`accepts ${name}`, () => {
      expect(checkKubernetesFiles([{ path: 'app.yaml', content: text }])).toEqual([]);
    });
  }
  for (const { name, text, expected } of invalid) {
    it(`reports ${name}`, () => {
      const findings = checkKubernetesFiles([{ path: 'app.yaml', content: text }]);
      expect(findings.map((finding) => [finding.ruleId, finding.messageId, finding.line])).toEqual(expected);
    });
  }

  for (const name of CLUSTER_CASES) {
    it(`every rendered object of the ${name} golden case validates against the schemas and passes every rule`, async () => {
      const files = renderKubernetes((await loadGoldenProject(name)).stack);
      const objects = files.flatMap((file) => file.content.split(/^---$/m)).length;
      expect(objects).toBeGreaterThan(10);
      expect(checkKubernetesFiles(files)).toEqual([]);
    });
  }
});
