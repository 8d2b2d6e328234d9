import { z } from 'zod';
import { emailSchema } from './common.ts';

export const loginSchema = z
  .object({
    email: emailSchema,
    password: z.string().min(1, 'Enter your password.').max(256, 'A password has at most 256 characters.'),
  })
  .strict();
