import { parseArgs } from 'node:util';
import { AccountError, createAccount, disableAccount, resetPassword } from '../../server/accounts/accounts';
import { storageFromEnv } from '../../server/storage/open';

const USAGE = `Usage: rutas admin <create|reset-password|disable> --email E [--name N]
The password is read from standard input, e.g.
  printf '%s' "$PASSWORD" | npx rutas admin create --email ana@example.org --name "Ana"`;

/** The first line of the input: a password typed at the terminal, or piped in with or without a newline. */
async function readPassword(input: NodeJS.ReadableStream): Promise<string> {
  if ((input as { isTTY?: boolean }).isTTY) {
    console.error('Type the password (it is shown as you type), then press Enter and Ctrl-D:');
  }
  let text = '';
  for await (const chunk of input) text += chunk.toString();
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/**
 * `rutas admin create|reset-password|disable --email E`: manages console accounts from the
 * server's shell, which is how the first administrator comes to exist. Every change is
 * written to the audit log with no actor (the CLI). Returns the exit code.
 */
export async function adminCommand(args: string[], input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const [action, ...extra] = parsed.positionals;
  const email = parsed.values.email;
  if (!action || extra.length > 0 || !['create', 'reset-password', 'disable'].includes(action) || !email) {
    console.error(USAGE);
    return 1;
  }
  const password = action === 'disable' ? '' : await readPassword(input);
  const storage = await storageFromEnv();
  try {
    if (action === 'create') {
      const account = await createAccount(
        storage,
        { email, displayName: parsed.values.name, role: 'admin', password },
        null,
      );
      console.log(`Created administrator ${account.email}`);
    } else if (action === 'reset-password') {
      await resetPassword(storage, email, password, null);
      console.log(`New password set for ${email.trim().toLowerCase()}; its sessions were ended and any lock lifted`);
    } else {
      await disableAccount(storage, email, null);
      console.log(`Disabled ${email.trim().toLowerCase()}: it can no longer sign in, and its sessions were ended`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await storage.close();
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
}
