/**
 * package.json `engines` declares Node.js >= 22 (22 and 24 are the maintained LTS lines, and
 * kubernetes-models, fastify's cookie and content-disposition and, from 2027, the AWS SDK declare
 * >= 22). Node.js 20 (end of life April 2026) still runs aistack from 20.19 on, which development
 * machines and CI use for now; older ones were never tested and are refused.
 */
const SUPPORTED = [22, 0] as const;
const RUNS = [20, 19] as const;

function atLeast(major: number, minor: number, [wantMajor, wantMinor]: readonly [number, number]): boolean {
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

/** `supported` (in engines), `end-of-life` (runs, not supported) or `too-old` (does not run). */
export function classifyNodeVersion(version: string): 'supported' | 'end-of-life' | 'too-old' {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (atLeast(major, minor, SUPPORTED)) return 'supported';
  return atLeast(major, minor, RUNS) ? 'end-of-life' : 'too-old';
}

/**
 * Refuse to run on a Node.js that cannot run aistack; on an end-of-life one that still can, say so
 * once when a person is watching (stderr is a terminal), so scripts and piped output stay clean.
 */
export function checkNodeVersion(version: string, stderr: { isTTY?: boolean; write(text: string): unknown } = process.stderr): void {
  const support = classifyNodeVersion(version);
  if (support === 'supported') return;
  if (support === 'end-of-life') {
    if (stderr.isTTY)
      stderr.write(`aistack: Node.js ${version} is past its end of life; aistack supports Node.js ${SUPPORTED[0]} and 24 (LTS).\n`);
    return;
  }
  stderr.write(
    `aistack needs Node.js ${SUPPORTED[0]} or newer (24 LTS recommended); this is ${version}.\n` +
      'Install a current Node.js LTS (for example from your distribution or nodejs.org) and try again.\n',
  );
  process.exit(2);
}
