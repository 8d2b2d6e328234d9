import { changePasswordSchema } from '../../shared/schemas/users.ts';
import { loginSchema } from '../../shared/schemas/auth.ts';
import { recordAudit } from '../audit/record.ts';
import { login } from '../auth/login.ts';
import { endSession, resolveSession } from '../auth/sessions.ts';
import { guardedProcedure, publicProcedure, router } from '../trpc.ts';
import { changeOwnPassword } from '../users/commands.ts';

/** What a session whose generated password must still be changed may call: nothing else. */
const openBeforePasswordChange = publicProcedure.meta({ access: 'public', beforePasswordChange: true });

export const authRouter = router({
  login: openBeforePasswordChange.input(loginSchema).mutation(async ({ ctx, input }) => {
    const session = await login(ctx.db, input, { ip: ctx.ip, userAgent: ctx.userAgent });
    ctx.cookies.set(session.token, session.expiresAt);
    const user = await resolveSession(ctx.db, session.token);
    return { user };
  }),

  /** Who is signed in, or null; the client's authProvider asks this. */
  me: openBeforePasswordChange.query(({ ctx }) => ({ user: ctx.user })),

  logout: openBeforePasswordChange.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await endSession(ctx.db, ctx.sessionToken);
    if (ctx.user) {
      await recordAudit(
        ctx.db,
        { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip },
        { action: 'auth.logout', targetType: 'user', targetId: ctx.user.id, targetLabel: ctx.user.email },
      );
    }
    ctx.cookies.clear();
    return { ok: true };
  }),

  changePassword: guardedProcedure('account.self', { beforePasswordChange: true })
    .input(changePasswordSchema)
    .mutation(async ({ ctx, input }) => {
      await changeOwnPassword(
        ctx.db,
        { id: ctx.user.id, email: ctx.user.email, ip: ctx.ip },
        input,
        ctx.sessionToken,
      );
      return { ok: true };
    }),
});
