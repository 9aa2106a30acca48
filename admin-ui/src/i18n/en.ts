import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';

// Resource keys are the resource names (= folder names = API path words).
export const en: TranslationMessages = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    auth: { ...englishMessages.ra.auth, username: 'Email' },
  },
  resources: {
    users: {
      name: 'User |||| Users',
      fields: {
        q: 'Search',
        id: 'ID',
        email: 'Email',
        name: 'Name',
        staffRole: 'Staff role',
        status: 'Status',
        emailVerifiedAt: 'Email verified',
        lastLoginAt: 'Last sign-in',
        lockedUntil: 'Locked until',
        workspaceCount: 'Workspaces',
        createdAt: 'Created',
        updatedAt: 'Updated',
      },
    },
    'audit-logs': {
      name: 'Audit log entry |||| Audit logs',
      fields: {
        id: 'ID',
        createdAt: 'When',
        actorId: 'Actor',
        actorKind: 'Actor kind',
        action: 'Action',
        resourceType: 'Resource type',
        resourceId: 'Resource ID',
        workspaceId: 'Workspace',
        workspaceName: 'Workspace name',
        ip: 'IP',
        userAgent: 'User agent',
        before: 'Before',
        after: 'After',
      },
    },
    'system-logs': {
      name: 'System log entry |||| System logs',
      fields: {
        id: 'ID',
        createdAt: 'When',
        level: 'Level',
        component: 'Component',
        message: 'Message',
        context: 'Context',
        stackTrace: 'Stack trace',
        from: 'From',
        to: 'To',
      },
    },
    outbox: {
      name: 'Email |||| Outbox',
      fields: {
        id: 'ID',
        toAddress: 'To',
        subject: 'Subject',
        template: 'Template',
        status: 'Status',
        attempts: 'Attempts',
        lastError: 'Last error',
        textBody: 'Body',
        sentAt: 'Sent',
        createdAt: 'Queued',
      },
    },
  },
};
