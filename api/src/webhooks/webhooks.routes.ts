import { z } from 'zod';
import { defineRoute } from '../http/route';
import { receiveGitHubDelivery } from './github-webhooks.service';

export const webhookRoutes = [
  defineRoute({
    method: 'post',
    path: '/webhooks/github',
    summary: 'GitHub App webhook intake (signed with X-Hub-Signature-256)',
    tags: ['webhooks'],
    auth: 'public',
    rawBody: true,
    successStatus: 202,
    responses: { 202: { description: 'accepted durably, or ignored', schema: z.object({ status: z.string(), reason: z.string().optional(), workflowId: z.string().optional() }) } },
    handler: ({ deps, req }) =>
      receiveGitHubDelivery(
        deps,
        { event: req.get('x-github-event'), deliveryId: req.get('x-github-delivery'), signature: req.get('x-hub-signature-256') },
        Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      ),
  }),
];
