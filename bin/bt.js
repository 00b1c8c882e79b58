#!/usr/bin/env node
// Launcher: the CLI is compiled TypeScript (npm ci runs `prepare`, which builds dist/).
import { main } from '../dist/engine/cli/main.js';

process.exitCode = await main(process.argv);
