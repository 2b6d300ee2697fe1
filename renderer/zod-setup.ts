// Imported before anything that builds a zod schema: under the app's CSP (no unsafe-eval) zod must
// not try to compile validators with `new Function`; messages in Russian for the teacher.
import { z } from 'zod';
import { ru } from 'zod/v4/locales';

z.config({ ...ru(), jitless: true });
