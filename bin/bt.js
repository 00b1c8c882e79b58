#!/usr/bin/env node
// Launcher: the CLI is compiled TypeScript (npm ci runs `prepare`, which builds dist/).
// The wall clock is injected here, outside engine/: it only reaches run metadata.
import { main } from '../dist/engine/cli/main.js';

// BT_FAULT_INJECT / BT_FAULT_PAUSE: test-only fault injection (engine/io/output-fs.ts), read here only.
const faults = { inject: process.env.BT_FAULT_INJECT, pause: process.env.BT_FAULT_PAUSE };
process.exitCode = await main(process.argv, { wallClockMs: () => Date.now(), faults });
