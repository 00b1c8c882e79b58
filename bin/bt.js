#!/usr/bin/env node
// Launcher: the CLI is compiled TypeScript (npm ci runs `prepare`, which builds dist/).
// The wall clock is injected here, outside engine/: it only reaches run metadata.
import { main } from '../dist/engine/cli/main.js';

process.exitCode = await main(process.argv, { wallClockMs: () => Date.now() });
