/** argv → command → exit code. The only place that sets the process's exit code. */
import { PiaError } from '../report/errors.ts';
import { extractLang, lang as currentLang, langs, setLang, t, type Lang } from '../report/i18n.ts';
import type { MessageKey } from '../report/messages.ts';
import { piaVersion } from '../report/sarif.ts';

interface Command {
  summary: MessageKey;
  load: () => Promise<{ help: string; helpEn: string; run: (args: string[]) => Promise<number> }>;
}

/** Every command, declared in one place; each module exports `help` (Japanese), `helpEn` (English) and one async function. */
const commands: Record<string, Command> = {
  validate: { summary: 'command.validate', load: async () => { const m = await import('./commands/validate.ts'); return { help: m.help, helpEn: m.helpEn, run: m.validate }; } },
  pdf: { summary: 'command.pdf', load: async () => { const m = await import('./commands/pdf.ts'); return { help: m.help, helpEn: m.helpEn, run: m.pdf }; } },
  build: { summary: 'command.build', load: async () => { const m = await import('./commands/build.ts'); return { help: m.help, helpEn: m.helpEn, run: m.build }; } },
  diff: { summary: 'command.diff', load: async () => { const m = await import('./commands/diff.ts'); return { help: m.help, helpEn: m.helpEn, run: m.diff }; } },
  audit: { summary: 'command.audit', load: async () => { const m = await import('./commands/audit.ts'); return { help: m.help, helpEn: m.helpEn, run: m.audit }; } },
  rules: { summary: 'command.rules', load: async () => { const m = await import('./commands/rules.ts'); return { help: m.help, helpEn: m.helpEn, run: m.rules }; } },
  status: { summary: 'command.status', load: async () => { const m = await import('./commands/status.ts'); return { help: m.help, helpEn: m.helpEn, run: m.status }; } },
  edit: { summary: 'command.edit', load: async () => { const m = await import('./commands/edit.ts'); return { help: m.help, helpEn: m.helpEn, run: m.edit }; } },
  import: { summary: 'command.import', load: async () => { const m = await import('./commands/import.ts'); return { help: m.help, helpEn: m.helpEn, run: m.importCommand }; } },
  new: { summary: 'command.new', load: async () => { const m = await import('./commands/new.ts'); return { help: m.help, helpEn: m.helpEn, run: m.newAssessment }; } },
  merge: { summary: 'command.merge', load: async () => { const m = await import('./commands/merge.ts'); return { help: m.help, helpEn: m.helpEn, run: m.merge }; } },
  check: { summary: 'command.check', load: async () => { const m = await import('./commands/check.ts'); return { help: m.help, helpEn: m.helpEn, run: m.check }; } },
};

const usage = () => `${t('usage.head')}

${t('usage.commands')}
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${t(c.summary)}`).join('\n')}

${t('usage.tail')}`;

export async function main(rawArgv: string[]): Promise<number> {
  const { argv, lang } = extractLang(rawArgv);
  if (lang !== undefined) {
    if (!langs.includes(lang as Lang)) {
      process.stderr.write(`${t('error.badLang', { lang })}\n`);
      return 2;
    }
    setLang(lang as Lang);
  }
  const [name, ...args] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`${t('version', { version: piaVersion, node: process.versions.node })}\n`);
    return 0;
  }
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`${t('error.unknownCommand', { name })}\n\n${usage()}\n`);
    return 2;
  }
  const module = await command.load();
  if (args.includes('-h') || args.includes('--help')) {
    // currentLang: main() has a local `lang` (the --lang value).
    process.stdout.write((currentLang() === 'en' ? module.helpEn : module.help) + '\n');
    return 0;
  }
  return module.run(args);
}

/** node:util parseArgs errors in our words (its English text is kept as detail). */
function optionError(code: string, message: string): string {
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return t('error.unknownOption', { option: quoted });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return t('error.optionValue', { option: quoted.split(' ')[0] ?? quoted });
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return t('error.positional', { arg: quoted });
  return t('error.badOption', { detail: message });
}

function report(error: unknown): number {
  if (error instanceof PiaError) {
    process.stderr.write(`${error.message}\n`);
    if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`);
    return error.exitCode;
  }
  // parseArgs rejects unknown options with a TypeError carrying this code.
  const code = (error as { code?: string })?.code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    process.stderr.write(`${optionError(code, (error as Error).message)}\n  hint: ${t('error.seeHelp')}(${t('error.detail')}: ${(error as Error).message.split('\n')[0]})\n`);
    return 2;
  }
  process.stderr.write(`${t('error.internal')}\n${(error as Error)?.stack ?? String(error)}\n`);
  return 2;
}

/** Resolves once everything written to the stream so far has been handed to the OS (a pipe may take it slowly). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/**
 * How long the process may stay after its output is flushed, held by a handle a command forgot to close (a worker,
 * a socket): then it ends anyway, with the same code. Normal runs end by themselves before this.
 */
const lingerMs = 2000;

/**
 * Runs the command and sets process.exitCode: no process.exit, which drops output still queued for a pipe
 * (`npx pia validate --format json | less` cut at 64 KiB). The process ends when its streams have drained.
 */
export async function run(argv: string[]): Promise<void> {
  let code: number;
  try {
    code = await main(argv);
  } catch (error) {
    code = report(error);
  }
  process.exitCode = code;
  // A reader that goes away early (`| head`) is not an error of ours.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  setTimeout(() => process.exit(code), lingerMs).unref();
}
