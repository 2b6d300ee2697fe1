// The rule of a password its owner chooses — a staff member replacing a one-time password, a
// family in the e-diary — in one place, so both sign-ins ask the same.
import { z } from 'zod';

export const OWN_PASSWORD_MIN = 8;

export const ownPasswordSchema = z
  .string()
  .min(OWN_PASSWORD_MIN, `Новый пароль слишком короткий: не меньше ${OWN_PASSWORD_MIN} знаков`)
  .max(200, 'Новый пароль слишком длинный');
