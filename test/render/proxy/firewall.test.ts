import { describe, expect, it } from 'vitest';
import { renderFirewallScript } from '../../../src/render/proxy/firewall.js';
import { stackFromYaml } from './support/stack.js';

describe('aistack harden --print', () => {
  it('prints DOCKER-USER rules in their own chain, letting only the proxy ports through from outside', () => {
    const stack = stackFromYaml('name: demo\ndomain: ai.example.test\nservices:\n  open-webui:\n');
    expect(renderFirewallScript(stack)).toBe(`#!/bin/sh
# aistack harden for the stack "demo": keep published ports private.
# Docker publishes ports with DNAT in its own chains, so ufw and INPUT rules never see that traffic;
# DOCKER-USER is the chain Docker leaves to us. These rules live in their own chain
# (AISTACK-USER) and never flush Docker's. From outside, only the proxy's ports (80, 443) reach
# containers; replies, loopback and traffic from containers themselves pass. Run as root.
set -e
iptables -N AISTACK-USER 2>/dev/null || true
iptables -F AISTACK-USER
iptables -A AISTACK-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN
iptables -A AISTACK-USER -i lo -j RETURN
iptables -A AISTACK-USER -i docker0 -j RETURN
iptables -A AISTACK-USER -i br-+ -j RETURN
iptables -A AISTACK-USER -p tcp -m conntrack --ctorigdstport 80 -j RETURN
iptables -A AISTACK-USER -p tcp -m conntrack --ctorigdstport 443 -j RETURN
iptables -A AISTACK-USER -m conntrack --ctstate NEW -j DROP
iptables -A AISTACK-USER -j RETURN
iptables -C DOCKER-USER -j AISTACK-USER 2>/dev/null || iptables -I DOCKER-USER 1 -j AISTACK-USER
`);
  });

  it('uses the proxy ports from aistack.yaml and never flushes DOCKER-USER or Docker chains', () => {
    const stack = stackFromYaml(
      'name: demo\ndomain: ai.example.test\nproxy:\n  httpPort: 8080\n  httpsPort: 8443\nservices:\n  open-webui:\n',
    );
    const script = renderFirewallScript(stack);
    expect(script).toContain('--ctorigdstport 8080 -j RETURN\n');
    expect(script).toContain('--ctorigdstport 8443 -j RETURN\n');
    expect(script).not.toMatch(/-F DOCKER|-F\s*$|-X DOCKER|-P /m);
  });
});
