#!/usr/bin/env node
import { runCli } from '@connectors/contract';
import { connector } from './connector.js';

process.exitCode = await runCli(connector);
