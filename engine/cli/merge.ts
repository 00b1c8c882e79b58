import type { Command } from 'commander';

/** Registers `bt merge` (placeholder until its issue lands). */
export function registerMerge(_program: Command): void {}
