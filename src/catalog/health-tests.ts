/**
 * Compose healthcheck `test` arrays built only from binaries an image really has
 * (catalog-facts.md, "Traps" 9: curl checks stay unhealthy in images without curl).
 * Each checks for an HTTP 2xx/3xx answer (or an open port) on 127.0.0.1 inside the container.
 */

/** Bash's `/dev/tcp`: for images with bash but neither curl nor wget (Ollama, Qdrant). Needs HTTP 200. */
export function createBashHttpTest(port: number, path: string): readonly string[] {
  const request = `GET ${path} HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n`;
  return [
    'CMD',
    'bash',
    '-c',
    `exec 3<>/dev/tcp/127.0.0.1/${port} && printf '${request}' >&3 && IFS= read -r status <&3 && [[ $status == 'HTTP/1.'?' 200'* ]]`,
  ];
}

/** Bash's `/dev/tcp`: the port accepts a connection. */
export function createBashTcpTest(port: number): readonly string[] {
  return ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`];
}

/** BusyBox (Alpine) or GNU wget: fails on 4xx/5xx, follows redirects. */
export function createWgetTest(port: number, path: string): readonly string[] {
  return ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}${path}`];
}

/** curl: fails on 4xx/5xx. */
export function createCurlTest(port: number, path: string): readonly string[] {
  return ['CMD', 'curl', '-fsS', '-o', '/dev/null', `http://127.0.0.1:${port}${path}`];
}

/** Python's urllib (LiteLLM, OpenMemory): urlopen raises on 4xx/5xx. */
export function createPythonHttpTest(port: number, path: string, python = 'python3'): readonly string[] {
  return ['CMD', python, '-c', `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${port}${path}', timeout=4)`];
}

/** Node's global fetch (Node 18+): exit 1 unless the status is 2xx. */
export function createNodeHttpTest(port: number, path: string): readonly string[] {
  return [
    'CMD',
    'node',
    '-e',
    `fetch('http://127.0.0.1:${port}${path}').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))`,
  ];
}

/** Node's net module: the port accepts a connection. */
export function createNodeTcpTest(port: number): readonly string[] {
  return [
    'CMD',
    'node',
    '-e',
    `require('net').connect(${port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`,
  ];
}

/** The program a health test runs (`bash`, `wget`, `pg_isready`, `sh` for CMD-SHELL …). */
export function healthTestBinary(test: readonly string[]): string | undefined {
  if (test[0] === 'CMD-SHELL') return 'sh';
  if (test[0] === 'CMD') return test[1]?.split('/').pop();
  return undefined;
}
