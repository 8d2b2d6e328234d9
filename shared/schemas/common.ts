import { z } from 'zod';

/** ICM channel ids: letters, digits, dot, dash, underscore; as ICM itself allows in a channel's id. */
export const channelIdSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    'A channel id is 1–100 letters, digits, ".", "-" or "_", starting with a letter or digit.',
  );

export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }));

export const MIN_PASSWORD_LENGTH = 12;

export const newPasswordSchema = z
  .string({ error: 'Enter a password.' })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, 'Use at most 256 characters.');

export const sortOrderSchema = z.enum(['ASC', 'DESC']).default('ASC');

/** react-admin's paging, bounded so nobody can ask for a million rows at once. */
export const pageSchema = z.object({
  page: z.number().int().min(1, 'Pages start at 1.').default(1),
  perPage: z.number().int().min(1).max(500, 'Ask for at most 500 rows at a time.').default(25),
});
