import { validateCommand } from './commands/validate';

const usage = `Usage: rutas <command>

Commands:
  validate [folder]          check a handbook folder, or every folder under routes-data/
  build                      validate routes-data/ and build the app with the sample handbooks
  serve [--build-if-needed]  serve the built app (PORT, default 8080)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validateCommand(rest[0]);
    case 'build': {
      const { buildCommand } = await import('./commands/build');
      return buildCommand();
    }
    case 'serve': {
      const { serveCommand } = await import('./commands/serve');
      return serveCommand({ buildIfNeeded: rest.includes('--build-if-needed') });
    }
    default:
      console.error(command ? `Unknown command "${command}".\n\n${usage}` : usage);
      return command ? 2 : 0;
  }
}

process.exitCode = await main(process.argv.slice(2));
