import type { UpgradePlan, UpgradeStep } from './plan.js';

/** `aistack upgrade plan` as text: a table per service, then every step with its reasons. Pure and byte-stable. */
export function renderUpgradePlan(plan: UpgradePlan): string {
  const lines: string[] = [];
  lines.push(
    plan.offline
      ? `Upgrade plan for ${plan.stack} — offline: no registry answered; compared with the catalog and the images on this host.`
      : `Upgrade plan for ${plan.stack}.`,
  );
  lines.push(`Tags newer than the catalog's wait ${plan.quarantineDays} days after their build (quarantine).`, '');
  const rows = plan.services.map((service) => [
    service.service,
    service.current.tag + (service.current.from === 'revision' ? '' : '*'),
    service.catalogTag ?? '-',
    service.steps.length === 0 ? (service.standing.length > 0 ? 'blocked' : 'up to date') : summarizeSteps(service.steps),
    service.sourceNote,
  ]);
  lines.push(...table(['SERVICE', 'NOW', 'CATALOG', 'STEPS', 'LOOKED IN'], rows));
  if (plan.services.some((service) => service.current.from === 'manifest')) lines.push('* not deployed yet: the version aistack.yaml pins');
  for (const service of plan.services) {
    if (service.steps.length === 0 && service.standing.length === 0) continue;
    lines.push('', `${service.service} (${service.current.reference})`);
    for (const rule of service.standing) {
      lines.push(`  now: ${rule.verdict} — ${rule.id}: ${rule.title}`, `    why: ${rule.why}`, `    do:  ${rule.migration}`);
    }
    for (const step of service.steps) {
      lines.push(`  → ${step.toTag} (${describeOrigin(step)}): ${step.verdict}`);
      for (const rule of step.rules) {
        lines.push(`    ${rule.id}: ${rule.title}`);
        if (rule.id !== 'quarantine') lines.push(`      why: ${rule.why}`);
        lines.push(`      do:  ${rule.migration}`);
      }
      const runs = ['verified backup', ...step.migrationSteps];
      lines.push(
        `    apply: ${runs.join(', ')}, health-gated rollout${
          step.verdict === 'blocked'
            ? ` — needs ${step.rules
                .filter((rule) => rule.verdict === 'blocked')
                .map((rule) => `--accept ${rule.id}`)
                .join(' ')}`
            : ''
        }`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function summarizeSteps(steps: readonly UpgradeStep[]): string {
  return steps.map((step) => `${step.toTag} ${step.verdict}`).join(', ');
}

function describeOrigin(step: UpgradeStep): string {
  switch (step.origin) {
    case 'catalog':
      return "the catalog's pin";
    case 'registry':
      return `registry${step.createdAt ? `, built ${step.createdAt.slice(0, 10)}` : ''}`;
    case 'local':
      return `on this host${step.createdAt ? `, built ${step.createdAt.slice(0, 10)}` : ''}`;
    case 'digest':
      return 'same tag, new image in the registry';
  }
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
