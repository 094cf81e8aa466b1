import { describe, expect, it } from 'vitest';
import { checkNodeVersion, classifyNodeVersion } from '../../src/cli/node-version.js';

function stderr(isTTY: boolean): { isTTY: boolean; written: string[]; write(text: string): void } {
  const written: string[] = [];
  return { isTTY, written, write: (text) => void written.push(text) };
}

describe('the Node.js version check', () => {
  it('supports Node.js 22 and 24 (and newer), as package.json engines declares', () => {
    expect(['22.0.0', '22.12.1', '24.22.3', '26.12.1'].map(classifyNodeVersion)).toEqual([
      'supported',
      'supported',
      'supported',
      'supported',
    ]);
  });

  it('lets Node.js 20.19 and later 20s run as end of life, and refuses anything older', () => {
    expect(['20.19.0', '20.20.2', '21.7.3', '20.18.3', '18.20.8', ''].map(classifyNodeVersion)).toEqual([
      'end-of-life',
      'end-of-life',
      'end-of-life',
      'too-old',
      'too-old',
      'too-old',
    ]);
  });

  it('says Node.js 20 is past its end of life only on a terminal', () => {
    const terminal = stderr(true);
    const pipe = stderr(false);
    checkNodeVersion('20.20.2', terminal);
    checkNodeVersion('20.20.2', pipe);
    checkNodeVersion('24.22.3', terminal);
    expect(terminal.written).toEqual(['aistack: Node.js 20.20.2 is past its end of life; aistack supports Node.js 22 and 24 (LTS).\n']);
    expect(pipe.written).toEqual([]);
  });
});
