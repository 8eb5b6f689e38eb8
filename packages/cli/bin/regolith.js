#!/usr/bin/env node
import { main } from "../dist/main.js";
// A closed pipe (`regolith … | head`) is the reader's choice, not an error.
process.stdout.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 2));
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env });
