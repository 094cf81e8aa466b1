import type { Command } from 'commander';

export function registerCatalogCommands(program: Command): void {
  void program;
}
