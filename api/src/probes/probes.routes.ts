import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { findProbeResult } from '@argus/db';
import { defineRoute } from '../http/route';
import { ServiceUnavailableError } from '../http/errors';
import { workflowClient } from '../temporal/workflow-client';

/** Runs the readiness-probe workflow end to end: API → Temporal → worker → Postgres, and reads the row back. */
export const probeRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/probes',
    summary: 'Run the end-to-end readiness probe workflow',
    tags: ['health'],
    auth: 'staff',
    staffPermission: 'system:read',
    successStatus: 200,
    responses: {
      200: {
        description: 'the probe row written by the worker',
        schema: z.object({ probeId: z.string(), workflowId: z.string(), workerIdentity: z.string(), writtenAt: z.string(), roundTripMs: z.number() }),
      },
    },
    handler: async ({ deps }) => {
      const probeId = randomUUID();
      const started = performance.now();
      const handle = await workflowClient.startProbe(deps, probeId);
      const workflowId = handle.workflowId;
      try {
        await handle.result();
      } catch (err) {
        throw new ServiceUnavailableError('The probe workflow did not complete: is a worker running?', {}, { cause: err });
      }
      const row = (await findProbeResult(deps.knex, probeId))!;
      return { probeId, workflowId, workerIdentity: row.workerIdentity, writtenAt: new Date(row.writtenAt).toISOString(), roundTripMs: Math.round(performance.now() - started) };
    },
  }),
];
