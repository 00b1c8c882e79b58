import type { Command } from 'commander';

/** Registers `bt metrics` (placeholder until its issue lands). */
export function registerMetrics(_program: Command): void {}
