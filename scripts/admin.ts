// Administration from the server's console (no HTTP needed):
//   npm run admin -- <command> [args] [--data-dir ./data]   (DATABASE_URL for PostgreSQL)
// Commands:
//   accounts                                  list accounts
//   create-account <login> <password> <roles> [--name "…"] [--staff-id ID]   roles: teacher,deputy,…
//   set-password <login> <password>           also ends every session of the account
//   disable <login> | enable <login>
//   set-roles <login> <roles>
//   devices [login]                           list devices
//   revoke-device <deviceId>
//   refusals [limit]                          recent refused writes
//   audit <collection> <docId>                a document's history
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createAccount,
  findAccountByLogin,
  listAccounts,
  setAccountDisabled,
  setAccountRoles,
  setPassword,
} from '../server/auth/accounts';
import { roleSchema, type Role } from '../server/auth/roles';
import { listDevices, revokeDevice } from '../server/auth/sessions';
import { openDb } from '../server/db/open';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string', default: './data' },
    name: { type: 'string' },
    'staff-id': { type: 'string' },
  },
});

function parseRolesArg(text: string | undefined): Role[] {
  const roles = (text ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !roleSchema.safeParse(r).success);
  if (roles.length === 0 || bad.length > 0) {
    throw new Error(
      `Unknown roles: ${bad.join(', ') || '(none)'}; use ${roleSchema.options.join(', ')}`,
    );
  }
  return roles as Role[];
}

const [command, ...args] = positionals;
const databaseUrl = process.env.DATABASE_URL || undefined;
const db = await openDb(
  databaseUrl ? { databaseUrl } : { dataDir: path.resolve(values['data-dir']) },
);

try {
  switch (command) {
    case 'accounts':
      console.table(await listAccounts(db));
      break;
    case 'create-account': {
      const [login, password, roles] = args;
      if (!login || !password) throw new Error('create-account <login> <password> <roles>');
      if (await findAccountByLogin(db, login)) throw new Error(`Account ${login} already exists`);
      const account = await createAccount(db, {
        login,
        password,
        roles: parseRolesArg(roles),
        displayName: values.name,
        staffId: values['staff-id'] ?? null,
      });
      console.log('Created', account);
      break;
    }
    case 'set-password': {
      const [login, password] = args;
      if (!login || !password) throw new Error('set-password <login> <password>');
      console.log(
        (await setPassword(db, login, password)) ? 'Password changed' : 'No such account',
      );
      break;
    }
    case 'disable':
    case 'enable': {
      const [login] = args;
      if (!login) throw new Error(`${command} <login>`);
      const ok = await setAccountDisabled(db, login, command === 'disable');
      console.log(ok ? `${login}: ${command}d` : 'No such account');
      break;
    }
    case 'set-roles': {
      const [login, roles] = args;
      if (!login) throw new Error('set-roles <login> <roles>');
      console.log(
        (await setAccountRoles(db, login, parseRolesArg(roles))) ? 'Roles set' : 'No such account',
      );
      break;
    }
    case 'devices': {
      const [login] = args;
      const account = login ? await findAccountByLogin(db, login) : null;
      if (login && !account) throw new Error(`No account ${login}`);
      console.table(await listDevices(db, account?.id));
      break;
    }
    case 'revoke-device': {
      const [id] = args;
      if (!id) throw new Error('revoke-device <deviceId>');
      console.log((await revokeDevice(db, id)) ? 'Device revoked' : 'No such live device');
      break;
    }
    case 'refusals': {
      const limit = Number(args[0] ?? 50);
      const result = await db.query(
        `SELECT r.at, r.collection, r.doc_id, a.login, r.device_id, r.reason
         FROM refusals r LEFT JOIN accounts a ON a.id = r.account_id ORDER BY r.id DESC LIMIT $1`,
        [limit],
      );
      console.table(result.rows);
      break;
    }
    case 'audit': {
      const [collection, docId] = args;
      if (!collection || !docId) throw new Error('audit <collection> <docId>');
      const result = await db.query(
        `SELECT l.seq, l.at, a.login, l.device_id, l.before, l.after
         FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
         WHERE l.collection = $1 AND l.doc_id = $2 ORDER BY l.seq`,
        [collection, docId],
      );
      for (const row of result.rows) console.log(JSON.stringify(row));
      break;
    }
    default:
      console.log(
        'Commands: accounts, create-account, set-password, disable, enable, set-roles, devices, revoke-device, refusals, audit',
      );
      process.exitCode = command && command !== 'help' ? 1 : 0;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
