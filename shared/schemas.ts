/**
 * Payload truth for every edge: HTTP bodies and query strings, socket payloads.
 * The server parses with these; clients import the inferred types.
 */
import { z } from 'zod';
import { cleanComment, cleanName, isReservedName, nameProblem, shopDisplayName } from './text.ts';

export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and -');

/** A handle as typed at sign-in: its format only (an account made before a name was reserved can still sign in). */
export const HandleSchema = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ . and -');
/** A handle being taken: the format (ASCII, so nothing invisible fits) and not a reserved name (shared/text.ts). */
export const NewHandleSchema = HandleSchema.refine((h) => !isReservedName(h), 'is reserved (host, admin, moderator, Front Row)');
export const PasswordSchema = z.string().min(8).max(200);

/**
 * A name others will see, as chosen by the member: NFC, whitespace runs made
 * one space, then refused with the reason when it holds a control or
 * invisible/direction-changing character or is reserved (shared/text.ts).
 * The raw bound only stops huge input before the work.
 */
export const DisplayNameSchema = z
  .string()
  .max(400)
  .transform(cleanName)
  .pipe(
    z
      .string()
      .min(1)
      .max(40)
      .superRefine((name, ctx) => {
        const problem = nameProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  );
/** The `name` a shop's sign-in assertion carries: cleaned, never refused (the customer must get in); see shopDisplayName. */
export const ShopNameSchema = z.string().max(4096).transform((name) => shopDisplayName(name));

export const SignupBody = z
  .object({ handle: NewHandleSchema, password: PasswordSchema, displayName: DisplayNameSchema.optional() })
  .strict();
export const LoginBody = z.object({ handle: HandleSchema, password: z.string().min(1).max(200) }).strict();
export const HostLoginBody = z.object({ hostKey: z.string().min(1).max(200) }).strict();
export const ExchangeBody = z.object({ assertion: z.string().min(1).max(4096) }).strict();
/** Overlay token lifetime in days (absent: OVERLAY_TOKEN_DEFAULT_DAYS). */
export const OVERLAY_TOKEN_DEFAULT_DAYS = 180;
export const OVERLAY_TOKEN_MAX_DAYS = 3650;
export const OverlayTokenBody = z
  .object({ expiresInDays: z.number().int().min(1).max(OVERLAY_TOKEN_MAX_DAYS).optional() })
  .strict()
  .optional();
export const ChangePasswordBody = z.object({ current: z.string().min(1).max(200), next: PasswordSchema }).strict();
/** `DELETE /api/me`: confirmed the way the account signs in — its password, or a fresh shop assertion for accounts made by the shop. */
export const DeleteMeBody = z
  .object({ password: z.string().min(1).max(200).optional(), assertion: z.string().min(1).max(4096).optional() })
  .strict()
  .refine((b) => (b.password === undefined) !== (b.assertion === undefined), {
    message: 'send your password (or, for a shop account, a shop sign-in assertion)',
    path: ['password'],
  });

export const PlaybackUrlSchema = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'http(s) URL');
export const CreateStreamBody = z
  .object({ title: z.string().trim().min(1).max(120), playbackUrl: PlaybackUrlSchema.optional() })
  .strict();
/** Path parameters naming a record (`/streams/:id`, `/overlay-tokens/:id`). */
export const IdParams = z.object({ id: IdSchema });
/** Routes that take no body: nothing, or an empty object; anything else is refused, not ignored. */
export const EmptyBody = z.object({}).strict().optional();
export const StreamStatusQuery = z.object({ status: z.enum(['scheduled', 'live', 'ended']).optional() });

export const LedgerQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(128).optional(),
});
export const LeaderboardQuery = z.object({
  streamId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

// ---- socket /live ----
export const JoinPayload = z.object({ streamId: IdSchema, ref: IdSchema.optional() }).strict();
export const LeavePayload = z.object({ streamId: IdSchema }).strict();
export const HeartbeatPayload = z
  .object({ streamId: IdSchema, visible: z.boolean(), playing: z.boolean() })
  .strict();
export const ChestPayload = z.object({ streamId: IdSchema }).strict();
/** What a comment says, cleaned (invisible and control characters removed: shared/text.ts cleanComment) before it is measured. */
export const CommentTextSchema = z.string().max(1000).transform(cleanComment).pipe(z.string().min(1).max(200));
export const InteractPayload = z.discriminatedUnion('kind', [
  z.object({ streamId: IdSchema, kind: z.literal('checkin'), requestId: IdSchema.optional() }).strict(),
  z.object({ streamId: IdSchema, kind: z.literal('like'), requestId: IdSchema.optional() }).strict(),
  z
    .object({ streamId: IdSchema, kind: z.literal('comment'), text: CommentTextSchema, requestId: IdSchema.optional() })
    .strict(),
]);
export const ShareLinkPayload = z.object({ streamId: IdSchema }).strict();
export const UpgradePayload = z.object({ token: z.string().min(1).max(4096) }).strict();

// ---- moderation (host) ----
/** Longest mute the host may give: a day. 0 lifts a mute. */
export const MAX_MUTE_SECONDS = 24 * 3600;
/** Longest slow mode: 10 minutes between a member's comments. 0 turns it off. */
export const MAX_SLOW_MODE_SECONDS = 600;
export const MuteBody = z
  .object({ memberId: IdSchema, seconds: z.number().int().min(0).max(MAX_MUTE_SECONDS) })
  .strict();
export const ModerationBody = z
  .object({ slowModeSeconds: z.number().int().min(0).max(MAX_SLOW_MODE_SECONDS) })
  .strict();
/** A comment's id, server-made (a UUID). */
export const CommentIdParams = z.object({ id: IdSchema });

export type JoinPayload = z.infer<typeof JoinPayload>;
export type HeartbeatPayload = z.infer<typeof HeartbeatPayload>;
export type InteractPayload = z.infer<typeof InteractPayload>;
