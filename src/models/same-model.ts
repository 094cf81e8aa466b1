/** Ollama answers `name` and `name:latest` alike. */
export function isSameModel(left: string, right: string): boolean {
  const full = (name: string): string => (name.includes(':') ? name : `${name}:latest`);
  return full(left) === full(right);
}
