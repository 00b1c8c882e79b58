import type { Command } from 'commander';

/** Registers `bt data` (placeholder until its issue lands). */
export function registerData(_program: Command): void {}
