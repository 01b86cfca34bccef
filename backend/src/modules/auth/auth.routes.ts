import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db/client.js';
import { clock } from '../../lib/clock.js';
import { endpoint } from '../../lib/http.js';
import { toPublicUser } from '../users/users.service.js';
import { loginSchema, registerSchema, sessionSchema } from './auth.schemas.js';
import { login, logout, refresh, register, verifyAccessToken, type AuthSettings, type IssuedSession } from './auth.service.js';

export const REFRESH_COOKIE = 'mc_refresh';

function cookieOptions(req: Request): CookieOptions {
  // Secure whenever the request arrived over HTTPS (directly or via a trusted proxy); plain http on localhost still works.
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/api/auth' };
}

function sendSession(req: Request, res: Response, status: number, session: IssuedSession): void {
  // A lifetime rather than a date: the browser counts it on its own clock, which need not agree with ours.
  res.cookie(REFRESH_COOKIE, session.refreshToken, { ...cookieOptions(req), maxAge: Math.max(0, session.refreshExpiresAt.getTime() - clock.now().getTime()) });
  res.set('Cache-Control', 'no-store');
  res.status(status).json({ user: toPublicUser(session.user), accessToken: session.accessToken });
}

const presentedRefreshToken = (req: Request): string | undefined => {
  const value: unknown = req.cookies?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : undefined;
};

/** Resolves `req.auth` from a bearer token. A bad token leaves the request anonymous; endpoints that need a user then answer 401. */
export function authenticate(settings: AuthSettings): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      try {
        req.auth = verifyAccessToken(settings, header.slice('Bearer '.length).trim());
      } catch {
        req.auth = undefined;
      }
    }
    next();
  };
}

export function authEndpoints(db: Db, settings: AuthSettings) {
  return [
    endpoint({
      method: 'post',
      path: '/api/auth/register',
      summary: 'Create a student account and sign in',
      tag: 'auth',
      access: 'public',
      body: registerSchema,
      responses: {
        201: { description: 'Registered and signed in; sets the refresh cookie', schema: sessionSchema },
        409: { description: 'Email already registered (`email_taken`)' },
      },
      handler: async ({ req, res, body }) => {
        sendSession(req, res, 201, await register(db, settings, body));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in with email and password',
      tag: 'auth',
      access: 'public',
      body: loginSchema,
      responses: {
        200: { description: 'Signed in; sets the refresh cookie', schema: sessionSchema },
        401: { description: 'Email or password is incorrect (`invalid_credentials`)' },
        429: { description: 'Too many failed attempts (`too_many_attempts`), with Retry-After' },
      },
      handler: async ({ req, res, body }) => {
        sendSession(req, res, 200, await login(db, settings, body, { ip: req.ip ?? 'unknown' }));
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/auth/refresh',
      summary: 'Rotate the refresh cookie and get a new access token',
      tag: 'auth',
      access: 'public',
      responses: {
        200: { description: 'New access token; the refresh cookie is rotated', schema: sessionSchema },
        401: { description: 'Missing, expired, revoked or reused refresh token' },
      },
      handler: async ({ req, res }) => {
        try {
          sendSession(req, res, 200, await refresh(db, settings, presentedRefreshToken(req)));
        } catch (error) {
          res.clearCookie(REFRESH_COOKIE, cookieOptions(req));
          throw error;
        }
      },
    }),
    endpoint({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Sign out: revoke this session and clear the cookie',
      tag: 'auth',
      access: 'public',
      responses: { 204: { description: 'Signed out' } },
      handler: async ({ req, res }) => {
        await logout(db, presentedRefreshToken(req));
        res.clearCookie(REFRESH_COOKIE, cookieOptions(req));
        res.status(204).end();
      },
    }),
  ];
}
