import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Staff roles, least privilege, several per member (`staffRoles` of src/contract/staff.ts). The
 * single role `staff` of before could do everything; every member it named is given `mostrador`
 * (the kiosk's staff panel and assisted mode), the least of the roles: IT, reviewers and
 * administrators get theirs with `npm run central -- staff roles EMAIL --role …`.
 */
export const staffRoles: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('staff_member_roles')
      .addColumn('staff_id', 'text', (column) =>
        column.notNull().references('staff_members.id').onDelete('cascade'),
      )
      .addColumn('role', 'text', (column) =>
        column.notNull().check(sql`role in ('mostrador', 'revisor', 'sistemas', 'admin')`),
      )
      .addColumn('granted_at', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('staff_member_roles_pk', ['staff_id', 'role'])
      .execute();
    await sql`
      insert into staff_member_roles (staff_id, role, granted_at)
      select id, 'mostrador', created_at from staff_members
    `.execute(db);
    await db.schema.alterTable('staff_members').dropColumn('role').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema
      .alterTable('staff_members')
      .addColumn('role', 'text', (column) =>
        column
          .notNull()
          .defaultTo('staff')
          .check(sql`role in ('staff')`),
      )
      .execute();
    await db.schema.dropTable('staff_member_roles').execute();
  },
};
