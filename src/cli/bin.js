#!/usr/bin/env node
// Runs the TypeScript sources directly: Node 24 strips types (the project pins Node 24, see README).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(`pia は Node.js 24 以上が必要です(実行中: ${process.version})。npx pia … または npm run … で実行してください。\n`);
  process.exit(2);
}
const { run } = await import('./main.ts');
await run(process.argv.slice(2));
