import { Branding, Settings } from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import { fallbackLetterhead, type Letterhead } from './mails.js';

/** The cooperative's name, colour, phone and mail subjects, from its catalogue settings. */
export async function readLetterhead(db: CentralDb): Promise<Letterhead> {
  const row = await db
    .selectFrom('cooperative_settings')
    .select(['branding', 'settings'])
    .executeTakeFirst();
  if (!row) return fallbackLetterhead;
  const branding = Branding.parse(JSON.parse(row.branding));
  const settings = Settings.parse(JSON.parse(row.settings));
  return {
    cooperativeName: branding.cooperativeName,
    fullName: branding.fullName,
    primaryColor: branding.primaryColor,
    supportPhone: settings.supportPhone,
    activationMailSubject: settings.activationMailSubject,
    recoveryMailSubject: settings.recoveryMailSubject,
  };
}
