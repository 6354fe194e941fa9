import type { Migration } from 'kysely';
import { catalog } from './0001-catalog.js';
import { accounts } from './0002-accounts.js';
import { supplies } from './0003-supplies.js';
import { requests } from './0004-requests.js';
import { staff } from './0005-staff.js';
import { fleet } from './0006-fleet.js';
import { assisted } from './0007-assisted.js';
import { updateChannel } from './0008-update-channel.js';
import { mailOutbox } from './0009-mail-outbox.js';
import { staffRoles } from './0010-staff-roles.js';
import { sharedAttachments } from './0011-shared-attachments.js';
import { bandeja } from './0012-bandeja.js';
import { deliveryTokenSessions } from './0013-delivery-token-sessions.js';

/**
 * Every migration of the central, keyed by its file name. Kysely applies them in key order; a
 * schema change is a new file added here, never an edit of an applied one.
 */
export const centralMigrations: Readonly<Record<string, Migration>> = {
  '0001-catalog': catalog,
  '0002-accounts': accounts,
  '0003-supplies': supplies,
  '0004-requests': requests,
  '0005-staff': staff,
  '0006-fleet': fleet,
  '0007-assisted': assisted,
  '0008-update-channel': updateChannel,
  '0009-mail-outbox': mailOutbox,
  '0010-staff-roles': staffRoles,
  '0011-shared-attachments': sharedAttachments,
  '0012-bandeja': bandeja,
  '0013-delivery-token-sessions': deliveryTokenSessions,
};
