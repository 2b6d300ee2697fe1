// The login slip (листок доступа к электронному дневнику) as plain data: for each issued login the
// holder, the child, the diary's address, the login and the one-time password, handed over with
// the consent application and signed for.
import { formatDate } from '../dates';
import type { IssuedLogin } from '../family-access';

export interface LoginSlip {
  holderName: string;
  /** "родитель (законный представитель)" or "обучающийся". */
  holderRole: string;
  studentName: string;
  className: string;
  diaryUrl: string;
  login: string;
  /** Null: the holder's own password stays (the login already serves another child). */
  password: string | null;
  /** "31.12.2026" */
  passwordValidUntil: string | null;
}

export interface LoginSlipModel {
  kind: 'loginSlip';
  schoolName: string;
  issuedOn: string;
  slips: LoginSlip[];
}

/** `serverUrl` is the address the desktop uses, for a school that set no public diary address. */
export function buildLoginSlipModel(
  issued: readonly IssuedLogin[],
  options: { serverUrl: string; issuedOn: string },
): LoginSlipModel {
  const fallback = `${options.serverUrl.replace(/\/+$/, '')}/diary`;
  return {
    kind: 'loginSlip',
    schoolName: issued[0]?.schoolName ?? '',
    issuedOn: options.issuedOn,
    slips: issued.map((i) => ({
      holderName: i.holderName,
      holderRole: i.accountKind === 'student' ? 'обучающийся' : 'родитель (законный представитель)',
      studentName: i.studentName,
      className: i.className,
      diaryUrl: i.diaryUrl ? `${i.diaryUrl.replace(/\/+$/, '')}/diary` : fallback,
      login: i.login,
      password: i.password,
      passwordValidUntil: i.passwordValidUntil
        ? formatDate(i.passwordValidUntil.slice(0, 10))
        : null,
    })),
  };
}
