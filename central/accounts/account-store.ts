import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AccountProfile } from '../../src/contract/index.js';
import { isDocumentType, type DocumentType } from '../../src/domain/document.js';
import type { CentralDb } from '../db/index.js';
import type { AccountTable } from '../db/schema.js';

export type Account = Selectable<AccountTable>;

export type NewAccount = {
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  documentType: DocumentType;
  documentNumber: string;
  birthDate: string;
  phone: string;
};

export function findAccountByEmail(db: CentralDb, email: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findAccountById(db: CentralDb, id: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAccountByDocument(
  db: CentralDb,
  type: DocumentType,
  number: string,
): Promise<Account | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('document_type', '=', type)
    .where('document_number', '=', number)
    .executeTakeFirst();
}

/** Inserts a not yet activated account; a taken email or document throws a unique violation. */
export async function insertAccount(db: CentralDb, account: NewAccount, now: Date) {
  const row = {
    id: randomUUID(),
    email: account.email,
    password_hash: account.passwordHash,
    first_name: account.firstName,
    last_name: account.lastName,
    document_type: account.documentType,
    document_number: account.documentNumber,
    birth_date: account.birthDate,
    phone: account.phone,
    activated_at: null,
    created_at: now.toISOString(),
  };
  await db.insertInto('accounts').values(row).execute();
  return row;
}

export async function setPasswordHash(db: CentralDb, id: string, hash: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: hash }).where('id', '=', id).execute();
}

/** Marks the account activated, once: a later activation keeps the first date. */
export async function markActivated(db: CentralDb, id: string, now: Date): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ activated_at: now.toISOString() })
    .where('id', '=', id)
    .where('activated_at', 'is', null)
    .execute();
}

export function toProfile(account: Account): AccountProfile {
  if (!isDocumentType(account.document_type)) {
    throw new Error(`Account ${account.id} has an unknown document type`);
  }
  return {
    email: account.email,
    firstName: account.first_name,
    lastName: account.last_name,
    documentType: account.document_type,
    documentNumber: account.document_number,
    birthDate: account.birth_date,
    phone: account.phone,
  };
}
