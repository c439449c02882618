import { validateCommand } from './commands/validate';

const usage = `Usage: rutas <command>

Commands:
  validate [folder]          check a handbook folder, or every folder under routes-data/
  build                      validate routes-data/ and build the app with the sample handbooks
  serve [--build-if-needed]  serve the built app (PORT, default 8080)
  publish <folder>           publish a handbook folder as its jurisdiction's next release
  enrol <jurisdiction> [--hours N] [--url BASE]
                             create a one-time code (text and QR) that enrols a worker's phone
  devices <jurisdiction>     list the devices enrolled in a jurisdiction
  revoke <device-id> [--jurisdiction ID]
                             revoke a device: it loses restricted records at its next sync
  reports <jurisdiction>     list field reports about providers, newest first
  aggregates <jurisdiction>  anonymous counts of referrals by week and route stage (RUTAS_AGGREGATES=on)
  export-hsds <jurisdiction> --out <file>
                             write the latest release's public providers as HSDS 3.0 JSON
  import-hsds <file-or-folder> --jurisdiction <id>
                             read HSDS 3.0 JSON, or a folder of HSDS CSV files, into the draft
  admin create --email E [--name N]
                             create a console administrator; the password is read from stdin:
                             printf '%s' "$PW" | npx rutas admin create --email E
  admin reset-password --email E
                             set a new password (from stdin), lift a lock, end its sessions
  admin disable --email E    the account can no longer sign in; its sessions end

publish, enrol, devices, revoke, reports, aggregates, export-hsds, import-hsds and admin use the
server's store: PostgreSQL when DATABASE_URL is set, otherwise SQLite under RUTAS_DATA_DIR (default ./data).`;

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
    case 'publish': {
      const { publishCommand } = await import('./commands/publish');
      return publishCommand(rest[0]);
    }
    case 'enrol': {
      const { enrolCommand } = await import('./commands/enrol');
      return enrolCommand(rest);
    }
    case 'devices': {
      const { devicesCommand } = await import('./commands/devices');
      return devicesCommand(rest[0]);
    }
    case 'revoke': {
      const { revokeCommand } = await import('./commands/revoke');
      return revokeCommand(rest);
    }
    case 'reports': {
      const { reportsCommand } = await import('./commands/reports');
      return reportsCommand(rest[0]);
    }
    case 'aggregates': {
      const { aggregatesCommand } = await import('./commands/aggregates');
      return aggregatesCommand(rest[0]);
    }
    case 'export-hsds': {
      const { exportHsdsCommand } = await import('./commands/export-hsds');
      return exportHsdsCommand(rest);
    }
    case 'import-hsds': {
      const { importHsdsCommand } = await import('./commands/import-hsds');
      return importHsdsCommand(rest);
    }
    case 'admin': {
      const { adminCommand } = await import('./commands/admin');
      return adminCommand(rest);
    }
    default:
      console.error(command ? `Unknown command "${command}".\n\n${usage}` : usage);
      return command ? 2 : 0;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // A store that cannot be opened, a database that does not answer: say what, not a stack trace.
  console.error(`rutas: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
