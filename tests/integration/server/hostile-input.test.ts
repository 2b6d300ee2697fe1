// Hostile input at the server's edge, over real HTTP: a NUL character or a lone surrogate in any
// text a route reads (bodies, path parameters, query strings), JSON nested 10,000 levels deep,
// invalid UTF-8, and the refusals Fastify's router and Node's HTTP parser make on their own. Every
// one is a 4xx in the `{error:{code,message}}` shape with a Russian message, and nothing is
// written: no account, device, token, document, audit entry, refusal or login attempt.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  signInDemoStaff,
  startDomainServer,
  state,
  type DomainLogins,
  type DomainServer,
} from './domain-fixture';

let server: DomainServer;
let logins: DomainLogins;

beforeAll(async () => {
  server = await startDomainServer();
  logins = await signInDemoStaff(server);
});

afterAll(async () => {
  await server?.close();
});

const TABLES = [
  'accounts',
  'devices',
  'tokens',
  'documents',
  'audit_log',
  'refusals',
  'login_attempts',
  'compromise_reports',
] as const;

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const result = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    out[table] = Number(result.rows[0]!.n);
  }
  return out;
}

interface Answer {
  status: number;
  body: unknown;
}

async function send(
  method: string,
  path: string,
  body?: string | Uint8Array,
  token?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body as BodyInit | undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text: the assertion on the shape will show it
  }
  return { status: res.status, body: parsed };
}

/** A raw request written to the socket, for what fetch refuses to send; returns status and body. */
async function rawRequest(text: string): Promise<Answer> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      try {
        resolve({ status, body: JSON.parse(rest.join('\r\n\r\n')) });
      } catch (error) {
        reject(new Error(`not JSON: ${data}`, { cause: error }));
      }
    });
    socket.write(text);
  });
}

function expectRussian4xx(answer: Answer, what: string): void {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, what).toBeLessThan(500);
  const error = (answer.body as { error?: { code?: unknown; message?: unknown } }).error;
  expect(typeof error?.code, what).toBe('string');
  expect(error?.message, what).toMatch(/[А-Яа-яЁё]{3}/);
  // No English left over from Fastify or Node ("Bad Request", "Client Error", "is not a valid").
  expect(error?.message, what).not.toMatch(/[A-Za-z]{4}/);
}

const NUL = 'Тема\u0000урока';
const LONE_SURROGATE = 'Тема\uD800урока';

describe('a NUL or a lone surrogate in any text', () => {
  for (const [label, bad] of [
    ['NUL', NUL],
    ['lone surrogate', LONE_SURROGATE],
  ] as const) {
    it(`${label}: every place answers 400 in Russian and writes nothing`, async () => {
      const lesson = server.school.lessons[0]!;
      const student = server.school.students[0]!;
      const { teacher, deputy, admin } = logins;
      const before = await counts();
      // JSON.stringify keeps the NUL as \u0000 and escapes a lone surrogate as \ud800: the
      // server sees exactly the bad string after parsing.
      const json = (value: unknown) => JSON.stringify(value);
      const places: [string, Promise<Answer>][] = [
        [
          'login: login',
          send('POST', '/api/v1/auth/login', json({ login: bad, password: 'x', deviceName: 'ПК' })),
        ],
        [
          'login: device name',
          send(
            'POST',
            '/api/v1/auth/login',
            json({ login: 'teacher', password: 'пароль', deviceName: bad }),
          ),
        ],
        [
          'login: password',
          send(
            'POST',
            '/api/v1/auth/login',
            json({ login: 'teacher', password: bad, deviceName: 'ПК' }),
          ),
        ],
        [
          'new account: login',
          send(
            'POST',
            '/api/v1/admin/accounts',
            json({ login: bad, password: 'пароль-1', roles: ['teacher'] }),
            admin.token,
          ),
        ],
        [
          'new account: name',
          send(
            'POST',
            '/api/v1/admin/accounts',
            json({
              login: `new-${label.length}`,
              password: 'пароль-1',
              displayName: bad,
              roles: ['teacher'],
            }),
            admin.token,
          ),
        ],
        [
          'push: document id',
          send(
            'POST',
            '/api/v1/sync/lessons/push',
            json([{ newDocumentState: { id: bad } }]),
            teacher.token,
          ),
        ],
        [
          'push: lesson topic',
          send(
            'POST',
            '/api/v1/sync/lessons/push',
            json([
              {
                assumedMasterState: state(lesson),
                newDocumentState: { ...state(lesson), topic: bad },
              },
            ]),
            deputy.token,
          ),
        ],
        [
          'push: a key of the document',
          send(
            'POST',
            '/api/v1/sync/lessons/push',
            json([{ newDocumentState: { ...state(lesson), entries: { [bad]: { marks: [] } } } }]),
            deputy.token,
          ),
        ],
        [
          'push: student surname',
          send(
            'POST',
            '/api/v1/sync/students/push',
            json([
              {
                assumedMasterState: state(student),
                newDocumentState: { ...state(student), lastName: bad },
              },
            ]),
            deputy.token,
          ),
        ],
        [
          'mark compromised: login',
          send(
            'POST',
            '/api/v1/admin/compromise',
            json({ login: bad, since: '2026-11-01T00:00:00Z' }),
            admin.token,
          ),
        ],
      ];
      if (bad === NUL) {
        // A lone surrogate cannot even be written in a URL (percent-encoded it is invalid UTF-8,
        // refused by the router: see below); a NUL can.
        const q = encodeURIComponent(bad);
        places.push(
          [
            'history: document id',
            send('GET', `/api/v1/history/lessons/${q}`, undefined, deputy.token),
          ],
          [
            'history: part path',
            send('GET', `/api/v1/history/lessons/${lesson.id}?path=${q}`, undefined, deputy.token),
          ],
          [
            'login attempts: login',
            send('GET', `/api/v1/admin/login-attempts?login=${q}`, undefined, admin.token),
          ],
          [
            'disable: login',
            send('POST', `/api/v1/admin/accounts/${q}/disable`, '{}', admin.token),
          ],
          [
            'set password: login',
            send(
              'POST',
              `/api/v1/admin/accounts/${q}/password`,
              json({ password: 'пароль-12' }),
              admin.token,
            ),
          ],
          [
            'revoke device: id',
            send('POST', `/api/v1/admin/devices/${q}/revoke`, '{}', admin.token),
          ],
          [
            'compromise report: id',
            send('GET', `/api/v1/admin/compromise/${q}`, undefined, admin.token),
          ],
          [
            'live stream: collections',
            send('GET', `/api/v1/sync/stream?collections=${q}`, undefined, teacher.token),
          ],
        );
      }
      for (const [what, answer] of places) {
        const result = await answer;
        expectRussian4xx(result, what);
        expect(result.status, what).toBe(400);
        expect((result.body as { error: { code: string } }).error.code, what).toBe('INVALID_TEXT');
      }
      expect(await counts()).toEqual(before);
    });
  }

  it('invalid UTF-8 in a body is refused the same way', async () => {
    const before = await counts();
    const body = new Uint8Array([
      ...new TextEncoder().encode('{"login":"'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('","password":"x","deviceName":"ПК"}'),
    ]);
    const answer = await send('POST', '/api/v1/auth/login', body);
    expectRussian4xx(answer, 'invalid UTF-8');
    expect((answer.body as { error: { code: string } }).error.code).toBe('INVALID_TEXT');
    expect(await counts()).toEqual(before);
  });
});

describe('JSON nested 10,000 levels deep', () => {
  const deep = (inner: string) => '['.repeat(10_000) + inner + ']'.repeat(10_000);

  it('is refused before the engine walks it: a push, inside a document, and a login', async () => {
    const { teacher, deputy } = logins;
    const lesson = server.school.lessons[0]!;
    const before = await counts();
    const topicDeep = JSON.stringify([
      { assumedMasterState: state(lesson), newDocumentState: { ...state(lesson), topic: 'X' } },
    ]).replace('"topic":"X"', `"topic":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    for (const [what, answer] of [
      [
        'push: the body itself',
        await send('POST', '/api/v1/sync/lessons/push', deep(''), teacher.token),
      ],
      [
        'push: an id-only row with a deep field',
        await send(
          'POST',
          '/api/v1/sync/lessons/push',
          `[{"newDocumentState":{"id":"x","a":${deep('')}}}]`,
          teacher.token,
        ),
      ],
      [
        'push: a deep topic',
        await send('POST', '/api/v1/sync/lessons/push', topicDeep, deputy.token),
      ],
      ['login', await send('POST', '/api/v1/auth/login', `{"login":${deep('"x"')}}`)],
    ] as const) {
      expectRussian4xx(answer, what);
      expect(answer.status, what).toBe(400);
      expect((answer.body as { error: { message: string } }).error.message, what).toContain(
        'вложены слишком глубоко',
      );
    }
    expect(await counts()).toEqual(before);
  });

  it('a real document with its usual nesting still goes through', async () => {
    const lesson = server.school.lessons[0]!;
    const answer = await send(
      'POST',
      '/api/v1/sync/lessons/push',
      JSON.stringify([{ assumedMasterState: state(lesson), newDocumentState: state(lesson) }]),
      logins.deputy.token,
    );
    expect(answer.status).toBe(200);
  });
});

describe("the router's and the HTTP parser's own refusals", () => {
  it('a malformed percent-encoding: 400 in our shape', async () => {
    const answer = await send(
      'GET',
      '/api/v1/history/lessons/%E0%A4%A',
      undefined,
      logins.deputy.token,
    );
    expectRussian4xx(answer, 'bad percent-encoding');
    expect(answer.status).toBe(400);
    const root = await send('GET', '/%');
    expectRussian4xx(root, 'bad percent-encoding at /');
  });

  it('a lone surrogate percent-encoded in a path: 400 in our shape', async () => {
    const answer = await send(
      'POST',
      '/api/v1/admin/accounts/a%ED%A0%80b/disable',
      '{}',
      logins.admin.token,
    );
    expectRussian4xx(answer, 'encoded lone surrogate');
    expect(answer.status).toBe(400);
  });

  it('a path parameter past the router limit: 414 in our shape', async () => {
    const answer = await send(
      'GET',
      `/api/v1/history/lessons/${'x'.repeat(2_000)}`,
      undefined,
      logins.deputy.token,
    );
    expectRussian4xx(answer, 'long parameter');
    expect(answer.status).toBe(414);
    expect((answer.body as { error: { code: string } }).error.code).toBe('URI_TOO_LONG');
  });

  it('headers over 16 KB: 431 in our shape', async () => {
    const answer = await send('GET', `/api/v1/health?${'x'.repeat(40_000)}`);
    expectRussian4xx(answer, 'long URL');
    expect(answer.status).toBe(431);
  });

  it('a NUL in a header and a broken request line: 400 in our shape', async () => {
    const nulHeader = await rawRequest(
      'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Journal-Protocol: 1\u0000\r\n\r\n',
    );
    expectRussian4xx(nulHeader, 'NUL in a header');
    expect(nulHeader.status).toBe(400);
    const garbage = await rawRequest('GET /api/v1/health HTTP/9.Z\r\n\r\n');
    expectRussian4xx(garbage, 'broken request line');
  });

  it('an unexpected content type is 415 and plain text is not parsed at all', async () => {
    const answer = await send('POST', '/api/v1/auth/login', 'login=x', undefined, {
      'content-type': 'text/plain',
    });
    expectRussian4xx(answer, 'text/plain');
    expect(answer.status).toBe(415);
  });
});
