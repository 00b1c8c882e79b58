import type { Command } from 'commander';
import type { CliDeps } from './main.js';

/** Registers `bt compare` (placeholder until its issue lands). */
export function registerCompare(_program: Command, _deps: CliDeps): void {}
