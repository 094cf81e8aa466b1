const MINIMUM = [20, 19] as const;

/** Refuse to run on a Node.js older than the one declared in package.json `engines`. */
export function checkNodeVersion(version: string): void {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1])) return;
  process.stderr.write(
    `aistack needs Node.js ${MINIMUM.join('.')} or newer; this is ${version}.\n` +
      'Install a current Node.js LTS (for example from your distribution or nodejs.org) and try again.\n',
  );
  process.exit(2);
}
