import { AttachmentSchema } from '../attachments/attachment.entity.ts';
import { SessionSchema } from '../auth/session.entity.ts';
import { UserSchema } from '../auth/user.entity.ts';
import { TeamMemberSchema, TeamSchema } from '../teams/team.entity.ts';

/** Every entity of the core; plugins add theirs at boot through the SDK. */
export const coreEntities = [UserSchema, SessionSchema, TeamSchema, TeamMemberSchema, AttachmentSchema];
