import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../engine/scenario/parse.js';
import { allocatorParamSpecs } from '../../strategies/index.js';
import { WORKLOADS, workloadScenarioYaml } from '../../bench/workloads.js';

describe('workloadScenarioYaml', () => {
  it('gives every workload a valid scenario with daily ticks, a 24 h horizon and the risk-penalized allocator', () => {
    for (const w of Object.values(WORKLOADS)) {
      const sc = parseScenario(workloadScenarioYaml(w), `bench/out/${w.name}/scenario.yaml`, { allocators: allocatorParamSpecs() });
      expect(sc.clock.cadenceMs).toBe(86_400_000);
      expect(sc.reconcile.horizonHours).toBe(24);
      expect(sc.allocator.variant).toBe('risk-penalized');
      expect(sc.data.findings.rel).toBe('data/findings.arrow');
    }
  });
});
