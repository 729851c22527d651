import { Type } from 'typebox';
import { globalActions } from '../../../core/policy.js';
import { roles } from '../../../core/types.js';
import { User } from '../users/schemas.js';

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    /** The second factor, asked for (`second_factor_required`) when the account has one. */
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  },
  { additionalProperties: false },
);

export const Pending = Type.Array(Type.Enum(['password_change', 'totp_enrolment']));

/** The signed-in user, what their session must do before anything else, and what they may do outside any one case. */
export const SignedIn = Type.Object({
  user: User,
  pending: Pending,
  abilities: Type.Object(Object.fromEntries(globalActions.map((action) => [action, Type.Boolean()])), {
    description: 'Each action outside a case (core/policy.ts) and whether this user may take it: the app shows only the pages these allow.',
  }),
});

export const TotpEnrolment = Type.Object({ secret: Type.String(), uri: Type.String(), qrSvg: Type.String() });
export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export const TotpStatus = Type.Object({ enabled: Type.Boolean(), required: Type.Boolean(), recoveryCodesLeft: Type.Integer() });

export const TotpPolicy = Type.Object({
  requiredRoles: Type.Array(Type.Enum([...roles])),
  adminsByOperator: Type.Boolean(),
});
export const TotpPolicyBody = Type.Object({ requiredRoles: Type.Array(Type.Enum([...roles]), { maxItems: roles.length }) }, { additionalProperties: false });
