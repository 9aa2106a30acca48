import * as Sentry from '@sentry/react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSession } from '../auth/useSession';

/** Reacts to sign-in, sign-out and session expiry wherever they come from (this tab, another tab, a failed refresh). */
export function SessionEffects() {
  const session = useSession();
  const queryClient = useQueryClient();
  const userId = session?.user.id ?? null;
  const previous = useRef(userId);

  useEffect(() => {
    Sentry.setUser(userId ? { id: userId } : null);
    // A different (or no) user must never see the previous user's cached data.
    if (previous.current !== userId) queryClient.clear();
    previous.current = userId;
  }, [userId, queryClient]);

  return null;
}
