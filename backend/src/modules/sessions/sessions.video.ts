import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * Which video service hosts the calls (one code path, chosen by configuration): the public or a self-hosted Jitsi
 * without tokens (`jitsi`), JaaS by 8x8 with RS256 room tokens (`jaas`), or a self-hosted Jitsi with token auth,
 * HS256 (`jitsi_jwt`).
 */
export type VideoSettings =
  | { provider: 'jitsi'; domain: string; roomSecret: string }
  | { provider: 'jaas'; domain: '8x8.vc'; appId: string; keyId: string; privateKey: string; roomSecret: string }
  | { provider: 'jitsi_jwt'; domain: string; appId: string; appSecret: string; roomSecret: string };

export interface VideoConfig {
  JITSI_DOMAIN: string;
  JAAS_APP_ID?: string | undefined;
  JAAS_KEY_ID?: string | undefined;
  JAAS_PRIVATE_KEY?: string | undefined;
  JITSI_APP_ID?: string | undefined;
  JITSI_APP_SECRET?: string | undefined;
  JWT_SECRET: string;
}

export function videoSettings(config: VideoConfig): VideoSettings {
  // The room names' key is derived from the server secret, so it is never the secret itself.
  const roomSecret = createHmac('sha256', config.JWT_SECRET).update('meeting-room-names').digest('hex');
  if (config.JAAS_APP_ID && config.JAAS_KEY_ID && config.JAAS_PRIVATE_KEY) {
    return { provider: 'jaas', domain: '8x8.vc', appId: config.JAAS_APP_ID, keyId: config.JAAS_KEY_ID, privateKey: config.JAAS_PRIVATE_KEY.replaceAll('\\n', '\n'), roomSecret };
  }
  if (config.JITSI_APP_ID && config.JITSI_APP_SECRET) {
    return { provider: 'jitsi_jwt', domain: config.JITSI_DOMAIN, appId: config.JITSI_APP_ID, appSecret: config.JITSI_APP_SECRET, roomSecret };
  }
  return { provider: 'jitsi', domain: config.JITSI_DOMAIN, roomSecret };
}

/** The room of a meeting: an HMAC of its id, so nobody can guess or derive another session's room. */
export function roomNameOf(settings: Pick<VideoSettings, 'roomSecret'>, meetingId: string): string {
  const digest = createHmac('sha256', settings.roomSecret).update(meetingId).digest('base64url');
  // Letters and digits only (Jitsi room names are case-insensitive in places): 26 characters of lower-case base32-ish text.
  return `mentorconnect${digest.replace(/[^A-Za-z0-9]/g, '').toLowerCase().slice(0, 26)}`;
}

export interface RoomTicket {
  provider: VideoSettings['provider'];
  domain: string;
  /** What the browser passes to the Jitsi API: `<appId>/<room>` on JaaS. */
  roomName: string;
  jwt: string | null;
}

export interface Participant {
  userId: string;
  name: string;
  email: string;
  moderator: boolean;
}

/**
 * What a participant needs to enter the call now: the room, and on token-protected services a JWT bound to that
 * one room, valid from a minute ago until the call closes (at most two hours).
 */
export function roomTicket(settings: VideoSettings, room: string, who: Participant, now: Date, closesAt: Date): RoomTicket {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = Math.min(Math.floor(closesAt.getTime() / 1000), iat + 2 * 3600);
  const times = { iat, nbf: iat - 60, exp: Math.max(exp, iat + 60) };
  switch (settings.provider) {
    case 'jitsi':
      return { provider: 'jitsi', domain: settings.domain, roomName: room, jwt: null };
    case 'jaas': {
      const token = jwt.sign(
        {
          aud: 'jitsi',
          iss: 'chat',
          sub: settings.appId,
          room,
          ...times,
          context: {
            user: { id: who.userId, name: who.name, email: who.email, moderator: who.moderator ? 'true' : 'false' },
            features: { livestreaming: 'false', recording: 'false', transcription: 'false', 'outbound-call': 'false' },
          },
        },
        settings.privateKey,
        { algorithm: 'RS256', keyid: settings.keyId },
      );
      return { provider: 'jaas', domain: settings.domain, roomName: `${settings.appId}/${room}`, jwt: token };
    }
    case 'jitsi_jwt': {
      const token = jwt.sign(
        { aud: settings.appId, iss: settings.appId, sub: settings.domain, room, ...times, moderator: who.moderator, context: { user: { id: who.userId, name: who.name, email: who.email, moderator: who.moderator } } },
        settings.appSecret,
        { algorithm: 'HS256' },
      );
      return { provider: 'jitsi_jwt', domain: settings.domain, roomName: room, jwt: token };
    }
  }
}

/** The room part of a webhook's `fqn` (`<appId>/<room>` on JaaS). */
export const roomOfFqn = (fqn: string) => fqn.slice(fqn.lastIndexOf('/') + 1).toLowerCase();
