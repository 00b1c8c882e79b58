import type { Command } from 'commander';

/** Registers `bt parity` (placeholder until its issue lands). */
export function registerParity(_program: Command): void {}
