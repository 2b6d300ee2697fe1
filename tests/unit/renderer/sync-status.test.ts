// The sync indicator's text and the SSE parser of the live stream.
import { describe, expect, it } from 'vitest';
import { createSseParser } from '../../../renderer/sync/event-stream';
import { normalizeServerUrl } from '../../../renderer/sync/api';
import { defaultDeviceName } from '../../../renderer/sync/login';
import { changesWord, describeStatus, INITIAL_STATUS } from '../../../renderer/sync/sync-status';

describe('sync indicator text', () => {
  it('says when it last synchronized', () => {
    const at = new Date(2026, 10, 23, 14, 32).getTime();
    expect(describeStatus({ ...INITIAL_STATUS, lastExchangeAt: at })).toEqual({
      text: 'Синхронизировано в 14:32',
      tone: 'ok',
    });
  });

  it('shows offline work with the number of unsent changes', () => {
    const status = { ...INITIAL_STATUS, browserOnline: false, pending: 3 };
    expect(describeStatus(status).text).toBe(
      'Нет связи с сервером школы; не отправлено: 3 изменения. Записи сохраняются на компьютере',
    );
    expect(describeStatus(status).tone).toBe('offline');
  });

  it('puts a stopped replication first', () => {
    const status = {
      ...INITIAL_STATUS,
      fatal: { kind: 'upgrade' as const, message: 'Обновите программу' },
    };
    expect(describeStatus(status)).toEqual({ text: 'Обновите программу', tone: 'error' });
  });

  it('declines "изменение" in Russian', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 112].map(changesWord)).toEqual([
      '1 изменение',
      '2 изменения',
      '5 изменений',
      '11 изменений',
      '21 изменение',
      '22 изменения',
      '25 изменений',
      '112 изменений',
    ]);
  });
});

describe('server-sent events', () => {
  it('parses events split across chunks, skipping heartbeats', () => {
    const parse = createSseParser();
    expect(parse('event: resync\ndata: {}\n\n: heartbeat\n\ndata: {"documents"')).toEqual([
      { event: 'resync', data: '{}' },
    ]);
    expect(parse(':[],"checkpoint":{"seq":4}}\r\n\r\n')).toEqual([
      { event: 'message', data: '{"documents":[],"checkpoint":{"seq":4}}' },
    ]);
    expect(parse('event: unauthorized\ndata: {}\n\n')).toEqual([
      { event: 'unauthorized', data: '{}' },
    ]);
  });
});

describe('login helpers', () => {
  it('normalizes the server address and names the device', () => {
    expect(normalizeServerUrl(' journal.school7.ru:8080/ ')).toBe(
      'https://journal.school7.ru:8080',
    );
    expect(normalizeServerUrl('localhost:8080')).toBe('http://localhost:8080');
    expect(normalizeServerUrl('https://j.ru')).toBe('https://j.ru');
    expect(defaultDeviceName('win32')).toBe('Компьютер учителя (Windows)');
  });
});
