import type { Command } from 'commander';

/** Registers `bt run` (placeholder until its issue lands). */
export function registerRun(_program: Command): void {}
