import { Model } from 'objection';

export class Workspace extends Model {
  static tableName = 'workspaces';
  id!: string;
  name!: string;
  slug!: string;
  description!: string;
  kind!: 'personal' | 'team';
  ownerId!: string;
  maxRepositories!: number;
  maxConcurrentRuns!: number;
  createdAt!: Date;
  updatedAt!: Date;

  static relationMappings = () => ({
    members: {
      relation: Model.HasManyRelation,
      modelClass: WorkspaceMember,
      join: { from: 'workspaces.id', to: 'workspaceMembers.workspaceId' },
    },
  });
}

import { WorkspaceMember } from './WorkspaceMember';
