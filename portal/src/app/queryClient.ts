import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // 4xx answers will not change on retry; transport failures and 5xx might.
        retry: (failureCount, error) =>
          error instanceof ApiError && (error.status === 0 || error.status >= 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
