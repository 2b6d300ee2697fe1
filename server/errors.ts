// API errors: a stable machine code, an HTTP status and a Russian message for the user.
import type { ErrorBody, ErrorCode } from '../shared/sync-wire';

// The codes and the body are part of the wire contract (shared/sync-wire.ts).
export type { ErrorBody, ErrorCode };

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const messages = {
  invalidCredentials: 'Неверный логин или пароль',
  accountDisabled: 'Учётная запись отключена. Обратитесь к администратору',
  unauthorized: 'Требуется вход в систему',
  sessionRevoked: 'Сеанс завершён или устройство отключено. Войдите снова',
  sessionExpired: 'Срок сеанса истёк. Войдите снова',
  accountCompromised:
    'Сеанс завершён: учётная запись заблокирована администратором из-за компрометации пароля. ' +
    'Получите новый пароль у администратора школы',
  forbidden: 'Недостаточно прав для этого действия',
  notFound: 'Адрес не найден',
  unknownCollection: 'Неизвестный раздел данных',
  invalidJson: 'Запрос повреждён: неверный формат JSON',
  notUtf8: 'Запрос повреждён: текст не в кодировке UTF-8',
  tooDeep: (depth: number) =>
    `Запрос повреждён: данные вложены слишком глубоко (больше ${depth} уровней)`,
  badUrl: 'Неверный адрес запроса',
  uriTooLong: 'Слишком длинный адрес запроса',
  headersTooLarge: 'Слишком большие заголовки запроса',
  requestTimeout: 'Запрос не пришёл полностью вовремя. Повторите попытку',
  payloadTooLarge: 'Слишком большой объём данных в одном запросе',
  unsupportedMediaType: 'Неподдерживаемый формат запроса',
  badRequest: 'Неверный запрос',
  validationFailed: 'Неверные данные в запросе',
  upgradeRequired:
    'Версия приложения устарела. Обновите приложение «Классный журнал», чтобы продолжить работу',
  internal: 'Внутренняя ошибка сервера. Повторите попытку позже',
  tooManyAttempts: (seconds: number) =>
    `Слишком много неудачных попыток входа. Повторите через ${seconds} с`,
} as const;
