import type { Command } from 'commander';
import type { CliDeps } from './main.js';

/** Registers `bt sweep` (placeholder until its issue lands). */
export function registerSweep(_program: Command, _deps: CliDeps): void {}
