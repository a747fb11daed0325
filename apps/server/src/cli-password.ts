// How the CLI gets a password without exposing it: an interactive prompt that does not echo, or standard
// input with --password-stdin. A password in the arguments is visible to every local user in `ps` and stays
// in shell history, so --password only remains for old scripts, with a warning.
import password from '@inquirer/password';

export interface PasswordOptions {
  password?: string | undefined;
  passwordStdin?: boolean | undefined;
}

export const PASSWORD_HELP = `
Password: asked for at a prompt (not shown as you type), or read from standard input with --password-stdin:
  printf '%s\\n' "$ROSTRA_ADMIN_PASSWORD" | rostra setup --email … --password-stdin
At least 12 characters, not a common password, not made of your email or name.
--password <password> is deprecated: other users of the machine see it in \`ps\` and it stays in shell history.
`;

export class PasswordInputError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  // The first line: `echo`/`printf` add a newline that is not part of the password.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** The password from the prompt, stdin or (deprecated) the argument; warnings go to stderr. */
export async function readPassword(options: PasswordOptions, label: string): Promise<string> {
  if (options.password !== undefined && options.passwordStdin) {
    throw new PasswordInputError('Use either --password-stdin or --password, not both.');
  }
  if (options.password !== undefined) {
    process.stderr.write(
      'warning: --password is deprecated: the password shows in `ps` and shell history. ' +
        'Leave it out to be asked, or pipe it with --password-stdin.\n',
    );
    return options.password;
  }
  if (options.passwordStdin) {
    const read = await readStdin();
    if (read === '') throw new PasswordInputError('--password-stdin: standard input held no password.');
    return read;
  }
  if (!process.stdin.isTTY) {
    throw new PasswordInputError(
      'No password given: run in a terminal to be asked for it, or pipe it with --password-stdin.',
    );
  }
  const first = await password({ message: `${label}:` });
  const again = await password({ message: `${label} (again):` });
  if (first !== again) throw new PasswordInputError('The two passwords differ.');
  return first;
}
