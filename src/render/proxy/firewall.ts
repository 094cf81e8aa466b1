import type { Stack } from '../../stack/types.js';

/** aistack's own chain, jumped to from DOCKER-USER; Docker's chains are never flushed. */
export const FIREWALL_CHAIN = 'AISTACK-USER';

/** One iptables call, and what a failure means. */
export interface FirewallCommand {
  readonly args: readonly string[];
  /** `ignore`: it may fail (the chain exists). `check-then`: run `then` only if this check fails. */
  readonly onFailure?: 'ignore' | { readonly then: readonly string[] };
}

/**
 * The DOCKER-USER rules that keep published ports private: Docker's DNAT bypasses ufw/INPUT,
 * so only traffic to the proxy's host ports (and replies, and container-originated traffic) may
 * reach containers from outside. Pure.
 */
export function planFirewallRules(stack: Stack): FirewallCommand[] {
  const chain = FIREWALL_CHAIN;
  const ports = [...new Set([stack.proxy.httpPort, stack.proxy.httpsPort])].sort((a, b) => a - b);
  return [
    { args: ['-N', chain], onFailure: 'ignore' },
    { args: ['-F', chain] },
    { args: ['-A', chain, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'RETURN'] },
    { args: ['-A', chain, '-i', 'lo', '-j', 'RETURN'] },
    { args: ['-A', chain, '-i', 'docker0', '-j', 'RETURN'] },
    { args: ['-A', chain, '-i', 'br-+', '-j', 'RETURN'] },
    ...ports.map((port) => ({ args: ['-A', chain, '-p', 'tcp', '-m', 'conntrack', '--ctorigdstport', String(port), '-j', 'RETURN'] })),
    { args: ['-A', chain, '-m', 'conntrack', '--ctstate', 'NEW', '-j', 'DROP'] },
    { args: ['-A', chain, '-j', 'RETURN'] },
    { args: ['-C', 'DOCKER-USER', '-j', chain], onFailure: { then: ['-I', 'DOCKER-USER', '1', '-j', chain] } },
  ];
}

/** The rules as a shell script for `aistack harden --print`. */
export function renderFirewallScript(stack: Stack): string {
  const ports = [...new Set([stack.proxy.httpPort, stack.proxy.httpsPort])].sort((a, b) => a - b);
  const lines = [
    '#!/bin/sh',
    `# aistack harden for the stack "${stack.name}": keep published ports private.`,
    '# Docker publishes ports with DNAT in its own chains, so ufw and INPUT rules never see that traffic;',
    '# DOCKER-USER is the chain Docker leaves to us. These rules live in their own chain',
    `# (${FIREWALL_CHAIN}) and never flush Docker's. From outside, only the proxy's ports (${ports.join(', ')}) reach`,
    '# containers; replies, loopback and traffic from containers themselves pass. Run as root.',
    'set -e',
  ];
  for (const command of planFirewallRules(stack)) {
    const text = `iptables ${command.args.join(' ')}`;
    if (command.onFailure === 'ignore') lines.push(`${text} 2>/dev/null || true`);
    else if (command.onFailure) lines.push(`${text} 2>/dev/null || iptables ${command.onFailure.then.join(' ')}`);
    else lines.push(text);
  }
  return `${lines.join('\n')}\n`;
}
