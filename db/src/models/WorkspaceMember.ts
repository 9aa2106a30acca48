import { Model } from 'objection';

export class WorkspaceMember extends Model {
  static tableName = 'workspace_members';
  static idColumn = ['workspace_id', 'user_id'];
  workspaceId!: string;
  userId!: string;
  role!: 'admin' | 'developer' | 'viewer';
  joinedAt!: Date;

  static relationMappings = () => ({
    user: {
      relation: Model.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'workspaceMembers.userId', to: 'users.id' },
    },
    workspace: {
      relation: Model.BelongsToOneRelation,
      modelClass: Workspace,
      join: { from: 'workspaceMembers.workspaceId', to: 'workspaces.id' },
    },
  });
}

import { User } from './User';
import { Workspace } from './Workspace';
