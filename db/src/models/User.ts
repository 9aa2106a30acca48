import { Model, type Modifiers } from 'objection';

export class User extends Model {
  static tableName = 'users';
  id!: string;
  email!: string;
  name!: string;
  passwordHash!: string;
  emailVerifiedAt!: Date | null;
  status!: 'active' | 'suspended';
  failedLoginCount!: number;
  lockedUntil!: Date | null;
  lastLoginAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;

  static modifiers: Modifiers = {
    publicFields(query) {
      query.select('users.id', 'users.email', 'users.name', 'users.emailVerifiedAt', 'users.status', 'users.createdAt');
    },
  };

  static relationMappings = () => ({
    memberships: {
      relation: Model.HasManyRelation,
      modelClass: WorkspaceMember,
      join: { from: 'users.id', to: 'workspaceMembers.userId' },
    },
  });
}

import { WorkspaceMember } from './WorkspaceMember';
