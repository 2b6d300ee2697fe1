// Imported first by the preload: zod decides at schema construction whether to compile
// validators with `new Function`, so this must run before shared/bridge.ts builds its schemas.
// Russian messages, since a validation error may reach the teacher's screen.
import { z } from 'zod';
import { ru } from 'zod/v4/locales';

z.config({ ...ru(), jitless: true });
