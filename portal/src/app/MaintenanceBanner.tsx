import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ResponseBody } from '../api/types';

type Notice = ResponseBody<'/api/maintenance', 'get'>;

/** Shown on every page while Argus is in maintenance: reading works, changes are refused until it ends. */
export function MaintenanceBanner() {
  const notice = useQuery({ queryKey: ['maintenance'], queryFn: () => api<Notice>('/api/maintenance', { auth: false }), refetchInterval: 60_000, retry: false });
  if (!notice.data?.enabled) return null;
  return (
    <div role="status" data-testid="maintenance-banner" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900">
      <strong className="font-semibold">Maintenance:</strong> {notice.data.message} You can look around, but changes are paused until it ends.
    </div>
  );
}
