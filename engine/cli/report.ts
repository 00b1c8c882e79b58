import type { Command } from 'commander';

/** Registers `bt report` (placeholder until its issue lands). */
export function registerReport(_program: Command): void {}
